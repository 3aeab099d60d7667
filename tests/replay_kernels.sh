#!/bin/bash
# replay_kernels.sh: `sstop --batch --replay` of the dumps recorded on
# Debian 12's own kernels (6.1 and 6.12, in qemu: tests/kernels.sh with
# SSTOP_KERNEL_DUMP) against what ss printed there at the same moment, for
# the tables this machine's kernel may lack: VSOCK (a seqpacket listener
# and pair, Netid "???"), TIPC (the empty messages the kernel sends for
# each socket its state filter leaves out, -A tipc; --tipcinfo), XDP (an unbound
# socket's "*", -e's statistics), MPTCP (-i's mptcp_info, a subflow's
# tcp-ulp-mptcp), netlink -m, raw sockets from raw_diag (every state;
# Netid by IP protocol), SCTP ports named as ss names them.
#
# tests/kernel/dumps lists the cases (NAME|HOW|OPTS); the files are
# tests/data/kernels/KERNEL.NAME.dump (sstop --record) and KERNEL.NAME.ss.
# A replay needs no privilege and no module: it runs everywhere.

. "${top_srcdir:-.}/tests/lib.sh"
tmpdir_make

data=$top_srcdir/tests/data/kernels
# Each program lists its own sock_diag socket: dropped from both sides
# (in a replay, sstop's is "tcpdiag:PID").
noself() {
	grep -Ev '(tcpdiag:((ss|sstop)/)?[0-9]+|[^0-9]4:[1-9][0-9]*) '
}
mask() {
	sed -E \
		-e 's/ (rto|rtt|ato|lastsnd|lastrcv|lastack|minrtt|rcv_rtt|busy|rcv_space|rcv_ssthresh|delivered|segs_out|segs_in|data_segs_out|data_segs_in|bytes_acked|bytes_sent|bytes_received|snd_wnd|cwnd|mss|rcvmss|advmss|ssthresh|pmtu):[^ ]*/ \1:#/g' \
		-e 's/ (send|pacing_rate|delivery_rate) [^ ]*/ \1 #/g' \
		-e 's/ skmem:\([^)]*\)/ skmem:(#)/g' \
		-e 's/ (lastsnd|lastrcv|lastack|ato|app_limited)(:[^ ]*)?//g'
}

: >"$TMP/done"
for k in 6.1 6.12; do
	grep -v '^#' "$top_srcdir/tests/kernel/dumps" |
		while IFS='|' read -r name how opts; do
			f=$data/$k.$name
			[ -f "$f.dump" ] || continue
			# XDP's diag module is not in 6.1: nothing to replay there.
			[ -s "$f.ss" ] || continue
			noself <"$f.ss" >"$TMP/ss"
			# shellcheck disable=SC2086
			"$SSTOP" --batch --replay "$f.dump" $opts >"$TMP/out" \
				2>"$TMP/err" || fail "$k $name: replay failed: $(cat "$TMP/err")"
			[ -s "$TMP/err" ] && fail "$k $name: replay wrote: $(cat "$TMP/err")"
			noself <"$TMP/out" >"$TMP/sstop"
			case $how in
			loose | masked)
				for s in ss sstop; do
					if [ "$how" = masked ]; then
						mask <"$TMP/$s"
					else
						cat "$TMP/$s"
					fi | tr -s ' ' | sed -e 's/ $//' >"$TMP/$s.x"
					mv "$TMP/$s.x" "$TMP/$s"
				done ;;
			esac
			if ! diff -u "$TMP/ss" "$TMP/sstop" >"$TMP/diff"; then
				cat "$TMP/diff" >&2
				fail "$k $name: sstop --replay $opts differs from ss $opts"
			fi
			[ "$(wc -l <"$TMP/sstop")" -ge 2 ] ||
				fail "$k $name: the replay lists no socket"
			echo "ok $k $name ($opts)"
			echo "$k $name" >>"$TMP/done"
		done || exit 1
done
[ "$(wc -l <"$TMP/done")" -ge 20 ] || fail "too few cases replayed"
exit 0
