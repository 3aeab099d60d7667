#!/bin/bash
# The layers of src/ (see src/Makefile.am's picture, README's hacking
# section): every #include "x.h" of a file in layer L names a header of L or
# of a layer below it.  (Calls are checked at link time by the
# src/LAYER/layer-LAYER programs that `make` builds.)  And no C file of
# src/ or tests/ is over 800 lines: a file that grows past that is split by
# what it holds.
set -u
src=${top_srcdir:-.}/src
order="core collect filter format view ui app"

layer_index() {
	local i=0 l
	for l in $order; do
		[ "$l" = "$1" ] && { echo $i; return; }
		i=$((i + 1))
	done
	echo 99
}

# header name -> layer
declare -A hlayer
for f in "$src"/*/*.h "$src"/*.h; do
	[ -e "$f" ] || continue
	d=$(basename "$(dirname "$f")")
	[ "$d" = src ] && d=app
	hlayer[$(basename "$f")]=$d
done
[ "${#hlayer[@]}" -ge 30 ] || { echo "layers: too few headers found in $src"; exit 1; }

bad=0 checked=0
for f in "$src"/*/*.[ch] "$src"/*.[ch]; do
	[ -e "$f" ] || continue
	d=$(basename "$(dirname "$f")")
	[ "$d" = src ] && d=app
	mine=$(layer_index "$d")
	[ "$mine" = 99 ] && { echo "layers: $f is in no layer"; bad=1; continue; }
	while read -r h; do
		[ "$h" = config.h ] && continue
		l=${hlayer[$h]:-}
		if [ -z "$l" ]; then
			echo "layers: $f includes $h, which is in no layer"
			bad=1
			continue
		fi
		checked=$((checked + 1))
		if [ "$(layer_index "$l")" -gt "$mine" ]; then
			echo "layers: ${f#"$src"/} ($d) includes $h ($l), a higher layer"
			bad=1
		fi
	done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
done
[ "$checked" -ge 100 ] || { echo "layers: only $checked includes checked"; exit 1; }
for f in "$src"/*/*.[ch] "$src"/*.[ch] "${top_srcdir:-.}"/tests/*.[ch] \
	"${top_srcdir:-.}"/tests/fuzz/*.[ch]; do
	[ -e "$f" ] || continue
	n=$(wc -l <"$f")
	if [ "$n" -gt 800 ]; then
		echo "layers: ${f#"${top_srcdir:-.}"/} has $n lines (800 at most)"
		bad=1
	fi
done
echo "layers: $checked includes checked"
exit $bad
