#!/bin/bash
# ui_rates.sh: the tx-rate and rx-rate columns on screen against a sender
# paced by a timer (tests/pace, 500 kB/s and 4 MB/s over loopback): each
# end's rate within 10% of the paced rate, the biggest sender first when
# sorted by tx-rate, "-" for a UDP socket (no byte counters) and for every
# row before its second refresh; the header's total and the process's
# group (F5) sum the rates.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

# On a loaded machine a late sender or a late dump would move bytes from
# one interval to the next: both run at a real-time priority when they can.
rt=
chrt -f 5 true 2>/dev/null && rt="chrt -f 5"
SSTOP="$rt $SSTOP"
ui_bg pace $rt "$top_builddir/tests/pace" 45000 500000 4000000
slow=$(sed -n 's/^conn 0 //p' "$UI_TMP/pace")
fast=$(sed -n 's/^conn 1 //p' "$UI_TMP/pace")
[ -n "$slow" ] && [ -n "$fast" ] || exit 99
exec 5<>/dev/udp/127.0.0.1/9 || exit 99

# "3.8M/s" -> bytes per second (K, M: 1024-based, as the screen writes)
bytes() { awk -v v="$1" 'BEGIN { n = v + 0; u = substr(v, length(v) - 2, 1);
	if (u == "K") n *= 1024; else if (u == "M") n *= 1048576; printf "%.0f", n }'; }
near() { awk -v v="$1" -v w="$2" 'BEGIN { d = v - w; if (d < 0) d = -d; exit !(d <= w / 10) }'; }
# the TX/s and RX/s cells of the row local -> peer
cells() { ui_screen | awk -v l="127.0.0.1:$1" -v p="127.0.0.1:$2" '$2 == l && $3 == p { print $4, $5 }'; }

ui_start 160 24 -tun --columns=state,local,peer,tx-rate,rx-rate --sort=tx-rate:desc --interval=2
# the first refresh: no rate anywhere (the second is 2 s later)
ui_wait "127.0.0.1:$fast +127.0.0.1:45000 +- +- *\$"
ui_screen | grep -E '^ESTAB ' | grep -Evq ' - +- *$' && fail "a rate before the second refresh"
ui_wait "127.0.0.1:$fast +127.0.0.1:45000 +[0-9.]+M/s"
for pr in "$slow 500000" "$fast 4000000"; do
	set -- $pr
	read -r tx _ <<<"$(cells "$1" 45000)"
	read -r _ rx <<<"$(cells 45000 "$1")"
	near "$(bytes "$tx")" "$2" || fail "sender :$1 shows $tx, paced at $2"
	near "$(bytes "$rx")" "$2" || fail "reader of :$1 shows $rx, paced at $2"
	echo "paced $2: TX/s $tx RX/s $rx"
done
# sorted by tx-rate, descending: the 4 MB/s sender, then the 500 kB/s one
rows() { ui_screen | grep -E '^(ESTAB|UNCONN) '; }
rows | head -1 | grep -q "127.0.0.1:$fast " || fail "4 MB/s sender not first"
rows | sed -n 2p | grep -q "127.0.0.1:$slow " || fail "500 kB/s sender not second"
# UDP: never a rate
rows | grep -E '^ESTAB +127.0.0.1:[0-9]+ +127.0.0.1:9 ' | grep -Eq ' - +- *$' ||
	fail "the UDP socket shows a rate"
# the header sums the listed TCP sockets: 4.5 MB/s each way
total() { ui_screen | head -1 | sed -n 's/.*  TX \([^ ]*\) RX \([^ ]*\).*/\1 \2/p'; }
read -r htx hrx <<<"$(total)"
near "$(bytes "$htx")" 4500000 || fail "header TX $htx, paced 4.5 MB/s in all"
near "$(bytes "$hrx")" 4500000 || fail "header RX $hrx, paced 4.5 MB/s in all"
# t (grouped by process): one process (pace) holds the four ends: its
# group sums them
ui_keys t
ui_wait '^pace\([0-9]+\)  4 sockets  .*  TX [0-9.]+M/s  RX [0-9.]+M/s'
read -r gtx grx <<<"$(ui_screen | sed -n 's/^pace([0-9]*)  4 sockets  .*  TX \([^ ]*\)  RX \([^ ]*\).*/\1 \2/p')"
near "$(bytes "$gtx")" 4500000 || fail "group TX $gtx, paced 4.5 MB/s in all"
near "$(bytes "$grx")" 4500000 || fail "group RX $grx, paced 4.5 MB/s in all"
echo "header TX $htx RX $hrx; group TX $gtx RX $grx"
ui_keys q
ui_wait 'EXITED 0'
echo ok
