#!/bin/sh
# tests/fuzz_cache.sh: a short libFuzzer run of diag_dump_cached
# (tests/fuzz/fuzz_cache.c) from its seeds, when the tree was configured
# with --enable-fuzzing CC=clang (skipped otherwise).  Fails on any crash,
# leak, sanitizer report or dump that differs from diag_dump's.
. "${top_srcdir:-.}/tests/fuzz_lib.sh"
fuzz_short cache 5000 16384
