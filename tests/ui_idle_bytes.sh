#!/bin/bash
# ui_idle_bytes.sh: an idle screen's refreshes are told unchanged from the
# kernel's bytes, unparsed (SSTOP_UI_STATS: unchanged_bytes, buffers_kept),
# and what changes among idle sockets shows at a refresh all the same: a
# new connection, data in its queue, its close (CLOSE-WAIT); after each,
# the refreshes are told unchanged again.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

port=$((46000 + $$ % 1000))
ui_socks "$port" 100 200
st=$UI_TMP/stats
# stat NAME: a counter of the stats file (0 before it exists)
stat() { awk -v k="$1" '$1 == k { print $2 }' "$st" 2>/dev/null | grep . || echo 0; }
# wait_idle: two more refreshes told unchanged from the bytes than now
wait_idle() {
	local want=$(($(stat unchanged_bytes) + 2))
	for _ in $(seq 400); do
		[ "$(stat unchanged_bytes)" -ge "$want" ] && return 0
		sleep 0.05
	done
	cat "$st"
	fail "no refresh told unchanged from the kernel's bytes"
}

ui_run 160 30 env SSTOP_UI_STATS="$st" "$SSTOP" -tan --interval=0.3
ui_wait 'F10'
ui_wait "ESTAB +200 +0 +127.0.0.1:$port "
wait_idle
[ "$(stat buffers_kept)" -gt 0 ] || fail "no buffer kept unparsed"
[ "$(stat unchanged)" -ge 2 ] || fail "the screen kept no refresh"

# a new connection (in the listener's accept queue, never accepted)
old=$(ss -tnH state established "( dport = :$port )" | awk '{ print $3 }')
exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 99
new=$(ss -tnH state established "( dport = :$port )" | awk '{ print $3 }' |
	grep -vxF "$old" | sed 's/.*://')
[ -n "$new" ] || exit 99
ui_wait "ESTAB +0 +0 +127.0.0.1:$port +127.0.0.1:$new( |$)"
wait_idle

# data in its queue: the server side's Recv-Q
printf '%0123d' 0 >&3
ui_wait "ESTAB +123 +0 +127.0.0.1:$port +127.0.0.1:$new( |$)"
wait_idle

# its close: the server side waits in CLOSE-WAIT
exec 3>&-
ui_wait "CLOSE-WAIT +12[34] +0 +127.0.0.1:$port +127.0.0.1:$new( |$)"
# the rows shown are ss's (the port's sockets, whatever their order)
rows() { awk '{ print $1, $2, $3, $4, $5 }' | sort; }
for _ in $(seq 200); do
	ui_screen | grep -E "127\.0\.0\.1:$port( |\$)" | rows >"$UI_TMP/screen.rows"
	ss -tanH "( sport = :$port or dport = :$port )" | rows >"$UI_TMP/ss.rows"
	cmp -s "$UI_TMP/ss.rows" "$UI_TMP/screen.rows" && break
	sleep 0.05
done
diff "$UI_TMP/ss.rows" "$UI_TMP/screen.rows" || fail "the screen's rows are not ss's"
echo "unchanged from the bytes: $(stat unchanged_bytes) of $(stat dumps) refreshes; buffers kept $(stat buffers_kept), parsed $(stat buffers_parsed)"
