#!/bin/bash
# closed_json.sh: `sstop --batch --json -E` in a private network namespace.
# A server (tests/churn, named with a control character to check escaping)
# listens on 7301; 300 connections each send 20 000 bytes and close at
# once, while sstop dumps only every 5 s: every one of the 600 sockets
# (both ends) must come out as one strict JSON object per line, the server
# ends with every byte received, a lifetime under a second and the
# server's name (from the listener: they were never dumped alive); a second
# sstop with `dport = :7301` gets exactly the 300 client ends.  A
# connection held across dumps is seen alive: lifetime, state, owners.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
check="$top_builddir/tests/json_check"
churn="$top_builddir/tests/churn"

bg_ready srv "$churn" -s 7301 -N "$(printf 'churn\033srv')"

# Waits until FILE holds N destroy events (20 s at most).
wait_events() {
	for _ in $(seq 400); do
		[ "$(grep -c '"event":"destroy"' "$1")" -ge "$2" ] && return 0
		sleep 0.05
	done
	return 1
}

"$SSTOP" --batch --json -E -p --interval 5 >"$TMP/all" 2>"$TMP/all.err" &
all=$!
on_exit "kill $all 2>/dev/null; wait $all 2>/dev/null"
"$SSTOP" --batch --json -E --interval 5 dport = :7301 >"$TMP/flt" \
	2>"$TMP/flt.err" &
flt=$!
on_exit "kill $flt 2>/dev/null; wait $flt 2>/dev/null"
wait_subscribed 2 || fail "sstop never subscribed to the destroy groups"

"$churn" -c 7301 -n 300 -b 20000 >"$TMP/cli" || fail "churn client failed"
wait_events "$TMP/all" 600 ||
	{ cat "$TMP/all.err" >&2; fail "not 600 events: $(wc -l <"$TMP/all")"; }
wait_events "$TMP/flt" 300 || { cat "$TMP/flt.err" >&2; head -2 "$TMP/flt" >&2; fail "filtered: $(wc -l <"$TMP/flt") events, not 300"; }
# anything more would be read by now (nothing else closes in this
# namespace): both have read every event queued for them
wait_drained || fail "events left unread"
kill "$all" "$flt"
wait "$all" "$flt" 2>/dev/null

# Each line is one object; together they make one strict document.
doc() { printf '{"sockets":['; paste -sd, "$1"; printf ']}'; }
fields="local.port peer.port tcp_info.bytes_received lifetime owners.name
	owners_via seen"
# shellcheck disable=SC2086
doc "$TMP/all" | "$check" $fields >"$TMP/all.t" ||
	fail "--json -E printed invalid JSON"
[ "$(wc -l <"$TMP/all")" = 600 ] || fail "not one line per socket"

# The server ends: local port 7301, every byte received, short-lived, and
# named after the listener's process: its real name, which JSON escapes
# its own way (a parser gets the ESC back).  tcp_info's bytes_received
# is the kernel's count in sequence space, as ss -i prints it: the
# client's FIN counts one, so 20 000 bytes sent and a close make 20001.
awk '$1 == 7301' "$TMP/all.t" >"$TMP/srv.t"
[ "$(wc -l <"$TMP/srv.t")" = 300 ] || fail "not 300 server ends"
no_rows "$TMP/srv.t" '$3 != 20001' "server ends without bytes_received 20001"
no_rows "$TMP/srv.t" '$4 == "-" || $4 >= 1' "server ends without a lifetime under 1 s"
no_rows "$TMP/srv.t" '$5 != "churn\033srv"' "server ends without the server's name"
grep -q "$(printf '\033')" "$TMP/all" && fail "a raw escape reached the output"
# The client ends: peer port 7301.
[ "$(awk '$2 == 7301' "$TMP/all.t" | wc -l)" = 300 ] ||
	fail "not 300 client ends"

# A connection alive across dumps (held 2.5 s, sstop dumping every 0.5 s)
# is seen: its lifetime from the first dump, its state and health then,
# and its own owners.
"$SSTOP" --batch --json -E -p --interval 0.5 >"$TMP/seen" 2>"$TMP/seen.err" &
seen=$!
on_exit "kill $seen 2>/dev/null; wait $seen 2>/dev/null"
wait_subscribed 1
"$churn" -c 7301 -n 1 -b 100 -H 2.5 >"$TMP/cli1" || fail "held client failed"
wait_events "$TMP/seen" 2 || fail "the held connection's events never came"
kill "$seen"
wait "$seen" 2>/dev/null
doc "$TMP/seen" | "$check" local.port seen lifetime last_state owners_via \
	owners.name health >"$TMP/seen.t" || fail "invalid JSON (seen)"
cli=$(awk '$1 != 7301' "$TMP/seen.t")
echo "seen: $(cat "$TMP/seen.t" | tr "\n" "|")"
srv=$(awk '$1 == 7301' "$TMP/seen.t")
# (a dump may see the client end's TIME-WAIT, which has no owner, before
# the event of its end arrives: then that is what was last seen of it)
case $cli in
*" true "*" ESTAB seen churn-cli "* | *" true "*" TIME-WAIT "*) ;;
*) fail "the held client end was not seen alive: $cli" ;;
esac
case $srv in
*" true "*" seen churn"*) ;;
*) fail "the held server end was not seen alive: $srv" ;;
esac
# seen from the first dump that listed it: some time, under its 2.5 s
# (plus whatever a loaded machine adds)
echo "$cli" | awk '{ exit !($3 > 0 && $3 < 30) }' ||
	fail "lifetime of the held connection: $cli"

# The filter keeps exactly the client ends.
doc "$TMP/flt" | "$check" peer.port >"$TMP/flt.t" ||
	fail "--json -E with a filter printed invalid JSON"
[ "$(wc -l <"$TMP/flt.t")" = 300 ] || fail "filter: $(wc -l <"$TMP/flt.t") events, not 300: $(sort "$TMP/flt.t" | uniq -c | head -3)"
[ "$(grep -cvx 7301 "$TMP/flt.t")" = 0 ] || fail "filter let others through"
exit 0
