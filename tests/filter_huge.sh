#!/bin/bash
# filter_huge.sh: filters far past any screenful are handled without
# recursion (a flat chain of 100 000 terms from -F, 25 000 on the command
# line, 100 000 `not`s, 100 000 alternating and/or) and give what ss gives
# for the one term that matters; parentheses nest FILTER_MAX_DEPTH (200)
# deep and one more is refused with a caret.  Before: compile() in
# bytecode.c recursed once per term and overflowed the stack (exit 139).
# A chain whose program passes the kernel's 60 000-byte limit is left to
# sstop's own evaluation; one that fits the request but not 8 KB must work
# too.  In a private network namespace filled by tests/sockmix.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
command -v ss >/dev/null || { echo "SKIP: no ss"; exit 77; }
tmpdir_make
sockmix_start

want=$TMP/want
ss -tan 'sport = :7000' >"$want" || fail "ss"
[ "$(wc -l <"$want")" -ge 2 ] || fail "ss lists no socket on port 7000"

# check NAME ARGS...: sstop --batch -tan ARGS... prints what ss printed.
check() {
	local name=$1 rc
	shift
	"$SSTOP" --batch -tan "$@" >"$TMP/got" 2>"$TMP/err"
	rc=$?
	[ $rc -eq 0 ] || { head -c 600 "$TMP/err" >&2; fail "$name: exit $rc"; }
	diff "$want" "$TMP/got" >&2 || fail "$name: not what ss lists"
	echo "ok: $name"
}

# N terms `sport = :P or ...` (ports 20000 and up, never 7000), then the
# one that matches.
chain() {
	awk -v n="$1" -v sep="$2" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "sport = :%d %s ", 20000 + i % 40000, sep
		print "sport = :7000"
	}'
}

chain 100000 or >"$TMP/flat"
check "-F, 100 000 or" -F "$TMP/flat"
check "-F -, 100 000 or" -F - <"$TMP/flat"
mapfile -t -d ' ' words < <(chain 25000 or | tr -d '\n')
check "command line, 25 000 or" "${words[@]}"
# About 500 terms: a program over 8 KB, under the kernel's limit.
chain 500 or >"$TMP/500"
check "-F, 500 or" -F "$TMP/500"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "not "; print "sport = :7000" }' >"$TMP/nots"
check "100 000 not" -F "$TMP/nots"
# ((((7000 and 7000) or 1) and 7000) or 1)...: only 7000 stays.
awk 'BEGIN { printf "sport = :7000"
	for (i = 0; i < 50000; i++) printf " and sport = :7000 or sport = :1"
	print "" }' >"$TMP/mixed"
check "100 000 and/or alternating" -F "$TMP/mixed"

nest() {
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "( ";
		printf "sport = :7000";
		for (i = 0; i < n; i++) printf " )"; print "" }'
}
nest 200 >"$TMP/200"
check "200 parentheses deep" -F "$TMP/200"
nest 201 >"$TMP/201"
"$SSTOP" --batch -tan -F "$TMP/201" >"$TMP/got" 2>"$TMP/err"
rc=$?
[ $rc -eq 2 ] || fail "201 deep: exit $rc, want 2"
grep -q 'too many nested parentheses' "$TMP/err" || fail "201 deep: $(head -c 300 "$TMP/err")"
grep -q '\^' "$TMP/err" || fail "201 deep: no caret"
echo "ok: 201 parentheses refused"

# Errors: the caret stands under the error although "sstop: " comes
# first, columns not bytes (é日本 is 7 bytes, 5 columns); a long line is
# shown around the error; nothing raw (ESC, OSC) reaches the terminal.
"$SSTOP" --batch -tan "src 1.2.3.4 and é日本 x" 2>"$TMP/err"
[ "$(sed -n 1p "$TMP/err")" = "sstop: src 1.2.3.4 and é日本 x" ] || fail "error line: $(cat "$TMP/err")"
[ "$(sed -n 2p "$TMP/err")" = "                       ^^^^^ unknown keyword 'é日本'" ] ||
	fail "caret: $(cat -A "$TMP/err")"
"$SSTOP" --batch -tan "sport = :22 or "$'\e]0;pwned\a\e[2J'"bogus" 2>"$TMP/err"
grep -q $'[\e\a]' "$TMP/err" && fail "raw ESC or BEL in the error: $(cat -A "$TMP/err")"
grep -qF 'unknown keyword' "$TMP/err" || fail "no reason: $(cat "$TMP/err")"
{ chain 3000 or; echo "and bogus"; } >"$TMP/long"
"$SSTOP" --batch -tan -F "$TMP/long" 2>"$TMP/err"
[ "$(wc -l <"$TMP/err")" = 2 ] || fail "long line error: $(head -c 400 "$TMP/err")"
grep -q "unknown keyword 'bogus'" "$TMP/err" || fail "long line: no reason"
[ "$(sed -n 1p "$TMP/err" | wc -c)" -lt 200 ] || fail "long line not cut"
l1=$(sed -n 1p "$TMP/err"); l2=$(sed -n 2p "$TMP/err")
c=${l2%%^*}
[ "${l1:${#c}:5}" = bogus ] || fail "long line: caret not under bogus: $l1 / $l2"
echo "ok: errors placed, cut and escaped"
