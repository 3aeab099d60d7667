#!/bin/bash
# netns_all.sh: `sstop --batch --all-netns` on real namespaces, ss as the
# oracle.  Needs root.
#
# Three named namespaces (ip netns add, unique names) and two anonymous
# ones held by processes (unshare -n), one of them in a cgroup whose path
# looks like a Docker container's scope, each with its own connections
# (tests/ui_socks, a port of its own).  For each of these five, the table
# under "netns LABEL (id INODE)" is what ss prints inside it (ip netns
# exec / nsenter); labels are the name, the short container id, "pid N".
# --json gives each socket its namespace's id, name, container and
# runtime.  -K with --all-netns closes the sockets of one port inside the
# second namespace only.  The host may hold other namespaces (other tests'
# appearing and vanishing): only ours are compared.

set -u
. "$top_srcdir/tests/lib.sh"
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
command -v ss >/dev/null && command -v nsenter >/dev/null || exit 77
need_ip_netns
tmpdir_make
PEER="$top_builddir/tests/kill_peer"
SOCKS="$top_builddir/tests/ui_socks"
check="$top_builddir/tests/json_check"

names=""
for n in a b c; do
	ns="sstop-t$$-$n"
	ip netns add "$ns" || fail "ip netns add $ns"
	names="$names $ns"
	on_exit "ip netns del '$ns' 2>/dev/null"
	ip -n "$ns" link set lo up
done
set -- $names
NS1=$1 NS2=$2 NS3=$3

# A cgroup named as Docker names a container's scope (v2, else v1 pids).
id64=$(printf 'sstop%s' "$$" | sha256sum | cut -c1-64)
cgroup_base
cgtop="$cgbase/sstop-test-$$"
cg="$cgtop/docker-$id64.scope"
mkdir -p "$cg" || { echo "SKIP: cannot make a cgroup"; exit 77; }
on_exit "rmdir '$cg' '$cgtop' 2>/dev/null"

# Ports of this run only (other runs' sockets must never match -K).
free_base 10000
P1=$((B + 1)) P2=$((B + 2)) P2B=$((B + 3)) P3=$((B + 4)) P4=$((B + 5)) P5=$((B + 6))
P2K=$((B + 7))

# start_in NAME PORT CMD...: ui_socks PORT with 2 connections through CMD
# (held until killed at exit).
start_in() {
	local out=$1 port=$2
	shift 2
	bg_ready "$out" "$@" "$SOCKS" "$port" 100 200
}
start_in p1 $P1 ip netns exec "$NS1"
start_in p2 $P2 ip netns exec "$NS2"
start_in p2b $P2B ip netns exec "$NS2"
start_in p3 $P3 ip netns exec "$NS3"
start_in p4 $P4 unshare -n sh -c 'ip link set lo up && exec "$0" "$@"'
PID4=$BG_PID
start_in p5 $P5 sh -c 'echo $$ >"$0/cgroup.procs" && exec unshare -n sh -c "ip link set lo up && exec \"\$0\" \"\$@\"" "$@"' "$cg"
PID5=$BG_PID

ino_of() { stat -L -c %i "$1"; }
declare -A ino label
ino[1]=$(ino_of "/run/netns/$NS1") label[1]=$NS1
ino[2]=$(ino_of "/run/netns/$NS2") label[2]=$NS2
ino[3]=$(ino_of "/run/netns/$NS3") label[3]=$NS3
ino[4]=$(ino_of "/proc/$PID4/ns/net") label[4]="pid $PID4"
ino[5]=$(ino_of "/proc/$PID5/ns/net") label[5]=${id64:0:12}
ss_in() {
	case $1 in
	[123]) ip netns exec "${label[$1]}" ss "${@:2}" ;;
	4) nsenter -t "$PID4" -n ss "${@:2}" ;;
	5) nsenter -t "$PID5" -n ss "${@:2}" ;;
	esac
}

# section FILE LABEL INODE: the lines under that heading, up to the next.
section() {
	awk -v h="netns $2 (id $3)" '
		$0 == h { on = 1; n++; next }
		/^netns .* \(id [0-9]+\)$/ { on = 0 }
		on { print }
		END { if (n != 1) exit 1 }' "$1"
}

"$SSTOP" --batch --all-netns -tan >"$TMP/all" 2>"$TMP/all.err" ||
	fail "--all-netns exit status $?"
[ ! -s "$TMP/all.err" ] || { cat "$TMP/all.err" >&2; fail "complained"; }
for i in 1 2 3 4 5; do
	section "$TMP/all" "${label[$i]}" "${ino[$i]}" >"$TMP/got$i" || {
		cat "$TMP/all" >&2
		fail "namespace $i: no single heading 'netns ${label[$i]} (id ${ino[$i]})'"
	}
	ss_in "$i" -tan >"$TMP/want$i"
	diff -u "$TMP/want$i" "$TMP/got$i" ||
		fail "namespace $i (${label[$i]}): not what ss prints inside"
	[ "$(grep -c ESTAB "$TMP/got$i")" -ge 4 ] ||
		fail "namespace $i: its connections are missing"
done
# the own namespace first, and each heading once
head -1 "$TMP/all" | grep -q "(id $(ino_of /proc/self/ns/net))$" ||
	fail "own namespace not first"
[ "$(grep '^netns ' "$TMP/all" | sort | uniq -d | wc -l)" = 0 ] ||
	fail "a namespace listed twice"

# With a filter and -p: still per namespace, and the owners are found.
"$SSTOP" --batch --all-netns -tanp "sport = :$P2" >"$TMP/p" 2>&1
section "$TMP/p" "$NS2" "${ino[2]}" >"$TMP/sp2" || fail "-p: no heading"
[ "$(grep -c 'users:(("ui_socks"' "$TMP/sp2")" = 3 ] ||
	{ cat "$TMP/sp2" >&2; fail "-p: ui_socks not named in $NS2"; }
section "$TMP/p" "$NS1" "${ino[1]}" >"$TMP/sp1"
[ "$(wc -l <"$TMP/sp1")" = 1 ] || fail "the filter let $NS1's sockets through"

# netns and container filter in sstop, the rest still in the kernel.
rows() { section "$1" "${label[$2]}" "${ino[$2]}" | tail -n +2 | wc -l; }
"$SSTOP" --batch --all-netns -tan "netns $NS2 and sport = :$P2B" >"$TMP/f" ||
	fail "netns filter: status"
[ "$(rows "$TMP/f" 2)" = 3 ] || { cat "$TMP/f" >&2; fail "netns filter: not 3 rows in $NS2"; }
for i in 1 3 4 5; do
	[ "$(rows "$TMP/f" $i)" = 0 ] || fail "netns filter: rows in namespace $i"
done
"$SSTOP" --batch --all-netns -tan "container ${id64:0:6}*" >"$TMP/f" ||
	fail "container filter: status"
[ "$(rows "$TMP/f" 5)" = "$(ss_in 5 -Htan | wc -l)" ] ||
	fail "container filter: namespace 5 not whole"
for i in 1 2 3 4; do
	[ "$(rows "$TMP/f" $i)" = 0 ] || fail "container filter: rows in namespace $i"
done
"$SSTOP" --batch -tan "netns *" >"$TMP/f" || fail "netns without --all-netns"
[ "$(wc -l <"$TMP/f")" = 1 ] || fail "netns without --all-netns matched"

# --json: each socket names its namespace.
# (our ports only: another test's namespaces may hold a million sockets)
ours=""
for p in $P1 $P2 $P2B $P3 $P4 $P5; do
	ours="$ours${ours:+ or }sport = :$p or dport = :$p"
done
"$SSTOP" --batch --json --all-netns -tan "$ours" >"$TMP/j" || fail "--json status"
"$check" netns.id netns.container netns.runtime local.port netns.name \
	<"$TMP/j" >"$TMP/jl" || fail "--json --all-netns: not strict JSON"
for i in 1 2 3 4 5; do
	want=$(ss_in "$i" -Htan | wc -l)
	got=$(grep -c "^${ino[$i]} " "$TMP/jl")
	[ "$got" = "$want" ] || fail "json: $got sockets in namespace $i, ss $want"
	grep "^${ino[$i]} " "$TMP/jl" | grep -v " ${label[$i]}\$" && fail "json: namespace $i misnamed"
done
grep "^${ino[5]} " "$TMP/jl" | grep -qv "^${ino[5]} ${id64:0:12} docker " &&
	fail "json: the container or its runtime is wrong"
grep "^${ino[1]} " "$TMP/jl" | grep -qv "^${ino[1]} - - " &&
	fail "json: a container for a named namespace"

# -K inside namespace 2: port $P2K's clients close, nothing else.
bg_ready k2 ip netns exec "$NS2" "$PEER" tcp "$P2K" 2
for i in 1 2 3 4 5; do ss_in "$i" -Htan >"$TMP/before$i"; done
"$SSTOP" --batch --all-netns -K -tn "netns $NS2 and dport = :$P2K" \
	>"$TMP/k" 2>"$TMP/k.err" || fail "-K status $?"
[ ! -s "$TMP/k.err" ] || { cat "$TMP/k.err" >&2; fail "-K complained"; }
section "$TMP/k" "$NS2" "${ino[2]}" >"$TMP/ks2" || fail "-K: no heading"
[ "$(grep -c ":$P2K " "$TMP/ks2")" = 2 ] ||
	{ cat "$TMP/k" >&2; fail "-K did not list 2 closed sockets in $NS2"; }
[ "$(grep -c ":$P2K " "$TMP/k")" = 2 ] || fail "-K listed others"
wait_lines "$TMP/k2" 2 'client aborted' || fail "clients in $NS2 not aborted"
[ "$(ss_in 2 -Htan state established "dport = :$P2K" | wc -l)" = 0 ] ||
	fail "-K: connections of $P2K still there"
[ "$(ss_in 2 -Htan state established "sport = :$P2B or sport = :$P2" | wc -l)" = 4 ] ||
	fail "-K closed other connections of $NS2"
for i in 1 3 4 5; do
	ss_in "$i" -Htan >"$TMP/after$i"
	diff -q "$TMP/before$i" "$TMP/after$i" >/dev/null ||
		fail "-K touched namespace $i"
done

# Refused with what cannot go with it (exit 2, a message).
for o in "-N $NS1" --replay=/dev/null -E -s --metrics; do
	"$SSTOP" --batch --all-netns $o >/dev/null 2>"$TMP/u.err"
	[ $? = 2 ] && grep -q -- "--all-netns" "$TMP/u.err" ||
		fail "--all-netns $o: not refused"
done

# Unprivileged: its own namespace only, said on stderr, never a failure.
if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
		"$SSTOP" --batch --all-netns -tan >"$TMP/np" 2>"$TMP/np.err" ||
		fail "unprivileged: exit status $?"
	grep -q 'netns: own only (no CAP_SYS_ADMIN)' "$TMP/np.err" ||
		fail "unprivileged: the reason is not said"
	[ "$(grep -c '^netns ' "$TMP/np")" = 1 ] &&
		grep -q "^netns .* (id $(ino_of /proc/self/ns/net))\$" "$TMP/np" ||
		fail "unprivileged: not its own namespace alone"
fi
exit 0
