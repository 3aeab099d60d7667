#!/bin/bash
# ui_rowcount.sh: the header's "Rows:" counts the sockets that are there,
# not the tombstones of those just gone (shown until the next refresh).
# Before, a listener that closed still counted: "Rows: 1" beside its
# tombstone.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40021
# (a tombstone stays one refresh: 3 s, for a capture to see it on a
# loaded machine)
ui_start 160 24 -t -n --interval=3 state listening
ui_wait '127\.0\.0\.1:40021'
ui_wait 'Rows: 1 '
pid=$BG_PID # ui_socks, started by ui_bg
kill "$pid"
# the refresh that finds it gone: tombstone shown, no longer counted, in
# the capture that first shows Rows: 0 (a later one may come after the
# next refresh, which drops the tombstone)
for _ in $(seq $((UI_WAIT * 20))); do
	ui_screen >"$UI_TMP/gone"
	grep -q 'Rows: 0 ' "$UI_TMP/gone" && break
	sleep 0.05
done
grep -q 'Rows: 0 ' "$UI_TMP/gone" || fail "Rows: 0 never showed"
grep -q '127\.0\.0\.1:40021' "$UI_TMP/gone" ||
	fail "no tombstone when Rows: 0 showed (was it counted?): $(cat "$UI_TMP/gone")"
ui_stop
echo ok
