#!/bin/bash
# ui_groupns.sh: F5's namespace view with --all-netns.  Two named
# namespaces (unique names), each with a listener and one connection of
# its own port (tests/ui_socks, 100 and 200 bytes unread): grouped by
# namespace, each namespace's header names it and counts its sockets,
# states, queues and accept queue as ss inside that namespace does
# (ss -tan as the oracle), the bigger Recv-Q first; grouped by listening
# port, each port's header names its namespace too.  Without --all-netns
# the view says there is one namespace.
. "$top_srcdir/tests/ui_lib.sh"

ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
ui_netns_pair g 30000 100 200
# (other namespaces of the host may use the same ports: theirs are left out)
flt="'( sport = :$P1 or dport = :$P1 or sport = :$P2 or dport = :$P2 ) and netns sstop-g$$-*'"

# expect NS PORT: ss's header for namespace NS (the scene's port PORT)
expect() {
	ip netns exec "$1" ss -Htan "( sport = :$2 or dport = :$2 )" | awk -v ns="$1" '
		{ n++ }
		$1 == "LISTEN" { l++; acc += $2; max += $3; next }
		{ e++; rq += $2; wq += $3 }
		END { printf "netns %s  %d sockets  Recv-Q %d  Send-Q %d  ESTAB %d LISTEN %d  accept queue %d/%d\n",
			ns, n, rq, wq, e, l, acc, max }'
}
want1=$(expect "$NS1" "$P1")
want2=$(expect "$NS2" "$P2")
echo "$want1" | grep -q ' 3 sockets  Recv-Q 100 ' || fail "ss: $want1"


ui_start 200 30 --all-netns -tan --interval=0.3 --sort=recv-q:desc "$flt"
# the first dump of every namespace can be slow on a loaded machine
ui_wait 'Rows: 6 ' 70
ui_group_view 5
ui_wait "^$want2\$"
ui_wait "^$want1\$"
scr=$(ui_screen)
ln2=$(echo "$scr" | grep -n "^$want2\$" | cut -d: -f1)
ln1=$(echo "$scr" | grep -n "^$want1\$" | cut -d: -f1)
[ "$ln2" -lt "$ln1" ] || fail "namespaces not ordered by Recv-Q total"
# each namespace's three rows under its header, labelled by it
for i in 1 2 3; do
	echo "$scr" | sed -n "$((ln2 + i))p" | grep -q "^ *$NS2 " ||
		fail "row $i under $NS2 is not its"
	echo "$scr" | sed -n "$((ln1 + i))p" | grep -q "^ *$NS1 " ||
		fail "row $i under $NS1 is not its"
done
# by listening port: the namespace is named
ui_group_view 4
ui_wait "^tcp port $P1 in $NS1  2 sockets  Recv-Q 100  Send-Q 0  ESTAB 1 LISTEN 1  accept queue 0/"
ui_wait "^tcp port $P2 in $NS2  2 sockets  Recv-Q 200  "
ui_wait "^\(no listener\)  2 sockets  "
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# one namespace: the view says so
ui_start 200 30 -tan --interval=0.3
ui_group_view 5
ui_wait 'one network namespace: --all-netns'
ui_keys q
ui_wait 'EXITED 0'
echo "ui_groupns: ok"
