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

# The figures ss gives for this namespace.  sockmix's TIME-WAITs expire
# a minute after it started, and a slow run (ASan, a loaded machine) sees
# them go: then the figures change, and the screen's at its next refresh
# (every 2 s), so each check takes them again until the screen shows them
# (see until_shown).
figures() {
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
}
figures
[ "$tcp" -ge 10 ] && [ "$tw" -ge 2 ] && [ "$udp" -ge 3 ] ||
	fail "sockmix's sockets missing: tcp $tcp tw $tw udp $udp"
# ss -s's transport table counts TCP in use, without the TIME-WAITs
[ "$ss_tcp" = $((tcp - tw)) ] && [ "$ss_tw" = "$tw" ] &&
	[ "$ss_udp" = "$udp" ] && [ "$ss_raw" = "$raw" ] ||
	fail "ss -s and ss disagree: $(cat "$UI_TMP/sss")"

# until_shown MSG CHECK...: CHECK (a command on ss's figures and the screen)
# until it holds, ss's figures taken again before each try (about 20 s
# at most: two refreshes on a loaded machine); fails with MSG and the
# screen's first line.
until_shown() {
	local msg=$1
	shift
	for _ in $(seq 100); do
		figures
		"$@" && return 0
		sleep 0.2
	done
	fail "$msg: $(first)"
}
# first_has ERE: the screen's first line matches.
first_has() {
	first | grep -Eq -- "$1"
}

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

# The checks, on ss's figures of the moment; $w is the screen's width.
# ss's default (connected sockets): the host's figures labelled, and on a
# wide screen the rows' ("shown:")
default_ok() {
	first_has "host: TCP $tcp \\(estab $ss_estab, tw $ss_tw\\)" || return 1
	[ "$w" = 200 ] || return 0
	first_has "shown: $(short "$(count -t)" "$estab_all" 0 0 "$(count -u)")( |\$)"
}
# -a, nothing filtered: the dump's counts, no label
all_ok() {
	first_has "  TCP $tcp \\(" || return 1
	[ "$w" = 200 ] || return 0
	first_has "  TCP $tcp \\(estab $estab_all, tw $tw, listen $listen\\) UDP $udp RAW $raw UNIX [1-9]"
}
# a filter: the namespace's totals first (ss -s), then what matches
filtered_ok() {
	local shown l e tw7
	ss -Htn sport = :7000 >"$UI_TMP/f7000"
	shown=$(wc -l <"$UI_TMP/f7000")
	l=$(grep -c '^LISTEN ' "$UI_TMP/f7000")
	e=$(grep -c '^ESTAB ' "$UI_TMP/f7000")
	tw7=$(grep -c '^TIME-WAIT ' "$UI_TMP/f7000")
	[ "$shown" -ge 3 ] && [ "$shown" -lt "$tcp" ] || fail "scene: $shown"
	if [ "$w" = 200 ]; then
		first_has "host: TCP $tcp \\(estab $ss_estab, tw $ss_tw\\) UDP $udp RAW $raw UNIX [0-9]+  shown: $(short "$shown" "$e" "$tw7" "$l" 0)( |\$)"
	else
		# 80 columns: the host's figures come first, the rest is cut
		first_has "host: TCP $tcp \\(estab"
	fi
}
# -t typed on the filter line
typed_ok() {
	first_has "host: TCP $tcp .* shown: $(short "$tcp" "$estab_all" "$tw" "$listen" 0)( |\$)"
}
# the filter cleared: the dump's counts again
cleared_ok() {
	first_has "  TCP $tcp \\(estab $estab_all"
}

for size in "80 24" "200 30"; do
	set -- $size
	w=$1
	ui_start "$1" "$2"
	ui_wait 'ESTAB'
	until_shown "default's counts, not ss's" default_ok
	ui_stop
	ui_start "$1" "$2" -a
	until_shown "unfiltered counts, not ss's" all_ok
	first | grep -Eq 'host:|shown:' && fail "a label with no filter: $(first)"
	ui_stop

	ui_start "$1" "$2" -t sport = :7000
	ui_wait 'Filter: -t sport = :7000'
	ui_wait 'host: TCP'
	until_shown "filtered counts, not ss's" filtered_ok
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
w=200
ui_start 200 30 -a
until_shown "unfiltered counts, not ss's" all_ok
ui_tmux send-keys -t t F4
ui_wait '^Filter: ?$'
ui_tmux send-keys -t t -- '-t' Enter
ui_wait 'host: TCP'
until_shown "-t typed: counts, not ss's" typed_ok
ui_tmux send-keys -t t F4
ui_wait '^Filter: -t'
ui_tmux send-keys -t t C-u Enter
ui_wait_not 'host:'
until_shown "counts after clearing, not ss's" cleared_ok
exit 0
