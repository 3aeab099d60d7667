#!/bin/bash
# ui_netns.sh: --all-netns on the screen.  Two named namespaces (unique
# names), each with a connection of its own port (tests/ui_socks): both
# rows come labelled by their namespace in the Netns column, the header
# counts namespaces; a namespace made while the screen runs appears, one
# deleted (its holder gone) disappears; the detail pane names the
# namespace and its id; the filter `netns NAME` keeps one namespace; F9
# closes a socket inside the second namespace and nothing in the first
# (ss inside each as the oracle); a process that enters a new namespace
# long after it started is found; run as nobody, the header says why only
# its own namespace is listed.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
need_ip_netns
SOCKS="$top_builddir/tests/ui_socks"

free_base 10000
P1=$((B + 1)) P2=$((B + 2)) P3=$((B + 3))
NS1="sstop-u$$-a" NS2="sstop-u$$-b" NS3="sstop-u$$-c"
for n in "$NS1" "$NS2" "$NS3"; do
	on_exit "ip netns del '$n' 2>/dev/null"
done
for n in "$NS1" "$NS2"; do
	ip netns add "$n" || fail "ip netns add $n"
	ip -n "$n" link set lo up
done
ui_bg s1 ip netns exec "$NS1" "$SOCKS" "$P1" 100
PID1=$BG_PID
ui_bg s2 ip netns exec "$NS2" "$SOCKS" "$P2" 200
flt="'sport = :$P1 or sport = :$P2 or sport = :$P3'"

ui_start 200 30 --all-netns -tn --interval=0.3 "$flt"
ui_wait "^ *$NS1 .*127\.0\.0\.1:$P1 "
ui_wait "^ *$NS2 .*127\.0\.0\.1:$P2 "
ui_wait 'netns: [0-9]+'
ui_wait 'Rows: 2 '
# the count is at least ours and the own one
n=$(ui_screen | sed -n 's/.*netns: \([0-9]*\).*/\1/p' | head -1)
[ "$n" -ge 3 ] || fail "header counts $n namespaces"

# a namespace made now appears, a deleted one (its holder gone) goes
ip netns add "$NS3" || fail "ip netns add $NS3"
ip -n "$NS3" link set lo up
ui_bg s3 ip netns exec "$NS3" "$SOCKS" "$P3" 300
ui_wait "^ *$NS3 .*127\.0\.0\.1:$P3 "
kill "$PID1"
ip netns del "$NS1"
ui_wait_not "^ *$NS1 "
ui_wait 'Rows: 2 '

# the detail pane: namespace, id
ino2=$(stat -L -c %i "/run/netns/$NS2")
ui_keys F4
ui_wait "^Filter: sport"
ui_keys End " and netns $NS2" Enter
ui_wait 'Rows: 1 '
ui_wait "Filter: .* and netns $NS2 \[in sstop\]"
ui_keys Enter
ui_wait "netns $NS2"
ui_wait "id $ino2"
ui_keys Enter

# F9 inside the second namespace: its connection goes, the third's stays
[ "$(ip netns exec "$NS2" ss -Htn state established "sport = :$P2" | wc -l)" = 1 ] ||
	fail "setup: no connection in $NS2"
ui_wait 'kill: on'
ui_keys k
ui_wait 'Close 1 socket\?'
ui_keys y
ui_wait 'kill: 1 of 1 closed'
[ "$(ip netns exec "$NS2" ss -Htn state established "sport = :$P2" | wc -l)" = 0 ] ||
	fail "F9 did not close the socket in $NS2"
[ "$(ip netns exec "$NS3" ss -Htn state established | wc -l)" = 2 ] ||
	fail "F9 touched $NS3"
ui_keys Enter q
ui_wait 'EXITED 0'
ui_stop

# an old process that enters a new namespace long after it started (exec
# unshare -n keeps its pid) is found too: a scan reads a known pid's
# namespace again only in its turn (nsset.h, NSSET_ROUND)
P4=$((B + 4))
mkfifo "$UI_TMP/go"
ui_bg late sh -c 'echo ready; read x <"$0"; exec unshare -n sh -c "ip link set lo up && exec \"\$0\" \"\$@\"" "$@"' \
	"$UI_TMP/go" "$SOCKS" "$P4" 400
PIDL=$BG_PID
ui_start 200 30 --all-netns -tn --interval=0.1 "'sport = :$P4'"
ui_wait 'Rows: 0 '
ui_wait_clock 4 # the holder is no longer young (NSSET_YOUNG_S)
echo >"$UI_TMP/go"
ui_wait "^ *pid $PIDL .*127\.0\.0\.1:$P4 "
[ "$(stat -L -c %i "/proc/$PIDL/ns/net")" != "$(stat -L -c %i /proc/self/ns/net)" ] ||
	fail "the holder did not change namespace"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# as nobody: its own namespace only, and the header says why
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
if command -v setpriv >/dev/null && $NOBODY test -x "$SSTOP"; then
	chmod 711 "$UI_TMP"
	mkdir "$UI_TMP/nobody" && chown 65534:65534 "$UI_TMP/nobody"
	ui_tmux -f /dev/null new-session -d -s t -x 200 -y 30 \
		"$NOBODY env HOME=$UI_TMP/nobody XDG_CONFIG_HOME= TERM=screen LC_ALL=C.UTF-8 $SSTOP --all-netns -tn --interval=0.3; echo EXITED \$?; sleep 30"
	ui_wait 'F10'
	ui_wait 'netns: own only \(no CAP_SYS_ADMIN\)'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
fi
exit 0
