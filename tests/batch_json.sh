#!/bin/bash
# batch_json.sh: `sstop --batch --json` is strict JSON (tests/json_check,
# a validator with no dependency) and says what ss says: as many sockets as
# ss lists, and for each, in ss's order, the same netid, state, queues and
# ports.  First json_check itself is checked on good and bad texts.

. "${top_srcdir:-.}/tests/lib.sh"
check="$top_builddir/tests/json_check"

good=('{}' '[]' '0' '-0.5e+3' '"a\u00e9\ud83d\ude00\n"' ' {"a":[1,true,null,{"b":"c"}]} '
	'{"sockets":[{"x":{"y":7}},{}]}')
bad=('' '{' '{"a":1,}' '[1,]' '01' '1.' '.5' '+1' '"\x"' '"\ud800"' '"a'
	'{"a":1}x' "{'a':1}" '{"a":1,"a":2}' 'nul' '[1 2]' $'"tab\t"' $'"\xc3"'
	$'"\xed\xa0\x80"' 'NaN' '{"a" 1}')
for t in "${good[@]}"; do
	printf '%s' "$t" | "$check" >/dev/null 2>&1 || fail "json_check refused $t"
done
for t in "${bad[@]}"; do
	printf '%s' "$t" | "$check" >/dev/null 2>&1 && fail "json_check accepted $t"
done
[ "$(printf '%s' '{"sockets":[{"x":{"y":7}},{"x":"s"}]}' | "$check" x.y x)" = \
	"7 -
- s" ] || fail "json_check: wrong extraction"
[ "$(printf '%s' '{"sockets":[{"o":[{"p":1},{"p":"a"}]},{"o":[]}]}' |
	"$check" o.p | tr '\n' '|')" = "1,a||" ] || fail "json_check: wrong extraction through an array"

netns_enter "$@"
tmpdir_make
sockmix_start

# Every option set gives strict JSON (the unix path with an escape
# sequence included: a raw control character would be refused).  -s has
# no JSON form yet: it prints ss's text.
for o in -a -tae -taeo -tam -tai -x -xae -ua -uae -w -0 -A\ netlink -ap \
	"-ta dport = :7000" "-t state listening" -H; do
	# shellcheck disable=SC2086
	"$SSTOP" --batch --json $o >"$TMP/j" 2>"$TMP/j.err" ||
		fail "sstop --batch --json $o failed: $(cat "$TMP/j.err")"
	"$check" <"$TMP/j" || fail "sstop --batch --json $o is not JSON"
done
# The path in JSON's own escapes (\u001b), not the text's \x1b.
"$SSTOP" --batch --json -xa | grep -qF 'esc\u001b[31m' ||
	fail "the escape sequence in a unix path is not shown as \\u001b"

# ss's columns from ss -Hn: netid state recv-q send-q local-port peer-port
# (the port after the last ':', "*" meaning 0).
# With one state selected ss has no State column: the caller names it.
ss_cols() {
	awk -v st="$1" '{
		if (st != "")
			$0 = $1 " " st " " $2 " " $3 " " $4 " " $5
		l = $5; sub(/.*:/, "", l); if (l == "*") l = 0
		p = $6; sub(/.*:/, "", p); if (p == "*") p = 0
		print $1, $2, $3, $4, l, p
	}'
}
# both OPTS: ss's columns in $TMP/ss, sstop's from --json in $TMP/sstop;
# true if they agree (taken again by tw_retake when sockmix's TIME-WAITs
# expired meanwhile, a minute after it started).
both() {
	local st=
	case $1 in *established*) st=ESTAB ;; esac
	# shellcheck disable=SC2086
	ss -Hn -A tcp,udp $1 2>/dev/null | ss_cols "$st" >"$TMP/ss"
	# shellcheck disable=SC2086
	"$SSTOP" --batch --json -Hn -A tcp,udp $1 >"$TMP/j" ||
		fail "sstop --json $1 failed"
	"$check" netid state recv_q send_q local.port peer.port <"$TMP/j" \
		>"$TMP/sstop" || fail "sstop --json $1: no sockets array"
	cmp -s "$TMP/ss" "$TMP/sstop"
}
for o in -tuan -tun -tuln "-tan state established" "-tan dport = :7000" \
	"-6tuan" "-4tan"; do
	tw_retake both "$o"
	[ -s "$TMP/ss" ] || fail "ss $o listed nothing"
	[ "$(wc -l <"$TMP/ss")" = "$(wc -l <"$TMP/sstop")" ] ||
		fail "--json $o: $(wc -l <"$TMP/sstop") sockets, ss lists $(wc -l <"$TMP/ss")"
	if ! diff -u "$TMP/ss" "$TMP/sstop" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "sstop --json $o differs from ss $o"
	fi
done
# Unix sockets: the same count and inodes.
ss -Hxa | awk '{print $6}' >"$TMP/ss"
"$SSTOP" --batch --json -xa | "$check" ino >"$TMP/sstop"
cmp -s "$TMP/ss" "$TMP/sstop" || fail "--json -xa: inodes differ from ss -xa"

# Owners (-p, -T): for every socket, in ss's order, the owners' names,
# pids (tids) and fds as ss's users:(...) says them, in its order; user
# and cmdline as /proc says them.  Without -p there is no "owners".
"$SSTOP" --batch --json -tuxan | grep -q '"owners"' &&
	fail "--json without -p has owners"
# A socket with several owners and fds: this shell (fds 5, 6) and a child
# that inherits both.
exec 5<>/dev/tcp/127.0.0.1/7000 6>&5 || fail "cannot connect to sockmix"
sleep 3600 &
hold=$!
on_exit "kill $hold 2>/dev/null; wait $hold 2>/dev/null"
# the child is a copy of this shell ("bash") until it has exec'd sleep: ss
# and sstop must both see it after that, or they name it differently
for _ in $(seq 200); do
	[ "$(cat "/proc/$hold/comm" 2>/dev/null)" = sleep ] && break
	sleep 0.05
done
[ "$(cat "/proc/$hold/comm" 2>/dev/null)" = sleep ] || fail "sleep never ran"
# owners OPT: the owners' lines of ss -tuxa OPT in $TMP/ss, of sstop
# --json's in $TMP/sstop; true if they agree (the TIME-WAITs have none:
# taken again by tw_retake when they expired meanwhile).
owners() {
	local o=$1 f
	# (without fds 5 and 6: only the shell and its child hold them)
	(ss -Hn -tuxa $o | awk '{
		print match($0, /users:\(.*\)/) ? substr($0, RSTART, RLENGTH) : ""
	}') 5>&- 6>&- >"$TMP/ss"
	grep -q '),(.*),(.*),(' "$TMP/ss" || fail "ss -tuxan $o: no shared socket"
	"$SSTOP" --batch --json -Hn -tuxa $o 5>&- 6>&- >"$TMP/j" ||
		fail "sstop --json -tuxan $o failed"
	"$check" <"$TMP/j" || fail "sstop --json -tuxan $o is not JSON"
	f=owners.fd
	[ "$o" = -T ] && f="owners.tid owners.fd"
	# shellcheck disable=SC2086
	"$check" owners.name owners.pid $f <"$TMP/j" |
		while read -r names pids tids fds; do
			[ "$o" = -p ] && fds=$tids
			[ -z "$names" ] && { echo; continue; }
			IFS=, read -ra n <<<"$names"
			IFS=, read -ra p <<<"$pids"
			IFS=, read -ra t <<<"$tids"
			IFS=, read -ra d <<<"$fds"
			line="users:("
			for i in "${!n[@]}"; do
				[ "$i" = 0 ] || line+=","
				line+="(\"${n[i]}\",pid=${p[i]},"
				[ "$o" = -T ] && line+="tid=${t[i]},"
				line+="fd=${d[i]})"
			done
			echo "$line)"
		done >"$TMP/sstop"
	cmp -s "$TMP/ss" "$TMP/sstop"
}
for o in -p -T; do
	tw_retake owners "$o"
	if ! diff -u "$TMP/ss" "$TMP/sstop" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "--json $o: owners differ from ss's users:(...)"
	fi
done
# user and cmdline of each owner, against /proc (sockmix owns them all).
"$SSTOP" --batch --json -xap >"$TMP/j"
"$check" owners.pid owners.uid owners.user <"$TMP/j" >"$TMP/u"
want_user=$(stat -c %U "/proc/$SOCKMIX_PID")
want_uid=$(stat -c %u "/proc/$SOCKMIX_PID")
grep -q "^$SOCKMIX_PID " "$TMP/u" || fail "--json -xap: sockmix owns nothing"
grep "^$SOCKMIX_PID " "$TMP/u" | grep -v "^$SOCKMIX_PID $want_uid $want_user\$" &&
	fail "--json -xap: sockmix's uid/user are not $want_uid $want_user"
want_cmd=$(tr '\0' ' ' <"/proc/$SOCKMIX_PID/cmdline" | sed 's/ $//')
# The cmdline holds spaces: one path per run, one line per socket.
"$check" owners.cmdline <"$TMP/j" | grep -qxF "$want_cmd" ||
	fail "--json -xap: no owner with sockmix's command line ($want_cmd)"
"$check" owners.pid owners.cmdline <"$TMP/j" | grep "^$SOCKMIX_PID " |
	grep -vqxF "$SOCKMIX_PID $want_cmd" &&
	fail "--json -xap: a sockmix owner with another command line"
exit 0
# Addresses are bare ("::1", "127.0.0.1"), not the text's "[::1]".
"$SSTOP" --batch --json -tln | "$check" local.addr >"$TMP/addrs"
grep -qx '::1' "$TMP/addrs" || fail "--json: no bare ::1 in $(tr '\n' ' ' <"$TMP/addrs")"
grep -q '\[' "$TMP/addrs" && fail "--json: bracketed address: $(tr '\n' ' ' <"$TMP/addrs")"
