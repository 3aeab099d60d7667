#!/bin/bash
# batch_events.sh: `sstop --batch -E` against `ss -E`, side by side in a
# private network namespace: both watch while sockmix -e closes a TCP
# connection (both ends, with a reset), its listener and a UDP socket, and
# must print the same lines, layout included (ss prints the header with
# the first event and keeps column widths from one event to the next).
# ss buffers its output, so it runs under stdbuf.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
command -v stdbuf >/dev/null || { echo "SKIP: no stdbuf"; exit 77; }
tmpdir_make

mkfifo "$TMP/in" "$TMP/out" || exit 99
"$top_builddir/tests/sockmix" -e <"$TMP/in" >"$TMP/out" &
mix=$!
on_exit "kill $mix 2>/dev/null; wait $mix 2>/dev/null"
exec 8>"$TMP/in" 7<"$TMP/out"
read -r -t 10 line <&7 || fail "sockmix -e did not start"

stdbuf -o0 ss -E >"$TMP/ss" 2>/dev/null &
ss_pid=$!
on_exit "kill $ss_pid 2>/dev/null; wait $ss_pid 2>/dev/null"
"$SSTOP" --batch -E >"$TMP/sstop" 2>"$TMP/sstop.err" &
st_pid=$!
on_exit "kill $st_pid 2>/dev/null; wait $st_pid 2>/dev/null"
"$SSTOP" --batch -E -H dport = :7310 >"$TMP/filtered" 2>&1 &
f_pid=$!
on_exit "kill $f_pid 2>/dev/null; wait $f_pid 2>/dev/null"

# Both subscribe at start: wait until the namespace has the three
# sock_diag sockets that joined the destroy groups.
wait_subscribed 3 ||
	{ cat /proc/net/netlink >&2; fail "ss -E and sstop -E did not subscribe"; }
echo close >&8
read -r -t 10 line <&7 || fail "sockmix -e did not close its sockets"
[ "$line" = closed ] || fail "sockmix -e: $line"

# Four sockets went: wait until both have printed them (header + 4), the
# filtered one its line, and the three have read every event (their
# subscribed sockets' receive queues are empty).
for _ in $(seq 100); do
	[ "$(wc -l <"$TMP/ss")" -ge 5 ] && [ "$(wc -l <"$TMP/sstop")" -ge 5 ] &&
		[ -s "$TMP/filtered" ] && break
	sleep 0.1
done
wait_drained || fail "events left unread"
kill "$ss_pid" "$st_pid" "$f_pid" 2>/dev/null
wait "$st_pid" "$f_pid" 2>/dev/null

[ "$(wc -l <"$TMP/ss")" = 5 ] || { cat "$TMP/ss" >&2; fail "ss -E did not print 4 events"; }
if ! diff -u "$TMP/ss" "$TMP/sstop" >"$TMP/diff"; then
	cat "$TMP/diff" "$TMP/sstop.err" >&2
	fail "sstop --batch -E differs from ss -E"
fi
grep -q '^tcp .*127\.0\.0\.1:7310 ' "$TMP/sstop" || fail "no TCP event"
grep -q '^udp .*127\.0\.0\.1:7353 ' "$TMP/sstop" || fail "no UDP event"
# The filter applies to events: only the server end of the connection.
[ "$(wc -l <"$TMP/filtered")" = 1 ] ||
	{ cat "$TMP/filtered" >&2; fail "-E with a filter printed other sockets"; }
grep -q '127\.0\.0\.1:7300 *127\.0\.0\.1:7310' "$TMP/filtered" ||
	fail "-E with a filter missed its socket"
exit 0
