#!/bin/bash
# ui_ledit.sh: every prompt edits as a shell's line: Left/Right, Home/End,
# Ctrl-A/E, Delete, Backspace, Ctrl-U/K/W, the filter history on Up/Down,
# a long paste scrolled sideways with the cursor in view, wide characters
# two columns; a prompt opening on its value has it selected, so typing
# replaces it (the `d` prompt: 0.5 is 0.5 s, not 20.5).  After each edit
# the prompt's line and the cursor's column are checked (goldens), at
# 80x24 and 160x50.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40031 1 2

# the last line, trailing blanks dropped
bottom() {
	ui_screen | tail -1 | sed 's/ *$//'
}
cursor() {
	ui_tmux display -p -t t '#{cursor_x}'
}
# check KEYS... -- LINE COLUMN: the keys, then the line and the cursor
check() {
	local keys=() line col
	while [ "$1" != -- ]; do
		keys+=("$1")
		shift
	done
	line=$(printf '%s' "$2" | sed 's/ *$//') col=$3
	[ ${#keys[@]} -gt 0 ] && ui_keys "${keys[@]}"
	for _ in $(seq 200); do
		[ "$(bottom)" = "$line" ] && [ "$(cursor)" = "$col" ] && return 0
		sleep 0.05
	done
	fail "after ${keys[*]}: line '$(bottom)' cursor $(cursor), want '$line' cursor $col"
}
# out KEYS...: the keys end the prompt: the key bar is back
out() {
	ui_keys "$@"
	for _ in $(seq 200); do
		bottom | grep -q '^F1' && return 0
		sleep 0.05
	done
	fail "after $*: still on the prompt: '$(bottom)'"
}
# type TEXT -- LINE COLUMN: the same with literal text
type() {
	ui_keys -l "$1"
	shift
	check "$@"
}

for size in "80 24" "160 50"; do
	w=${size% *}
	# shellcheck disable=SC2086
	ui_start $size -t -n --interval=0.3
	ui_wait 'Rows: 4 '

	check F4 -- 'Filter:' 8
	type 'sport = :80' -- 'Filter: sport = :80' 19
	check Left Left -- 'Filter: sport = :80' 17
	type 4 -- 'Filter: sport = :480' 18
	check Home -- 'Filter: sport = :480' 8
	type d -- 'Filter: dsport = :480' 9
	check DC -- 'Filter: dport = :480' 9
	check C-e -- 'Filter: dport = :480' 20
	check BSpace -- 'Filter: dport = :48' 19
	check C-a -- 'Filter: dport = :48' 8
	check End -- 'Filter: dport = :48' 19
	check Left Left Left -- 'Filter: dport = :48' 16
	check C-k -- 'Filter: dport =' 16
	check C-w -- 'Filter: dport' 14
	check C-w -- 'Filter:' 8
	type 'sport = :40031' -- 'Filter: sport = :40031' 22
	check Left Left Left Left Left Left C-u -- 'Filter: :40031' 8
	check C-k -- 'Filter:' 8
	type 'sport = :40031' -- 'Filter: sport = :40031' 22
	out Enter
	ui_wait 'Filter: -t sport = :40031 \[in kernel\]'
	ui_wait 'Rows: 2 '

	# the value is selected: typing replaces it, a move keeps it
	check F4 -- 'Filter: sport = :40031' 22
	type d -- 'Filter: d' 9
	out Escape
	check F4 -- 'Filter: sport = :40031' 22
	check Home -- 'Filter: sport = :40031' 8
	type '(' -- 'Filter: (sport = :40031' 9
	check C-u -- 'Filter: sport = :40031' 8
	# history: Up brings the kept line back, Down the line being typed
	check C-k -- 'Filter:' 8
	check Up -- 'Filter: sport = :40031' 22
	check Down -- 'Filter:' 8
	out Escape

	# wide characters: two columns each
	check F4 -- 'Filter: sport = :40031' 22
	type '漢字' -- 'Filter: 漢字' 12
	check Left -- 'Filter: 漢字' 10
	check BSpace -- 'Filter: 字' 8
	out Escape

	# a long paste: the line scrolls, the cursor stays in view
	long=$(printf 'sport = :%d or ' $(seq 40001 40020))
	long="${long}sport = :40031"
	check F4 -- 'Filter: sport = :40031' 22
	ui_tmux set-buffer -b p "$long"
	ui_tmux paste-buffer -p -b p -t t
	tail=${long: -$((w - 9))}
	check -- "Filter: $tail" $((w - 1))
	check Home -- "Filter: ${long:0:$((w - 8))}" 8
	check End -- "Filter: $tail" $((w - 1))
	out Enter
	ui_wait_line 2 '^Filter: -t sport = :40001 or sport = :40002 or'

	# the interval: its value selected, 0.5 replaces it
	check d -- 'Interval (seconds): 0.3' 23
	type 0.5 -- 'Interval (seconds): 0.5' 23
	check Left BSpace -- 'Interval (seconds): 05' 21
	check C-u -- 'Interval (seconds): 5' 20
	check C-k -- 'Interval (seconds):' 20
	type 0.5 -- 'Interval (seconds): 0.5' 23
	out Enter
	ui_wait 'every 0.5s'

	# search: the same keys; reopened with the last search selected
	check / -- 'Search:' 8
	type '127.0.0.1' -- 'Search: 127.0.0.1' 17
	check C-w -- 'Search:' 8
	type 40031 -- 'Search: 40031' 13
	out Enter
	check / -- 'Search: 40031' 13
	type x -- 'Search: x' 9
	out Escape
	ui_stop
	echo "ok: prompts at $size"
done
exit 0
