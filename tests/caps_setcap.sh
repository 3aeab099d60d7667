#!/bin/bash
# caps_setcap.sh: a setcap'd sstop gives its users nothing but what the
# capabilities are for.  A copy of the built binary gets the README's
# file capabilities and runs as nobody (setpriv).  Then a root-only file
# named by -F, --replay, -N or reached through a symlink of nobody's gives
# "Permission denied" and none of its content; -N refuses a FIFO at once
# and a regular file as no namespace; a hostile message catalogue
# (SSTOP_LOCALEDIR, built with msgen | msgfilter | msgfmt) is used by the
# plain binary and ignored by the setcap'd one; -K with --replay is
# refused; what the capabilities are for works (nobody sees root's
# process with -p and closes its connection with -K); as root, -N takes a
# /run/netns name and a /proc path.

set -u
. "$top_srcdir/tests/lib.sh"
command -v setpriv >/dev/null || exit 77
command -v setcap >/dev/null || { echo "SKIP: no setcap"; exit 77; }
netns_enter "$@"
tmpdir_make
chmod 711 "$TMP"

nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

cp "$SSTOP" "$TMP/sstop" && chmod 755 "$TMP/sstop" || exit 99
setcap cap_net_admin,cap_sys_ptrace,cap_dac_read_search+ep "$TMP/sstop" \
	2>/dev/null || { echo "SKIP: setcap on $TMP"; exit 77; }
CAPD=$TMP/sstop
nobody "$CAPD" --version >/dev/null ||
	{ echo "SKIP: nobody cannot run $CAPD"; exit 77; }

secret="SECRET-$$-state established ( junk"
printf '%s\n' "$secret" >"$TMP/secret"
chmod 600 "$TMP/secret"
mkdir "$TMP/pub" && chown 65534:65534 "$TMP/pub" || exit 99
ln -s "$TMP/secret" "$TMP/pub/link"

# $1: what; the rest: the command.  It must fail with Permission denied
# and print nothing of the secret.
denied() {
	local what=$1 rc=0
	shift
	"$@" >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
	[ "$rc" != 0 ] || fail "$what: exit 0"
	grep -q 'Permission denied' "$TMP/err" ||
		fail "$what: $(cat "$TMP/err")"
	cat "$TMP/out" "$TMP/err" | grep -q "SECRET-$$" &&
		fail "$what printed the secret"
	return 0
}

denied "-F secret" nobody "$CAPD" --batch -F "$TMP/secret"
denied "-F symlink" nobody "$CAPD" --batch -F "$TMP/pub/link"
denied "--replay secret" nobody "$CAPD" --batch --replay "$TMP/secret"
denied "--replay symlink" nobody "$CAPD" --batch --replay "$TMP/pub/link"
denied "-N secret" nobody "$CAPD" --batch -N "$TMP/secret"
# the control: root reads it, and the filter error quotes it
"$SSTOP" --batch -F "$TMP/secret" >/dev/null 2>"$TMP/err" &&
	fail "root: the secret parsed as a filter"
grep -q "SECRET-$$" "$TMP/err" || {
	cat "$TMP/err" >&2
	fail "root's error does not quote the file: the check above is void"
}

# -N: a FIFO is refused without a wait, a regular file is no namespace
mkfifo "$TMP/pub/fifo" && chown 65534:65534 "$TMP/pub/fifo" || exit 99
printf 'x\n' >"$TMP/pub/plain" && chmod 644 "$TMP/pub/plain"
for f in fifo plain; do
	rc=0
	timeout 10 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$CAPD" --batch -N "$TMP/pub/$f" >/dev/null 2>"$TMP/err" || rc=$?
	[ "$rc" = 1 ] || fail "-N $f: exit $rc"
	grep -q 'is not a network namespace' "$TMP/err" ||
		fail "-N $f: $(cat "$TMP/err")"
done
# root: a name under /run/netns and a /proc path
if command -v ip >/dev/null && ip netns add "sstop-priv-$$" 2>/dev/null; then
	on_exit "ip netns del sstop-priv-$$"
	ip netns exec "sstop-priv-$$" ip link set lo up
	"$SSTOP" --batch -N "sstop-priv-$$" -tan >"$TMP/ns.out" 2>&1 ||
		fail "-N NAME: $(cat "$TMP/ns.out")"
	"$SSTOP" --batch -N ../etc -tan >/dev/null 2>&1 &&
		fail "-N with a relative path succeeded"
fi
"$SSTOP" --batch -N "/proc/$$/ns/net" -tan >/dev/null 2>"$TMP/err" ||
	fail "-N /proc/PID/ns/net: $(cat "$TMP/err")"

# what the capabilities are for still works, raised around it: nobody
# sees the owner of root's connection (-p) and closes it (-K)
bg_ready peer "$top_builddir/tests/kill_peer" tcp 5360 1
nobody "$CAPD" --batch -tnp 'dport = :5360' >"$TMP/p.out" 2>&1 ||
	fail "-p: $(cat "$TMP/p.out")"
grep -q "users:((\"kill_peer\",pid=$BG_PID," "$TMP/p.out" ||
	fail "-p does not show root's process: $(cat "$TMP/p.out")"
nobody "$CAPD" --batch -n -K -t 'dport = :5360' >"$TMP/k.out" 2>"$TMP/k.err" ||
	fail "-K: $(cat "$TMP/k.err")"
[ "$(ss -Htn state established 'dport = :5360' | wc -l)" = 0 ] ||
	fail "-K as nobody closed nothing: $(cat "$TMP/k.err")"
wait_lines "$TMP/peer" 1 'server reset' || fail "the peer saw no reset"

# -K with --replay: refused, exit 2
rc=0
"$SSTOP" --batch --replay /dev/null -K >/dev/null 2>"$TMP/err" || rc=$?
[ "$rc" = 2 ] && grep -q 'refused with --replay' "$TMP/err" ||
	fail "-K --replay: exit $rc, $(cat "$TMP/err")"

# A hostile catalogue: every message is "PWNED" (it could hold "%n").
if grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" &&
	command -v msgen >/dev/null && command -v msgfilter >/dev/null; then
	mkdir -p "$TMP/loc/fr/LC_MESSAGES"
	sed 's/charset=CHARSET/charset=UTF-8/' "$top_srcdir/po/sstop.pot" |
		msgen - | msgfilter --keep-header sed 's/.*/PWNED/' |
		msgfmt -o "$TMP/loc/fr/LC_MESSAGES/sstop.mo" - ||
		fail "cannot build the hostile catalogue"
	chmod -R a+rX "$TMP/loc"
	hostile() {
		nobody env -u LC_ALL -u LC_MESSAGES SSTOP_LOCALEDIR="$TMP/loc" \
			LANGUAGE=fr LANG=C.UTF-8 "$@"
	}
	# (a usage error: its messages are old, so in any sstop.pot)
	hostile "$SSTOP" --no-such-option 2>"$TMP/plain.err"
	grep -q PWNED "$TMP/plain.err" ||
		fail "the plain binary ignores the catalogue: the check is void"
	hostile "$CAPD" --no-such-option 2>"$TMP/capd.err"
	grep -q PWNED "$TMP/capd.err" &&
		fail "the setcap'd binary used the user's catalogue"
	grep -q "Try 'sstop --help'" "$TMP/capd.err" || fail "no usage error"
fi
exit 0
