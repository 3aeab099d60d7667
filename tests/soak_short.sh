#!/bin/bash
# soak_short.sh: bench/soak in CI's size, 60 s of 3 000 connections a
# second with the screen, owners and the detail pane cycling, under
# AddressSanitizer/UBSan: no sanitizer report, sstop alive all along and
# quitting cleanly.  Only in a sanitizer build (configure
# --enable-sanitizers): elsewhere the 10-minute bench/soak is the test
# (skipped, 77).  The memory figures are printed, not judged (ASan's
# quarantine holds freed memory).
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
: "${SSTOP:=$top_builddir/sstop}"
{ ldd "$SSTOP" 2>/dev/null | grep -q libasan; } ||
	{ echo "SKIP: not a sanitizer build"; exit 77; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
SSTOP=$SSTOP exec "$BASH" "$top_srcdir/bench/soak" --secs 60 --rate 3000 \
	--builddir "$top_builddir"
