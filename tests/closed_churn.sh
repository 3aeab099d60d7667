#!/bin/bash
# closed_churn.sh: churn in a private network namespace (each connection
# connects and resets, so no TIME-WAIT piles up), watched at once by
# `sstop --batch --json -E` and by the screen with its log open.  Every
# destroyed socket (two per connection) must be accounted for by both,
# logged or counted as lost and said so (JSON "lost" lines, the screen's
# header): both see the same kernel events, so both totals must be equal,
# and equal to twice the connections made.
#   1. 5 000 connections a second for 10 s with the default 16 MB buffer;
#   2. 2 s with a 4 KB buffer (SSTOP_EVENTS_RCVBUF): the kernel drops
#      events, which must be counted.
# The figures are printed (the first loses none on the machines we test
# on), but only the accounting is asserted, not the machine's speed.

. "${top_srcdir:=.}/tests/ui_lib.sh"
ui_enter_netns "$@"
TMP=$UI_TMP
churn="$top_builddir/tests/churn"

ui_bg srv "$churn" -s 7301

# JSON: "destroyed lost" from the stream so far
json_total() {
	local d l
	d=$(grep -c '"event":"destroy"' "$1")
	l=$(grep '"event":"lost"' "$1" | tail -1 |
		sed 's/.*"lost_total":\([0-9]*\).*/\1/')
	echo "$d ${l:-0}"
}

# the screen: "logged lost"
screen_total() {
	local s l
	s=$(ui_screen | sed -n 's/.*(\([0-9]*\) since start.*/\1/p')
	l=$(ui_screen | sed -n 's/.*(\([0-9]*\) events\{0,1\} lost).*/\1/p')
	echo "${s:-0} ${l:-0}"
}

# phase NAME RATE SECS: one run of both consumers
phase() {
	local name=$1 rate=$2 secs=$3 n failed want d l s sl json=$UI_TMP/$1.json
	"$SSTOP" --batch --json -E --interval 2 >"$json" 2>&1 &
	UI_PIDS+=($!)
	ui_start 160 40 --interval 2
	ui_keys E
	ui_wait 'Closed connections: 0 shown'
	for _ in $(seq 200); do
		[ "$(awk '$2 == 4 && $4 != "00000000"' /proc/net/netlink |
			wc -l)" -ge 2 ] && break
		sleep 0.05
	done
	"$churn" -c 7301 -R -r "$rate" -t "$secs" >"$UI_TMP/cli" ||
		fail "churn client failed"
	read -r _ n _ failed <"$UI_TMP/cli"
	want=$((2 * n))
	# a connection that never connected leaves one socket, or none
	for _ in $(seq 600); do
		read -r d l < <(json_total "$json")
		read -r s sl < <(screen_total)
		[ $((d + l)) -ge "$want" ] && [ $((s + sl)) -ge "$want" ] && break
		sleep 0.05
	done
	sleep 0.5 # anything more would come now
	read -r d l < <(json_total "$json")
	read -r s sl < <(screen_total)
	echo "churn ($name): $n connections ($failed failed) in $secs s;" \
		"--json -E: $d events, $l lost; the screen: $s logged, $sl lost"
	[ $((d + l)) = $((s + sl)) ] ||
		fail "$name: --json -E accounted for $((d + l)) sockets, the screen $((s + sl))"
	if [ "$failed" = 0 ]; then
		[ $((d + l)) = "$want" ] ||
			fail "$name: $((d + l)) sockets accounted for, not $want"
	fi
	ui_stop
	kill "${UI_PIDS[-1]}" 2>/dev/null
}

phase "16 MB" 5000 10
export SSTOP_EVENTS_RCVBUF=4096
phase "4 KB" 5000 2
exit 0
