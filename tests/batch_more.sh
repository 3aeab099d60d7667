#!/bin/bash
# batch_more.sh: the batch modes beyond one listing, against ss in a private
# network namespace: the default view and -a (whole outputs), -D FILE,
# --record/--replay, --replay of an `ss -D` file, --iterations, -s.
# (-E is in batch_events.sh, --json in batch_json.sh.)
#
# Differences by design, handled here:
# - each program lists its own sock_diag socket ("tcpdiag:ss/PID" against
#   "tcpdiag:sstop/PID"), and another test's sstop --all-netns has one in
#   every namespace for a moment ("tcpdiag:PID" once it exited): those
#   lines are dropped from both sides, and the
#   kernel's sock_diag socket's Recv-Q (the requests it serves at that
#   instant) is masked;
# - sockmix's TIME-WAITs expire a minute after it started: a take of both
#   programs during which they went is taken again (lib.sh's tw_retake);
# - the unix path holding an escape sequence is printed escaped by sstop,
#   so unix listings compare with spaces squeezed (see batch_ss.sh);
# - ss's replay (TCPDIAG_FILE) stops at the first NLMSG_DONE, so it shows
#   only the first family of a file; sstop reads the whole file;
# - ss's replay ignores the state selection; sstop applies it;
# - -s: ss takes "Total" and the "TCP:" line from global counters
#   (/proc/net/sockstat, slabinfo), meaningless in a namespace; sstop
#   counts the namespace's own sockets.  The transport table must match.
# - -D: the netlink header's sequence number and port id differ (the port
#   id is the dumping process's own), as do timer expiries; the rest of
#   the file must be byte for byte what ss writes.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
sockmix_start

# Spaces squeezed, timer values (they move) masked.
squeeze() {
	tr -s ' ' | sed -E -e 's/ $//' -e 's/timer:\(([a-z]+),[^)]*\)/timer:(\1,#)/g'
}
unesc() {
	sed -e 's/\x1b/\\x1b/g'
}
noself() {
	grep -Ev '(tcpdiag:[^ ]*[0-9]|[^0-9]4:-?[1-9][0-9]*) '
}
# The kernel's sock_diag socket (-a lists it) counts in its Recv-Q the
# requests it is serving: the dumping program's own, and any other
# program's dumping in this namespace at that instant (another test's
# sstop --all-netns): masked.
kreq() {
	sed -E 's/^((nl +)?UNCONN +)[0-9]+ +([0-9]+ +(tcpdiag|4):(kernel|0) )/\1# \3/'
}

n=0
# cmp_out NAME FILE_SS FILE_SSTOP: diff, and the sstop side is not empty.
cmp_out() {
	if ! diff -u "$2" "$3" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "$1"
	fi
	[ -s "$3" ] || fail "$1: sstop printed nothing"
}

# whole OPTS: ss OPTS into $a, sstop --batch OPTS into $b; true if equal.
whole() {
	# shellcheck disable=SC2086
	ss $1 2>/dev/null | unesc | noself | kreq | squeeze >"$a"
	# shellcheck disable=SC2086
	timeout 10 "$SSTOP" --batch $1 2>"$b.err" | noself | kreq | squeeze >"$b" ||
		fail "sstop --batch $1 failed: $(cat "$b.err")"
	[ -s "$b.err" ] && fail "sstop --batch $1 wrote on stderr: $(cat "$b.err")"
	cmp -s "$a" "$b"
}

# 1. The default view and -a, whole outputs.
for o in "" -a -an -ae; do
	a="$TMP/ss.$n" b="$TMP/sstop.$n"
	n=$((n + 1))
	tw_retake whole "$o"
	cmp_out "sstop --batch $o differs from ss $o" "$a" "$b"
done
grep -q '^tcp ESTAB 0 0 127.0.0.1:7010 127.0.0.1:bbs' "$TMP/sstop.0" ||
	fail "the default view lacks the sockmix"

# 2. -D FILE: what ss -D writes.  hexwords prints the file as 4-byte words,
# with the words that may differ replaced by "x": in every netlink header
# the sequence number and port id, in every SOCK_DIAG_BY_FAMILY message
# idiag_expires (header 16 + 4 + id 48 = byte 68) and idiag_retrans
# (byte 19: the full-queue pair's persist timer probes move it), the
# drops counter of INET_DIAG_SKMEMINFO (the receiving end of that pair
# drops each probe it has no room for), and, for a socket whose timer
# runs, everything from its queues on.
hexwords() {
	od -An -v -tx1 -w4 "$1" | awk '
	function hex(s,  v, i) {
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	{
		w = $1 $2 $3 $4
		if (left == 0) {
			len = hex($4 $3 $2 $1)
			if (len < 16)
				exit 1
			left = int((len + 3) / 4) * 4
			off = 0
			aleft = 0
		}
		if (off == 4)
			type = hex($2 $1)
		if (type == 20 && off == 16)
			tmr = $3
		if (off == 8 || off == 12 || (type == 20 && off == 68))
			w = "x"
		# A socket whose timer runs (persist probes, time-wait) changes
		# between the two dumps: from its queues on, its words may differ.
		if (type == 20 && off >= 76 && tmr != "00")
			w = "x"
		if (type == 20 && off == 16)
			w = $1 $2 $3 "rt"
		# The attributes after the 72-byte inet_diag_msg: SKMEMINFO (7)
		# holds 9 words, the last one (attribute byte 36) is drops.
		if (type == 20 && off >= 88) {
			if (aleft == 0) {
				aleft = int((hex($2 $1) + 3) / 4) * 4
				atype = hex($4 $3) % 16384
				aoff = 0
				if (aleft < 4)
					exit 1
			}
			if (atype == 7 && aoff == 36)
				w = "drops"
			aoff += 4
			aleft -= 4
		}
		print w
		off += 4
		left -= 4
	}'
}
# dumps OPTS: ss -D and sstop -D, as hexwords in ss.hex and sstop.hex.
dumps() {
	# shellcheck disable=SC2086
	ss -D "$TMP/ss.dump" $1 2>/dev/null ||
		fail "ss -D $1 failed"
	# shellcheck disable=SC2086
	"$SSTOP" --batch -D "$TMP/sstop.dump" $1 >"$TMP/d.out" 2>&1 ||
		fail "sstop --batch -D FILE $1 failed: $(cat "$TMP/d.out")"
	[ -s "$TMP/d.out" ] && fail "sstop --batch -D FILE $1 printed something"
	[ -s "$TMP/sstop.dump" ] || fail "sstop -D $1 wrote nothing"
	hexwords "$TMP/ss.dump" >"$TMP/ss.hex" || fail "ss -D $1: bad file"
	hexwords "$TMP/sstop.dump" >"$TMP/sstop.hex" ||
		fail "sstop -D $1: not a netlink dump"
	cmp -s "$TMP/ss.hex" "$TMP/sstop.hex"
}
for o in -t -ta "-ta -4" "-tn state established" -taem "-ta --tos"; do
	tw_retake dumps "$o"
	cmp_out "sstop -D $o differs from ss -D $o" "$TMP/ss.hex" "$TMP/sstop.hex"
done
# "-D -" writes to stdout.
dumps_stdout() {
	ss -D - -ta >"$TMP/ss-stdout.dump" 2>/dev/null
	"$SSTOP" --batch -D - -ta >"$TMP/stdout.dump" ||
		fail "sstop -D - failed"
	hexwords "$TMP/ss-stdout.dump" >"$TMP/ss.hex" || fail "ss -D -: bad file"
	hexwords "$TMP/stdout.dump" >"$TMP/sstop.hex" || fail "-D -: not a dump"
	cmp -s "$TMP/ss.hex" "$TMP/sstop.hex"
}
tw_retake dumps_stdout
cmp_out "sstop -D - differs from ss -D -" "$TMP/ss.hex" "$TMP/sstop.hex"

# 3. --record, then --replay: the same listing as the live one.
for o in -a "-tae" "-tan -o" "-xa" "-ua" "-ta -m -i" "-ta state established" \
	"-ta dport = :7000"; do
	a="$TMP/live.$n" b="$TMP/replay.$n"
	n=$((n + 1))
	# shellcheck disable=SC2086
	"$SSTOP" --batch --record "$TMP/rec.$n" $o >"$a" 2>"$a.err" ||
		fail "sstop --batch --record $o failed: $(cat "$a.err")"
	# shellcheck disable=SC2086
	"$SSTOP" --batch --replay "$TMP/rec.$n" $o >"$b" 2>"$b.err" ||
		fail "sstop --batch --replay $o failed: $(cat "$b.err")"
	if [ "$o" = -a ]; then
		# The owner of a netlink socket is looked up in /proc, which a
		# replay cannot do: its own socket shows as "tcpdiag:PID", or
		# as "tcpdiag:NAME/PID" when that pid has been given to a new
		# process since.
		noself <"$a" | squeeze >"$a.x" && mv "$a.x" "$a"
		grep -Ev 'tcpdiag:([^ /]*/)?[0-9]+ ' "$b" | squeeze >"$b.x" &&
			mv "$b.x" "$b"
	fi
	cmp_out "--replay $o differs from the live listing" "$a" "$b"
done
# A replay needs no privilege and no namespace: the file is all it reads.
if command -v setpriv >/dev/null; then
	chmod 755 "$TMP"
	chmod 644 "$TMP/rec.$n"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SSTOP" --batch --replay "$TMP/rec.$n" -ta dport = :7000 \
		>"$TMP/nobody" 2>&1 || fail "replay as nobody: $(cat "$TMP/nobody")"
	cmp_out "replay as nobody differs" "$TMP/replay.$((n - 1))" "$TMP/nobody"
fi

# 4. --replay of an ss -D file, as ss reads it with TCPDIAG_FILE.  One
# family only (ss stops at the first NLMSG_DONE), every state and every
# extension recorded, and -a in every listing (ss's replay ignores states).
ss -D "$TMP/ss4.dump" -4 -taemio 2>/dev/null || fail "ss -D failed"
for o in -ta -tan -tae -tao -tam -tai -taemio -taH -taO "-ta -4" \
	"-ta dport = :7000" "-tan sport = :7000 or dport = :7000" \
	"-ta src 127.0.0.1:7010" "-ta --tos" "-ta --cgroup"; do
	a="$TMP/ssrep.$n" b="$TMP/sstoprep.$n"
	n=$((n + 1))
	# shellcheck disable=SC2086
	TCPDIAG_FILE="$TMP/ss4.dump" ss $o >"$a" 2>/dev/null
	# shellcheck disable=SC2086
	"$SSTOP" --batch --replay "$TMP/ss4.dump" $o >"$b" 2>"$b.err" ||
		fail "sstop --replay ss-file $o failed: $(cat "$b.err")"
	# Timers compare masked and spaces squeezed: ss 6.1 prints a timer of
	# 1 to 60 s as "1.388ms" (its bug), sstop as "1.388sec", which also
	# changes the column widths.
	squeeze <"$a" >"$a.sq"
	squeeze <"$b" >"$b.sq"
	cmp_out "sstop --replay FILE $o differs from TCPDIAG_FILE=FILE ss $o" \
		"$a.sq" "$b.sq"
done
# Both families: sstop shows the whole file, as the live ss does.
both() {
	ss -D "$TMP/ss46.dump" -ta 2>/dev/null || fail "ss -D failed"
	ss -tan >"$TMP/ss46.live" 2>/dev/null
	"$SSTOP" --batch --replay "$TMP/ss46.dump" -tan >"$TMP/sstop46" ||
		fail "sstop --replay of a two-family ss dump failed"
	cmp -s "$TMP/ss46.live" "$TMP/sstop46"
}
tw_retake both
cmp_out "sstop --replay of ss -D -ta differs from live ss -tan" \
	"$TMP/ss46.live" "$TMP/sstop46"
grep -q '\[::1\]:7110' "$TMP/sstop46" || fail "the IPv6 half was not read"

# 5. --iterations 3 --interval 0.2: three listings, each the listing.
ss -tn >"$TMP/one" 2>/dev/null
cat "$TMP/one" "$TMP/one" "$TMP/one" >"$TMP/three"
timeout 10 "$SSTOP" --batch -tn --iterations 3 --interval 0.2 >"$TMP/it" ||
	fail "--iterations 3 failed"
cmp_out "--iterations 3 is not three listings" "$TMP/three" "$TMP/it"
timeout 10 "$SSTOP" --batch -tn --iterations=1 >"$TMP/it1" ||
	fail "--iterations=1 failed"
cmp_out "--iterations 1 is not one listing" "$TMP/one" "$TMP/it1"

# 6. -s: the transport table matches; Total and TCP: are per namespace.
summary() {
	ss -s 2>/dev/null | sed -n '/^Transport/,$p' >"$TMP/s.ss"
	"$SSTOP" --batch -s >"$TMP/s.all" || fail "sstop -s failed"
	sed -n '/^Transport/,$p' "$TMP/s.all" >"$TMP/s.sstop"
	tcp=$(sed -n 's/^TCP: *\([0-9]*\) .*/\1/p' "$TMP/s.all")
	estab=$(sed -n 's/^TCP: .*estab \([0-9]*\),.*/\1/p' "$TMP/s.all")
	tw=$(sed -n 's/^TCP: .*timewait \([0-9]*\))/\1/p' "$TMP/s.all")
	ss_tcp=$(ss -tanH | wc -l)
	ss_estab=$(ss -tanH state established | wc -l)
	ss_tw=$(ss -tanH state time-wait | wc -l)
	cmp -s "$TMP/s.ss" "$TMP/s.sstop" && [ "$tcp" = "$ss_tcp" ] &&
		[ "$estab" = "$ss_estab" ] && [ "$tw" = "$ss_tw" ]
}
tw_retake summary
cmp_out "sstop -s transport table differs from ss -s" "$TMP/s.ss" "$TMP/s.sstop"
[ "$tcp" = "$ss_tcp" ] || fail "-s TCP: $tcp, ss -ta lists $ss_tcp"
[ "$estab" = "$ss_estab" ] || fail "-s estab: $estab, ss lists $ss_estab"
[ "$tw" = "$ss_tw" ] || fail "-s timewait: $tw, ss lists $ss_tw"
# Total: every socket of the namespace, as the -a listings count them
# (sstop's own diag socket is in its dump, and in its -a listing).
total=$(sed -n 's/^Total: //p' "$TMP/s.all")
# Another test's sstop --all-netns opens a sock_diag socket in every
# namespace for a moment, this one too: take both again until they agree.
for _ in $(seq 20); do
	listed=$("$SSTOP" --batch -aH -A all | wc -l)
	[ "$total" = "$listed" ] && break
	sleep 0.1
	total=$("$SSTOP" --batch -s | sed -n 's/^Total: //p')
done
[ "$total" = "$listed" ] || fail "-s Total: $total, the -a listing has $listed"
exit 0
