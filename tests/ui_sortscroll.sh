#!/bin/bash
# ui_sortscroll.sh: sorting and scrolling that show the answer (#21), on
# real TCP connections with unread data (30 of them, 1000 to 30000 bytes)
# held by a process with a 15-byte name, and a unix socket on a long path.
# At 80x24 and 160x50: F6 -> Recv-Q sorts the fullest first with the view
# at the top (the header's position mark says 1-20/60), from a screen
# scrolled down; the selection follows a socket only when it shows on the
# first screen, else the first row is selected (the detail pane says
# which); I turns it over, also to the top; the mark's values after
# PgDn/End/Home; the Process column kept at 80x24 with its name cut by a
# mark (`…`, `~` in the C locale) and its pid whole; a long unix path cut
# with the mark (its middle where there is room), its inode kept; Left/Right scroll the columns, titles
# along.  Rows and titles are checked whole.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

NAME=averylongname15
ui_socks_as $NAME 6300 $(seq 1000 1000 30000)
PID=$BG_PID
# the accepted socket holding 30000 and 29000 unread bytes: their peers
peer_of() {
	ss -Htn 'sport = :6300' | awk -v q="$1" '$2 == q { print $5 }'
}
P30=$(peer_of 30000)
P29=$(peer_of 29000)
[ -n "$P30" ] && [ -n "$P29" ] || fail "ss does not show the queues"

# expect N TEXT: line N of the screen is TEXT exactly (trailing blanks
# are not captured), once a re-sort or refresh has drawn it
expect() {
	local want=$2
	want=${want%"${want##*[! ]}"}
	for _ in $(seq 200); do
		[ "$(ui_line "$1")" = "$want" ] && return 0
		sleep 0.05
	done
	fail "line $1 is not '$want'"
}

# "name(pid)" in w columns: the name cut with mark $2 when too long
proc_cell() {
	local full="$NAME($PID)" w=$1 tail="($PID)"
	if [ ${#full} -le "$w" ]; then
		echo "$full"
	else
		echo "${NAME:0:$((w - 1 - ${#tail}))}$2$tail"
	fi
}

# detail_is LOCAL PEER: the selected socket, as the detail pane's first
# line names it (Enter opens the pane, Enter again closes it)
detail_is() {
	local got
	ui_keys Enter
	ui_wait '---- detail'
	for _ in $(seq 200); do
		got=$(ui_screen | grep -o "tcp ESTAB  [^ ]* -> [^ ]*" | head -1)
		[ "$got" = "tcp ESTAB  $1 -> $2" ] && break
		sleep 0.05
	done
	[ "$got" = "tcp ESTAB  $1 -> $2" ] ||
		fail "selected: '$got', want $1 -> $2"
	ui_keys Enter
	ui_wait_not '---- detail'
}

# ui_start without the settings file (and the sort) a screen before saved
fresh_start() {
	rm -rf "$UI_TMP/home"
	ui_start "$@"
}

# --- 80x24: a 20-row table; State, Recv-Q, Send-Q, Local (15), Peer (16)
# and Process (20): the addresses gave their room first
fresh_start 80 24 -t -n --interval=0.5
ui_wait_line 2 'Sort: Netid \^  1-20/60  Rows: 60 '
# the owners' first pass can take long on a loaded machine (60 s at most)
ui_wait "${NAME:0:5}" 70
ui_keys PgDn PgDn
ui_wait_line 2 'Sort: Netid \^  20-39/60  Rows: 60 '
ui_keys F6
ui_wait 'Sort by'
ui_keys Down Down Enter
ui_wait_line 2 'Sort: Recv-Q v  1-20/60  Rows: 60 '
TITLE80='State      Recv-Qv  Send-Q Local Address:… Peer Address:Po… Process'
expect 3 "$TITLE80"
expect 4 "$(printf '%-10s %7s %7s %-15s %-16s %s' ESTAB 29K 0 \
	127.0.0.1:6300 "$P30" "$(proc_cell 20 …)")"
expect 5 "$(printf '%-10s %7s %7s %-15s %-16s %s' ESTAB 28K 0 \
	127.0.0.1:6300 "$P29" "$(proc_cell 20 …)")"
echo "ok: 80x24 F6 Recv-Q: fullest first, view at the top, Process kept"

# the fullest selected, then I: it goes last, off the first screen, so
# the first row (an empty queue) is selected and shown at the top
ui_keys Home
ui_keys I
ui_wait_line 2 'Sort: Recv-Q \^  1-20/60  Rows: 60 '
ui_wait_line 4 '^ESTAB +0 +0 '
first=$(ui_line 4 | awk '{ print $4, $5 }')
detail_is ${first% *} ${first#* }
# and back: the first row (an empty queue) goes off screen too
ui_keys I
ui_wait_line 2 'Sort: Recv-Q v  1-20/60  Rows: 60 '
expect 4 "$(printf '%-10s %7s %7s %-15s %-16s %s' ESTAB 29K 0 \
	127.0.0.1:6300 "$P30" "$(proc_cell 20 …)")"
detail_is 127.0.0.1:6300 "$P30"
echo "ok: 80x24 I: view at the top, the selection follows only on screen"

# the position mark
ui_keys End
ui_wait_line 2 'Sort: Recv-Q v  41-60/60  Rows: 60 '
ui_keys PgUp PgUp
ui_wait_line 2 'Sort: Recv-Q v  22-41/60  Rows: 60 '
ui_keys Home
ui_wait_line 2 'Sort: Recv-Q v  1-20/60  Rows: 60 '
echo "ok: 80x24 position mark"

# Right: State scrolls off, the mark shows, the titles follow and the
# addresses get its room; four times: the Process column shows whole
ui_keys Right
expect 3 '< Recv-Qv  Send-Q Local Address:Port   Peer Address:Port    Process'
expect 4 "$(printf '  %7s %7s %-20s %-20s %s' 29K 0 127.0.0.1:6300 "$P30" \
	"$(proc_cell 20 …)")"
ui_keys Right Right Right
expect 3 "$(printf '< %-48s %s' 'Peer Address:Port' Process)"
expect 4 "$(printf '  %-48s %s' "$P30" "$NAME($PID)")"
# no further than the last column
ui_keys Right Right
expect 3 '< Process'
ui_keys Left Left Left Left Left
expect 3 "$TITLE80"
echo "ok: 80x24 Left/Right"

# sorted by Health, not shown: it comes before Process, and Process keeps
# 12 columns (State and Health give the rest: the addresses are at 15)
ui_keys F6
ui_wait 'Sort by'
for _ in $(seq 17); do ui_keys Down; done
ui_keys Enter
ui_wait_line 2 'Sort: Health v  1-20/60  Rows: 60 '
expect 3 "$(printf '%-9s %7s %7s %-15s %-15s %-9s %s' State Recv-Q Send-Q \
	'Local Address:…' 'Peer Address:P…' Healthv Process)"
cell=$(proc_cell 12 …)
ui_wait_line 4 "^ESTAB .* ${cell//[()]/.}\$"
echo "ok: 80x24 a column added: Process keeps 12 columns"
ui_stop

# --- the C locale: the mark is `~`
UI_LANG=C fresh_start 80 24 -t -n --interval=0.5 --sort=recv-q:desc
expect 4 "$(printf '%-10s %7s %7s %-15s %-16s %s' ESTAB 29K 0 \
	127.0.0.1:6300 "$P30" "$(proc_cell 20 '~')")"
expect 3 'State      Recv-Qv  Send-Q Local Address:~ Peer Address:Po~ Process'
ui_stop
echo "ok: C locale: ~"

# --- 160x50: a 46-row table, nothing cut
fresh_start 160 50 -t -n --interval=0.5
ui_wait_line 2 'Sort: Netid \^  1-46/60  Rows: 60 '
ui_keys End
ui_wait_line 2 'Sort: Netid \^  15-60/60  Rows: 60 '
ui_keys F6
ui_wait 'Sort by'
ui_keys Down Down Enter
ui_wait_line 2 'Sort: Recv-Q v  1-46/60  Rows: 60 '
expect 3 "$(printf '%-10s %7s %7s %-48s %-48s %s' State Recv-Qv Send-Q \
	'Local Address:Port' 'Peer Address:Port' Process)"
expect 4 "$(printf '%-10s %7s %7s %-48s %-48s %s' ESTAB 29K 0 \
	127.0.0.1:6300 "$P30" "$NAME($PID)")"
# the second fullest selected; sorted by Local (ascending: 6300 before
# the clients' ports), the accepted sockets fill the first 30 lines:
# it shows there, so the selection follows it
ui_keys Home Down
ui_keys F6
ui_wait 'Sort by'
ui_keys Down Down Enter
ui_wait_line 2 'Sort: Local Address:Port \^  1-46/60  Rows: 60 '
detail_is 127.0.0.1:6300 "$P29"
echo "ok: 160x50 sort: view at the top, the selection follows on screen"

# a column not shown: sorting by it (F6 -> Inode) shows it, before
# Process, biggest first
ui_keys F6
ui_wait 'Sort by'
ui_keys Down Down Down Down Enter
ui_wait_line 2 'Sort: Inode v  1-46/60  Rows: 60 '
ui_wait_line 3 ' Inodev Process'
top=$(ss -Htne | grep -o 'ino:[0-9]*' | cut -d: -f2 | sort -n | tail -1)
ui_wait_line 4 " $top $NAME\($PID\)"
echo "ok: sorting by a hidden column shows it"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# --- a long unix path at 80x24: cut with the mark, its inode kept
dir=$UI_TMP/a/rather/long/directory/for/the/paths/of/this/test
mkdir -p "$dir"
ui_bg names.out "$top_builddir/tests/unix_names" "$dir/server.sock"
UPID=$BG_PID
ino=$(ss -Hxl src "$dir/server.sock" | awk '{ print $(NF-2) }')
[ -n "$ino" ] || fail "ss does not list $dir/server.sock"
fresh_start 80 24 -x -l -n --interval=0.5 src "$(printf %q "$dir/server.sock")"
ucell() {
	local full="unix_names($UPID)" tail="($UPID)"
	echo "${full:0:$((14 - 1 - ${#tail}))}…$tail"
}
# 15 columns: the end of the path (the inode leaves too little room for
# its start too), the inode whole
path=$dir/server.sock
cut="…${path: -$((15 - 1 - ${#ino} - 1))} $ino"
expect 4 "$(printf '%-6s %-10s %7s %7s %-15s %-15s %s' u_str LISTEN 0 \
	1 "$cut" '* 0' "$(ucell)")"
# four columns scrolled off: 28 columns hold the start and the end of the
# path around the mark, and Process shows whole
ui_keys Right Right Right Right
room=$((28 - 1 - ${#ino} - 1))
head=$(((room + 1) / 2))
expect 4 "$(printf '  %-28s %-28s %s' \
	"${path:0:head}…${path: -$((room - head))} $ino" '* 0' \
	"unix_names($UPID)")"
ui_keys q
ui_wait 'EXITED 0'
echo "ok: a long unix path"
