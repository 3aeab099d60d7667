#!/bin/bash
# ui_sort_race.sh: re-sorts in the sorter thread while dumps keep arriving
# (a use-after-free stress, not a timing test).  On bench/sstop-gen's 20 000
# sockets sorted by Process (the slowest keys: owners), refreshed every
# 0.1 s, 300 keys: I turns the order over, > and < sort by another column
# and back, each key waited for on the header (one re-sort job per key).  A take of a dump while a job read
# the model's rows freed or recycled them (the loop chose to poll the
# collector before the step's re-sort began): sstop died of SIGSEGV in
# about half the runs.  Checks sstop is alive after every fourth key,
# quits with status 0, and its last order is the one asked for.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

gen=$top_builddir/bench/sstop-gen
[ -x "$gen" ] || { echo "no $gen"; exit 77; }
# its stdin (held open here) keeps it running
mkfifo "$UI_TMP/hold" || exit 99
"$gen" -n 10000 -P 2 -q --lifetime 600 <"$UI_TMP/hold" >"$UI_TMP/gen.out" 2>&1 &
gen_pid=$!
exec 8>"$UI_TMP/hold"
on_exit "exec 8>&-; kill $gen_pid 2>/dev/null; wait $gen_pid 2>/dev/null"
for _ in $(seq 1200); do
	grep -q '^ready' "$UI_TMP/gen.out" && break
	kill -0 "$gen_pid" 2>/dev/null || break
	sleep 0.05
done
grep -q '^ready' "$UI_TMP/gen.out" || { cat "$UI_TMP/gen.out"; fail "sstop-gen did not start"; }

ui_start 160 20 -tanp --sort=process --interval=0.1
ui_wait 'TCP 20[0-9]{3} '
pid=$(ui_pid) || fail "no sstop in the pane"
n=0
for i in $(seq 75); do
	# turned over twice, then away to another column and back (a full
	# re-sort)
	ui_keys I
	ui_wait 'Sort: Process v'
	ui_keys I
	ui_wait 'Sort: Process \^'
	ui_keys '>'
	ui_wait 'Sort: Netid'
	ui_keys '<'
	ui_wait 'Sort: Process \^'
	n=$((n + 4))
	kill -0 "$pid" 2>/dev/null || fail "sstop died after $n keys"
done
# the last key asked for ascending: the rows come to it (the listeners,
# sstop-gen's, before its workers' sstop-gen-w)
ui_wait_line 4 'sstop-gen\('
kill -0 "$pid" 2>/dev/null || fail "sstop died"
ui_keys q
ui_wait 'EXITED 0'
exit 0
