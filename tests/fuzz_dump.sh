#!/bin/sh
# tests/fuzz_dump.sh: a short libFuzzer run of the dump parser
# (tests/fuzz/fuzz_dump.c) from its seeds, when the tree was configured
# with --enable-fuzzing CC=clang (skipped otherwise).  Fails on any crash,
# leak or sanitizer report; the long runs are done by hand (collect.am).
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
fuzz=$top_builddir/tests/fuzz/fuzz_dump
[ -x "$fuzz" ] || { echo "SKIP: not built with --enable-fuzzing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_dump.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# new inputs go to $tmp, never into the seeds
"$fuzz" -seed=1 -runs=20000 -max_len=16384 "$tmp" \
	"$top_srcdir/tests/fuzz/dump-corpus" >"$tmp.log" 2>&1
rc=$?
grep -q '^Done 20000 runs' "$tmp.log" || rc=1
[ $rc -eq 0 ] || { tail -40 "$tmp.log"; rm -f "$tmp.log"; exit 1; }
rm -f "$tmp.log"
echo "PASS: 20000 runs"
