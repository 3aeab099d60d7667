#!/bin/sh
# tests/fuzz_ftail.sh: a short libFuzzer run of tests/fuzz/fuzz_ftail.c from its
# seeds (tests/fuzz/ftail-corpus, dictionary tests/fuzz/ftail.dict), when the
# tree was configured with --enable-fuzzing CC=clang (skipped otherwise).
# Fails on any crash, leak, sanitizer report or broken property; the long
# runs (10 million executions) are done by hand, see the .am fragment.
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
fuzz=$top_builddir/tests/fuzz/fuzz_ftail
[ -x "$fuzz" ] || { echo "SKIP: not built with --enable-fuzzing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_ftail.XXXXXX") || exit 1
trap 'rm -rf "$tmp" "$tmp.log"' EXIT
# new inputs go to $tmp, never into the seeds
"$fuzz" -seed=1 -runs=50000 -max_len=4096 \
	-dict="$top_srcdir/tests/fuzz/ftail.dict" "$tmp" \
	"$top_srcdir/tests/fuzz/ftail-corpus" >"$tmp.log" 2>&1
rc=$?
grep -q '^Done 50000 runs' "$tmp.log" || rc=1
[ $rc -eq 0 ] || { tail -40 "$tmp.log"; exit 1; }
echo "PASS: 50000 runs"
