# tests/fuzz_lib.sh: what the short libFuzzer runs of `make check` share
# (tests/fuzz_dump.sh, fuzz_ftail.sh, fuzz_rc.sh).  Source it, then:
#
#   fuzz_short NAME RUNS MAX_LEN [OPTION...]
#
# runs tests/fuzz/fuzz_NAME RUNS times from its seeds (tests/fuzz/NAME-corpus)
# with -seed=1, inputs of MAX_LEN bytes at most and the libFuzzer OPTIONs;
# new inputs go to a temporary directory, never into the seeds.  Skips (77)
# unless the tree was configured with --enable-fuzzing CC=clang.  Exits 1,
# the end of the log shown, on any crash, leak, sanitizer report or broken
# property, or when the RUNS were not all done; else prints PASS.
: "${top_builddir:=.}"
: "${top_srcdir:=.}"

fuzz_short() {
	fuzz=$top_builddir/tests/fuzz/fuzz_$1
	[ -x "$fuzz" ] || { echo "SKIP: not built with --enable-fuzzing"; exit 77; }
	fuzz_tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz_$1.XXXXXX") || exit 1
	trap 'rm -rf "$fuzz_tmp" "$fuzz_tmp.log"' EXIT
	fuzz_seeds=$top_srcdir/tests/fuzz/$1-corpus fuzz_runs=$2 fuzz_max=$3
	shift 3
	"$fuzz" -seed=1 -runs="$fuzz_runs" -max_len="$fuzz_max" "$@" "$fuzz_tmp" \
		"$fuzz_seeds" >"$fuzz_tmp.log" 2>&1
	rc=$?
	grep -q "^Done $fuzz_runs runs" "$fuzz_tmp.log" || rc=1
	[ $rc -eq 0 ] || { tail -40 "$fuzz_tmp.log"; exit 1; }
	echo "PASS: $fuzz_runs runs"
}
