#!/bin/bash
# batch_json_summary.sh: `sstop --batch --json -s` is the summary of -s as
# strict JSON, numbers as numbers: the transport table equal to ss -s's in
# a private namespace holding the sockmix, Total and TCP: equal to
# sstop's own text (per namespace, see batch_more.sh); with a listing
# option, one document holds both "summary" and "sockets".

. "${top_srcdir:-.}/tests/lib.sh"
check="$top_builddir/tests/json_check"
netns_enter "$@"
tmpdir_make
sockmix_start

"$SSTOP" --batch --json -s >"$TMP/j" 2>"$TMP/err" ||
	fail "sstop --batch --json -s failed: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/j")" = 1 ] || fail "--json -s is not one line"
"$check" <"$TMP/j" || fail "sstop --batch --json -s is not JSON"
grep -q '"sockets"' "$TMP/j" && fail "--json -s alone lists sockets"

# numbers: the values of a flat JSON object, space-separated.
numbers() {
	sed -E -e 's/"[a-z0-9_]+"://g' -e 's/[{}]//g' | tr ',' ' '
}

# The transport table, rebuilt from the JSON, against ss -s.
{
	echo "Transport Total     IP        IPv6"
	for t in raw udp tcp inet frag; do
		v=$(grep -o "\"$t\":{\"total\":[0-9]*,\"ip\":[0-9]*,\"ipv6\":[0-9]*}" \
			"$TMP/j" | numbers) ||
			fail "--json -s: no \"$t\" row of numbers"
		# shellcheck disable=SC2086
		printf '%s\t  %-9u %-9u %-9u\n' "$(echo $t | tr a-z A-Z)" $v
	done
	echo
} >"$TMP/s.json"
ss -s 2>/dev/null | sed -n '/^Transport/,$p' >"$TMP/s.ss"
if ! diff -u "$TMP/s.ss" "$TMP/s.json" >"$TMP/diff"; then
	cat "$TMP/diff" >&2
	fail "--json -s transport numbers differ from ss -s"
fi
grep -q '"tcp":{"total":[1-9]' "$TMP/j" || fail "--json -s counts no TCP"

# Total and the TCP: line: the same numbers as the text form.  Total
# counts every socket of the namespace, and another test's sstop
# --all-netns (ui_filter_race.sh's, every 0.1 s) has a sock_diag socket in
# every namespace for a moment: both forms are taken again until they
# agree, 20 times at most; a difference every time fails.
for _ in $(seq 20); do
	"$SSTOP" --batch -s >"$TMP/text" || fail "sstop --batch -s failed"
	"$SSTOP" --batch --json -s >"$TMP/j" || fail "sstop --batch --json -s failed"
	total=$(sed -n 's/^Total: //p' "$TMP/text")
	tcpline=$(sed -n 's/^TCP: *\([0-9]*\) (estab \([0-9]*\), closed \([0-9]*\), orphaned \([0-9]*\), timewait \([0-9]*\))/\1 \2 \3 \4 \5/p' "$TMP/text")
	jt=$(grep -o '"tcp":{"total":[0-9]*,"estab":[0-9]*,"closed":[0-9]*,"orphaned":[0-9]*,"timewait":[0-9]*}' \
		"$TMP/j" | numbers)
	grep -q "^{\"summary\":{\"total\":$total," "$TMP/j" &&
		[ -n "$tcpline" ] && [ "$jt" = "$tcpline" ] && break
done
grep -q "^{\"summary\":{\"total\":$total," "$TMP/j" ||
	fail "--json -s total is not $total: $(cut -c1-40 "$TMP/j")"
[ -n "$tcpline" ] && [ "$jt" = "$tcpline" ] || fail "--json -s TCP: \"$jt\", the text says \"$tcpline\""

# With a listing: one document, the summary and the sockets ss lists.
"$SSTOP" --batch --json -s -tn >"$TMP/j2" || fail "--json -s -tn failed"
[ "$(wc -l <"$TMP/j2")" = 1 ] || fail "--json -s -tn is not one document"
grep -q '^{"summary":{"total":[0-9]*,' "$TMP/j2" ||
	fail "--json -s -tn has no summary"
"$check" netid <"$TMP/j2" >"$TMP/ids" || fail "--json -s -tn: no sockets"
[ "$(wc -l <"$TMP/ids")" = "$(ss -Htn 2>/dev/null | wc -l)" ] ||
	fail "--json -s -tn: $(wc -l <"$TMP/ids") sockets, ss -tn lists $(ss -Htn | wc -l)"
[ -s "$TMP/ids" ] || fail "--json -s -tn listed nothing"
exit 0
