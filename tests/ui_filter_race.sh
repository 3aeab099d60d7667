#!/bin/bash
# ui_filter_race.sh: a filter kept (Enter) or previewed while a dump still
# sends the last filter's kernel program.  With --all-netns the collector
# sends the program to every namespace in turn, so with 40 namespaces a
# dump is long and, at --interval=0.1, nearly always under way; each Enter
# on the filter line compiles a new program and frees the last one.  The
# collector sends a copy of its own: once it read the loop's program after
# the loop freed it (a use-after-free that ASan found in CI's sanitizer
# pass, netns_pidns.sh beside other tests' namespaces).  Under ASan such a
# read aborts the screen (EXITED 134 instead of 0); in any build the rows
# each filter keeps are checked.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
# (the screen lists every namespace: ports no other one uses)
free_base 20000
P1=$((B + 1)) P2=$((B + 2))
ui_bg a "$top_builddir/tests/ui_socks" "$P1" 10
ui_bg b "$top_builddir/tests/ui_socks" "$P2" 10 20
# 40 namespaces of our own, each held by a process the cleanup kills
for _ in $(seq 40); do
	unshare -n sleep 300 &
	UI_PIDS+=("$!")
done
ui_start 200 30 --all-netns -tn --interval=0.1 "'sport = :$P1'"
ui_wait 'Rows: 1 '
for _ in $(seq 15); do
	ui_keys F4
	ui_wait '^Filter: '
	ui_keys C-u "sport = :$P2" Enter
	ui_wait 'Rows: 2 '
	ui_keys F4
	ui_wait '^Filter: '
	# previews too: each key a new program, the last one freed
	ui_keys C-u "sport = :$P1 or sport = :$P2"
	# (" or sport = :$P2": 18 characters)
	for _ in $(seq 18); do ui_keys BSpace; done
	ui_keys Enter
	ui_wait 'Rows: 1 '
done
ui_keys q
ui_wait 'EXITED 0'
exit 0
