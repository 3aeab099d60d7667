#!/bin/bash
# rates_kernel.sh: throughput from tcp_info against a sender paced by a
# timer (tests/pace: 500 kB/s and 4 MB/s over loopback, in a private
# network namespace).  --json --iterations: tx_rate on the sending end and
# rx_rate on the reading end within 10% of the paced rate, "time" in every
# document; a socket's first document carries no rate; a stopped sender's
# rate is 0 once a whole interval has passed since it stopped; UDP never
# has one.  --batch --sort=tx-rate:desc lists the biggest sender first.
. "${top_srcdir:-.}/tests/lib.sh"
check="$top_builddir/tests/json_check"

# A recording of several refreshes replays one per iteration, with the
# recorded times: the rates are the recorded ones, whatever the clock
# (tests/data/rates.dump: the same two senders, stopped for 2 s).
rj=$("$SSTOP" --replay "$top_srcdir/tests/data/rates.dump" --json -tn --iterations=14) ||
	fail "--replay --json failed"
r=$(for d in 2 8; do
	sed -n "${d}p" <<<"$rj" | "$check" local.port peer.port tx_rate rx_rate
done | tr '\n' ' ')
[ "$r" = "47112 45000 493056 0 47124 45000 3944452 0 45000 47112 0 502538 45000 47124 0 4020306 \
47112 45000 0 0 47124 45000 0 0 45000 47112 0 0 45000 47124 0 0 " ] ||
	fail "replayed rates: $r"

netns_enter "$@"
tmpdir_make

# On a loaded machine a late sender or a late dump would move bytes from
# one interval to the next: both run at a real-time priority when they can.
rt=
chrt -f 5 true 2>/dev/null && rt="chrt -f 5"
bg_ready pace $rt "$top_builddir/tests/pace" 45000 500000 4000000
PACE=$BG_PID
slow=$(sed -n 's/^conn 0 //p' "$TMP/pace")
fast=$(sed -n 's/^conn 1 //p' "$TMP/pace")
[ -n "$slow" ] && [ -n "$fast" ] || fail "pace: no ports"
exec 5<>/dev/udp/127.0.0.1/9 || exit 99

# within PCT % of WANT
near() { awk -v v="$1" -v w="$2" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= w / 10) }'; }
# the documents of FILE: "local peer tx rx" per socket, document N
doc() { sed -n "${2}p" "$1" | "$check" local.port peer.port tx_rate rx_rate netid; }
# the value of column N for the socket local:peer in document D of FILE
val() { doc "$1" "$2" | awk -v l="$3" -v p="$4" -v c="$5" '$1 == l && $2 == p { print $c }'; }

$rt "$SSTOP" --json -tun --iterations=3 --interval=1 >"$TMP/j" || fail "sstop --json failed"
[ "$(wc -l <"$TMP/j")" = 3 ] || fail "not 3 documents"
for d in 1 2 3; do
	sed -n "${d}p" "$TMP/j" | "$check" >/dev/null || fail "document $d is not JSON"
	sed -n "${d}p" "$TMP/j" | grep -Eq '"time":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z"\}$' ||
		fail "document $d has no RFC 3339 time"
done
# the first document: no rates yet
doc "$TMP/j" 1 | awk '$3 != "-" || $4 != "-" { exit 1 }' || fail "rates in the first document"
for d in 2 3; do
	for pr in "$slow 500000" "$fast 4000000"; do
		set -- $pr
		tx=$(val "$TMP/j" $d "$1" 45000 3)
		rx=$(val "$TMP/j" $d 45000 "$1" 4)
		near "$tx" "$2" || fail "doc $d: sender :$1 tx_rate $tx, paced at $2"
		near "$rx" "$2" || fail "doc $d: reader of :$1 rx_rate $rx, paced at $2"
		echo "doc $d: paced $2: tx_rate $tx rx_rate $rx"
	done
	# UDP: no counters, no rate
	doc "$TMP/j" $d | awk '$5 == "udp" && ($3 != "-" || $4 != "-") { exit 1 }' ||
		fail "a UDP socket with a rate"
	doc "$TMP/j" $d | grep -q ' udp$' || fail "no UDP socket listed"
done

# top talkers: one listing (the first dump is the base), biggest first
$rt "$SSTOP" --batch -tn --iterations=2 --interval=0.5 --sort=tx-rate:desc >"$TMP/top" ||
	fail "--batch --sort=tx-rate failed"
[ "$(grep -c '^State' "$TMP/top")" = 1 ] || fail "--sort=tx-rate: not one listing"
sed -n 2p "$TMP/top" | grep -q "127.0.0.1:$fast " || fail "--sort=tx-rate:desc: 4 MB/s sender not first"
sed -n 3p "$TMP/top" | grep -q "127.0.0.1:$slow " || fail "--sort=tx-rate:desc: 500 kB/s sender not second"
$rt "$SSTOP" --json -tn --iterations=2 --interval=0.5 --sort=rx-rate >"$TMP/rx" || fail "--json --sort=rx-rate failed"
[ "$(wc -l <"$TMP/rx")" = 1 ] || fail "--json --sort=rx-rate: not one document"
doc "$TMP/rx" 1 | tail -1 | grep -q "^45000 $fast " || fail "--sort=rx-rate: the 4 MB/s reader not last"

# a new socket, then a stop: one run, documents every 0.5 s
$rt "$SSTOP" --json -tn --iterations=8 --interval=0.5 >"$TMP/k" &
RUN=$!
on_exit "kill $RUN 2>/dev/null"
wait_lines "$TMP/k" 2 sockets || fail "no documents"
bg_ready pace2 $rt "$top_builddir/tests/pace" 45001 1000000
new=$(sed -n 's/^conn 0 //p' "$TMP/pace2")
wait_lines "$TMP/k" 4 sockets || fail "documents stopped"
kill -USR1 "$PACE"
stop=$(date +%s.%N)
wait "$RUN" || fail "sstop --json (8 iterations) failed"
n=$(wc -l <"$TMP/k")
[ "$n" = 8 ] || fail "$n documents, not 8"
first=
for d in $(seq 1 8); do
	v=$(val "$TMP/k" $d "$new" 45001 3)
	[ -n "$v" ] || continue
	if [ -z "$first" ]; then
		first=$d
		[ "$v" = - ] || fail "new socket: a rate ($v) in its first document"
	elif [ $d = $((first + 1)) ]; then
		near "$v" 1000000 || fail "new socket: tx_rate $v, paced at 1000000"
	fi
done
[ -n "$first" ] && [ "$first" -lt 8 ] || fail "new socket not seen twice"
# the first document whose previous dump began after the stop (+20 ms)
epoch() { date -d "$(sed -n "${2}p" "$1" | grep -o '"time":"[^"]*' | cut -d'"' -f4)" +%s.%N; }
after=
for d in $(seq 2 8); do
	awk -v t="$(epoch "$TMP/k" $((d - 1)))" -v s="$stop" 'BEGIN { exit !(t > s + 0.02) }' && { after=$d; break; }
done
[ -n "$after" ] || fail "no document a whole interval after the stop"
for p in "$slow" "$fast"; do
	v=$(val "$TMP/k" $after "$p" 45000 3)
	[ "$v" = 0 ] || fail "stopped sender :$p: tx_rate $v in document $after"
	v=$(val "$TMP/k" $after 45000 "$p" 4)
	[ "$v" = 0 ] || fail "stopped sender's reader :$p: rx_rate $v in document $after"
done
echo ok
