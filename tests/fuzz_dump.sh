#!/bin/sh
# tests/fuzz_dump.sh: a short libFuzzer run of the dump parser
# (tests/fuzz/fuzz_dump.c) from its seeds, when the tree was configured
# with --enable-fuzzing CC=clang (skipped otherwise).  Fails on any crash,
# leak or sanitizer report; the long runs are done by hand (collect.am).
. "${top_srcdir:-.}/tests/fuzz_lib.sh"
fuzz_short dump 20000 16384
