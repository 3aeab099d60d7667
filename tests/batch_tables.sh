#!/bin/bash
# batch_tables.sh: `sstop --batch OPTS` against `ss OPTS` for the rarer
# tables, on `sockmix -r` in a private network namespace: packet sockets
# (raw and dgram, ETH_P_ALL and ETH_P_IP, bound to lo or not, one with a
# classic BPF filter), netlink, raw IPv4/IPv6 (read from /proc here: the
# kernel lacks raw_diag), unix seqpacket, MPTCP, UDP-Lite (which ss never
# lists), and the tables this kernel lacks (vsock, xdp, tipc, sctp), where
# both print only the header and sstop says on stderr, once per table
# named, that the kernel lacks it (ss says nothing).
#
# Differences handled here:
# - each program lists its own sock_diag socket ("tcpdiag:ss/PID" against
#   "tcpdiag:sstop/PID"), and another test's sstop --all-netns has one in
#   every namespace for a moment ("tcpdiag:PID" once it exited): dropped
#   from both sides; the kernel's sock_diag socket counts in its Recv-Q
#   the requests it serves at that instant, ours and any other's: masked;
# - packet rows are compared exactly: the protocol (pdiag_num, host order)
#   and -e's "ver: cpy_thresh: flags( )" line included.
# - netlink rows come in the order of the kernel's hash walk, and that
#   table is shared by every namespace: a socket made or closed anywhere
#   on the host (a parallel test) may resize it between ss's dump and
#   sstop's, and then the same rows come in another order. A difference
#   in order only is taken again, up to 5 times; a difference in the rows
#   themselves fails at once, and so does an order that differs 5 times.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
sockmix_start_opts "$TMP" -r

noself() {
	grep -Ev '(tcpdiag:[^ ]*[0-9]|[^0-9]4:-?[1-9][0-9]*) '
}
# The kernel's sock_diag socket counts in its Recv-Q the requests it is
# serving: the dumping program's own, and any other's in this namespace at
# that instant: masked.
kreq() {
	sed -E 's/^((nl +)?UNCONN +)[0-9]+ +([0-9]+ +(tcpdiag|4):(kernel|0) )/\1# \3/'
}
squeeze() {
	tr -s ' ' | sed -e 's/ $//'
}

n=0
# take A B OPTS...: both listings, sstop's errors in B.err.
take() {
	local a=$1 b=$2
	shift 2
	ss "$@" 2>/dev/null | noself | kreq >"$a"
	timeout 10 "$SSTOP" --batch "$@" 2>"$b.err" | noself | kreq >"$b" ||
		fail "sstop --batch $* failed: $(cat "$b.err")"
}
check() { # check exact|loose|walk OPTS...
	local how=$1 a b try=1
	shift
	a="$TMP/ss.$n" b="$TMP/sstop.$n"
	n=$((n + 1))
	take "$a" "$b" "$@"
	while [ "$how" = walk ] && [ "$try" -lt 5 ] &&
		! cmp -s "$a" "$b" &&
		cmp -s <(sort "$a") <(sort "$b"); do
		try=$((try + 1))
		take "$a" "$b" "$@"
	done
	# Only the note for a missing table, and only when ss lists none.
	if grep -v ' sockets are not available in this kernel$' "$b.err" |
		grep -q .; then
		fail "sstop --batch $* wrote on stderr: $(cat "$b.err")"
	fi
	if [ -s "$b.err" ] && [ "$(noself <"$a" | wc -l)" -gt 1 ]; then
		fail "sstop --batch $* says a table is missing, ss lists sockets"
	fi
	if [ "$how" = loose ]; then
		squeeze <"$a" >"$a.x" && mv "$a.x" "$a"
		squeeze <"$b" >"$b.x" && mv "$b.x" "$b"
	fi
	if ! diff -u "$a" "$b" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "sstop --batch $* differs from ss $* ($how, $try tries)"
	fi
	[ -s "$b" ] || fail "sstop --batch $* printed nothing"
}
# need LINES OPTS...: ss lists at least LINES sockets (the mix is there).
need() {
	local want=$1 got
	shift
	got=$(ss -H "$@" 2>/dev/null | grep -c '^[^	]')
	[ "$got" -ge "$want" ] || fail "ss $* lists $got sockets, want $want"
}

# Packet sockets.
need 5 -0
for o in -0 -0a -0e -0m -0b -0n -0ebm -0eO -0bO "-A packet -a" \
	"-A p_raw,p_dgr -a" "-f link" "-f link -a" -0H; do
	# shellcheck disable=SC2086
	check exact $o
done
grep -Eq 'bpf filter \(6\): +0x28 0 0 12, 0x15 0 3 2048,' "$TMP/sstop.4" ||
	fail "sstop -0b does not show the filter's instructions"

# --json: each packet socket's protocol and device, as ss -0an names them.
ss -H -0an 2>/dev/null | awk '{ print $1, $5 }' >"$TMP/ss.pj"
"$SSTOP" --batch --json -0an >"$TMP/pk.json" || fail "sstop --json -0an failed"
"$top_builddir/tests/json_check" netid protocol iface <"$TMP/pk.json" |
	awk '{ print $1, ($2 == 3 ? "*" : "[" $2 "]") ":" ($3 == "-" ? "*" : $3) }' \
		>"$TMP/sstop.pj"
if ! diff -u "$TMP/ss.pj" "$TMP/sstop.pj" >"$TMP/diff"; then
	cat "$TMP/diff" >&2
	fail "sstop --json -0an: protocols and devices differ from ss -0an"
fi
[ "$(wc -l <"$TMP/sstop.pj")" -ge 5 ] || fail "sstop --json -0an: too few"

# -A packet_raw / packet_dgram: ss 6.1 lists every packet socket for
# either (its netlink path never looks at the type); sstop lists the type
# asked for: ss -0a's rows of that Netid, the Netid column removed.
for t in raw:packet_raw dgr:packet_dgram; do
	ss -0a 2>/dev/null | sed -n -e '1s/^Netid *//p' \
		-e "s/^p_${t%%:*} *//p" | squeeze >"$TMP/ss.pk"
	"$SSTOP" --batch -a -A "${t#*:}" | squeeze >"$TMP/sstop.pk" ||
		fail "sstop --batch -a -A ${t#*:} failed"
	if ! diff -u "$TMP/ss.pk" "$TMP/sstop.pk" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "sstop --batch -a -A ${t#*:} is not ss -0a's p_${t%%:*} rows"
	fi
	[ "$(wc -l <"$TMP/sstop.pk")" -ge 3 ] ||
		fail "sstop -a -A ${t#*:} lists too few sockets"
done

# Netlink: the owners are looked up in /proc, our sockmix among them.
need 4 -A netlink -a
for o in "-A netlink" "-A netlink -a" "-A netlink -ae" "-A netlink -an" \
	"-f netlink -a" "-A netlink -aO -e"; do
	# shellcheck disable=SC2086
	check walk $o
done
grep -q 'rtnl:sockmix/.*groups=0x00000001' "$TMP/sstop.$((n - 4))" ||
	fail "sstop -A netlink -ae lacks the sockmix's rtnl socket"

# Raw sockets (from /proc/net/raw{,6} on this kernel, in both programs).
need 5 -wa
for o in -w -wa -w6a -w4a -we -wae -wm -wam -wan -wao "-A raw -a" \
	"-wa src 127.0.0.1"; do
	# shellcheck disable=SC2086
	check exact $o
done
grep -q 'ipproto-255' "$TMP/sstop.$((n - 11))" ||
	fail "sstop -wa does not name IP protocol 255 as ss does"

# Unix seqpacket.
need 2 -A unix_seqpacket
for o in "-A unix_seqpacket" "-A unix_seqpacket -a" "-A u_seq -ae" \
	"-A unix_seqpacket -l"; do
	# shellcheck disable=SC2086
	check loose $o
done

# MPTCP: a listener and a connection when the kernel has it; otherwise
# both programs print the same (the header).
for o in -M -Ma -Mn -Man -Mae -Ml "-A mptcp -a"; do
	# shellcheck disable=SC2086
	check exact $o
done

# UDP-Lite: ss lists none; sstop neither.
for o in -ua -uan; do
	# shellcheck disable=SC2086
	check exact $o
done
"$SSTOP" --batch -an -A all | grep -q ':7453 ' &&
	fail "sstop lists the UDP-Lite socket, which ss does not"

# Tables the kernel may lack: identical output, the header at least.
for o in --vsock "--vsock -a" --xdp "--xdp -a" --tipc "--tipc -a" -S -Sa \
	"-A vsock_stream -a" "-A vsock_dgram -a" "-A xdp -a" "-f vsock -a" \
	"-f xdp -a" "-f tipc -a" "-A sctp -a"; do
	# shellcheck disable=SC2086
	check exact $o
done
# Named tables the kernel lacks are reported once each; the default
# listing (every table) stays quiet.
if ! ss -HS 2>/dev/null | grep -q .; then
	"$SSTOP" --batch -S -a >/dev/null 2>"$TMP/s.err"
	# (no SCTP at all here: then sctp_diag cannot be there either)
	[ -d /proc/net/sctp ] ||
		[ "$(grep -c '^sstop: sctp sockets are not available' "$TMP/s.err")" = 1 ] ||
		fail "-S on a kernel without sctp_diag: $(cat "$TMP/s.err")"
fi
"$SSTOP" --batch >/dev/null 2>"$TMP/def.err"
[ -s "$TMP/def.err" ] && fail "default listing wrote on stderr: $(cat "$TMP/def.err")"
# -A all only implies its tables: quiet too, as ss; a table named beside
# it is said (when this kernel lacks it).
for q in all 'all,!tcp' 'inet'; do
	"$SSTOP" --batch -a -A "$q" >/dev/null 2>"$TMP/all.err"
	[ -s "$TMP/all.err" ] && fail "-A $q wrote on stderr: $(cat "$TMP/all.err")"
done
if ! ss -HS 2>/dev/null | grep -q . && [ ! -d /proc/net/sctp ]; then
	"$SSTOP" --batch -a -A 'all,sctp' >/dev/null 2>"$TMP/all.err"
	[ "$(grep -c '^sstop: sctp sockets are not available' "$TMP/all.err")" = 1 ] ||
		fail "-A all,sctp does not say sctp is missing: $(cat "$TMP/all.err")"
fi
exit 0
