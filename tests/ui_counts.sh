#!/bin/bash
# ui_counts.sh: the header's counts, on real sockets in a private namespace
# (sockmix: TCP in every state, UDP, unix).  With -a and nothing filtered
# they are the dump's, i.e. every socket, and match ss; with a filter, or
# when the dump leaves sockets out (ss's default: no listeners, no
# TIME-WAITs), the header gives the namespace's totals labelled "host:"
# (what ss -s reads from /proc) and then the counts of the rows that
# match, labelled "shown:", each checked against ss and ss -s.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

sockmix_start "$UI_TMP"

# count ARGS...: ss's lines for a listing, without its title
count() {
	ss -Hn "$@" | wc -l
}

# The figures ss gives for this namespace (nothing here changes them
# while the test runs: the TIME-WAITs last a minute).
tcp=$(count -ta)
udp=$(count -ua)
raw=$(count -wa)
estab_all=$(count -t state established)
tw=$(count -t state time-wait)
listen=$(count -t state listening)
# ss -s: estab is the kernel's CurrEstab (ESTAB and CLOSE-WAIT)
ss -s >"$UI_TMP/sss"
ss_estab=$(sed -n 's/^TCP:.*(estab \([0-9]*\),.*/\1/p' "$UI_TMP/sss")
ss_tw=$(sed -n 's/^TCP:.*timewait \([0-9]*\).*/\1/p' "$UI_TMP/sss")
ss_tcp=$(awk '$1 == "TCP" && NF == 4 { print $2 }' "$UI_TMP/sss")
ss_udp=$(awk '$1 == "UDP" && NF == 4 { print $2 }' "$UI_TMP/sss")
ss_raw=$(awk '$1 == "RAW" && NF == 4 { print $2 }' "$UI_TMP/sss")
[ "$tcp" -ge 10 ] && [ "$tw" -ge 2 ] && [ "$udp" -ge 3 ] ||
	fail "sockmix's sockets missing: tcp $tcp tw $tw udp $udp"
# ss -s's transport table counts TCP in use, without the TIME-WAITs
[ "$ss_tcp" = $((tcp - tw)) ] && [ "$ss_tw" = "$tw" ] &&
	[ "$ss_udp" = "$udp" ] && [ "$ss_raw" = "$raw" ] ||
	fail "ss -s and ss disagree: $(cat "$UI_TMP/sss")"

# short TCP ESTAB TW LISTEN UDP: the shown counts as the header writes
# them, without their zeros (but TCP's), as an extended regex
short() {
	local s="TCP $1" sep=' \(' name=(x x estab tw listen)
	for i in 2 3 4; do
		if [ "${!i}" != 0 ]; then
			s="$s$sep${name[$i]} ${!i}"
			sep=', '
		fi
	done
	[ "$sep" = ', ' ] && s="$s\)"
	[ "$5" != 0 ] && s="$s UDP $5"
	echo "$s"
}

first() {
	ui_screen | sed -n 1p
}

for size in "80 24" "200 30"; do
	set -- $size
	# -- ss's default (connected sockets): labelled
	ui_start "$1" "$2"
	ui_wait 'ESTAB'
	ui_wait "host: TCP $tcp \(estab $ss_estab, tw $ss_tw\)"
	if [ "$1" = 200 ]; then
		conn=$(count -t)
		want="shown: $(short "$conn" "$estab_all" 0 0 "$(count -u)")( |$)"
		first | grep -Eq "$want" ||
			fail "default's shown counts, not ss -t's ($conn): $(first)"
	fi
	ui_stop
	# -- -a, nothing filtered: the dump's counts, no label
	ui_start "$1" "$2" -a
	ui_wait "  TCP $tcp \("
	if [ "$1" = 200 ]; then
		first | grep -q "  TCP $tcp (estab $estab_all, tw $tw, listen $listen) UDP $udp RAW $raw UNIX [1-9]" ||
			fail "unfiltered counts, not ss's (tcp $tcp estab $estab_all tw $tw listen $listen udp $udp): $(first)"
	fi
	first | grep -Eq 'host:|shown:' && fail "a label with no filter: $(first)"
	ui_stop

	# -- a filter: the namespace's totals first (ss -s), then what matches
	ui_start "$1" "$2" -t sport = :7000
	ui_wait 'Filter: -t sport = :7000'
	ui_wait 'host: TCP'
	shown=$(count -t sport = :7000)
	shown_l=$(ss -Htn sport = :7000 | grep -c '^LISTEN ')
	shown_e=$(ss -Htn sport = :7000 | grep -c '^ESTAB ')
	shown_w=$(ss -Htn sport = :7000 | grep -c '^TIME-WAIT ')
	[ "$shown" -ge 3 ] && [ "$shown" -lt "$tcp" ] || fail "scene: $shown"
	want="host: TCP $tcp \\(estab $ss_estab, tw $ss_tw\\) UDP $udp RAW $raw UNIX [0-9]+  shown: $(short "$shown" "$shown_e" "$shown_w" "$shown_l" 0)( |$)"
	if [ "$1" = 200 ]; then
		first | grep -Eq "$want" || fail "filtered counts: want $want, got $(first)"
	else
		# 80 columns: the host's figures come first, the rest is cut
		first | grep -Eq "host: TCP $tcp \(estab" ||
			fail "80x24: host's TCP total not first: $(first)"
	fi
	# the unix total is the namespace's: ss -x's (tmux's own sockets
	# come and go with each capture, so it is read from a wide screen
	# and checked against ss's around it)
	if [ "$1" = 200 ]; then
		lo=$(count -xa)
		unx=$(first | sed -n 's/.*host: .* UNIX \([0-9]*\)  shown:.*/\1/p')
		hi=$(count -xa)
		[ "$unx" -ge $((lo - 3)) ] && [ "$unx" -le $((hi + 3)) ] ||
			fail "host UNIX $unx, ss -xa $lo..$hi"
	fi
	ui_stop
done
# a filter typed on the screen (F4) gives the labels; with none left the
# dump's counts come back
ui_start 200 30 -a
ui_wait "  TCP $tcp \("
ui_tmux send-keys -t t F4
ui_wait '^Filter: ?$'
ui_tmux send-keys -t t -- '-t' Enter
ui_wait "host: TCP $tcp .* shown: $(short "$tcp" "$estab_all" "$tw" "$listen" 0)( |$)"
ui_tmux send-keys -t t F4
ui_wait '^Filter: -t'
ui_tmux send-keys -t t C-u Enter
ui_wait_not 'host:'
first | grep -q "  TCP $tcp (estab $estab_all" || fail "counts after clearing: $(first)"
exit 0
