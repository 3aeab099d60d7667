#!/bin/bash
# hostile_files.sh: input files with limits that say so.  --replay and -F
# name regular files (or - for standard input): /dev/zero, a FIFO or a
# directory is refused at once (before: read forever, or blocked); what is
# read stops at the documented limit (-F: 4 MiB), and memory running out
# (ulimit -v, an endless standard input) is an error message, not an
# abort; a NUL byte in a -F file is refused (before: it ended the line).

. "${top_srcdir:-.}/tests/lib.sh"
tmpdir_make

# refused CODE WANT ARGS...: exit CODE within 20 s, WANT on stderr.
refused() {
	local code=$1 want=$2 rc
	shift 2
	timeout 20 "$SSTOP" --batch -t "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	[ "$rc" = "$code" ] || fail "sstop $*: exit $rc, want $code: $(head -c 300 "$TMP/err")"
	grep -qF -- "$want" "$TMP/err" || fail "sstop $*: no \"$want\": $(head -c 300 "$TMP/err")"
	echo "ok: $* -> $want"
}

refused 1 "cannot read /dev/zero: not a regular file" --replay=/dev/zero
refused 1 "cannot read filter file /dev/zero: not a regular file" -F /dev/zero
mkfifo "$TMP/fifo"
refused 1 "not a regular file" -F "$TMP/fifo"
refused 1 "not a regular file" --replay="$TMP/fifo"
refused 1 "Is a directory" -F "$TMP"
head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ' ' >"$TMP/big"
refused 1 "larger than the limit of 4 MiB" -F "$TMP/big"
printf 'sport = :22\0 or bogus\n' >"$TMP/nul"
refused 1 "a NUL byte" -F "$TMP/nul"
# An endless standard input under a memory limit: said, no abort.  (Not
# under AddressSanitizer, which cannot start under a small ulimit -v.)
if ldd "$SSTOP" 2>/dev/null | grep -q libasan; then
	echo "skip: ulimit -v under ASan"
	exit 0
fi
(
	ulimit -v 300000 || exit 77
	timeout 60 "$SSTOP" --batch -t --replay=- </dev/zero >/dev/null 2>"$TMP/err"
	echo $? >"$TMP/rc"
)
rc=$(cat "$TMP/rc")
[ "$rc" = 1 ] || fail "--replay=- </dev/zero under ulimit -v: exit $rc: $(head -c 300 "$TMP/err")"
grep -Eq 'cannot read -: (Cannot allocate memory|larger than the limit)' "$TMP/err" ||
	fail "--replay=- </dev/zero: $(head -c 300 "$TMP/err")"
echo "ok: endless replay under ulimit -v"
