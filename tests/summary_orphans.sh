#!/bin/bash
# summary_orphans.sh: `-s` counts as orphaned only sockets closed by their
# program and still shutting down, as the kernel does (/proc/net/sockstat's
# "orphan", which ss prints); connections waiting in an accept queue have
# no inode either but are not orphans (before: each counted).  In a private
# network namespace: a listener that never accepts, three connections.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make

bg_ready listener "$top_builddir/tests/sockmix" -p -L 7700
exec 5<>/dev/tcp/127.0.0.1/7700 6<>/dev/tcp/127.0.0.1/7700 7<>/dev/tcp/127.0.0.1/7700
# the three accepted-to-be: ESTAB, no inode
n=$(ss -Htn state established 'sport = :7700' | wc -l)
[ "$n" = 3 ] || fail "want 3 queued connections, ss lists $n"
"$SSTOP" --batch -s >"$TMP/s" || fail "sstop -s failed"
orph=$(sed -n 's/^TCP:.*orphaned \([0-9]*\),.*/\1/p' "$TMP/s")
[ "$orph" = 0 ] || fail "orphaned $orph with 3 connections in an accept queue: $(head -2 "$TMP/s")"
kern=$(awk '$1 == "TCP:" { for (i = 2; i < NF; i++) if ($i == "orphan") print $(i + 1) }' /proc/net/sockstat)
echo "ok: orphaned 0 (the kernel's orphan count: $kern, host-wide)"
