#!/bin/bash
# man_examples.sh: every example of the man page's EXAMPLES section runs.
#
# Each example command is a `.B sstop ...` line there.  Each runs in batch
# form (--batch added when absent) in a private namespace with sockmix's
# sockets: it must exit 0, and when ss takes the same arguments (no sstop
# option, no sstop extension), print what ss prints.  Kill examples run
# with --readonly (exit 2, nothing closed) and, in this namespace where
# nothing matches them, against ss -K.

. "${top_srcdir:-.}/tests/lib.sh"
: "${top_srcdir:=.}"
page=$top_srcdir/man/sstop.8.in

netns_enter "$@"
tmpdir_make
sockmix_start

# The roff of the example lines, unescaped: \- is -, \e is \.
sed -n '/^\.SH EXAMPLES/,/^\.SH /{s/^\.B sstop /sstop /p}' "$page" |
	sed 's/\\-/-/g; s/\\e/\\/g' >"$TMP/examples"
[ "$(wc -l <"$TMP/examples")" -ge 20 ] ||
	fail "EXAMPLES in $page: $(wc -l <"$TMP/examples") commands found"

# What may legitimately differ between two listers run one after the
# other: each one's own sock_diag socket (-A all), timers that tick (-o),
# ss -s's first two lines (host-wide in ss 6.1, per namespace in sstop:
# see DIFFERENCES FROM SS), the raw ESC of sockmix's hostile unix path that
# sstop shows as \x1b; trailing blanks (a timer's width moves the padding).
normalize() {
	grep -v 'tcpdiag:' |
		sed -E 's/timer:\([^)]*\)/timer:(-)/; /^(Total|TCP):/d; s/\x1b/\\x1b/g' |
		tr -s ' ' | sed -E 's/ +$//'
}

set -f # globs in the examples are for sstop, not for this shell
n=0
while IFS= read -r line; do
	eval "set -- ${line#sstop }" || fail "cannot split: $line"
	batch=() ss_ok=1 kill=0
	case " $* " in *" --batch "*) ;; *) batch=(--batch) ;; esac
	for a in "$@"; do
		case $a in
		--batch) ;;
		--*) ss_ok=0 ;;
		-K) kill=1 ;;
		*proc\ * | *recvq* | *sendq* | *rtt\ * | *uid\ *) ss_ok=0 ;;
		esac
	done
	args=()
	for a in "$@"; do [ "$a" = --batch ] || args+=("$a"); done
	if [ $kill = 1 ]; then
		"$SSTOP" "${batch[@]}" --readonly "$@" >/dev/null 2>"$TMP/err"
		rc=$?
		[ $rc = 2 ] || fail "$line --readonly: exit $rc, not 2"
	fi
	"$SSTOP" "${batch[@]}" "$@" >"$TMP/sstop" 2>"$TMP/err" ||
		fail "$line: exit $?: $(cat "$TMP/err")"
	n=$((n + 1))
	[ $ss_ok = 1 ] || continue
	ss "${args[@]}" 2>/dev/null | normalize >"$TMP/ss"
	normalize <"$TMP/sstop" >"$TMP/sstop.n"
	if ! diff -u "$TMP/ss" "$TMP/sstop.n" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "$line: differs from ss ${args[*]}"
	fi
done <"$TMP/examples"
echo "$n examples run"
exit 0
