#!/bin/bash
# ui_timer.sh: the Timer column writes ss -o's whole timer:(kind,expiry,
# retransmits) (an orphaned FIN-WAIT-2 socket has a timewait timer), sorts
# by expiry with sockets without a timer last in either direction, and
# keys that change the sort (<, >, I) bring the order back.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40005 1 2
# the client closes first and goes away: FIN-WAIT-2, orphaned, timer on
(exec 3<>/dev/tcp/127.0.0.1/40005 && exec 3>&-) || exit 99
for _ in $(seq 100); do
	want=$(ss -tanoH state fin-wait-2 | grep -o 'timer:([a-z]*,')
	[ -n "$want" ] && break
	sleep 0.05
done
[ "$want" = 'timer:(timewait,' ] || { echo "ss shows: $want"; exit 99; }

ui_start 200 30 -t -a -n -o --sort=timer --interval=0.3
ui_wait 'Timer'
ui_wait '^FIN-WAIT-2 .*timer:\(timewait,[0-9]+sec,0\)'
# ascending: the only timer first; inverted: still first (the others last)
rows() { ui_screen | grep -E '^[A-Z]+(-[A-Z0-9]+)* +[0-9]'; }
first() { rows | head -1; }
first | grep -q FIN-WAIT-2 || fail "timer row not first"
ui_keys I
ui_wait 'Sort: Timer v'
first | grep -q FIN-WAIT-2 || fail "timer row not first when inverted"
# to the Peer column and back by keys (re-sorted off the loop's thread)
# (a new column starts in its own direction: addresses and timers A to Z)
ui_keys '<'
ui_wait 'Sort: Peer Address:Port \^'
for _ in $(seq 100); do first | grep -q LISTEN && break; sleep 0.05; done
first | grep -q LISTEN || fail "peer ascending: the listener (peer *) not first"
ui_keys '>'
ui_wait 'Sort: Timer \^'
for _ in $(seq 100); do first | grep -q FIN-WAIT-2 && break; sleep 0.05; done
first | grep -q FIN-WAIT-2 || fail "back to Timer: timer row not first"
ui_keys q
ui_wait 'EXITED 0'
echo ok
