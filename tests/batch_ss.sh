#!/bin/bash
# batch_ss.sh: `sstop --batch OPTS` against `ss OPTS` on the sockmix in a
# private network namespace, ss being the oracle.
#
# Exact comparisons (layout included) where nothing changes with time.
# Where values move (timers, rtt, last*, rates) they are masked by the sed
# in `mask` below, and the comparison ignores how many spaces pad a column
# (the padding follows the masked lengths).  The unix path holding an
# escape sequence is the one expected difference: ss prints the ESC byte
# raw, sstop prints "\x1b"; `unesc` turns ss's form into sstop's before
# comparing, and the test checks that sstop never prints a raw ESC.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
sockmix_start

# Time-dependent fields: the value is replaced by "#"; fields that appear
# as time goes (the full-queue pair's persist probes: backoff, retransmits,
# busy times, and the last*/ato/rcv_rtt values ss omits when zero) are
# dropped from both sides.
mask() {
	sed -E \
		-e 's/timer:\(([a-z]+),[^)]*\)/timer:(\1,#)/g' \
		-e 's/ (rto|rtt|ato|lastsnd|lastrcv|lastack|minrtt|rcv_rtt|busy|rcv_space|rcv_ssthresh|delivered|segs_out|segs_in|data_segs_out|data_segs_in|bytes_acked|bytes_sent|bytes_received|snd_wnd|cwnd|mss|rcvmss|advmss|ssthresh|pmtu|unacked|notsent|sndbuf_limited|rwnd_limited):[^ ]*/ \1:#/g' \
		-e 's/ (send|pacing_rate|delivery_rate) [^ ]*/ \1 #/g' \
		-e 's/bbr:\([^)]*\)/bbr:(#)/g' \
		-e 's/ app_limited//g' \
		-e 's/ skmem:\([^)]*\)/ skmem:(#)/g' \
		-e 's/ (backoff|bytes_retrans|retrans|lost|dsack_dups|reord_seen|busy|rwnd_limited|sndbuf_limited|unacked|notsent|lastsnd|lastrcv|lastack|rcv_rtt|ato):[^ ]*//g' \
		-e 's/ delivery_rate #//g'
}
squeeze() {
	tr -s ' ' | sed -e 's/ $//'
}
unesc() {
	sed -e 's/\x1b/\\x1b/g'
}

n=0
check() { # check exact|masked|loose OPTS...
	local how=$1
	shift
	local a="$TMP/ss.$n" b="$TMP/sstop.$n"
	n=$((n + 1))
	ss "$@" 2>/dev/null | unesc >"$a"
	timeout 10 "$SSTOP" --batch "$@" >"$b" 2>"$b.err" ||
		fail "sstop --batch $* exited $?: $(cat "$b.err")"
	if grep -q $'\x1b' "$b"; then
		fail "sstop --batch $* printed a raw ESC"
	fi
	case $how in
	exact) ;;
	loose)
		squeeze <"$a" >"$a.x" && mv "$a.x" "$a"
		squeeze <"$b" >"$b.x" && mv "$b.x" "$b" ;;
	masked)
		mask <"$a" | squeeze >"$a.x" && mv "$a.x" "$a"
		mask <"$b" | squeeze >"$b.x" && mv "$b.x" "$b" ;;
	esac
	if ! diff -u "$a" "$b" >"$TMP/diff"; then
		cat "$TMP/diff" >&2
		fail "sstop --batch $* differs from ss $*"
	fi
	[ -s "$b" ] || fail "sstop --batch $* printed nothing"
}

# Layouts and values that do not move.
for o in -t -ta -tan -tl -tln -u -ua -uan -w -wa -4 -4a -6 -6a -n -x -H \
	-O -tO "-u -e" -f\ inet -f\ inet6 "-A tcp" \
	"-A udp,tcp" "-A inet" "-A tcp -a" "-A !udp,inet -a" -0 -4n \
	"-t state listening" "-t state established" "-ta exclude time-wait" \
	"-t state fin-wait-2" "-t state close-wait" "-t state time-wait -n" \
	-r -tar -tanr -uar -6ar "-4r src localhost"; do
	# shellcheck disable=SC2086
	check exact $o
done

# Unix listings hold the escaped path: its column is wider in sstop.
for o in -xa -xl "-A unix -a" "-A unix_dgram -a" "-f unix -a" -xe; do
	# shellcheck disable=SC2086
	check loose $o
done

# Moving values, masked.
for o in "-t -e" "-ta -e" -tae -to -tao -tm -tam -ti -tai -tiem "-t -i -n" -uam --tos -t\ --tos \
	"-ta --cgroup" "-ta --inet-sockopt" -ton "-6 -i -a"; do
	# shellcheck disable=SC2086
	check masked $o
done

# The escaped path itself.
"$SSTOP" --batch -xl | grep -qF 'esc\x1b[31m' ||
	fail "the unix path with an escape sequence is not shown escaped"

# A filter word is either understood or refused with exit status 2.
"$SSTOP" --batch -tn state established '( dport = :7000 )' >"$TMP/f" ||
	fail "a filter expression was refused"
grep -q ':7000' "$TMP/f" || fail "the filter selected nothing"
"$SSTOP" --batch -t '( dport = ' >/dev/null 2>&1
[ $? = 2 ] || fail "a bad filter did not exit 2"
exit 0
