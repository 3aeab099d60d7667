#!/bin/bash
# ui_rowcount.sh: the header's "Rows:" counts the sockets that are there,
# not the tombstones of those just gone (shown until the next refresh).
# Before, a listener that closed still counted: "Rows: 1" beside its
# tombstone.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40021
ui_start 160 24 -t -n --interval=1 state listening
ui_wait '127\.0\.0\.1:40021'
ui_wait 'Rows: 1 '
pid=$BG_PID # ui_socks, started by ui_bg
kill "$pid"
# the refresh that finds it gone: tombstone shown, no longer counted
ui_wait 'Rows: 0 '
ui_screen | grep -q '127\.0\.0\.1:40021' || fail "no tombstone when Rows: 0 showed (was it counted?)"
ui_stop
echo ok
