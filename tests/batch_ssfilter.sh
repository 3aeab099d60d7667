#!/bin/bash
# batch_ssfilter.sh: iproute2's own filter tests (ssfilter.t) on a dump
# made here and now: tests/data/make-ss1-dump.sh rebuilds the situation in
# a private namespace and writes it with ss -D; then every case runs
# through `sstop --batch --replay`.  replay_ssfilter.sh runs the same cases
# on the committed tests/data/ss1.dump without root.

. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ssfilter_lib.sh"
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
unshare -n true 2>/dev/null || { echo "SKIP: unshare -n"; exit 77; }
command -v ss >/dev/null || { echo "SKIP: no ss"; exit 77; }
tmpdir_make
SOCKMIX="$top_builddir/tests/sockmix" \
	"$BASH" "$top_srcdir/tests/data/make-ss1-dump.sh" "$TMP/ss1.dump" ||
	fail "make-ss1-dump.sh failed"
ssfilter_header "$TMP/ss1.dump"
ssfilter_cases "$TMP/ss1.dump"
exit 0
