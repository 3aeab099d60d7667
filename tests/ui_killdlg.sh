#!/bin/bash
# ui_killdlg.sh: a kill dialog that cannot mislead, in the own-ssh-session
# scene of ui_sshd.sh (a copy of bash named sshd holds a connection to
# 127.0.0.1:PORT and runs sstop).  With 1, 30 and 500 tagged connections
# to PORT (the session's among them) and the pane resized to 100x12,
# 80x24 and 200x60, the dialog shows the question, the warning that the
# ssh session is among them and the prompt on the last line; `n` closes
# nothing (ss counts them).  At 10x3, `A k y` closes nothing.  Tags hidden
# by a later filter: F9 says so and `s` shows them.  A bracketed paste of
# text with a line break and "Aky" lands on the filter line only.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
ulimit -n 4096 2>/dev/null || { echo "cannot raise the fd limit"; exit 77; }

WARN='WARNING: the ssh session sstop runs in'
ENDS='Closing the ssh connection ends this session\.'
cp "$(command -v bash)" "$UI_TMP/sshd" || exit 99

# session PORT: sstop (200x60) under the fake sshd connected to PORT
session() {
	local script='exec 3<>/dev/tcp/127.0.0.1/'$1' || exit 9
"$SSTOP" -t -n --interval=0.5 state established "dport = :'$1'" 3<&-
echo EXITED $?; sleep 30'

	ui_pane 200 60 "SSTOP=$SSTOP $UI_TMP/sshd -c '$script'"
	ui_wait 'F10'
}

count() {
	ss -Htn state established "dport = :$1" | wc -l
}

# open_dialog N: F9 until the dialog knows the owners (the warning shows)
open_dialog() {
	local q="Close $1 sockets\\?"
	[ "$1" = 1 ] && q='Close 1 socket\?'
	for _ in $(seq 50); do
		ui_keys F9
		ui_wait "$q"
		ui_screen | grep -q -- "$WARN" && return 0
		ui_keys n
		ui_wait 'kill: cancelled'
		sleep 0.1
	done
	fail "the dialog never warned of the ssh session"
}

port=5340
for n in 1 30 500; do
	port=$((port + 1))
	if [ "$n" = 1 ]; then
		ui_socks "$port"
	else
		# shellcheck disable=SC2046
		ui_socks "$port" $(yes 0 | head -$((n - 1)))
	fi
	for size in 100x12 80x24 200x60; do
		w=${size%x*} h=${size#*x}
		session "$port"
		ui_wait "Rows: $n "
		ui_keys A
		ui_wait "Tagged: $n "
		ui_tmux resize-window -t t -x "$w" -y "$h"
		open_dialog "$n"
		scr=$(ui_screen)
		echo "$scr" | grep -Eq -- "$ENDS" || fail "$n at $size: no end of session"
		echo "$scr" | grep -q 'ESTAB' || fail "$n at $size: no count by state"
		echo "$scr" | grep -q 'By process:' || fail "$n at $size: no count by process"
		ui_line "$h" | grep -q 'y: close' ||
			fail "$n at $size: the prompt is not on the last line"
		[ "$n" = 1 ] || echo "$scr" | head -$((h - 1)) | grep -q '<- this ssh session' ||
			fail "$n at $size: the session's socket is not in sight"
		ui_keys n
		ui_wait 'kill: cancelled'
		[ "$(count "$port")" = "$n" ] || fail "$n at $size: n closed something"
		ui_keys q
		ui_wait 'EXITED 0'
		ui_stop
	done
done

# 10x3: the screen says it is too small; A k y close nothing
port=5342 # 30 connections
session "$port"
ui_wait 'Rows: 30 '
ui_tmux resize-window -t t -x 10 -y 3
ui_wait 'termi'
for k in A k y; do
	ui_keys "$k"
	sleep 0.2
done
ui_tmux resize-window -t t -x 150 -y 40
# k opened the dialog: y was not taken while it could not be seen
ui_wait 'Close 30 sockets\?'
[ "$(count "$port")" = 30 ] || fail "10x3: A k y closed sockets"
ui_keys n
ui_wait 'kill: cancelled'
[ "$(count "$port")" = 30 ] || fail "10x3: closed sockets"

# tags hidden by a later filter: said, and s shows them
ui_keys F4
ui_wait '^Filter: dport'
# shellcheck disable=SC2046
ui_keys $(printf 'BSpace %.0s' $(seq 30))
ui_keys "dport = :$port and sport = :1" Enter
ui_wait 'Rows: 0 '
ui_keys F9
ui_wait '30 tagged sockets are hidden by the filter: left out\.'
ui_wait 's: show them'
ui_screen | grep -q 'y: close' && fail "offered y with nothing visible"
ui_keys s
ui_wait 'the filter is cleared'
ui_keys F9
ui_wait 'Close 30 sockets\?'
ui_keys n
ui_wait 'kill: cancelled'
[ "$(count "$port")" = 30 ] || fail "hidden tags: closed sockets"
# hidden by a filter of another table: the same
ui_keys F4
ui_wait_not 'F1Help'
# shellcheck disable=SC2046
ui_keys $(printf 'BSpace %.0s' $(seq 30))
ui_keys -- "-u" Enter
ui_wait 'Rows: 0 '
ui_keys F9
ui_wait '30 tagged sockets are hidden by the filter: left out\.'
ui_keys s
ui_wait 'the filter is cleared'
ui_wait 'Tagged: 30 '

# a bracketed paste: text on the filter line, never keys
ui_keys F4
ui_wait_not 'F1Help'
ui_tmux set-buffer -b p "$(printf 'sport = :9402\nAky')"
ui_tmux paste-buffer -p -b p -t t
ui_wait '^Filter: .*sport = :9402 Aky'
ui_screen | grep -q 'Close ' && fail "the paste opened the kill dialog"
# the header's filter is not the pasted text: the line break was no Enter
ui_line 2 | grep -q '9402' && fail "the paste was taken as Enter"
ui_keys Escape
ui_wait 'F1Help'
[ "$(count "$port")" = 30 ] || fail "the paste closed sockets"
ui_keys q
ui_wait 'EXITED 0'
echo ok
