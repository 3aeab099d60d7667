#!/bin/bash
# ui_rows.sh: the screen's table says what ss says.  On the sockmix and
# its rarer tables (sockmix -r: packet, netlink, raw, seqpacket) in a
# private namespace, every row of `sstop -a` (Netid, State, Local, Peer)
# is a row of `ss -a` at the same moment and the other way round, with
# names and with -n.  Left out on both sides: the queues (the screen
# writes 4.0M), the netlink sockets of ss and sstop themselves (each sees
# its own), and the escape sequence ss prints raw (sstop shows "\x1b").
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

mkdir -p "$UI_TMP/m" "$UI_TMP/r"
sockmix_start_opts "$UI_TMP/m"
sockmix_start_opts "$UI_TMP/r" -r

# Netid State Local Peer from a table with the queues in columns 3-4.
rows() {
	sed -e 's/\x1b/\\x1b/g' |
		awk 'NF >= 4 { $3 = $4 = ""; print }' | tr -s ' ' |
		grep -Ev 'tcpdiag:(ss|sstop)/[0-9]+ |tcpdiag:-[0-9]+ | 4:-?[1-9][0-9]* '
}
# Drops from both files the connections of tmux's clients (each
# capture-pane is one, for a moment): the server ends (local path
# tmux.sock, connected) and the client ends they name.
notmux() {
	# (never empty: awk would take the next file for this one)
	cat "$UI_TMP/ss" "$UI_TMP/screen" | awk '
		BEGIN { print "none" }
		$1 == "u_str" && $2 == "ESTAB" && $3 ~ /tmux\.sock$/ {
			print $4; print $6
		}' >"$UI_TMP/tmux.inos"
	for f in "$UI_TMP/ss" "$UI_TMP/screen"; do
		awk 'FNR == NR { drop[$1] = 1; next }
			!($1 == "u_str" && ($4 in drop))' \
			"$UI_TMP/tmux.inos" "$f" >"$f.x" && mv "$f.x" "$f"
	done
}

for opts in "-a" "-a -n"; do
	ui_start 220 120 "$opts" --columns=netid,state,recv-q,send-q,local,peer \
		--interval=0.5
	ui_wait 'genl:|16:'
	ui_wait 'p_raw'
	ui_screen | sed -e '1,3d' -e '/F10/,$d' | rows | sort >"$UI_TMP/screen"
	# shellcheck disable=SC2086
	ss -H $opts 2>/dev/null | rows | sort >"$UI_TMP/ss"
	ui_stop
	notmux
	[ "$(wc -l <"$UI_TMP/ss")" -gt 40 ] || fail "ss lists too little"
	grep -q '^nl UNCONN ' "$UI_TMP/screen" || fail "$opts: no netlink row"
	grep -q '^p_raw ' "$UI_TMP/screen" || fail "$opts: no packet row"
	if ! diff -u "$UI_TMP/ss" "$UI_TMP/screen"; then
		fail "sstop $opts: the screen's rows differ from ss $opts"
	fi
done
echo "rows as ss: ok"
