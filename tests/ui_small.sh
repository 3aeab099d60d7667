#!/bin/bash
# ui_small.sh: the screen's small things, at 80x24 and 160x50, on real
# sockets in a private namespace (sockmix: LISTEN, ESTAB, CLOSE-WAIT,
# TIME-WAIT): each of those states has its own colour in the State column
# (capture-pane -e shows the escape codes), and with NO_COLOR no colour at
# all but CLOSE-WAIT in bold; a mouse click on the function-key bar runs
# its key; the help scrolls to its filter cheat-sheet; `n` is the next
# match while a search is active, else names/numbers; --replay's header
# names the file and when it was recorded instead of the host's clock.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

sockmix_start "$UI_TMP"
# a listener on the ssh port: `n` shows it as :ssh or :22
ui_socks 22 1

# The screen with its escape codes.
esc_screen() {
	ui_tmux capture-pane -e -p -t t
}

# The table's line (from 4) on the selection bar (cyan background), or 0.
sel_line() {
	esc_screen | awk 'NR > 3 && /\033\[46m/ { print NR; exit }' | grep . || echo 0
}

for size in "80 24" "160 50"; do
	set -- $size
	w=$1 h=$2

	# -- state colours: green ESTAB, cyan LISTEN, bold red CLOSE-WAIT,
	# magenta TIME-WAIT (the selected row, on the bar, aside)
	ui_start "$w" "$h" -tan state listening state established \
		state close-wait state time-wait
	ui_wait 'CLOSE-WAIT'
	ui_wait 'TIME-WAIT'
	esc_screen >"$UI_TMP/esc"
	grep -q $'\e\\[32mESTAB' "$UI_TMP/esc" || fail "ESTAB not green"
	grep -q $'\e\\[36mLISTEN' "$UI_TMP/esc" || fail "LISTEN not cyan"
	grep -Eq $'\e\\[1m(\e\\[[0-9;]*m)*\e\\[31mCLOSE-WAIT|\e\\[31m(\e\\[[0-9;]*m)*\e\\[1mCLOSE-WAIT' "$UI_TMP/esc" ||
		fail "CLOSE-WAIT not bold red: $(grep CLOSE-WAIT "$UI_TMP/esc" | cat -v)"
	grep -q $'\e\\[35mTIME-WAIT' "$UI_TMP/esc" || fail "TIME-WAIT not magenta"

	# -- a click on the bar: F2Setup opens setup, F1Help the help
	bar=$(ui_line "$h")
	pre=${bar%%F2Setup*}
	ui_click $((${#pre} + 3)) $((h - 1))
	ui_wait 'Setup \(Esc: done\)'
	ui_keys Escape
	ui_wait_not 'Setup \(Esc: done\)'
	ui_click 2 $((h - 1))
	ui_wait '^sstop help'
	ui_keys q
	ui_wait 'F10Quit'
	# F10Quit, the last entry, quits
	bar=$(ui_line "$h")
	pre=${bar%%F10Quit*}
	ui_click $((${#pre} + 4)) $((h - 1))
	ui_wait 'EXITED 0'
	ui_stop

	# -- NO_COLOR: no colour at all; CLOSE-WAIT bold, the bar reversed
	SSTOP_SAVED=$SSTOP
	SSTOP="env NO_COLOR=1 $SSTOP"
	ui_start "$w" "$h" -tan state close-wait state established
	SSTOP=$SSTOP_SAVED
	ui_wait 'CLOSE-WAIT'
	esc_screen >"$UI_TMP/esc"
	grep -q $'\e\\[3[0-7]m\|\e\\[4[0-7]m' "$UI_TMP/esc" &&
		fail "NO_COLOR, yet colours: $(cat -v "$UI_TMP/esc")"
	grep -q $'\e\\[1mCLOSE-WAIT' "$UI_TMP/esc" || fail "NO_COLOR: CLOSE-WAIT not bold"
	grep -q $'\e\\[7m' "$UI_TMP/esc" || fail "NO_COLOR: no reversed bar"
	grep -q $'\e\\[1mESTAB' "$UI_TMP/esc" && fail "NO_COLOR: ESTAB bold"

	# -- the help scrolls: its first page, then the cheat-sheet's end
	ui_keys F1
	ui_wait '^sstop help 1-[0-9]+/[0-9]+'
	ui_screen | grep -q 'netns GLOB container GLOB' &&
		fail "the help's last line on its first page of $h lines"
	ui_keys End
	ui_wait 'netns GLOB container GLOB'
	ui_screen | grep -q 'state established' || fail "no state filter in the help"
	ui_screen | grep -q 'recvq > 64k' || fail "no size example in the help"
	total=$(ui_line 1 | sed -nE 's/^sstop help [0-9]+-([0-9]+)\/([0-9]+).*/\1 \2/p')
	set -- $total
	[ -n "$2" ] && [ "$1" = "$2" ] || fail "End did not show the last line: $(ui_line 1)"
	ui_keys Home
	ui_wait '^sstop help 1-'
	ui_keys Down
	ui_wait '^sstop help 2-'
	ui_keys x
	ui_wait 'F10Quit'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop

	# -- n: next match while a search is active, names/numbers otherwise
	ui_start "$w" "$h" -tln
	ui_wait '127\.0\.0\.1:22 '
	ui_keys n
	ui_wait '127\.0\.0\.1:ssh'
	ui_keys n
	ui_wait '127\.0\.0\.1:22 '
	# a search that every IPv4 listener matches: n moves the selection
	# (the row on the bar) and leaves the numbers alone
	ui_keys / 1 2 7 . 0 . 0 . 1 Enter
	ui_wait_not 'Search: '
	before=$(sel_line)
	ui_keys n
	for _ in $(seq 200); do
		[ "$(sel_line)" != "$before" ] && break
		sleep 0.05
	done
	[ "$(sel_line)" != "$before" ] || fail "n did not go to the next match"
	ui_screen | grep -q '127\.0\.0\.1:ssh' && fail "n during a search toggled names"
	# Esc ends the search: n is names/numbers again
	ui_keys Escape n
	ui_wait '127\.0\.0\.1:ssh'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop

	# -- --replay: the file and its recorded time, not the clock
	ui_start "$w" "$h" --replay "$top_srcdir/tests/data/ss1.dump" -n
	ui_wait '^sstop [^ ]+  replay ss1\.dump, file of 20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9:]{8}  every'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	# a recording of sstop's own says when it was made, refresh by refresh
	"$SSTOP" --batch -tan --iterations=2 --interval=0.1 \
		--record="$UI_TMP/rec.dump" >/dev/null || fail "--record failed"
	touch -d '2001-01-01 00:00' "$UI_TMP/rec.dump"
	ui_start "$w" "$h" --replay "$UI_TMP/rec.dump" -n --interval=0.1
	ui_wait 'end of the recording'
	today=$(date +%Y-%m-%d)
	ui_line 1 | grep -Eq "^sstop [^ ]+  replay rec\\.dump, recorded $today [0-9:]{8} \\(2/2\\)" ||
		ui_line 1 | grep -Eq "^sstop [^ ]+  replay rec\\.dump, recorded [0-9-]{10} [0-9:]{8} \\(2/2\\)" ||
		fail "--replay's header: $(ui_line 1)"
	ui_line 1 | grep -q '2001-01-01' && fail "the file's time, not the recorded one"
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
done
exit 0
