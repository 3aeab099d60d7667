#!/bin/bash
# ui_rows.sh: the screen's table says what ss says.  On the sockmix and
# its rarer tables (sockmix -r: packet, netlink, raw, seqpacket) in a
# private namespace, every row of `sstop -a` (Netid, State, Local, Peer)
# is a row of `ss -a` and the other way round, with names and with -n,
# at a moment when ss before and after the screen agree (see rows_moment).  Left out on both sides: the queues (the screen
# writes 4.0M), the sock_diag sockets of ss and sstop themselves (each sees
# its own) and of another test's sstop --all-netns (one in every namespace
# for a moment: "tcpdiag:PID" once it exited), and the escape sequence ss
# prints raw (sstop shows "\x1b").
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

mkdir -p "$UI_TMP/m" "$UI_TMP/r"
sockmix_start_opts "$UI_TMP/m"
sockmix_start_opts "$UI_TMP/r" -r

# Netid State Local Peer from a table with the queues in columns 3-4.
rows() {
	sed -e 's/\x1b/\\x1b/g' |
		awk 'NF >= 4 { $3 = $4 = ""; print }' | tr -s ' ' |
		grep -Ev 'tcpdiag:[^ ]*[0-9] | 4:-?[1-9][0-9]* '
}
# Drops from the files named the connections of tmux's clients (each
# capture-pane is one, for a moment): the server ends (local path
# tmux.sock, connected) and the client ends they name.
notmux() {
	# (never empty: awk would take the next file for this one)
	cat "$@" | awk '
		BEGIN { print "none" }
		$1 == "u_str" && $2 == "ESTAB" && $3 ~ /tmux\.sock$/ {
			print $4; print $6
		}' >"$UI_TMP/tmux.inos"
	for f in "$@"; do
		awk 'FNR == NR { drop[$1] = 1; next }
			!($1 == "u_str" && ($4 in drop))' \
			"$UI_TMP/tmux.inos" "$f" >"$f.x" && mv "$f.x" "$f"
	done
}

# The screen's rows less the client ends of tmux connections whose server
# end no file showed (not accepted yet: peer 0; or already closed): an
# unnamed stream connection that neither ss snapshot knows, to nothing ss
# knows either.  In this namespace only tmux's clients come and go; any
# other row the screen has and ss has not still fails the comparison.
noclient() {
	awk 'FNR == NR { if ($1 ~ /^u_/) known[$4] = 1; next }
		!($1 == "u_str" && $2 == "ESTAB" && $3 == "*" &&
		  !($4 in known) && !($6 in known))' \
		"$UI_TMP/ss1" "$UI_TMP/screen" >"$UI_TMP/screen.x" &&
		mv "$UI_TMP/screen.x" "$UI_TMP/screen"
}

# A moment of the screen and ss that agree on a stable socket set: ss
# before (ss1) and after (ss2) a screen drawn from a dump made after ss1
# (its clock 2 s later); when the two ss differ (a socket came or went
# meanwhile, after dropping tmux's own), again, 5 times at most.  The
# screen then must show exactly ss1's rows (the rows of both ss).
rows_moment() {
	local try
	for try in 1 2 3 4 5; do
		# shellcheck disable=SC2086
		ss -H $opts 2>/dev/null | rows | sort >"$UI_TMP/ss1"
		ui_wait_clock 2
		sed -e '1,3d' -e '/F10/,$d' "$UI_TMP/clock.screen" | rows |
			sort >"$UI_TMP/screen"
		# shellcheck disable=SC2086
		ss -H $opts 2>/dev/null | rows | sort >"$UI_TMP/ss2"
		notmux "$UI_TMP/ss1" "$UI_TMP/ss2" "$UI_TMP/screen"
		cmp -s "$UI_TMP/ss1" "$UI_TMP/ss2" && return 0
		echo "try $try: ss changed meanwhile:"
		diff "$UI_TMP/ss1" "$UI_TMP/ss2"
	done
	fail "$opts: ss never agreed with itself across a refresh"
}

for opts in "-a" "-a -n"; do
	ui_start 220 120 "$opts" --columns=netid,state,recv-q,send-q,local,peer \
		--interval=0.5
	ui_wait 'genl:|16:'
	ui_wait 'p_raw'
	rows_moment
	ui_stop
	noclient
	[ "$(wc -l <"$UI_TMP/ss1")" -gt 40 ] || fail "ss lists too little"
	grep -q '^nl UNCONN ' "$UI_TMP/screen" || fail "$opts: no netlink row"
	grep -q '^p_raw ' "$UI_TMP/screen" || fail "$opts: no packet row"
	if ! diff -u "$UI_TMP/ss1" "$UI_TMP/screen"; then
		fail "sstop $opts: the screen's rows differ from ss $opts"
	fi
done
echo "rows as ss: ok"
