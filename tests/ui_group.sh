#!/bin/bash
# ui_group.sh: F5 groups the rows under their owning process.  Two
# processes hold known TCP connections with unread data; each group's
# header (name(pid), socket count, Recv-Q and Send-Q sums) must match what
# ss -tnp says about that pid; rows sit under their owner's header; sorting
# by Recv-Q descending puts the process with more queued data first; the
# selection stays on its socket; F5 again gives the flat table back.
# With -t (one table) the Netid column is hidden, as ss hides it.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

# two owners: 2 connections (100 + 300 bytes queued), 1 connection (700)
ui_socks 6101 100 300
mv "$UI_TMP/socks.out" "$UI_TMP/a.out"
ui_socks 6102 700
pid_a=${UI_PIDS[0]} pid_b=${UI_PIDS[1]}

# expect PID: "ui_socks(PID)  N sockets  Recv-Q R  Send-Q S" from ss -tnp
expect() {
	ss -Htnp | awk -v p="pid=$1," '
		index($0, p) { n++; rq += $2; wq += $3 }
		END { printf "ui_socks\\(%s\\)  %d sockets  Recv-Q %d  Send-Q %d\n",
			pid, n, rq, wq }' pid="$1"
}
want_a=$(expect "$pid_a")
want_b=$(expect "$pid_b")
echo "$want_a" | grep -q ' 4 sockets  Recv-Q 400 ' || fail "ss: $want_a"
echo "$want_b" | grep -q ' 2 sockets  Recv-Q 700 ' || fail "ss: $want_b"

ui_start 150 30 -t -n --interval=0.3 --sort=recv-q:desc
ui_wait 'Rows: 6 '
ui_wait "ui_socks\($pid_b\)"
# -t selects one table: no Netid column, as ss -t
ui_line 3 | grep -q '^State ' || fail "Netid shown with -t"
# select the 300-byte row, then group: F5's menu starts on the process
ui_keys Down
ui_keys F5
ui_wait '^Group by'
ui_wait '^  process '
ui_keys Enter
ui_wait "^$want_b"
ui_wait "^$want_a"
scr=$(ui_screen)
# the bigger Recv-Q total first, each owner's rows under its header
ln_b=$(echo "$scr" | grep -En "^$want_b" | cut -d: -f1)
ln_a=$(echo "$scr" | grep -En "^$want_a" | cut -d: -f1)
[ "$ln_b" -lt "$ln_a" ] || fail "groups not ordered by Recv-Q total"
for i in 1 2; do
	echo "$scr" | sed -n "$((ln_b + i))p" | grep -q "ui_socks($pid_b)" ||
		fail "row $i under ui_socks($pid_b) is not its"
done
for i in 1 2 3 4; do
	echo "$scr" | sed -n "$((ln_a + i))p" | grep -q "ui_socks($pid_a)" ||
		fail "row $i under ui_socks($pid_a) is not its"
done
[ "$(echo "$scr" | grep -c 'sockets  Recv-Q')" = 2 ] || fail "not two groups"
# the selection followed the 300-byte socket into its group: the detail
# pane names it
ui_keys Enter
ui_wait 'detail'
ui_wait 'Recv-Q 300 bytes'
ui_keys Enter
# F5, none: flat, no header
ui_keys F5 Home Enter
ui_wait_not 'sockets  Recv-Q'
ui_wait 'Rows: 6 '
ui_keys q
ui_wait 'EXITED 0'
