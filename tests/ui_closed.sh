#!/bin/bash
# ui_closed.sh: the closed-connection log on screen (E), through tmux, in a
# private network namespace.  The screen refreshes every 5 s; 300
# connections each send 20 000 bytes to tests/churn's server (churn-srv)
# and close within a few milliseconds, between two refreshes: all 300
# server ends must be in the log with their bytes (tcp_info's
# bytes_received: 20 000 and the client's FIN), a lifetime under a second
# and the server's process name; `sstop --batch --json -E` running at the
# same time must report the same 300 (the same client ports).  The filter
# line filters the log (dport = :7301 keeps exactly the 300 client ends),
# Enter shows an entry's final detail, and the header counts the closes;
# in the table, a row that just went shows its final counters.

. "${top_srcdir:=.}/tests/ui_lib.sh"
ui_enter_netns "$@"
TMP=$UI_TMP

ui_bg srv "$top_builddir/tests/churn" -s 7301
"$SSTOP" --batch --json -E --interval 5 >"$UI_TMP/json" 2>&1 &
UI_PIDS+=($!)
# tall enough for the 300 rows at once
ui_start 160 320 --interval 5 -p
ui_keys E
ui_wait 'Closed connections: 0 shown'

# both sstops subscribed (sock_diag sockets with groups)
for _ in $(seq 200); do
	[ "$(awk '$2 == 4 && $4 != "00000000"' /proc/net/netlink | wc -l)" -ge 2 ] &&
		break
	sleep 0.05
done

"$top_builddir/tests/churn" -c 7301 -n 300 -b 20000 >"$UI_TMP/cli" ||
	fail "churn client failed"
ui_wait 'Closed connections: 600 shown of 600 logged'
ui_wait 'closes [0-9.]+/s'

# the server ends: local port 7301
ui_keys '\' 'sport = :7301' Enter
ui_wait 'Closed connections: 300 shown of 600 logged'
# owners come from the /proc scan, whose first pass may still be running
for _ in $(seq 200); do
	[ "$(ui_screen | grep -c ' 127\.0\.0\.1:7301 .*churn-srv(')" -ge 300 ] &&
		break
	sleep 0.05
done
ui_screen | grep ' 127\.0\.0\.1:7301 ' >"$UI_TMP/srv"
[ "$(wc -l <"$UI_TMP/srv")" = 300 ] ||
	fail "not 300 server ends on screen: $(wc -l <"$UI_TMP/srv")"
# columns: time netid local peer received acked retr rtt life process
no_rows "$UI_TMP/srv" '$5 != 20001' "server ends without their 20 000 bytes (+FIN)"
no_rows "$UI_TMP/srv" '$9 !~ /^~?[0-9]+ms$/' "server ends without a lifetime under 1 s"
no_rows "$UI_TMP/srv" '$10 !~ /^churn-srv\([0-9]+\)/' "server ends without the server's name"

# the same 300 in --json -E: the same client ports
awk '{ sub(/.*:/, "", $4); print $4 }' "$UI_TMP/srv" | sort >"$UI_TMP/ports.screen"
for _ in $(seq 200); do
	[ "$(grep -c '"event":"destroy"' "$UI_TMP/json")" -ge 600 ] && break
	sleep 0.05
done
{ printf '{"sockets":['; paste -sd, "$UI_TMP/json"; printf ']}'; } |
	"$top_builddir/tests/json_check" local.port peer.port >"$UI_TMP/json.t" ||
	fail "--json -E printed invalid JSON"
awk '$1 == 7301 { print $2 }' "$UI_TMP/json.t" | sort >"$UI_TMP/ports.json"
cmp -s "$UI_TMP/ports.screen" "$UI_TMP/ports.json" ||
	fail "the screen and --json -E differ: $(diff "$UI_TMP/ports.screen" "$UI_TMP/ports.json" | head -5)"

# the client ends: dport = :7301 keeps exactly those
ui_keys '\'
for _ in $(seq 20); do ui_keys BSpace; done
ui_keys 'dport = :7301' Enter
ui_wait 'Closed connections: 300 shown of 600 logged'
# the header reaches the terminal before the rows below it: the rows are
# taken again until they are the new filter's (or the wait runs out)
for _ in $(seq $((UI_WAIT * 20))); do
	ui_screen | grep ' 127\.0\.0\.1:[0-9]' >"$UI_TMP/cli.screen"
	[ "$(awk '$4 == "127.0.0.1:7301"' "$UI_TMP/cli.screen" | wc -l)" = 300 ] &&
		break
	sleep 0.05
done
[ "$(awk '$4 == "127.0.0.1:7301"' "$UI_TMP/cli.screen" | wc -l)" = 300 ] ||
	fail "dport = :7301 did not keep the 300 client ends"
[ "$(awk '$3 == "127.0.0.1:7301"' "$UI_TMP/cli.screen" | wc -l)" = 0 ] ||
	fail "dport = :7301 kept a server end"

# a sort column chosen by keys starts in its own direction: names A to
# Z, numbers biggest first (< from Closed: Process, then Life); I inverts
ui_keys '<'
ui_wait 'Sort: Process \^'
ui_keys '<'
ui_wait 'Sort: Life v'
# (lifetimes in ms, longest first)
life() {
	ui_screen | grep ' 127\.0\.0\.1:[0-9]' | awk '{ print $9 }' | tr -d '~ms'
}
# life_first EXTREME: until the first row's lifetime is the list's
# EXTREME (head: the shortest, tail: the longest), from one capture each
# time (the sort runs in its own thread: the header shows the new order a
# moment before the rows do).
life_first() {
	local l
	for _ in $(seq $((UI_WAIT * 20))); do
		l=$(life)
		[ -n "$l" ] && [ "$(echo "$l" | head -1)" = \
			"$(echo "$l" | sort -n | "$1" -1)" ] && return 0
		sleep 0.05
	done
	return 1
}
life_first tail || fail "Life v: the longest is not first"
ui_keys I
ui_wait 'Sort: Life \^'
life_first head || fail "Life ^: the shortest is not first"

# Enter: the final detail of the selected entry
ui_keys Enter
ui_wait 'closed connection \(Enter closes\)'
ui_wait 'bytes_sent:20000'
ui_keys Enter
# E goes back to the table
ui_keys E
ui_wait 'Sort: Netid'

# A tombstone shows the final counters: a connection held open, its server
# end selected with the detail open, refreshing paused; the client goes,
# and the row's tcp_info becomes the final one (the FIN counted), and the
# row leaves the header's shown: counts.
ui_keys '\'
for _ in $(seq 20); do ui_keys BSpace; done
ui_keys 'sport = :7301' Enter
"$top_builddir/tests/churn" -c 7301 -n 1 -b 100 -H 60 >/dev/null &
held=$!
UI_PIDS+=($held)
ui_wait 'ESTAB .*127\.0\.0\.1:7301 '
ui_keys Enter
ui_wait 'bytes_received:100 '
ui_keys p
ui_wait 'PAUSED'
ui_wait 'shown: TCP 1 \(estab 1\)'
kill "$held"
ui_wait 'bytes_received:101 '
# and it left the header's counts at once, refreshing paused
ui_wait 'shown: TCP 0( |$)'
ui_stop
exit 0
