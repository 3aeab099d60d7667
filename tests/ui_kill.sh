#!/bin/bash
# ui_kill.sh: F9 on the screen, with ss and the peers as the oracle.  A
# selected TCP connection is closed after `y` (gone from ss, the server
# side sees the reset); `A` tags every visible row and one F9 closes them
# all; a cancelled dialog closes nothing; a unix socket is named and left
# out before the question; with --readonly F9 explains and closes nothing.  The Process
# column and the detail pane name the owner as ss -p does.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
PEER="$top_builddir/tests/kill_peer"

# peer NAME ARGS...: the helper, its output in $UI_TMP/NAME.
peer() {
	local name=$1
	shift
	ui_bg "$name" "$PEER" "$@"
}

# (the helper lives 20 s at most: each part starts its own)
# cancel: nothing closed
peer keep tcp 5303 1
ui_start 150 30 -t -n --interval=0.3 "'dport = :5303'"
ui_wait 'Rows: 1 '
ui_wait 'kill: on'
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_screen | grep -q 'peer receives a reset' || fail "no reset warning"
ui_keys n
ui_wait 'kill: cancelled'
[ "$(ss -Htn state established 'dport = :5303' | wc -l)" = 1 ] ||
	fail "cancel closed the socket"

# owners: the Process column and the detail pane, against ss -p
pid=$(ss -Htnp 'dport = :5303' | sed -n 's/.*pid=\([0-9]*\).*/\1/p')
[ -n "$pid" ] || fail "ss shows no owner"
ui_wait "kill_peer\($pid\)"
ui_keys Enter
ui_wait "owners:"
ui_wait "pid $pid .*kill_peer"
ui_keys Enter q
ui_wait 'EXITED 0'
ui_stop

# the selected socket: closed, gone from ss, the peer was reset
peer one tcp 5301 1
ui_start 150 30 -t -n --interval=0.3 "'dport = :5301'"
ui_wait 'Rows: 1 '
ui_keys k
ui_wait 'Close 1 socket\?'
ui_keys y
ui_wait 'closed'
ui_wait 'kill: 1 of 1 closed'
[ "$(ss -Htn 'dport = :5301' | wc -l)" = 0 ] || fail "socket still there"
wait_lines "$UI_TMP/one" 1 'server reset' || fail "one: no reset seen"
ui_keys q
ui_wait 'Rows: 0 '
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# tag all, one kill
peer three tcp 5302 3
ui_start 150 30 -t -n --interval=0.3 "'dport = :5302'"
ui_wait 'Rows: 3 '
ui_keys A
ui_wait 'Tagged: 3 '
ui_keys F9
ui_wait 'Close 3 sockets\?'
ui_keys y
ui_wait 'kill: 3 of 3 closed'
[ "$(ss -Htn 'dport = :5302' | wc -l)" = 0 ] || fail "sockets still there"
wait_lines "$UI_TMP/three" 3 'server reset' ||
	fail "three: fewer than 3 resets seen"
ui_keys q q
ui_wait 'EXITED 0'
ui_stop

# unix: named and left out before any question; y does nothing
peer unix unix "$UI_TMP/x.sock"
ui_start 150 30 -x -l "'src unix:$UI_TMP/x.sock'" --interval=0.3
ui_wait 'Rows: 1 '
ui_keys F9
ui_wait 'None of these sockets can be closed\.'
ui_wait '1 socket cannot be closed \(unix, packet, netlink\.\.\.\): left out\.'
ui_wait 'left out: .*x\.sock'
ui_screen | grep -q 'Close 1' && fail "asked to close a unix socket"
ui_screen | grep -q 'y: close' && fail "offered y for a unix socket"
ui_keys y
ui_wait 'Rows: 1 '
ui_screen | grep -q 'closed' && fail "y closed something"
ss -Hxl "src $UI_TMP/x.sock" | grep -q x.sock || fail "unix socket gone"
ui_keys q q
ui_wait 'EXITED 0'
ui_stop

# --readonly: F9 explains, nothing closed
peer ro tcp 5304 1
ui_start 150 30 --readonly -t -n --interval=0.3 "'dport = :5304'"
ui_wait 'Rows: 1 '
ui_wait 'kill: off \(--readonly\)'
ui_keys F9
ui_wait '^kill: off \(--readonly\)'
ui_screen | grep -q 'Close 1' && fail "--readonly opened the dialog"
[ "$(ss -Htn state established 'dport = :5304' | wc -l)" = 1 ] ||
	fail "--readonly closed the socket"
ui_keys q
ui_wait 'EXITED 0'
echo ok
