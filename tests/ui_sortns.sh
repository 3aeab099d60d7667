#!/bin/bash
# ui_sortns.sh: --all-netns, a re-sort by the Netns column (a job of the
# sorter thread) sorts by the labels the column shows.  Two named
# namespaces (unique names), each with a connection of its own port: sorted
# by Recv-Q (biggest first), the second namespace's row comes first; F6 →
# Netns puts the first one's first, I turns them over (before, the job had
# no labels and kept the rows where they were: one of the two failed).
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
# NS2's connection has the bigger queue
ui_netns_pair s 20000 100 300

# (the interval: no dump, whose collector sorts by itself, meanwhile;
# other namespaces of the host may use the same ports: theirs are left out)
ui_start 200 30 --all-netns -tn --interval=60 --sort=recv-q:desc \
	"'( sport = :$P1 or sport = :$P2 ) and netns sstop-s$$-*'"
ui_wait 'Rows: 2 '
ui_wait_line 4 "^ *$NS2 .* 300 .*127\.0\.0\.1:$P2 "
ui_wait_line 5 "^ *$NS1 .* 100 .*127\.0\.0\.1:$P1 "
# the sort menu, from Recv-Q down to Netns (the last column)
ui_keys F6
ui_wait '^Sort by'
for _ in $(seq 18); do
	ui_keys Down
done
ui_wait '^Netns'
ui_keys Enter
ui_wait_line 2 'Sort: Netns \^'
ui_wait_line 4 "^ *$NS1 .*127\.0\.0\.1:$P1 "
ui_wait_line 5 "^ *$NS2 .*127\.0\.0\.1:$P2 "
# turned over (a job too)
ui_keys I
ui_wait_line 2 'Sort: Netns v'
ui_wait_line 4 "^ *$NS2 .*127\.0\.0\.1:$P2 "
ui_wait_line 5 "^ *$NS1 .*127\.0\.0\.1:$P1 "
ui_keys q
ui_wait 'EXITED 0'
echo ok
