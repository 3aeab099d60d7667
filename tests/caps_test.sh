#!/bin/bash
# caps_test.sh: sstop keeps only the capabilities it uses.  As root in a
# private network namespace, a running sstop's /proc/PID/status shows no
# capability beyond CAP_NET_ADMIN, CAP_SYS_PTRACE and CAP_DAC_READ_SEARCH
# in its permitted and bounding sets, none effective between dumps (they
# are raised only around the operations that need them), none inheritable
# or ambient, no_new_privs set, and no CAP_NET_ADMIN with --readonly.  As an unprivileged user
# the listing equals root's, and -K reports permission denied per socket
# and closes nothing.

set -u
. "$top_srcdir/tests/lib.sh"
command -v setpriv >/dev/null || exit 77
command -v ss >/dev/null || exit 77
netns_enter "$@"
tmpdir_make
tmp=$TMP
chmod 755 "$tmp"

# CAP_DAC_READ_SEARCH = 2, CAP_NET_ADMIN = 12, CAP_SYS_PTRACE = 19.
KEEP=$(((1 << 2) | (1 << 12) | (1 << 19)))
READONLY=$(((1 << 2) | (1 << 19)))

bg_ready peer "$top_builddir/tests/kill_peer" tcp 5300 2

# Runs sstop with $@ until it has printed its first listing (so it is past
# its capability setup and asleep before the second), then checks each
# capability set of /proc/PID/status against the allowed mask $1.
check_sets() {
	local allowed=$1 p set val
	shift
	: >"$tmp/run.out"
	"$SSTOP" --batch --iterations=2 --interval=30 "$@" >"$tmp/run.out" &
	p=$!
	on_exit "kill $p 2>/dev/null"
	for _ in $(seq 200); do
		[ -s "$tmp/run.out" ] && break
		sleep 0.05
	done
	[ -s "$tmp/run.out" ] || fail "sstop $* printed nothing"
	val=$((16#$(awk '$1 == "CapEff:" { print $2 }' "/proc/$p/status")))
	[ "$val" = 0 ] ||
		fail "sstop $*: CapEff $(printf %x $val) between dumps"
	grep -q '^NoNewPrivs:[[:space:]]*1' "/proc/$p/status" ||
		fail "sstop $*: no_new_privs not set"
	for set in CapPrm CapBnd; do
		val=$((16#$(awk -v s="$set:" '$1 == s { print $2 }' \
			"/proc/$p/status")))
		((val & ~allowed)) &&
			fail "sstop $*: $set has $(printf %x $val)"
		[ "$val" = "$allowed" ] ||
			fail "sstop $*: $set lacks a kept capability ($(printf %x $val))"
	done
	for set in CapInh CapAmb; do
		val=$((16#$(awk -v s="$set:" '$1 == s { print $2 }' \
			"/proc/$p/status")))
		[ "$val" = 0 ] || fail "sstop $*: $set not empty"
	done
	kill "$p"
	wait "$p" 2>/dev/null
}

check_sets "$KEEP" -tan
check_sets "$READONLY" --readonly -tan

# Unprivileged: same listing; -K denied, nothing closed.
nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
"$SSTOP" --batch -tan >"$tmp/root.out" || fail "root listing failed"
nobody "$SSTOP" --batch -tan >"$tmp/nobody.out" || fail "nobody listing failed"
grep -q ':5300' "$tmp/root.out" || fail "root listing lacks the connections"
diff -u "$tmp/root.out" "$tmp/nobody.out" >&2 ||
	fail "unprivileged listing differs"

nobody "$SSTOP" --batch -n -K -t 'dport = :5300' >"$tmp/k.out" 2>"$tmp/k.err"
[ "$(grep -c 'permission denied' "$tmp/k.err")" = 2 ] || {
	cat "$tmp/k.err" >&2
	fail "unprivileged -K did not report 2 denials"
}
grep -q ':5300' "$tmp/k.out" && fail "unprivileged -K listed a socket"
[ "$(ss -Htan state established 'dport = :5300' | wc -l)" = 2 ] ||
	fail "unprivileged -K closed something"
exit 0
