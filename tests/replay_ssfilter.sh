#!/bin/bash
# replay_ssfilter.sh: iproute2's filter tests (ssfilter.t) on the committed
# tests/data/ss1.dump (written by tests/data/make-ss1-dump.sh): needs no
# root and no namespace, so it runs for every user.

. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/ssfilter_lib.sh"
tmpdir_make
dump="$top_srcdir/tests/data/ss1.dump"
[ -s "$dump" ] || fail "no $dump"
if command -v ss >/dev/null; then
	ssfilter_header "$dump"
fi
ssfilter_cases "$dump"
exit 0
