#!/bin/bash
# health.sh: the health codes on a real scene (tests/health_scene): a
# writer to a reader that never reads (zero-window), a listener with
# backlog 2 and 6 connects (accept-queue-full; the connects the kernel
# drops stay in SYN-SENT: syn-stuck after 3 s), 5 CLOSE-WAIT sockets of a
# process named cw-leak older than 10 s (close-wait), a UDP socket nobody
# reads while 20 datagrams a 100 ms come (rcvbuf-full), a healthy
# listener and pair.  `--json` must give each socket exactly its code and
# every other socket none.
. "${top_srcdir:-.}/tests/lib.sh"
check="$top_builddir/tests/json_check"

netns_enter "$@"
tmpdir_make
bg_ready scene "$top_builddir/tests/health_scene"

# netid state local-port peer-port health, one line per socket
listing() {
	"$SSTOP" --batch --json -tuan >"$TMP/j" 2>"$TMP/j.err" ||
		fail "sstop --json failed: $(cat "$TMP/j.err")"
	"$check" <"$TMP/j" || fail "--json is not JSON"
	"$check" netid state local.port peer.port health <"$TMP/j"
}

# The CLOSE-WAIT sockets count once the peer's FIN is 10 s old (the
# kernel's last_ack_recv): wait for it, 30 s at most.
for _ in $(seq 60); do
	listing >"$TMP/l"
	[ "$(grep -c ' 7103 [0-9]* close-wait$' "$TMP/l")" = 5 ] && break
	sleep 0.5
done

# what: the awk condition of the sockets, want: their health
expect() {
	local what=$1 want=$2 n=$3 got
	got=$(awk "$what"' { print $5 == "" ? "-" : $5 }' "$TMP/l" | sort | uniq -c |
		awk '{ print $1 " " $2 }')
	[ "$got" = "$n $want" ] || {
		cat "$TMP/l" >&2
		fail "sockets where $what: health '$got', want '$n $want'"
	}
}
expect '$1 == "tcp" && $2 == "ESTAB" && $4 == 7101' zero-window 1
expect '$1 == "tcp" && $2 == "ESTAB" && $3 == 7101' - 1
expect '$2 == "LISTEN" && $3 == 7102' accept-queue-full 1
expect '$2 == "CLOSE-WAIT" && $3 == 7103' close-wait 5
expect '$2 == "FIN-WAIT-2" && $4 == 7103' - 5
expect '$1 == "udp" && $3 == 7104' rcvbuf-full 1
expect '$1 == "udp" && $4 == 7104' - 1
expect '$3 == 7105 || $4 == 7105' - 3
expect '$2 == "ESTAB" && ($3 == 7102 || $4 == 7102)' - 6
# 6 connects, 3 in the queue (backlog 2 + 1): the other SYNs are dropped
expect '$2 == "SYN-SENT"' syn-stuck 3
# no other socket, no other code
[ "$(wc -l <"$TMP/l")" = 29 ] || { cat "$TMP/l" >&2; fail "not 29 sockets"; }
[ "$(awk '$5 != ""' "$TMP/l" | wc -l)" = 11 ] || fail "codes elsewhere"
echo "health: --json ok"

# --metrics: Prometheus' text format, checked by promtool (Debian's
# prometheus package), with the listener's queue and the leaking
# program's CLOSE-WAIT count.
command -v promtool >/dev/null || fail "promtool missing (Debian package prometheus)"
"$SSTOP" --metrics >"$TMP/m" 2>"$TMP/m.err" || fail "--metrics failed: $(cat "$TMP/m.err")"
promtool check metrics <"$TMP/m" >"$TMP/p" 2>&1 || { cat "$TMP/p" >&2; fail "promtool refused --metrics"; }
has() {
	grep -qxF "$1" "$TMP/m" || { cat "$TMP/m" >&2; fail "--metrics lacks: $1"; }
}
lst='netid="tcp",address="127.0.0.1",port="7102",process="health_scene"'
has "sstop_listener_accept_queue{$lst} 3"
has "sstop_listener_accept_queue_limit{$lst} 2"
has "sstop_listener_established{$lst} 3"
has 'sstop_listener_established{netid="tcp",address="127.0.0.1",port="7105",process="health_scene"} 1'
has 'sstop_process_close_wait{process="cw-leak"} 5'
has 'sstop_process_sockets{process="cw-leak",state="CLOSE-WAIT"} 5'
has 'sstop_sockets{netid="tcp",state="CLOSE-WAIT"} 5'
has 'sstop_sockets{netid="tcp",state="SYN-SENT"} 3'
has 'sstop_health_sockets{code="zero_window"} 1'
has 'sstop_health_sockets{code="accept_queue_full"} 1'
has 'sstop_health_sockets{code="rcvbuf_full"} 1'
has 'sstop_health_sockets{code="close_wait"} 5'
has 'sstop_health_sockets{code="syn_stuck"} 3'
has 'sstop_health_sockets{code="retransmitting"} 0'
grep -q '^sstop_tcp_listen_overflows_total [1-9]' "$TMP/m" || fail "no ListenOverflows"
# every family has its HELP and TYPE; every series is unique
[ "$(grep -v '^#' "$TMP/m" | sed 's/ [^ ]*$//' | sort | uniq -d)" = "" ] || fail "a series twice"
echo "health: --metrics ok"
