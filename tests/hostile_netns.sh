#!/bin/bash
# hostile_netns.sh: --all-netns with a named namespace whose name is 200
# bytes long (ip netns add allows 255).  In a private mount namespace
# with a /run/netns of its own (nothing reaches the host's), the
# namespace holds a listener: the batch listing heads it with its whole
# name, and `netns NAME` selects it.  Names over 60 bytes were skipped
# (the namespace showed as "pid N", the filter matched nothing), and
# labels were cut at 71 bytes.

. "${top_srcdir:=.}/tests/lib.sh"

mntns_enter -m "$@"
mkdir -p /run/netns && mount -t tmpfs -o size=1m sstop-netns /run/netns ||
	{ echo "SKIP: cannot mount /run/netns"; exit 77; }
name=sstop-$$-$(printf 'n%.0s' $(seq 200))
name=${name:0:200}
ip netns add "$name" || { echo "SKIP: ip netns add"; exit 77; }
tmpdir_make
on_exit "ip netns del '$name' 2>/dev/null"
ip -n "$name" link set lo up || exit 99
bg_ready socks.out ip netns exec "$name" "$top_builddir/tests/ui_socks" 4245

"$SSTOP" --batch --all-netns -tln >"$TMP/all" || fail "--all-netns failed"
grep -q "^netns $name (id [0-9]*)" "$TMP/all" ||
	fail "no header with the whole name: $(grep '^netns' "$TMP/all")"
"$SSTOP" --batch --all-netns -Htln "netns $name" >"$TMP/one" ||
	fail "netns NAME failed"
grep -q '127.0.0.1:4245 ' "$TMP/one" || fail "netns NAME: $(cat "$TMP/one")"
echo "ok: a 200-byte namespace name, whole"
exit 0
