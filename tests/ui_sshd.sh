#!/bin/bash
# ui_sshd.sh: F9 on the connection of the ssh session sstop runs in.  The
# session is played by a copy of bash named "sshd" that holds a TCP
# connection (fd 3) and runs sstop as its child, as sshd does.  The dialog
# must say that this socket carries our own session (found through the
# process tree, not by name alone); `n` leaves it alone, `y` still closes
# it.  Controls: a connection of a process not named sshd, and one of an
# "sshd" that is not among sstop's ancestors, get no such warning.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

WARN='WARNING: the ssh session sstop runs in'
ENDS='Closing the ssh connection ends this session\.'

cp "$(command -v bash)" "$UI_TMP/sshd" || exit 99

# session FILTER: sstop under a fake sshd that holds a connection to
# 127.0.0.1:5330 on fd 3 (not passed on to sstop, as sshd does not); the
# trailing echo keeps that bash as sstop's parent instead of exec'ing it.
session() {
	local script='exec 3<>/dev/tcp/127.0.0.1/5330 || exit 9
"$SSTOP" -t -n --interval=0.3 "$SESS_FILTER" 3<&-
echo EXITED $?; sleep 30'

	ui_pane 150 30 "SSTOP=$SSTOP SESS_FILTER='$1' $UI_TMP/sshd -c '$script'"
	ui_wait 'F10'
}

# The fake sshd of the pane (sh may or may not exec it), checked to be
# sstop's parent.
sess_pid() {
	local p

	p=$(ui_tmux display -p -t t '#{pane_pid}')
	[ "$(ps -o comm= -p "$p")" = sshd ] || p=$(pgrep -x sshd -P "$p")
	[ -n "$p" ] || fail "no sshd in the pane"
	pgrep -x sstop -P "$p" >/dev/null || fail "sstop's parent is not sshd"
	echo "$p"
}

ui_socks 5330 # the listener the session connects to
ui_socks 5331 0 # a connection held by ui_socks
# an "sshd" outside sstop's process tree, holding a connection for the
# whole test (it once took more than 20 s under ASan on a loaded machine,
# and the connection closed while the test still looked for its owner);
# killed at exit, its sleep ends within a second
"$UI_TMP/sshd" -c 'exec 3<>/dev/tcp/127.0.0.1/5330
for _ in $(seq 600); do sleep 1 3<&-; done' \
	</dev/null >/dev/null 2>&1 &
UI_PIDS+=($!)
other=$!

# our own session's connection: warned, cancel keeps it, y closes it
session 'dport = :5330'
ui_wait 'Rows: 2 '
ui_wait 'kill: on'
sshd=$(sess_pid) || exit 1
port=$(ss -Htnp 'dport = :5330' | grep "pid=$sshd," |
	awk '{ sub(/.*:/, "", $4); print $4 }')
[ -n "$port" ] || fail "ss shows no connection of the session ($sshd)"
ss -Htnp 'dport = :5330' | grep -q "pid=$other," ||
	fail "ss shows no connection of the other sshd ($other)"
ui_wait "sshd\($sshd\)"
ui_wait "sshd\($other\)"
# narrow to the session's connection with the filter line (F4 starts
# from the current filter, selected: End keeps it and types after it)
ui_keys F4
ui_wait '^Filter: dport = :5330 ?$'
ui_keys End " and sport = :$port" Enter
ui_wait "Filter: -t dport = :5330 and sport = :$port "
ui_wait 'Rows: 1 '
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_screen | grep -q "sshd($sshd)" || fail "the dialog does not name sshd"
ui_screen | grep -q -- "$WARN" || fail "no warning for our own session"
ui_screen | grep -Eq -- "$ENDS" || fail "no word that the session ends"
ui_keys n
ui_wait 'kill: cancelled'
[ "$(ss -Htn state established "sport = :$port" | wc -l)" = 1 ] ||
	fail "cancel closed the session's connection"
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_screen | grep -q -- "$WARN" || fail "no warning the second time"
ui_keys y
ui_wait 'kill: 1 of 1 closed'
[ "$(ss -Htn "sport = :$port" | wc -l)" = 0 ] ||
	fail "the session's connection is still there"
ui_keys q
ui_wait 'Rows: 0 '
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# an sshd that is not sstop's ancestor: no warning
session 'dport = :5330'
ui_wait 'Rows: 2 '
ui_wait "sshd\($other\)"
sshd=$(sess_pid) || exit 1
[ "$sshd" != "$other" ] || fail "the other sshd is sstop's parent"
port2=$(ss -Htnp 'dport = :5330' | grep "pid=$other," |
	awk '{ sub(/.*:/, "", $4); print $4 }')
[ -n "$port2" ] || fail "the other sshd holds no connection"
ui_keys F4
ui_wait '^Filter: dport = :5330 ?$'
ui_keys End " and sport = :$port2" Enter
ui_wait "Filter: -t dport = :5330 and sport = :$port2 "
ui_wait 'Rows: 1 '
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_screen | grep -q "sshd($other)" || fail "the dialog does not name sshd"
ui_screen | grep -q -- "$WARN" && fail "warned for an sshd outside the tree"
ui_screen | grep -Eq -- "$ENDS" && fail "said the session ends"
ui_keys n
ui_wait 'kill: cancelled'
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# a process not named sshd: no warning, though sstop runs under sshd
session 'dport = :5331'
ui_wait 'Rows: 1 '
ui_wait 'ui_socks\([0-9]+\)'
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_screen | grep -q -- "$WARN" && fail "warned for a process not named sshd"
ui_screen | grep -Eq -- "$ENDS" && fail "said the session ends"
ui_keys n
ui_wait 'kill: cancelled'
[ "$(ss -Htn state established 'dport = :5331' | wc -l)" = 1 ] ||
	fail "cancel closed the socket"
ui_keys q
ui_wait 'EXITED 0'
echo ok
