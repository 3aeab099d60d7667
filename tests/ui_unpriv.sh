#!/bin/bash
# ui_unpriv.sh: the screen as an unprivileged user.  In a private network
# namespace root holds two TCP connections (tests/ui_socks on 5401) and
# nobody holds one (5402); sstop runs in tmux as nobody (setpriv, HOME in
# a directory of nobody's own).  The rows are root's `ss -tnH` listing
# (sock_diag needs no privilege), the header says kill is off for want of
# CAP_NET_ADMIN and owners are found for own processes only, the Process
# column names nobody's process and nothing for root's sockets, and F9
# only explains on the status line: ss still lists the socket after it.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
command -v setpriv >/dev/null || { echo "no setpriv"; exit 77; }
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
$NOBODY test -x "$SSTOP" -a -x "$top_builddir/tests/ui_socks" ||
	{ echo "nobody cannot run $SSTOP"; exit 77; }

# nobody's home, reachable through the test's directory
chmod 711 "$UI_TMP"
mkdir "$UI_TMP/nobody"
chown 65534:65534 "$UI_TMP/nobody"

ui_socks 5401 100 200
root_pid=${UI_PIDS[0]}
ui_bg nobody.out $NOBODY "$top_builddir/tests/ui_socks" 5402 300 </dev/null
nobody_pid=$BG_PID
[ "$(ss -Htn | wc -l)" = 6 ] || fail "ss does not list the 6 sockets"
ss -Htnp | grep -q "pid=$root_pid," || fail "ss -p does not see root's owner"

ui_tmux -f /dev/null new-session -d -s t -x 150 -y 30 \
	"$NOBODY env HOME=$UI_TMP/nobody XDG_CONFIG_HOME= TERM=screen LC_ALL=C.UTF-8 $SSTOP -t -n --interval=0.3; echo EXITED \$?; sleep 30"
ui_wait 'F10'
ui_wait 'Rows: 6 '
[ "$(ps -o user= -p "$(ui_pid)")" = nobody ] || fail "sstop does not run as nobody"

# the header: why kill is off, how far owners go
ui_wait 'kill: off \(no CAP_NET_ADMIN\)'
ui_wait 'owners: own processes only'

# the rows: State, queues and both addresses as root's ss -tnH lists them
ui_wait "ui_socks\($nobody_pid\)"
scr=$(ui_screen)
rows() {
	awk '$1 ~ /^(ESTAB|LISTEN|SYN-|FIN-|TIME-|CLOSE|LAST-)/ {
		print $1, $2, $3, $4, $5 }' | sort
}
ss -Htn | rows >"$UI_TMP/ss.rows"
echo "$scr" | rows >"$UI_TMP/ui.rows"
diff "$UI_TMP/ss.rows" "$UI_TMP/ui.rows" ||
	fail "the rows differ from root's ss -tnH"

# owners: nobody's process on its two sockets, nothing on root's four
[ "$(echo "$scr" | grep -c "ui_socks($nobody_pid)")" = 2 ] ||
	fail "nobody's process is not on its two sockets"
[ "$(echo "$scr" | grep -E ':5401( |$)' | grep -c 'ui_socks')" = 0 ] ||
	fail "root's process is shown to nobody"
[ "$(echo "$scr" | grep -cE ':5401( |$)')" = 4 ] || fail "root's rows missing"

# F9 explains on the status line and closes nothing, on a row of root's
# (a client of 5401) and on nobody's own client of 5402
bs=$(printf 'BSpace %.0s' $(seq 20))
cport=$(ss -Htn 'dport = :5401' | awk 'NR == 1 { sub(/.*:/, "", $4); print $4 }')
[ -n "$cport" ] || fail "no client of 5401"
for f in "sport = :$cport" "dport = :5402"; do
	ui_keys F4
	ui_wait '^Filter: '
	# shellcheck disable=SC2086
	ui_keys $bs
	ui_keys "$f" Enter
	ui_wait "Filter: -t $f"
	ui_wait 'Rows: 1 '
	# (the explanation is F9's own: not on the status line before it)
	ui_wait_not '^kill: off'
	ui_keys F9
	ui_wait '^kill: off \(no CAP_NET_ADMIN\)'
	ui_screen | grep -q 'Close 1' && fail "F9 opened the kill dialog"
	[ "$(ss -Htn "$f" | wc -l)" = 1 ] || fail "F9 closed the socket ($f)"
done
[ "$(ss -Htn | wc -l)" = 6 ] || fail "a socket was closed"
kill -0 "$root_pid" "$nobody_pid" || fail "a socket holder died"
ui_keys q
ui_wait 'EXITED 0'
echo ok
