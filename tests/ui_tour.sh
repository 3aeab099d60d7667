#!/bin/bash
# ui_tour.sh: README's tour ("A tour: the jobs"), keystroke by keystroke
# at 80x24, on a scene that tells its story in a private namespace: a
# "postgres" listening on 127.0.0.1:5432 with three clients, one of them
# stuck (600 kB sent, never read: the fullest Recv-Q, a zero window on its
# sender); a paced sender (tests/pace: 4 MB/s and 500 kB/s) for the
# bandwidth; tests/health_scene's problems (zero-window...).  Each step
# checks what README says it shows.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks_as postgres 5432 1000 600000 50
ui_bg pace "$top_builddir/tests/pace" 45000 500000 4000000
ui_bg scene "$top_builddir/tests/health_scene"
# a connection that comes and goes (sockmix -e closes it on a line)
mkfifo "$UI_TMP/in" "$UI_TMP/out" || exit 99
"$top_builddir/tests/sockmix" -e <"$UI_TMP/in" >"$UI_TMP/out" &
UI_PIDS+=("$!")
exec 8>"$UI_TMP/in" 7<"$UI_TMP/out"
read -r -t 20 _ <&7 || fail "sockmix -e did not start"

# The row (line 4 on) that holds REGEX: its line number, or nothing.
row_of() {
	ui_screen | awk -v re="$1" 'NR > 3 && $0 ~ re { print NR; exit }'
}

# -- sstop: what ss shows, live
ui_start 80 24
ui_wait 'F1Help F2Setup F3Search F4Filter'
ui_wait 'Rows: [1-9][0-9]* '

# -- Who holds a port?  F4 (or \), -tlp sport = :5432: the listeners
# alone, their owners in the Process column, even at 80x24
ui_keys '\'
ui_wait '^Filter: ?$'
ui_keys -- '-tlp sport = :5432'
ui_wait 'Rows: 1 '
ui_wait '^LISTEN .*:(5432|postgresql) .*postgres\([0-9]+\)'
ui_screen | sed -n '4,22p' | grep -v '^ *$' | grep -v '^LISTEN ' &&
	fail "a row that is not a listener"
ui_keys Enter
ui_wait '^Filter: -tlp sport = :5432 \[in kernel\]'
# Enter: the detail pane, every owner's pid, fd, user and command line
ui_keys Enter
ui_wait 'detail \(Enter closes\)'
pid=$(pgrep -x postgres)
# (at 80x24 the owners are further down the pane: ] pages it, once
# the pane has its tcp_info and owners)
ui_wait 'detail \(Enter closes\) 1-10/[2-9][0-9]:'
ui_keys ']'
ui_wait "pid $pid fd [0-9]+ +root +postgres"
ui_wait "$UI_TMP/postgres 5432 1000"
ui_keys Enter
ui_wait_not 'detail \(Enter closes\)'
ui_keys F4
ui_wait '^Filter: -tlp'
ui_keys C-u Enter
ui_wait '^Filter: \(none\)'

# -- Who is stuck?  F6, Recv-Q: biggest first, the view at the top, the
# header says which lines show
ui_keys F6
ui_wait 'Sort by'
ui_keys Down Down Enter
ui_wait 'Sort: Recv-Q v +1-[0-9]+/[0-9]+ '
# the first row is the fullest queue, as ss counts it
# (its peer, the client's port, tells it: 5432 may show as postgresql)
top=$(ss -tnH | sort -k2,2nr | awk 'NR == 1 { print $2 " " $5 }')
set -- $top
[ "$1" -gt 100000 ] || fail "the stuck connection's queue: $top"
port=:${2##*:}
ui_wait_line 4 "ESTAB +[0-9.]+K .*$port "
# I inverts: the empty queues first
ui_keys I
ui_wait 'Sort: Recv-Q \^'
ui_wait_line 4 'ESTAB +0 '
ui_keys I
ui_wait 'Sort: Recv-Q v'
ui_wait_line 4 "$port "
# narrow: the addresses give way first (a cut cell ends in …), the
# Process column stays; Right scrolls the columns sideways (a < says so)
ui_screen | sed -n '4,22p' | grep -q '…' || fail "no cut cell at 80x24"
ui_wait_line 3 'Process'
ui_keys Right
ui_wait_line 3 '^<'
ui_keys Left
ui_wait_line 3 '^Netid'
# the detail pane: skmem explained, tcp_info with the zeros that matter
# (the stuck connection's sender sees snd_wnd:0), [ ] and z scroll it
ui_keys F4
ui_wait '^Filter: ?$'
ui_keys -- 'dport = :5432' Enter
ui_wait '^Filter: dport = :5432'
# > : the next column, Send-Q, the fullest first
ui_keys '>'
ui_wait 'Sort: Send-Q v'
ui_wait_line 4 'ESTAB +0 +[0-9.]+[KM] '
ui_keys Enter
ui_wait 'detail \(Enter closes\) 1-10/[3-9][0-9]:'
ui_keys ']'
ui_wait 'detail \(Enter closes\) 10-19/'
ui_keys '['
ui_wait 'detail \(Enter closes\) 1-10/'
# z: the whole screen; PgDn to its end, every page read
ui_keys z
ui_wait 'detail \(Enter closes\) 1-20/[0-9]+: PgUp PgDn scroll, z back'
ui_wait_not 'Local Address'
ui_screen >"$UI_TMP/pane"
for _ in 1 2 3; do
	ui_keys PgDn
	ui_wait_not 'detail \(Enter closes\) 1-20/'
	ui_screen >>"$UI_TMP/pane"
done
grep -q 'socket memory (skmem):  r:[0-9.]+[KM]?B receive memory in use' "$UI_TMP/pane" ||
	grep -q 'socket memory (skmem):' "$UI_TMP/pane" ||
	fail "no skmem in the pane: $(cat "$UI_TMP/pane")"
grep -q 'snd_wnd:0' "$UI_TMP/pane" || fail "no snd_wnd:0 in the pane: $(cat "$UI_TMP/pane")"
grep -q '^timer:' "$UI_TMP/pane" || fail "no timer in the pane"
ui_keys z
ui_wait '\[ \] scroll, z full screen'
ui_keys Enter
ui_wait_not 'detail \(Enter closes\)'

# -- Kill a stale connection: select it, F9, a confirmation that lists
# it, y: closed (gone from ss)
ui_keys F4
ui_wait '^Filter: dport'
ui_keys C-u 'sport = :5432' Enter
ui_wait '^Filter: sport = :5432'
ui_keys '<'
ui_wait 'Sort: Recv-Q v'
ui_wait_line 4 "ESTAB +[0-9.]+K .*$port "
ui_keys F9
ui_wait 'Close 1 socket\?'
ui_wait "$port"
ui_keys y
ui_wait 'kill: 1 of 1 closed'
# (the result stays until a key)
ui_keys q
ui_wait 'Rows: 2 '
ss -tnH state established "( sport = :5432 and dport = $port )" | grep -q . &&
	fail "the stale connection is still there"
# -- What came and went?  A connection opens and closes between two
# refreshes; E: the closed connections, newest first
ui_keys F4
ui_wait '^Filter: sport'
ui_keys C-u Enter
ui_wait '^Filter: \(none\)'
echo close >&8
read -r -t 20 line <&7 && [ "$line" = closed ] || fail "sockmix -e did not close"
ui_keys E
ui_wait '^Closed connections: [1-9][0-9]* shown'
ui_wait ' tcp +127\.0\.0\.1:7300 +127\.0\.0\.1:7310 '
ui_keys E
ui_wait_not '^Closed connections: '
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# -- Who is using the bandwidth?  The rates, biggest sender first from
# the second refresh on, summed in the header; F5 sums them per process
ui_start 80 24 -tp --columns=process,local,peer,tx-rate,rx-rate \
	--sort=tx-rate:desc
ui_wait 'Sort: TX/s v'
ui_wait '  TX [0-9.]+M/s RX [0-9.]+M/s'
fast=$(sed -n 's/^conn 1 //p' "$UI_TMP/pace")
ui_wait_line 4 ":$fast .* [34]\.[0-9]M/s "
ui_keys F5
ui_wait '^Group by'
ui_keys Home Down Enter
ui_wait_not '^Group by'
ui_wait '^pace\([0-9]+\)  4 sockets .* TX [34]\.[0-9]M/s '
# (the grouping is kept in the settings file: back to none)
ui_keys F5
ui_wait '^Group by'
ui_keys Home Enter
ui_wait_not '^Group by'
ui_wait_not '  4 sockets '
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# -- What is wrong?  --sort=health:desc: the problems first (the Health
# column shows), counted in the header, explained in the detail pane
ui_start 80 24 -tan --sort=health:desc
ui_wait 'Health: zero-win [0-9]+ '
ui_wait_line 4 'zero-win'
ui_keys Enter
ui_wait 'zero-window: the peer is not reading'
ui_keys q
ui_wait 'EXITED 0'
exit 0
