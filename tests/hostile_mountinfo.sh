#!/bin/bash
# hostile_mountinfo.sh: cgroup paths when the line of cgroup2's mount in
# /proc/self/mountinfo is long (over 1 KiB) or escaped (a space is "\040"
# there).  In a private mount and network namespace, the host's cgroup2
# mounts are detached and the hierarchy is mounted again at a 1250-byte
# path, and a TCP listener is made in a cgroup of its own: sstop -e names
# that cgroup as ss -e does (the oracle).  Then at a path with spaces
# (which ss 6.1 cannot read: the cgroup's own name is the answer).  The
# filter `cgroup /NAME` finds the listener both times.  sstop read
# mountinfo in 1 KiB pieces (the filter /proc/mounts in 512-byte ones)
# and kept the escaped path: it said "unreachable:ID" and "no cgroup".

. "${top_srcdir:=.}/tests/lib.sh"

mntns_enter -mn "$@"
command -v ss >/dev/null || { echo "SKIP: no ss"; exit 77; }
ip link set lo up || exit 99
grep -q ' - cgroup2 ' /proc/self/mountinfo || { echo "SKIP: no cgroup2"; exit 77; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/sstop-mnt.XXXXXX") || exit 99
long=$(printf 'a%.0s' $(seq 249))
mnt=$TMP/${long}1/${long}2/${long}3/${long}4/${long}5
spaced="$TMP/a b	c"
cg=
cleanup() {
	[ -n "$BG_PID" ] && kill "$BG_PID" 2>/dev/null && wait "$BG_PID" 2>/dev/null
	[ -n "$cg" ] && rmdir "$cg"
	# never rm -rf into a mounted cgroup2 hierarchy
	umount "$spaced" 2>/dev/null
	umount "$mnt" 2>/dev/null
	mountpoint -q "$mnt" || mountpoint -q "$spaced" || rm -rf "$TMP"
}
BG_PID=
on_exit cleanup

# the host's cgroup2 mounts leave this namespace
awk '$0 ~ / - cgroup2 / { print $5 }' /proc/self/mountinfo |
	while read -r m; do umount -l "$(printf '%b' "$m")" || exit 99; done
mkdir -p "$mnt" "$spaced" || exit 99
mount -t cgroup2 none "$mnt" || { echo "SKIP: cannot mount cgroup2"; exit 77; }
line=$(grep ' - cgroup2 ' /proc/self/mountinfo)
[ "$(grep -c ' - cgroup2 ' /proc/self/mountinfo)" = 1 ] || fail "more than one cgroup2 mount"
[ "${#line}" -gt 1024 ] || fail "the mountinfo line is ${#line} bytes"

cg=$mnt/sstop-hostile.$$
mkdir "$cg" || { cg=; fail "cannot make a cgroup"; }
port=$((20000 + $$ % 20000))
TMP=$TMP bg_ready socks.out bash -c 'echo $$ >"$1/cgroup.procs" && exec "$2" "$3"' \
	_ "$cg" "$top_builddir/tests/ui_socks" "$port"

want=$(ss -Htlne "sport = :$port" | grep -o 'cgroup:[^ ]*')
[ "$want" = "cgroup:/sstop-hostile.$$" ] || fail "ss says '$want'"
got=$("$SSTOP" --batch -Htlne "sport = :$port" | grep -o 'cgroup:[^ ]*')
[ "$got" = "$want" ] || fail "long line: sstop says '$got', ss '$want'"
by_cg() {
	"$SSTOP" --batch -Htln "cgroup /sstop-hostile.$$" 2>&1 | awk '{ print $4 }'
}
[ "$(by_cg)" = "127.0.0.1:$port" ] || fail "long line: cgroup filter: $(by_cg)"
echo "ok: a mountinfo line of ${#line} bytes: $got, as ss says"

# the same hierarchy at a path with a space and a tab, alone again
mount -t cgroup2 none "$spaced" || fail "cannot mount cgroup2 again"
umount "$mnt" || fail "cannot unmount the long path"
cg=$spaced/sstop-hostile.$$
grep ' - cgroup2 ' /proc/self/mountinfo | grep -qF 'a\040b\011c' ||
	fail "mountinfo: $(grep ' - cgroup2 ' /proc/self/mountinfo)"
got=$("$SSTOP" --batch -Htlne "sport = :$port" | grep -o 'cgroup:[^ ]*')
[ "$got" = "$want" ] || fail "escaped path: sstop says '$got'"
[ "$(by_cg)" = "127.0.0.1:$port" ] || fail "escaped path: cgroup filter: $(by_cg)"
echo "ok: an escaped mount point: $got"
exit 0
