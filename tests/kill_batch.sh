#!/bin/bash
# kill_batch.sh: `sstop --batch -K FILTER` closes what it lists, as ss -K,
# in a private network namespace with ss as the oracle.  Needs root.
#
# Three TCP connections to one port are killed by `dport = :PORT`: sstop
# lists the three client sockets it closed, ss no longer shows them, and
# the helper sees every server side reset and every client aborted.  A
# connected autobound UDP socket is closed too; a unix socket is reported
# on stderr as not supported and left alone; --readonly refuses -K.

set -u
. "$top_srcdir/tests/lib.sh"
command -v ss >/dev/null || exit 77
netns_enter "$@"
tmpdir_make
tmp=$TMP
PEER="$top_builddir/tests/kill_peer"

# Starts the helper with its output in $tmp/$1, waits for "ready".
start_peer() {
	local out=$1
	shift
	bg_ready "$out" "$PEER" "$@"
}

# --readonly refuses -K with a usage error.
"$SSTOP" --batch --readonly -K -t >"$tmp/ro.out" 2>"$tmp/ro.err"
[ $? = 2 ] || fail "--readonly -K did not exit 2"
[ -s "$tmp/ro.err" ] || fail "--readonly -K gave no message"

# TCP: three connections, killed by a filter on the server port.
start_peer tcp tcp 5100 3
[ "$(ss -Htan state established 'dport = :5100' | wc -l)" = 3 ] ||
	fail "setup: not 3 connections"
"$SSTOP" --batch -n -K -t 'dport = :5100' >"$tmp/k.out" 2>"$tmp/k.err"
rc=$?
[ $rc = 0 ] || fail "-K exit status $rc"
[ ! -s "$tmp/k.err" ] || { cat "$tmp/k.err" >&2; fail "-K complained"; }
[ "$(grep -c ':5100' "$tmp/k.out")" = 3 ] || {
	cat "$tmp/k.out" >&2
	fail "-K did not list the 3 sockets it closed"
}
head -1 "$tmp/k.out" | grep -q '^State' || fail "no ss header"
[ "$(ss -Htan 'dport = :5100' | wc -l)" = 0 ] || fail "clients still there"
wait_lines "$tmp/tcp" 3 'server reset' || fail "peer did not see 3 resets"
wait_lines "$tmp/tcp" 3 'client aborted' || fail "clients not aborted"

# UDP: a connected autobound socket vanishes.
start_peer udp udp 5200
[ "$(ss -Huan 'dport = :5200' | wc -l)" = 1 ] || fail "setup: no udp socket"
"$SSTOP" --batch -n -K -u 'dport = :5200' >"$tmp/u.out" 2>"$tmp/u.err"
[ "$(grep -c ':5200' "$tmp/u.out")" = 1 ] || fail "udp not listed as closed"
[ "$(ss -Huan 'dport = :5200' | wc -l)" = 0 ] || fail "udp still there"
wait_lines "$tmp/udp" 1 'udp aborted' || fail "udp socket not aborted"

# Unix: not supported, reported per socket, nothing listed, still there.
sock="$tmp/x.sock"
start_peer unix unix "$sock"
"$SSTOP" --batch -K -x -l "src unix:$sock" >"$tmp/x.out" 2>"$tmp/x.err"
grep -q "^sstop: cannot close u_str $sock [0-9]*: not supported" "$tmp/x.err" || {
	cat "$tmp/x.err" >&2
	fail "unix socket not reported as not supported"
}
grep -q "$sock" "$tmp/x.out" && fail "unix socket listed as closed"
ss -Hxl "src $sock" | grep -q "$sock" || fail "unix socket gone"
exit 0
