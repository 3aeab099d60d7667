#!/bin/sh
# tests/fuzz_rc.sh: a short libFuzzer run of tests/fuzz/fuzz_rc.c from its
# seeds (tests/fuzz/rc-corpus, dictionary tests/fuzz/rc.dict), when the
# tree was configured with --enable-fuzzing CC=clang (skipped otherwise).
# Fails on any crash, leak, sanitizer report or broken property; the long
# runs (10 million executions) are done by hand, see the .am fragment.
. "${top_srcdir:-.}/tests/fuzz_lib.sh"
fuzz_short rc 50000 4096 -dict="$top_srcdir/tests/fuzz/rc.dict"
