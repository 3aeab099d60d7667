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

ui_gen 10000 2

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
