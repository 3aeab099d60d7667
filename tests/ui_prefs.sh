#!/bin/bash
# ui_prefs.sh: the mouse in the setup panel and in the whole-screen detail
# pane, the filter line's columns and setup's save, and a sort column that
# ss hides; at 80x24 and 160x50, on real sockets in a private namespace.
#  - setup (F2): a click selects an item, a click on its box or on the
#    selected item toggles it, the wheel moves through the list, a click
#    on the function-key bar is its key;
#  - z: the wheel scrolls the pane three lines, a click in its lower half a
#    page down, in its upper half a page up, the bar's keys work;
#  - columns that -i on the filter line added are not saved by setup,
#    unless setup chose them (toggled);
#  - Netid, which ss hides with -t, shows once the user sorts by it (F6,
#    --sort), and State, hidden with one state, the same.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40011 3
rc=$UI_TMP/home/.config/sstop/sstoprc
mkdir -p "${rc%/*}"

# wheel UP|DOWN X Y: one wheel step at (X, Y), as ui_click encodes.
wheel() {
	local b=$'\x60' x y
	[ "$1" = DOWN ] && b=$'\x61'
	x=$(printf '\\%03o' $(($2 + 33)))
	y=$(printf '\\%03o' $(($3 + 33)))
	ui_tmux send-keys -t t -l "$(printf "\\033[M%s%b%b" "$b" "$x" "$y")"
}

# bar_x KEY: the column of KEY's label (F10...) on the bottom line.
bar_x() {
	ui_screen | tail -n 1 | awk -v k="$1" '{ print index($0, k) - 1 }'
}

# wait_bar ERE: until the panel's selection bar (cyan; reversed without
# colours) is on the item that ERE matches from its start.
wait_bar() {
	for _ in $(seq 200); do
		ui_tmux capture-pane -e -p -t t |
			grep -Eq $'\e\\[(46|7)m(\e\\[[0-9;]*m)*'"$1" && return 0
		sleep 0.05
	done
	fail "the bar never came to $1"
}

# The line (1-based) of the panel's item TEXT, or nothing.
item_line() {
	ui_screen | grep -n -- "$1" | head -n 1 | cut -d: -f1
}

for size in "80 24" "160 50"; do
	set -- $size
	w=$1 h=$2
	x0=$((w > 72 ? w - 36 : w / 2))
	rm -f "$rc"

	# -- setup with the mouse
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	ui_keys F2
	ui_wait 'Setup \(Esc: done\)'
	ui_wait '\[x\] Recv-Q +recv-q'
	# a click on Recv-Q's title selects it (nothing toggles), a second
	# click on it toggles it: hidden
	y=$(($(item_line '\[x\] Recv-Q') - 1))
	ui_click $((x0 + 6)) "$y"
	wait_bar '\[x\] Recv-Q'
	ui_screen | grep -q '\[x\] Recv-Q' || fail "a click on an item toggled it"
	ui_click $((x0 + 6)) "$y"
	ui_wait '\[ \] Recv-Q +recv-q'
	ui_line 3 | grep -q 'Recv-Q' && fail "Recv-Q still in the table"
	# a click on a box toggles at once: Send-Q hidden
	y=$(($(item_line '\[x\] Send-Q') - 1))
	ui_click $((x0 + 1)) "$y"
	ui_wait '\[ \] Send-Q +send-q'
	# the colours' box
	ui_click $((x0 + 1)) 4
	ui_wait 'Colours: off'
	# the wheel down, far: the bar on the last item (the list scrolled
	# past its first one on a small screen), then up to the first
	for _ in 1 2 3 4 5 6 7 8 9; do
		wheel DOWN $((x0 + 6)) 10
	done
	wait_bar '\[ \] Netns'
	[ "$h" = 24 ] && ui_wait_not 'Colours: off'
	for _ in 1 2 3 4 5 6 7 8 9; do
		wheel UP $((x0 + 6)) 10
	done
	wait_bar 'Colours: off'
	# a click on the bar's F10 closes the panel (as F10 does there)
	ui_click "$(bar_x F10)" $((h - 1))
	ui_wait_not 'Setup \(Esc: done\)'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	grep -qx 'color=no' "$rc" &&
		grep -qx 'columns=netid,state,local,peer,process' "$rc" ||
		fail "rc after setup by mouse: $(cat "$rc")"

	# -- the filter line's -i columns are the line's, not setup's
	rm -f "$rc"
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	ui_keys F4
	ui_wait '^Filter: ?$'
	ui_keys -- '-i' Enter
	ui_wait 'Filter: -ti'
	ui_wait_line 3 'RTT +Cwnd +Retr'
	ui_keys F2
	ui_wait 'Setup \(Esc: done\)'
	# Recv-Q hidden (it opens on Netid: then State, Recv-Q)
	ui_keys Down Down Space
	ui_wait '\[ \] Recv-Q +recv-q'
	ui_keys Escape
	ui_wait_not 'Setup \(Esc'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	grep -qx 'columns=netid,state,send-q,local,peer,rtt,cwnd,retrans,process' "$rc" &&
		fail "the line's columns were saved"
	grep -qx 'columns=netid,state,send-q,local,peer,process' "$rc" ||
		fail "rc after setup with -i on the line: $(cat "$rc")"
	# the next start: no RTT
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	ui_line 3 | grep -q 'RTT' && fail "RTT came back from the rc file"
	# RTT chosen in setup (hidden, shown again) while -i is on the line:
	# saved; Cwnd and Retr, not chosen, are not
	ui_keys F4
	ui_wait '^Filter: ?$'
	ui_keys -- '-i' Enter
	ui_wait_line 3 'RTT +Cwnd +Retr'
	ui_keys F2
	ui_wait '\[x\] RTT +rtt'
	y=$(($(item_line '\[x\] RTT') - 1))
	ui_click $((x0 + 1)) "$y"
	ui_wait '\[ \] RTT +rtt'
	y=$(($(item_line '\[ \] RTT') - 1))
	ui_click $((x0 + 1)) "$y"
	ui_wait '\[x\] RTT +rtt'
	ui_keys Escape
	ui_wait_not 'Setup \(Esc'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	grep -qx 'columns=netid,state,send-q,local,peer,process,rtt' "$rc" ||
		fail "rc after choosing RTT: $(cat "$rc")"
	rm -f "$rc"

	# -- a sort column that ss hides shows once chosen
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	ui_wait 'Sort: Netid'
	ui_line 3 | grep -q 'Netid' && fail "-t shows Netid"
	ui_keys F6
	ui_wait 'Sort by'
	ui_keys Enter
	ui_wait_line 3 '^Netid'
	ui_wait_line 4 '^tcp +ESTAB'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	ui_start "$w" "$h" -tn --sort=netid
	ui_wait '127\.0\.0\.1:40011'
	ui_wait_line 3 '^Netid'
	ui_stop
	ui_start "$w" "$h" -tn state established
	ui_wait '127\.0\.0\.1:40011'
	ui_line 3 | grep -q 'State' && fail "one state shows State"
	ui_keys '>'
	ui_wait 'Sort: State'
	ui_wait_line 3 'State'
	ui_stop
	[ -e "$rc" ] && grep -q columns "$rc" && fail "a sort saved columns: $(cat "$rc")"
	rm -f "$rc"

	# -- the whole-screen pane and the mouse (at 80x24, where the
	# pane is longer than the screen)
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	ui_keys z
	if [ "$w" = 80 ]; then
		ui_wait '^---- detail \(Enter closes\) 1-[0-9]+/[0-9]+: PgUp PgDn scroll, z back'
		rows=$(ui_line 3 | sed -n 's/.* 1-\([0-9]*\)\/.*/\1/p')
		[ "$rows" -ge 5 ] || fail "pane rows: $rows"
		wheel DOWN 10 10
		ui_wait "^---- detail \\(Enter closes\\) 4-$((rows + 3))/"
		wheel UP 10 10
		ui_wait "^---- detail \\(Enter closes\\) 1-$rows/"
		# a click low in the pane: a page down (at most to the end)
		ui_click 10 $((h - 3))
		ui_wait '^---- detail \(Enter closes\) ([5-9]|[1-9][0-9])-'
		# high in it: a page up
		ui_click 10 4
		ui_wait "^---- detail \\(Enter closes\\) 1-$rows/"
	else
		ui_wait '^---- detail \(Enter closes\) ----'
	fi
	# the bar's F10 quits from there too
	ui_click "$(bar_x F10)" $((h - 1))
	ui_wait 'EXITED 0'
	ui_stop
done
exit 0
