# tests/lib.sh: shared helpers for shell tests that need a private network
# namespace and the sockmix helper.  Source it, then:
#
#   netns_enter "$@"     re-runs the calling script inside `unshare -n` with
#                        lo up; exits 77 (skip) when not root or when
#                        unshare fails.  Call it first.
#   mntns_enter OPT "$@" re-runs the calling script inside `unshare OPT`
#                        (-m: a private mount namespace, -mn: a network
#                        one too), mounts private; exits 77 (skip) when not
#                        root or when unshare fails.  Call it first.
#   need_ip_netns        skips (77) unless `ip netns add` can make a named
#                        network namespace.
#   cgroup_base          sets $cgbase to the cgroup hierarchy to make test
#                        cgroups in (v2, else v1's pids); skips (77)
#                        without one.
#   tmpdir_make          sets $TMP to a fresh directory, removed at exit.
#   sockmix_start [DIR]  starts tests/sockmix (unix paths in DIR, default
#                        $TMP), waits for its "ready" line; sets
#                        $SOCKMIX_PID.  It is killed at exit.
#   bg_ready NAME CMD... starts CMD in the background, its output in
#                        $TMP/NAME, waits for its "ready" line; sets
#                        $BG_PID.  It is killed at exit.
#   wait_lines FILE N RE waits (20 s at most) until FILE has N lines
#                        matching RE; returns 1 if it never does.
#   wait_subscribed N    waits (30 s at most) until N sock_diag sockets of
#                        the namespace joined a group (the destroy events:
#                        /proc/net/netlink); returns 1 if they never do.
#   wait_drained         waits (30 s at most) until none of those has an
#                        event left unread; returns 1 if one keeps some.
#   batch_text_json ARGS... sstop --batch ARGS into $TMP/text, with --json
#                        into $TMP/json; fails unless both run and the JSON
#                        parses (tests/json_check).
#   no_rows FILE COND MSG fails with MSG and the first 3 lines of FILE that
#                        meet the awk condition COND, if any do.
#   free_base BASE       sets B to BASE + 10 * (0..1999): ten ports, B to
#                        B+9, that no TCP socket of any namespace of the
#                        host uses now (for tests whose screen or batch
#                        lists every namespace).
#   tw_retake CMD...     runs CMD (takes of two listings and their
#                        comparison: true when they agree) again, 3 times
#                        in all, only while the namespace's TIME-WAIT
#                        count moved during the run; false if they differ.
#   on_exit CMD          adds CMD to what runs at exit.
#   fail MSG             prints MSG and exits 1.
#
# Needs $top_builddir (set by `make check`); $SSTOP is the sstop binary.

: "${top_builddir:=.}"
: "${SSTOP:=$top_builddir/sstop}"

_lib_exit_cmds=""
on_exit() {
	_lib_exit_cmds="$1; $_lib_exit_cmds"
	trap 'eval "$_lib_exit_cmds"' EXIT
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

netns_enter() {
	if [ -n "${SSTOP_TEST_NETNS:-}" ]; then
		ip link set lo up || exit 77
		return 0
	fi
	[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
	command -v unshare >/dev/null || exit 77
	unshare -n true 2>/dev/null || { echo "SKIP: unshare -n"; exit 77; }
	SSTOP_TEST_NETNS=1 exec unshare -n "$BASH" "$0" "$@"
}

mntns_enter() {
	local opt=$1
	shift
	[ -n "${SSTOP_TEST_MNTNS:-}" ] && return 0
	[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
	unshare "$opt" true 2>/dev/null || { echo "SKIP: unshare $opt"; exit 77; }
	SSTOP_TEST_MNTNS=1 exec unshare "$opt" --propagation private "$BASH" "$0" "$@"
}

need_ip_netns() {
	ip netns add "sstop-probe-$$" 2>/dev/null || { echo "SKIP: ip netns"; exit 77; }
	ip netns del "sstop-probe-$$"
}

cgroup_base() {
	if [ -e /sys/fs/cgroup/cgroup.procs ]; then
		cgbase=/sys/fs/cgroup
	elif [ -d /sys/fs/cgroup/pids ]; then
		cgbase=/sys/fs/cgroup/pids
	else
		echo "SKIP: no cgroup hierarchy"; exit 77
	fi
}

tmpdir_make() {
	TMP=$(mktemp -d "${TMPDIR:-/tmp}/sstop-test.XXXXXX") || exit 99
	on_exit "rm -rf '$TMP'"
}

sockmix_start() {
	sockmix_start_opts "${1:-$TMP}"
}

# sockmix_start_opts DIR OPTS...: sockmix_start with more sockmix options
# (e.g. -r for the rarer tables).
sockmix_start_opts() {
	local dir=$1 fifo line
	shift
	fifo=$(mktemp -u "${TMPDIR:-/tmp}/sockmix.XXXXXX")
	mkfifo "$fifo" || exit 99
	"$top_builddir/tests/sockmix" -p -d "$dir" "$@" </dev/null >"$fifo" &
	SOCKMIX_PID=$!
	on_exit "kill $SOCKMIX_PID 2>/dev/null; wait $SOCKMIX_PID 2>/dev/null"
	exec 9<"$fifo"
	rm -f "$fifo"
	read -r -t 30 line <&9 || fail "sockmix did not start"
	case $line in
	ready*) ;;
	*) fail "sockmix: $line" ;;
	esac
}

bg_ready() {
	local out=$TMP/$1
	shift
	"$@" >"$out" 2>&1 &
	BG_PID=$!
	on_exit "kill $BG_PID 2>/dev/null; wait $BG_PID 2>/dev/null"
	# (30 s at most: 500 connections under ASan on a loaded machine)
	for _ in $(seq 600); do
		grep -q ready "$out" && return 0
		kill -0 "$BG_PID" 2>/dev/null || break
		sleep 0.05
	done
	cat "$out" >&2
	fail "helper $* did not start"
}

batch_text_json() {
	"$SSTOP" --batch "$@" >"$TMP/text" || fail "batch failed"
	"$SSTOP" --batch --json "$@" >"$TMP/json" || fail "--json failed"
	"$top_builddir/tests/json_check" <"$TMP/json" || fail "not JSON"
}

no_rows() {
	local bad
	bad=$(awk "$2" "$1" | head -3)
	[ -z "$bad" ] || fail "$3: $bad"
}

wait_lines() {
	for _ in $(seq 400); do
		[ "$(grep -c -- "$3" "$1")" -ge "$2" ] && return 0
		sleep 0.05
	done
	return 1
}

# The namespace's sock_diag sockets (protocol 4) that joined a group, as
# /proc/net/netlink lines (column 5: bytes not read yet).
diag_subscribers() {
	awk '$2 == 4 && $4 != "00000000"' /proc/net/netlink
}

wait_subscribed() {
	for _ in $(seq 600); do
		[ "$(diag_subscribers | wc -l)" -ge "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

wait_drained() {
	for _ in $(seq 600); do
		[ -z "$(diag_subscribers | awk '$5 != 0')" ] && return 0
		sleep 0.05
	done
	return 1
}

# The namespace's TIME-WAIT sockets, as /proc/net/sockstat counts them.
tw_now() {
	awk '$1 == "TCP:" { for (i = 2; i < NF; i++) if ($i == "tw") print $(i + 1) }' \
		/proc/net/sockstat
}

# sockmix's TIME-WAITs expire 60 s after it started: a slow run (ASan, a
# loaded machine) can see them go between ss's listing and sstop's.  A
# difference is taken again only when that happened during the take.
tw_retake() {
	local _tw_was
	for _ in 1 2 3; do
		_tw_was=$(tw_now)
		"$@" && return 0
		[ "$(tw_now)" = "$_tw_was" ] && return 1
		echo "TIME-WAITs went during the take ($_tw_was -> $(tw_now)): again" >&2
	done
	return 1
}

# Tests that list every namespace of the host (--all-netns) filter by
# port: ports taken from the test's pid alone once met another run's.
free_base() {
	for _ in $(seq 20); do
		B=$(($1 + (RANDOM % 2000) * 10))
		"$SSTOP" --batch --all-netns -Htan \
			"( sport >= :$B and sport <= :$((B + 9)) ) or ( dport >= :$B and dport <= :$((B + 9)) )" \
			2>/dev/null | grep -q '^[A-Z]' || return 0
	done
}
