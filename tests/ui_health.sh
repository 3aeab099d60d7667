#!/bin/bash
# ui_health.sh: the health codes on screen, on tests/health_scene's scene
# (see tests/health.sh): sorted by the Health column, the problems come
# first, most urgent first (zero-win, accept-q, rcvbuf, close-wt x5,
# syn-stuck x3), every other row has none; the header counts them; the
# detail pane explains each code in a sentence with its numbers; grouped
# by process (F5), each group counts its states and its health codes.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
check="$top_builddir/tests/json_check"

ui_bg scene "$top_builddir/tests/health_scene"
# the CLOSE-WAIT sockets count once the peer's FIN is 10 s old
for _ in $(seq 60); do
	n=$("$SSTOP" --json -tan state close-wait | "$check" health | grep -c close-wait)
	[ "$n" = 5 ] && break
	sleep 0.5
done
[ "$n" = 5 ] || fail "no 5 close-wait sockets in --json"

ui_start 150 60 -tuan --interval=0.5 --sort=health:desc \
	--columns=netid,state,recv-q,send-q,local,peer,health
ui_wait 'Health: zero-win 1 accept-q 1 rcvbuf 1 close-wt 5 syn-stuck 3 '
ui_wait 'Rows: 29 '
scr=$(ui_screen)
# the rows under the titles (line 3), in order: the column's last word
echo "$scr" | awk 'NR > 3 && NR <= 3 + 29 { print ($NF ~ /^[a-z-]+$/ ? $NF : "-") }' \
	>"$UI_TMP/codes"
printf '%s\n' zero-win accept-q rcvbuf close-wt close-wt close-wt close-wt \
	close-wt syn-stuck syn-stuck syn-stuck >"$UI_TMP/want"
for _ in $(seq 18); do echo -; done >>"$UI_TMP/want"
diff -u "$UI_TMP/want" "$UI_TMP/codes" >&2 || fail "health order on screen"
# each problem row is the one expected
echo "$scr" | sed -n 4p | grep -Eq 'ESTAB .*:7101 +zero-win' || fail "row 1 is not the writer"
echo "$scr" | sed -n 5p | grep -Eq 'LISTEN .*127.0.0.1:7102 .*accept-q' || fail "row 2 is not the listener"
echo "$scr" | sed -n 6p | grep -Eq '^udp +UNCONN .*:7104 .*rcvbuf' || fail "row 3 is not the UDP socket"

# the detail pane, row by row
ui_keys Enter
ui_wait '^Health:'
ui_wait 'zero-window: the peer is not reading: its receive window (is zero|has been zero for [0-9]+ s); [0-9.]+[KM]? bytes wait'
ui_keys Down
ui_wait 'accept-queue-full: 3 connections wait to be accepted and the backlog is 2'
ui_keys Down
ui_wait 'rcvbuf-full: the receive buffer holds [0-9.]+K of its 32K and [0-9]+ packets were dropped'
ui_keys Down
ui_wait 'close-wait: the peer closed the connection [0-9]+ s ago \(more than 10 s\)'
ui_keys End
ui_wait_not '^Health:'
ui_keys Enter
# grouped by process (t): the leaking process's header counts its states
# and codes; its listener's backlog (8) is not added to Send-Q but shown
# as its accept queue's limit
ui_keys t
ui_wait 'cw-leak\([0-9]+\)  6 sockets  Recv-Q 5  Send-Q 0  +CLOSE-WAIT 5 LISTEN 1  accept queue 0/8  health: close-wt 5$'
# (the other process's header is longer than 150 columns: a wider pane)
ui_tmux resize-window -t t -x 230
ui_wait 'health_scene\([0-9]+\)  [0-9]+ sockets  .*  health: zero-win 1 accept-q 1 rcvbuf 1 syn-stuck 3( |$)'
ui_keys q
echo "ui_health: ok"
