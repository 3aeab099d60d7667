#!/bin/bash
# ui_tmux.sh: the table shows the sockets ss shows; sorting by Recv-Q puts
# the fullest queue on top and `I` inverts; the detail pane shows rtt, cwnd
# and memory of the selected socket; the selection follows its socket
# across a re-sort.  Real sockets in a private namespace, ss as the oracle.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40001 0 3000 70000
ui_start 160 40 -t -n --interval=0.3
ui_wait '127\.0\.0\.1:40001'

# every socket ss lists is on the screen (the table is big enough)
ui_wait 'Rows: 6 '
screen=$(ui_screen)
while read -r _ _ _ local peer _; do
	echo "$screen" | grep -qF -- "$local" || fail "missing $local"
	echo "$screen" | grep -qF -- "$peer" || fail "missing $peer"
done < <(ss -tnH)
[ "$(ss -tnH | wc -l)" = 6 ] || fail "ss sees $(ss -tnH | wc -l) sockets"

# netid -> state -> recv-q: a number, biggest first; I turns it over
ui_keys '>' '>'
ui_wait 'Recv-Qv'
# the fullest queue on top, the second one second
ui_wait_line 4 'ESTAB +68K '
ui_line 5 | grep -Eq 'ESTAB +2.9K ' || fail "second queue not second"
ui_keys I
ui_wait 'Recv-Q\^'
ui_wait_line 4 ' 0 ' # ascending starts at 0

# select the fullest queue (End), open the detail pane
ui_keys End Enter
ui_wait 'detail'
ui_wait 'rtt:'
screen=$(ui_screen)
echo "$screen" | grep -q 'cwnd:' || fail "no cwnd in the detail pane"
echo "$screen" | grep -q 'rb:' || fail "no socket memory in the detail pane"
echo "$screen" | grep -q 'Recv-Q 70000 bytes' || fail "detail is not the selected socket"

# re-sort: the pane still shows the same socket, now at the top
ui_keys I
ui_wait 'Recv-Qv'
ui_wait_line 4 '68K' # re-sorted
ui_screen | grep -q 'Recv-Q 70000 bytes' || fail "selection did not follow"
ui_keys Down Down
ui_wait_not 'Recv-Q 70000 bytes'
ui_keys q
ui_wait 'EXITED 0'
echo ok
