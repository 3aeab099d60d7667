#!/bin/bash
# ui_detail.sh: the detail pane at 80x24 on tests/detail_scene's sockets.
# The pane scrolls ([ ] under the table, z for the whole screen, where
# PgUp PgDn Home End scroll it) down to tcp_info's last field; every field
# ss -tinOe prints for the same socket is in it, with ss's value where the
# value stays the same across two ss runs around the capture; a unix
# socket's long path and its owner's long command line are wrapped, not
# cut; a zero window shows snd_wnd:0, the rwnd_limited share is printed as
# ss prints it; a listener's accept queue and backlog say so (no sacked:);
# a closed connection's final detail (E, Enter) pages with [ ] to its end.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

# (twelve wide characters: two columns each, three bytes; 95 bytes of
# path, 83 columns)
long_name=a-long-name-数据数据数据数据数据数据-$(printf 'p%.0s' $(seq 20)).sock
words=$(for i in $(seq 60); do printf 'argument-%d ' "$i"; done)
ui_bg scene "$top_builddir/tests/detail_scene" "$UI_TMP" "$long_name" $words
scene_pid=$BG_PID
upath=$UI_TMP/$long_name

# The pane's text: the lines between its title and the key bar.
pane() {
	ui_screen | awk '/^---- detail/ { on = 1; next } /^F1Help/ { on = 0 } on'
}

# "A B N" of the title's "A-B/N" (nothing when all lines show).
range() {
	ui_screen | sed -n 's/^---- detail (Enter closes) \([0-9]*\)-\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3/p'
}

# Pages the whole-screen pane from its top to its end with PgDn and
# prints every line once (each page's new lines).
whole_pane() {
	local a b n last=0
	ui_keys Home
	ui_wait '^---- detail \(Enter closes\) 1-'
	for _ in $(seq 50); do
		read -r a b n <<<"$(range)"
		[ -n "$n" ] || fail "no scroll mark"
		pane | tail -n $((b - last))
		last=$b
		[ "$b" = "$n" ] && return 0
		ui_keys NPage
		ui_wait_not "^---- detail \(Enter closes\) $a-"
	done
	fail "the pane never reached its end"
}

# end_wait REGEX: End (again while the pane grows: tcp_info, owners
# arrive) until the screen matches.
end_wait() {
	for _ in $(seq 100); do
		ui_keys End
		ui_screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	fail "not at the end of the pane: $1"
}

# ---- a quiet connection: scrolling, and every field against ss ----
ss_client() {
	ss -tinOeH dport = :7301 | sed 's/^.*<->//'
}
ss_client >"$UI_TMP/ss1"
grep -q 'bytes_sent:100 ' "$UI_TMP/ss1" || fail "ss does not see the 7301 client: $(cat "$UI_TMP/ss1")"

ui_start 80 24 -tn --interval=0.5 dport = :7301
ui_wait 'ESTAB .*127.0.0.1:7301'
ui_keys Enter
# the pane under the table shows a page of it, its title says which
ui_wait '^---- detail \(Enter closes\) 1-10/[0-9]+: \[ \] scroll, z full screen'
# z: the whole screen, the table is gone; first the pane as it stays
# (rates, the RTT's history, the owners)
ui_keys z
ui_wait '^---- detail \(Enter closes\) [0-9]+-[0-9]+/[0-9]+: PgUp PgDn scroll, z back'
ui_screen | grep -Eq 'Send-Q +Local' && fail "the table still shows with z"
ui_wait 'throughput:  TX '
ui_wait '^  Cwnd '
ui_wait 'pid [0-9]+ fd [0-9]+ '
# Esc: under the table again; ] pages it down to its end, where
# tcp_info's last field shows
ui_keys Escape
ui_wait 'Send-Q +Local'
ui_wait '^---- detail \(Enter closes\) 1-10/[0-9]+: \[ \] scroll'
pane | grep -q 'snd_wnd:' && fail "the whole pane fits under the table?"
for _ in $(seq 10); do
	read -r a b n <<<"$(range)"
	[ "$b" = "$n" ] && break
	ui_keys ']'
	ui_wait_not "^---- detail \(Enter closes\) $a-"
done
ui_wait '^---- detail \(Enter closes\) [0-9]+-([0-9]+)/\1:'
pane | grep -Eq 'snd_wnd:65536 bytes' || fail "snd_wnd is not at the end of the pane"
pane | grep -Eq 'minrtt:' || fail "minrtt is not at the end of the pane"
# [ goes back a page
ui_keys '['
ui_wait_not "^---- detail \(Enter closes\) $a-"
# z again: End shows the last line, Home the first
ui_keys z
end_wait '^---- detail \(Enter closes\) [0-9]+-([0-9]+)/\1:'
pane | tail -n 3 | grep -q 'snd_wnd:65536 bytes' || fail "End: snd_wnd is not on the last lines"
ui_keys Home
ui_wait '^---- detail \(Enter closes\) 1-20/'
pane | head -n 1 | grep -Eq '^tcp ESTAB  127\.0\.0\.1:[0-9]+ -> 127\.0\.0\.1:7301' ||
	fail "Home: the socket is not on the first line"
# every field ss prints is in the pane, with ss's value when it is stable
whole_pane >"$UI_TMP/pane1"
ss_client >"$UI_TMP/ss2"
tr ' ' '\n' <"$UI_TMP/ss1" | grep . >"$UI_TMP/tok1"
tr ' ' '\n' <"$UI_TMP/ss2" | grep . >"$UI_TMP/tok2"
[ "$(wc -l <"$UI_TMP/tok1")" -ge 20 ] || fail "too few fields from ss: $(cat "$UI_TMP/ss1")"
checked=0
# a regular expression of literal text t
lit() {
	printf '%s' "$1" | sed 's/[].*^$()\\[]/\\&/g'
}
while read -r tok; do
	case $tok in
	ino:*) re="inode ${tok#ino:}( |$)" ;;
	sk:*) re="cookie ${tok#sk:}( |$)" ;;
	cgroup:*) re="cgroup $(lit "${tok#cgroup:}") \\(id [0-9]+\\)" ;;
	ts | sack | ecn | ecnseen | fastopen | app_limited) re="(^| )$tok( |$)" ;;
	send | pacing_rate | delivery_rate) re="(^| )$tok [0-9]" ;;
	*bps) continue ;; # the value of send, pacing_rate, delivery_rate
	bbr | cubic | reno | dctcp | vegas) re="congestion $tok( |$)" ;;
	bbr:* | dctcp:*) re="(^| )$(lit "${tok%%(*}")\\(" ;;
	*:*)
		if grep -qxF -- "$tok" "$UI_TMP/tok2"; then
			# the same value in both ss runs: the pane has it, its
			# unit after it
			re="(^| )$(lit "$tok")([^0-9.]|$)"
		else
			re="(^| )$(lit "${tok%%:*}"):[0-9]"
		fi
		;;
	*) fail "unknown ss token: $tok" ;;
	esac
	grep -Eq -- "$re" "$UI_TMP/pane1" ||
		{ cat "$UI_TMP/pane1"; fail "ss's '$tok' is not in the pane (wanted /$re/)"; }
	checked=$((checked + 1))
done <"$UI_TMP/tok1"
[ "$checked" -ge 20 ] || fail "only $checked fields checked"
# ss leaves out these zeros; the pane shows them
grep -q 'retrans:0/0' "$UI_TMP/pane1" || fail "no retrans:0/0"
grep -q 'bytes_retrans:0 bytes' "$UI_TMP/pane1" || fail "no bytes_retrans:0"
grep -q 'unacked:0 segments' "$UI_TMP/pane1" || fail "no unacked:0"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# ---- a long unix path and a long command line wrap whole ----
ui_start 80 24 -xan --interval=0.5 src "'$UI_TMP/a-long-name-*'"
ui_wait 'u_str +(LISTEN|ESTAB)'
ui_keys z
ui_wait '^---- detail'
ui_wait 'pid [0-9]+ fd [0-9]+ +root +detail_scene'
ui_wait '^  Send-Q '
whole_pane >"$UI_TMP/pane2"
# the path's first line does not hold its end: it was wrapped, not cut
grep 'a-long-name-' "$UI_TMP/pane2" | head -n 1 | grep -q '\.sock' &&
	fail "the unix path was not wrapped"
flat=$(tr -d ' \n' <"$UI_TMP/pane2")
case $flat in
*"$(printf '%s' "$upath" | tr -d ' ')"*) ;;
*) cat "$UI_TMP/pane2"; fail "the unix path is not whole in the pane" ;;
esac
case $flat in
*"$(printf '%s' "$top_builddir/tests/detail_scene $UI_TMP $long_name $words" | tr -d ' ')"*) ;;
*) cat "$UI_TMP/pane2"; fail "the command line is not whole in the pane" ;;
esac
grep -q 'argument-60' "$UI_TMP/pane2" || fail "the command line's end is missing"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# ---- a zero window: snd_wnd:0 and rwnd_limited as ss prints it ----
for _ in $(seq 200); do
	ss -tinOeH dport = :7302 >"$UI_TMP/ss3"
	grep -q 'rwnd_limited:' "$UI_TMP/ss3" && ! grep -q 'snd_wnd:' "$UI_TMP/ss3" && break
	sleep 0.05
done
grep -q 'rwnd_limited:' "$UI_TMP/ss3" || fail "no rwnd_limited in ss: $(cat "$UI_TMP/ss3")"
grep -q 'snd_wnd:' "$UI_TMP/ss3" && fail "ss shows a window: $(cat "$UI_TMP/ss3")"
ui_start 80 24 -tn --interval=0.5 dport = :7302
ui_wait 'ESTAB .*127.0.0.1:7302'
ui_keys z
end_wait 'snd_wnd:0 bytes'
ui_wait ' rwnd_limited:[0-9]+ms\([0-9]+\.[0-9]%\)'
ui_wait ' sndbuf_limited:[0-9]+ms\([0-9]+\.[0-9]%\)'
ui_wait ' busy:[0-9]+ms'
# the same form in ss's text: NNNms(NN.N%)
grep -Eq ' rwnd_limited:[0-9]+ms\([0-9]+\.[0-9]%\)' "$UI_TMP/ss3" || fail "ss's form changed: $(cat "$UI_TMP/ss3")"
# and the share is busy's: rwnd_limited / busy, one decimal
pane | tr ' ' '\n' | grep -E '^(busy|rwnd_limited):' | head -n 2 >"$UI_TMP/lim"
busy=$(sed -n 's/^busy:\([0-9]*\)ms$/\1/p' "$UI_TMP/lim")
rl=$(sed -n 's/^rwnd_limited:\([0-9]*\)ms(\(.*\)%)$/\1 \2/p' "$UI_TMP/lim")
[ -n "$busy" ] && [ -n "$rl" ] || fail "busy or rwnd_limited not read: $(cat "$UI_TMP/lim")"
# (the milliseconds are truncated: the share lies between r/(b+1) and
# (r+1)/b, give or take the rounding of its last decimal)
awk -v b="$busy" -v r="${rl% *}" -v p="${rl#* }" \
	'BEGIN { exit !(p >= 100 * r / (b + 1) - 0.05 && p <= 100 * (r + 1) / b + 0.05) }' ||
	fail "rwnd_limited's share $rl is not its part of busy $busy"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# ---- a listener: accept queue and backlog, not unacked and sacked ----
ss -tilnOeH sport = :7303 >"$UI_TMP/ss4"
grep -Eq '^LISTEN +2 +5 ' "$UI_TMP/ss4" || fail "ss: not 2 waiting of 5: $(cat "$UI_TMP/ss4")"
ui_start 80 24 -tln --interval=0.5 sport = :7303
ui_wait 'LISTEN .*127.0.0.1:7303'
ui_keys z
end_wait '  accept queue:2( |$)'
ui_wait '  backlog:5( |$)'
pane | grep -q 'sacked' && fail "a listener's backlog shown as sacked"
pane | grep -q 'unacked' && fail "a listener's accept queue shown as unacked"
pane | grep -q 'retrans:' && fail "a listener shows retrans"
# Esc gives the table back, Enter closes the pane
ui_keys Escape
ui_wait 'Send-Q +Local'
ui_wait '^---- detail \(Enter closes\)'
ui_keys Enter
ui_wait_not '^---- detail'
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# ---- a closed connection's detail (E, Enter) scrolls with [ ] too ----
# (the scene ends: its connections close; the 7301 client's is kept)
ui_start 80 24 -tn --interval=0.5
ui_keys E
ui_wait 'Closed connections: 0 shown'
kill "$scene_pid"
ui_keys '\'
ui_keys 'dport = :7301' Enter
ui_wait 'Closed connections: 1 shown'
ui_keys Enter
ui_wait '^---- closed connection \(Enter closes\) 1-[0-9]+/[0-9]+: \[ \] scroll'
for _ in $(seq 10); do
	a=$(ui_screen | sed -n 's/^---- closed connection (Enter closes) \([0-9]*\)-\([0-9]*\)\/\([0-9]*\).*/\1 \2 \3/p')
	read -r a b n <<<"$a"
	[ "$b" = "$n" ] && break
	ui_keys ']'
	ui_wait_not "^---- closed connection \(Enter closes\) $a-"
done
ui_wait '^---- closed connection \(Enter closes\) [0-9]+-([0-9]+)/\1:'
ui_wait 'bytes_sent:100 bytes'
ui_wait 'snd_wnd:'
ui_keys q
ui_wait 'EXITED 0'
echo "ui_detail: ok"
