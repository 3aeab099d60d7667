#!/bin/bash
# ui_owners_first.sh: the first snapshot told to the owners' map in slices
# (src/ui/ui_own.c), one inode a loop step here (SSTOP_OWN_SLICE=1), on
# bench/sstop-gen's ~3000 TCP sockets: the slices took a step each (the
# statistics say how many), keys sent from the first screen until the
# second dump (before, during and after the slices: a dump waits for
# them) are all obeyed, and once the owners' pass is over every row on
# screen (all of them: a pane taller than the table) is one of ss -tanp's,
# with the same state and first owner, and none of ss's is missing.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

ui_gen 1500 3
n_tcp=$(ss -Htan | wc -l)
[ "$n_tcp" -gt 2900 ] || fail "sstop-gen made $n_tcp TCP sockets"

st=$UI_TMP/stats
# stat NAME: the figure NAME of the screen's statistics (rewritten after
# each dump; an empty read while it writes is tried again)
stat() {
	local v
	for _ in $(seq 20); do
		v=$(awk -v k="$1" '$1 == k { print $2 }' "$st" 2>/dev/null)
		[ -n "$v" ] && { echo "$v"; return 0; }
		sleep 0.01
	done
	echo 0
}

# a small pane first (drawing it is quick: the loop turns fast)
ui_run 200 40 SSTOP_OWN_SLICE=1 SSTOP_UI_STATS="$st" \
	"$SSTOP" -tanp --sort=process --interval=1
# I, each a re-sort (a job for the sorter, which holds the owners' lock
# while it reads them: a slice waits for it), from the start (the
# terminal keeps what comes before sstop reads it) until the second dump
keys=0
while [ "$(stat dumps)" -lt 2 ] && [ "$keys" -lt 2000 ]; do
	ui_keys I
	keys=$((keys + 1))
done
[ $((keys % 2)) = 1 ] && dir=v || dir='\^'
ui_wait 'F10'
ui_wait "Sort: Process $dir "
steps=$(stat owners_first_steps)
# one inode a step: a step per socket of the first dump, about n_tcp
[ "$steps" -ge $((n_tcp / 2)) ] ||
	fail "the first snapshot was told in $steps steps ($n_tcp sockets)"
echo "$keys keys, $(stat owners_first_keys) of them during the $steps slices"

# then every row shown at once: a pane taller than the table
ui_tmux resize-window -t t -x 200 -y $((n_tcp + 20)) || fail "resize-window"
ui_wait "1-$n_tcp/$n_tcp "

# ss -tanp's rows as the screen shows them: state, local, peer, first owner
ss -Htanp | awk '{
	o = ""
	if (match($0, /users:\(\("[^"]*",pid=[0-9]+/)) {
		u = substr($0, RSTART + 9, RLENGTH - 9)
		split(u, a, "\",pid=")
		o = a[1] "(" a[2] ")"
	}
	print $1, $4, $5, o
}' | sort >"$UI_TMP/ss"
# the screen's rows, the Process cell cut after its first owner
rows() {
	ui_screen | awk 'f && /^ *F1/ { exit }
		f && NF >= 5 {
			o = $6
			sub(/\).*/, ")", o)
			print $1, $4, $5, o
		}
		/^State .*Recv-Q/ { f = 1 }' | sort
}
# the owners' first pass reads ~3000 fds a few at a time: polled until
# the screen shows what ss says (sockets do not change here)
for _ in $(seq $((UI_WAIT * 10))); do
	rows >"$UI_TMP/screen"
	cmp -s "$UI_TMP/ss" "$UI_TMP/screen" && break
	sleep 0.1
done
diff "$UI_TMP/ss" "$UI_TMP/screen" >"$UI_TMP/diff" ||
	{ head -20 "$UI_TMP/diff"; fail "the rows differ from ss -tanp's"; }
[ "$(wc -l <"$UI_TMP/screen")" = "$n_tcp" ] || fail "not $n_tcp rows"
# the order asked for by the last key: by owner name, sstop-gen-w's
# rows first when descending
if [ "$dir" = v ]; then
	ui_wait_line 4 'sstop-gen-w\('
else
	ui_wait_line 4 'sstop-gen\('
fi
ui_keys q
ui_wait 'EXITED 0'
exit 0
