#!/bin/bash
# hostile_filter.sh: the filter neither loses an error's reason nor cuts a
# name it matches (#16).  A word of about 300 bytes after 'pid =' gives an
# error that still ends with why, its middle giving way to "..." (a
# 256-byte message kept the word and dropped the reason); a replayed
# dump's unix name of 700 bytes is matched whole by 'src' (it was cut at
# 511 bytes, so a glob on its end matched nothing).  No kernel needed:
# the dump is written here, as `ss -D` would have written it.

. "${top_srcdir:=.}/tests/lib.sh"
. "$top_srcdir/tests/dump_lib.sh"
tmpdir_make
export LC_ALL=C

# 1. an error's reason kept
word=$(printf 'x%.0s' $(seq 300))
err=$("$SSTOP" --batch -a "pid = $word" 2>&1 >/dev/null)
st=$?
[ "$st" = 2 ] || [ "$st" = 1 ] || fail "pid = WORD: exit $st"
last=$(echo "$err" | tail -n 1)
echo "$last" | grep -q "is not a pid\$" ||
	fail "pid = WORD: no reason in: $(echo "$last" | tail -c 100)"
echo "$last" | grep -qF "'xxx" || fail "pid = WORD: the word is not named: $last"
echo "$last" | grep -qF '...' || fail "pid = WORD: not shortened: $last"
echo "ok: pid = <300 x>: ...$(echo "$last" | tail -c 40)"

# 2. a long unix name matched whole
long=/$(printf 'n%.0s' $(seq 700))END
short=/tmp/short.sock
{
	dump_unix "$long" 4242
	dump_unix "$short" 4343
} >"$TMP/d.dump"
out=$("$SSTOP" --batch --replay "$TMP/d.dump" -xa 2>&1) ||
	fail "replay: $out"
echo "$out" | grep -q 4242 || fail "replay: the long name's socket is not listed: $out"
echo "$out" | grep -q 4343 || fail "replay: the short name's socket is not listed: $out"
out=$("$SSTOP" --batch --replay "$TMP/d.dump" -xa src '*END' 2>&1) ||
	fail "src '*END': $out"
echo "$out" | grep -q 4242 || fail "src '*END': the 705-byte name did not match: $out"
echo "$out" | grep -q 4343 && fail "src '*END': the short name matched: $out"
out=$("$SSTOP" --batch --replay "$TMP/d.dump" -xa src "/${long:1:600}*" 2>&1) ||
	fail "src PREFIX*: $out"
echo "$out" | grep -q 4242 || fail "src PREFIX*: no match: $out"
echo "$out" | grep -q 4343 && fail "src PREFIX*: the short name matched: $out"
out=$("$SSTOP" --batch --replay "$TMP/d.dump" -xa src "${long:0:600}" 2>&1) ||
	fail "src CUT: $out"
echo "$out" | grep -q 4242 && fail "src CUT: a cut name matched the whole one: $out"
echo "ok: a 705-byte unix name matched whole"
exit 0
