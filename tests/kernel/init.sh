#!/bin/busybox sh
# tests/kernel/init.sh: /init of the initramfs that tests/kernels.sh boots
# in qemu.  It mounts /proc, /sys, /dev, loads the modules listed in
# /modules.list (in order), starts /rare_socks (every rare socket type),
# then compares `sstop --batch OPTS` with `ss OPTS` for every table and
# option group, checks --json and --record/--replay, and powers off.
#
# The kernel command line chooses the run: sstop.mode=plain (the
# comparisons), sstop.mode=selinux (SELinux: the policy /policy is loaded,
# then -Z/-z are compared with and without /etc/selinux/config), and
# sstop.mode=bench (a timing run: sstop.socks=N connections),
# sstop.mode=dump (sstop --record of each table, base64 on the console) and
# sstop.mode=script (runs /script: a look around, for whoever debugs).
#
# Everything for the host is one line on the console starting "KT ":
#   KT pass NAME | KT fail NAME (then "KT| " lines: the diff) |
#   KT known NAME: REASON | KT note TEXT | KT time PROG TICKS |
#   KT end PASSED FAILED KNOWN
# The host (tests/kernels.sh) reads them; nothing else counts.

/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin:/sbin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mkdir -p /tmp /run && mount -t tmpfs tmp /tmp
exec </dev/console >/dev/console 2>&1

mode=plain socks=3000
for w in $(cat /proc/cmdline); do
	case $w in
	sstop.mode=*) mode=${w#sstop.mode=} ;;
	sstop.socks=*) socks=${w#sstop.socks=} ;;
	esac
done

echo "KT note kernel $(uname -r) mode $mode"
ip link set lo up
while read -r m; do
	insmod "$m" 2>/tmp/insmod.err ||
		echo "KT note insmod ${m##*/}: $(cat /tmp/insmod.err)"
done </modules.list

passed=0 failed=0 known=0
pass() {
	echo "KT pass $*"
	passed=$((passed + 1))
}
# /known (tests/kernel/known): differences not fixed yet, one per line,
# "KERNEL-PATTERN|NAME-PATTERN|REASON" (shell patterns on `uname -r` and
# on the check's name).  A known difference is reported, not failed.
is_known() {
	while IFS='|' read -r kpat pat why; do
		case $kpat in '#'* | '') continue ;; esac
		# shellcheck disable=SC2254
		case $(uname -r) in $kpat) ;; *) continue ;; esac
		# shellcheck disable=SC2254
		case $1 in $pat) echo "$why"; return 0 ;; esac
	done </known
	return 1
}
fail() { # fail NAME [DIFF-FILE]
	if why=$(is_known "$1"); then
		echo "KT known $1: $why"
		known=$((known + 1))
		return
	fi
	echo "KT fail $1"
	[ -n "$2" ] && sed -e 's/^/KT| /' "$2" | head -n 40
	failed=$((failed + 1))
}
finish() {
	echo "KT end $passed $failed $known"
	sync
	poweroff -f
}

case " $(cat /proc/cmdline) " in *" security=selinux "*) selinux=1 ;; esac
if [ -n "$selinux" ]; then
	mount -t selinuxfs selinuxfs /sys/fs/selinux ||
		{ fail "selinuxfs mount"; finish; }
	dd if=/policy of=/sys/fs/selinux/load bs=1M 2>/tmp/dd.err ||
		{ fail "selinux policy load" /tmp/dd.err; finish; }
	echo "KT note selinux enforce $(cat /sys/fs/selinux/enforce)"
fi

# The socket mix; under SELinux in the second domain (other_t).
if [ -n "$selinux" ]; then
	(echo -n "u:r:other_t" >/proc/self/attr/exec &&
		exec /rare_socks >/tmp/socks.out 2>&1) &
elif [ "$mode" = bench ]; then
	/rare_socks -n "$socks" >/tmp/socks.out 2>&1 &
else
	/rare_socks >/tmp/socks.out 2>&1 &
fi
socks_pid=$!
i=0
while ! grep -q '^ready' /tmp/socks.out; do
	i=$((i + 1))
	[ $i -gt 600 ] && { fail "rare_socks did not start"; finish; }
	sleep 0.1
done
sed -n -e 's/^no /KT note rare_socks: no /p' /tmp/socks.out

# Each program lists its own sock_diag socket: dropped from both sides.
noself() {
	grep -Ev '(tcpdiag:(ss|sstop)/[0-9]+|[^0-9]4:[1-9][0-9]*) '
}
# Values that move between two dumps (timers, rates, counters, memory).
mask() {
	sed -E \
		-e 's/timer:\(([a-z]+),[^)]*\)/timer:(\1,#)/g' \
		-e 's/ (rto|rtt|ato|lastsnd|lastrcv|lastack|minrtt|rcv_rtt|busy|rcv_space|rcv_ssthresh|delivered|segs_out|segs_in|data_segs_out|data_segs_in|bytes_acked|bytes_sent|bytes_received|snd_wnd|cwnd|mss|rcvmss|advmss|ssthresh|pmtu|unacked|notsent|sndbuf_limited|rwnd_limited):[^ ]*/ \1:#/g' \
		-e 's/ (send|pacing_rate|delivery_rate) [^ ]*/ \1 #/g' \
		-e 's/ app_limited//g' \
		-e 's/ skmem:\([^)]*\)/ skmem:(#)/g' \
		-e 's/ (backoff|bytes_retrans|retrans|lost|dsack_dups|reord_seen|busy|rwnd_limited|sndbuf_limited|unacked|notsent|lastsnd|lastrcv|lastack|rcv_rtt|ato):[^ ]*//g' \
		-e 's/ delivery_rate #//g' | tr -s ' ' | sed -e 's/ $//'
}

n=0
# check exact|loose|masked OPTS...: sstop --batch OPTS prints what ss OPTS
# does (loose: runs of spaces squeezed, for listings holding the programs'
# own netlink sockets, whose names differ in length and widen a column).
check() {
	how=$1
	shift
	n=$((n + 1))
	a=/tmp/ss.$n b=/tmp/sstop.$n
	ss "$@" 2>/dev/null | noself >$a
	if ! timeout 60 sstop --batch "$@" >$b.raw 2>$b.err; then
		echo "sstop exited non-zero: $(cat $b.err)" >/tmp/diff
		fail "$*" /tmp/diff
		return
	fi
	noself <$b.raw >$b
	if grep -v ' sockets are not available in this kernel$' $b.err | grep -q .; then
		fail "$* (stderr)" $b.err
		return
	fi
	case $how in
	masked)
		mask <$a >$a.x && mv $a.x $a
		mask <$b >$b.x && mv $b.x $b ;;
	loose)
		tr -s ' ' <$a | sed -e 's/ $//' >$a.x && mv $a.x $a
		tr -s ' ' <$b | sed -e 's/ $//' >$b.x && mv $b.x $b ;;
	esac
	if diff -u $a $b >/tmp/diff; then
		pass "$*"
	else
		fail "$*" /tmp/diff
	fi
}

# need N OPTS...: ss lists at least N sockets (the mix is there).
need() {
	want=$1
	shift
	got=$(ss -H "$@" 2>/dev/null | grep -c '^[^	]')
	if [ "$got" -ge "$want" ]; then
		pass "ss $* lists $got"
	else
		echo "ss $* lists $got sockets, want $want" >/tmp/diff
		fail "need $*" /tmp/diff
	fi
}

# json OPTS...: --json is strict JSON with one element per ss line.
json() {
	if ! sstop --batch --json "$@" >/tmp/j 2>/tmp/j.err; then
		fail "--json $*" /tmp/j.err
	elif ! /json_check </tmp/j >/tmp/j.err 2>&1; then
		fail "--json $* (invalid)" /tmp/j.err
	else
		want=$(ss -H "$@" 2>/dev/null | grep -c '^[^	]')
		got=$(/json_check netid </tmp/j | wc -l)
		if [ "$want" = "$got" ]; then
			pass "--json $* ($got)"
		else
			echo "ss lists $want sockets, --json $got" >/tmp/diff
			fail "--json $*" /tmp/diff
		fi
	fi
}

# replay OPTS...: --record then --replay prints the live listing again.
replay() {
	n=$((n + 1))
	if ! sstop --batch --record /tmp/rec.$n "$@" 2>/tmp/r.err | noself >/tmp/live.$n ||
		! sstop --batch --replay /tmp/rec.$n "$@" 2>>/tmp/r.err |
		grep -Ev '(tcpdiag:[0-9]+|[^0-9]4:[1-9][0-9]*) ' >/tmp/rep.$n; then
		fail "--record/--replay $*" /tmp/r.err
	elif diff -u /tmp/live.$n /tmp/rep.$n >/tmp/diff; then
		pass "--record/--replay $*"
	else
		fail "--record/--replay $*" /tmp/diff
	fi
}

tables="-t -u -w -x -0 -S --tipc --vsock --xdp -d -M"

plain_checks() {
	need 3 -ta
	need 2 -ua
	need 2 -wa
	need 2 -0a
	need 3 -Sa
	need 4 --tipc -a
	need 6 --vsock -a
	need 2 -da
	need 3 -Ma
	[ -n "$has_xdp" ] && need 1 --xdp -a
	# Every table with every option group: names and default states,
	# -a, listeners numeric, -e, -p (exact), -e -i -m -o together (masked):
	# each run costs a second or more under emulation.
	for t in $tables "-A netlink"; do
		e=exact
		[ "$t" = "-A netlink" ] && e=loose
		for o in "" -a -ln -ane -anp; do
			# shellcheck disable=SC2086
			check $e $t $o
		done
		# shellcheck disable=SC2086
		check masked $t -aneimo
		# shellcheck disable=SC2086
		json $t -a
		# shellcheck disable=SC2086
		replay $t -an
	done
	# Tables together (Netid column, order of the tables).
	for o in "" -a -anp -aneimo; do
		# shellcheck disable=SC2086
		check masked -A all $o
	done
	check exact -f inet
	check exact -f inet -a
	check exact -aH -A inet
	check exact -aenO -d
	json -A all -a
	replay -A all -an
	check exact --tipc -a --tipcinfo
	check exact --tipc -an --tipcinfo
	check exact -A sctp -a
	check exact -A vsock_stream -a
	check exact -A vsock_dgram -a
	check exact -A vsock -a
	check exact -f vsock -a
	check exact -f tipc -a
	check exact -f xdp -a
	check exact -A xdp -a
	check exact -A dccp -a
	check exact -A raw -a
	check exact -A tcp,sctp -a
	check loose -a -A 'all,!tcp'
	check exact -Sa sport = :6000
	check exact -da dport = :8000
	check exact -Ma src 127.0.0.1
	check exact -ta state listening
	check exact -Sa state established
	check masked -Sai
}

selinux_checks() {
	for cfg in yes no; do
		if [ $cfg = yes ]; then
			mkdir -p /etc/selinux
			printf 'SELINUX=permissive\nSELINUXTYPE=sstop\n' >/etc/selinux/config
		else
			rm -f /etc/selinux/config
		fi
		# With SELinux on (as ss decides), every table's contexts.
		[ $cfg = yes ] && for t in -t -u -w -x -0 -S --tipc --vsock -d -M; do
			# shellcheck disable=SC2086
			check exact $t -aZ
			# shellcheck disable=SC2086
			check exact $t -anpz
		done
		[ $cfg = yes ] && check loose -A netlink -aZ
		[ $cfg = yes ] && check loose -A netlink -anz
		# Enabled or not as ss decides: the same status, the same
		# refusal ("SELinux is not enabled"), both domains when on.
		ss -tZ >/tmp/ssz 2>&1
		s1=$?
		sstop --batch -tZ >/tmp/sstopz 2>&1
		s2=$?
		if [ $s1 != $s2 ]; then
			echo "ss exits $s1, sstop $s2" >/tmp/diff
			cat /tmp/ssz /tmp/sstopz >>/tmp/diff
			fail "-tZ status (config $cfg)" /tmp/diff
		elif [ $s1 != 0 ] && ! grep -q 'SELinux is not enabled' /tmp/sstopz; then
			fail "-tZ refusal (config $cfg)" /tmp/sstopz
		elif [ $cfg = yes ] && ! grep -q 'u:r:other_t' /tmp/sstopz; then
			fail "-tZ shows no other_t (config $cfg)" /tmp/sstopz
		else
			pass "-tZ status $s1 (config $cfg)"
		fi
		[ $cfg = no ] || grep -q 'u:r:other_t' /tmp/ssz ||
			fail "ss -tZ shows no other_t (config $cfg)" /tmp/ssz
	done
}

# bench: CPU time (user+sys, in clock ticks) of N runs of each program.
bench() {
	for p in ss sstop; do
		cmd="ss -tan"
		[ $p = sstop ] && cmd="sstop --batch -tan"
		$cmd | wc -l >/tmp/lines.$p
		echo "KT note $p -tan lines: $(cat /tmp/lines.$p)"
		set -- $(cat /proc/$$/stat | cut -d' ' -f16,17)
		before=$(($1 + $2))
		for _ in 1 2 3 4 5; do
			$cmd >/dev/null
		done
		set -- $(cat /proc/$$/stat | cut -d' ' -f16,17)
		echo "KT time $p $(($1 + $2 - before))"
	done
	if cmp -s /tmp/lines.ss /tmp/lines.sstop; then
		pass "bench: as many lines"
	else
		fail "bench: sstop -tan and ss -tan list different numbers"
	fi
}

# dump: the listings of /dumps (tests/kernel/dumps) recorded by sstop and
# printed by ss, base64 on the console ("KT64 NAME.dump ...", "NAME.ss").
dumps() {
	grep -v '^#' /dumps >/tmp/dumps.list
	while IFS='|' read -r name how opts; do
		# shellcheck disable=SC2086
		sstop --batch --record /tmp/$name.dump $opts >/dev/null 2>&1
		# shellcheck disable=SC2086
		ss $opts >/tmp/$name.ss 2>/dev/null
		for f in $name.dump $name.ss; do
			base64 /tmp/$f | sed -e "s/^/KT64 $f /"
		done
		pass "dump $name ($how)"
	done </tmp/dumps.list
}

[ -e /sys/module/xsk_diag ] && has_xdp=1
case $mode in
plain) plain_checks ;;
selinux) selinux_checks ;;
bench) bench ;;
dump) dumps ;;
script) . /script ;;
esac
kill $socks_pid
finish
