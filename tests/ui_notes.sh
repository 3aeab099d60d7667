#!/bin/bash
# ui_notes.sh: a table named on the command line that this kernel cannot
# dump (SCTP without sctp_diag) is said once on the screen's status line,
# the table stays empty, and nothing else breaks; the default view says
# nothing.  Skips where the kernel has SCTP.
. "$top_srcdir/tests/ui_lib.sh"
[ -d /proc/net/sctp ] && { echo "SKIP: this kernel has SCTP"; exit 77; }
ui_enter_netns "$@"

ui_start 150 30 -S -a -n --interval=0.3
ui_wait 'sctp sockets are not available in this kernel'
ui_screen | grep -q 'Rows: 0 ' || fail "rows listed for a missing table"
ui_stop

ui_start 150 30 -a -n --interval=0.3
ui_wait 'Rows: '
# refreshes (0.3 s each) for 2 s after the first: a note would be there
ui_wait_clock 2
grep -q 'not available' "$UI_TMP/clock.screen" &&
	fail "default view reports a table"
ui_screen | grep -q 'not available' && fail "default view reports a table"
ui_keys q
ui_wait 'EXITED 0'
echo ok
