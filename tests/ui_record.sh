#!/bin/bash
# ui_record.sh: the screen honours --record (the file replays to the same
# sockets; a file that cannot be written, /dev/full, ends the screen with
# a message and exit 1) and --iterations (it ends by itself after N
# refreshes, exit 0).  Before, both were accepted and ignored.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40007 3
rec=$UI_TMP/rec.dump
ui_start 100 24 -t -n --interval=0.2 --iterations=3 --record="$rec"
ui_wait 'EXITED 0'
[ -s "$rec" ] || fail "--record wrote nothing"
"$SSTOP" --batch -tn --replay="$rec" >"$UI_TMP/replayed" || fail "the recording does not replay"
grep -q '127\.0\.0\.1:40007' "$UI_TMP/replayed" || fail "the recording lacks the listener: $(cat "$UI_TMP/replayed")"
ui_stop
echo "ok: --record and --iterations on the screen"

ui_run 100 24 "$SSTOP" -t --interval=0.2 --record=/dev/full
ui_wait 'EXITED'
ui_screen | grep -q 'EXITED 1' || fail "--record=/dev/full: not exit 1"
ui_screen | grep -q 'cannot write /dev/full' || fail "--record=/dev/full: no message"
ui_stop
echo "ok: --record to a full device"
