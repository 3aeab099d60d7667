#!/bin/bash
# kernels.sh: `sstop --batch` against `ss` on Debian 12's own kernels, 6.1
# and the current 6.12 (bookworm-security), booted in qemu with their
# modules: SCTP, TIPC, VSOCK, XDP, raw, DCCP, MPTCP, and SELinux, which the
# machine running the suite may lack.
#
# For each kernel the current package is resolved from its metapackage
# (linux-image-amd64, linux-image-6.12-amd64), fetched with `apt-get
# download` (never installed) and unpacked into a cache kept between runs:
# $SSTOP_KERNEL_CACHE, /var/cache/sstop-kernels by default.  Offline, the
# newest cached kernel is used.  An initramfs is built from busybox-static,
# the kernel's modules, ss, the built sstop and tests/json_check with their
# shared libraries, and tests/kernel/rare_socks.c built static; its /init
# is tests/kernel/init.sh, which runs the comparisons and prints the results
# on the serial console, read here.
#
# Boots: 6.1 and 6.12 with every table and option group compared; 6.12
# again with security=selinux and the policy tests/kernel/policy.conf
# (compiled with checkpolicy here), -Z/-z compared with and without
# /etc/selinux/config.  Each boot runs under a timeout.
#
# Skips (77) with the reason when qemu, the packages or the kernel cannot
# be had, under a sanitizer build (the run would be slow and tells nothing
# new), when SSTOP_KERNEL_TEST=no (.ci/run sets it for its second and
# third run of the suite: one run is enough), and when another run holds
# the cache's run lock (one machine, a few CPUs: one run at a time).
#
# SSTOP_KERNEL_BENCH=1: instead, boot 6.1 once with a few thousand TCP
# sockets (SSTOP_KERNEL_SOCKS connections, 3000 by default) and print the
# CPU time of `sstop --batch -tan` and `ss -tan` (5 runs each) and their
# ratio.  SSTOP_KERNEL_DUMP=DIR: instead, boot each kernel and save in DIR
# the recordings and ss listings of tests/kernel/dumps (KVER.NAME.dump and
# KVER.NAME.ss, for tests/data/kernels/ and tests/replay_kernels.sh).
# SSTOP_KERNEL_SCRIPT=FILE: instead, run FILE in the guest after the socket
# mix and print the console (SSTOP_KERNEL_ONLY=6.1 or 6.12: that kernel
# only; SSTOP_KERNEL_APPEND: kernel arguments instead of "quiet";
# SSTOP_KERNEL_SCRIPT_ARGS: more, e.g. security=selinux).
#
# Differences not fixed yet are listed in tests/kernel/known: reported,
# not failed.

. "${top_srcdir:-.}/tests/lib.sh"

skip() {
	echo "SKIP: $*"
	exit 77
}

[ "${SSTOP_KERNEL_TEST:-yes}" = no ] && skip "SSTOP_KERNEL_TEST=no"
[ -x "$SSTOP" ] || skip "no sstop binary at $SSTOP"
ldd "$SSTOP" 2>/dev/null | grep -q 'lib[at]san' &&
	skip "sanitizer build (the kernel test runs in the plain build)"
for t in qemu-system-x86_64 apt-get apt-cache dpkg-deb depmod modprobe cpio \
	gzip xz gcc ldd checkpolicy flock ss; do
	command -v "$t" >/dev/null || skip "$t is missing (see .ci/packages)"
done
busybox=/bin/busybox
[ -x $busybox ] && ! ldd $busybox >/dev/null 2>&1 ||
	skip "no static busybox at $busybox (package busybox-static)"
json_check=$top_builddir/tests/json_check
[ -x "$json_check" ] || skip "no $json_check (make check builds it)"

cache=${SSTOP_KERNEL_CACHE:-/var/cache/sstop-kernels}
mkdir -p "$cache" 2>/dev/null && [ -w "$cache" ] ||
	skip "kernel cache $cache is not writable (set SSTOP_KERNEL_CACHE)"

if grep -qwE 'vmx|svm' /proc/cpuinfo && [ -w /dev/kvm ]; then
	accel="-accel kvm -cpu host"
else
	accel="-accel tcg -cpu max"
fi

# One run at a time per cache (the machine's CPUs): a make check run in
# parallel elsewhere on this machine skips instead of slowing both.
exec 8>>"$cache/.run.lock" || skip "cannot open $cache/.run.lock"
flock -w 10 8 || skip "another tests/kernels.sh is running on this machine ($cache/.run.lock)"

tmpdir_make
started=$(date +%s)

# The helper: static, so the initramfs needs no library for it.
${CC_FOR_KERNEL_TEST:-gcc} -static -O1 -o "$TMP/rare_socks" \
	"$top_srcdir/tests/kernel/rare_socks.c" 2>"$TMP/cc.err" ||
	skip "cannot build a static helper: $(head -n 3 "$TMP/cc.err")"

# kernel_get META SERIES: fetches (once) and unpacks the kernel package that
# META depends on, prints its unpacked directory.  SERIES (6.1, 6.12)
# matches the package name; offline, the newest cached one of the series.
kernel_get() {
	local meta=$1 series=$2 pkg dir deb
	pkg=$(apt-cache depends "$meta" 2>/dev/null |
		sed -n "s/^ *Depends: \(linux-image-${series//./\\.}[.0-9+a-z-]*-amd64\)$/\1/p" |
		head -n1)
	if [ -z "$pkg" ]; then
		# Offline or no package lists: the newest one cached.
		dir=$(ls -d "$cache/linux-image-$series".*/ 2>/dev/null | sort -V | tail -n1)
		[ -n "$dir" ] && [ -e "$dir/.ready" ] && { echo "${dir%/}"; return 0; }
		echo "apt-cache knows no $meta (apt-get update?) and none is cached" >&2
		return 1
	fi
	dir=$cache/$pkg
	if [ ! -e "$dir/.ready" ]; then
		rm -rf "$dir" "$cache/${pkg}"_*.deb
		(cd "$cache" && timeout 300 apt-get download -q \
			-o APT::Sandbox::User=root "$pkg") >"$TMP/apt.log" 2>&1 || {
			echo "apt-get download $pkg failed: $(tail -n 2 "$TMP/apt.log")" >&2
			return 1
		}
		deb=$(ls "$cache/${pkg}"_*.deb | head -n1)
		mkdir -p "$dir" && dpkg-deb -x "$deb" "$dir" || return 1
		local ver
		ver=$(ls "$dir/lib/modules" | head -n1)
		depmod -b "$dir" "$ver" || return 1
		# The unpacked tree is all we use; older kernels of the series go.
		rm -f "$deb"
		for old in "$cache/linux-image-$series".*; do
			[ "$old" = "$dir" ] || rm -rf "$old"
		done
		touch "$dir/.ready"
	fi
	echo "$dir"
}

# copy_with_libs ROOT FILE...: FILE and the shared libraries it needs.
copy_with_libs() {
	local root=$1 f lib
	shift
	for f in "$@"; do
		for lib in $(ldd "$f" 2>/dev/null | grep -o '/[^ ]*'); do
			[ -e "$root$lib" ] && continue
			mkdir -p "$root${lib%/*}" && cp -L "$lib" "$root$lib"
		done
	done
}

# Modules the guest loads (with what they depend on), by name: the
# sock_diag modules of every table and the protocols themselves.  TIPC's
# diag module is net/tipc/diag.ko in 6.1 and tipc_diag.ko in 6.12.
modules="af_packet ipv6 inet_diag tcp_diag udp_diag raw_diag unix_diag
af_packet_diag netlink_diag sctp sctp_diag tipc tipc_diag diag vsock
vsock_loopback vsock_diag xsk_diag dccp dccp_ipv4 dccp_ipv6 dccp_diag
mptcp_diag"

# initrd_make KDIR MODE OUT: the initramfs for the kernel in KDIR.
initrd_make() {
	local kdir=$1 mode=$2 out=$3 ver root m path
	ver=$(ls "$kdir/lib/modules" | head -n1)
	root=$TMP/root.$mode.$ver
	rm -rf "$root"
	mkdir -p "$root"/{bin,usr/bin,etc,proc,sys,dev,tmp}
	cp $busybox "$root/bin/busybox"
	cp "$top_srcdir/tests/kernel/init.sh" "$root/init"
	cp "$top_srcdir/tests/kernel/known" "$root/known"
	cp "$top_srcdir/tests/kernel/dumps" "$root/dumps"
	[ -n "${SSTOP_KERNEL_SCRIPT:-}" ] && cp "$SSTOP_KERNEL_SCRIPT" "$root/script"
	chmod 755 "$root/init"
	cp "$TMP/rare_socks" "$root/rare_socks"
	cp "$(command -v ss)" "$root/usr/bin/ss"
	cp "$SSTOP" "$root/usr/bin/sstop"
	cp "$json_check" "$root/json_check"
	copy_with_libs "$root" "$(command -v ss)" "$SSTOP" "$json_check"
	for f in /etc/services /etc/protocols; do
		[ -e $f ] && cp $f "$root$f"
	done
	echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
	: >"$root/modules.list"
	for m in $modules; do
		modprobe -d "$kdir" -S "$ver" --show-depends "$m" 2>/dev/null |
			sed -n 's/^insmod \([^ ]*\).*/\1/p'
	done | awk '!seen[$0]++' | while read -r path; do
		m=${path#"$kdir"}
		mkdir -p "$root${m%/*}"
		case $m in
		*.xz) xz -dc "$path" >"$root${m%.xz}" && m=${m%.xz} ;;
		*) cp "$path" "$root$m" ;;
		esac
		echo "$m" >>"$root/modules.list"
	done
	if [ "$mode" = selinux ] || [ "$mode" = script ]; then
		checkpolicy -U allow -o "$root/policy" \
			"$top_srcdir/tests/kernel/policy.conf" >"$TMP/cp.log" 2>&1 ||
			fail "checkpolicy: $(cat "$TMP/cp.log")"
	fi
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$out"
}

# watchdog PID FILE: waits for the qemu run PID; kills it when FILE (its
# console) has not grown for SSTOP_KERNEL_IDLE_TIMEOUT seconds (240): the
# guest prints a line per check, so a slow machine only makes it slower,
# a hung guest is caught.  (Each boot also runs under a timeout.)
watchdog() {
	local pid=$1 file=$2 last=-1 size idle=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 5
		size=$(stat -c %s "$file" 2>/dev/null || echo 0)
		if [ "$size" != "$last" ]; then
			last=$size idle=0
		else
			idle=$((idle + 5))
		fi
		if [ $idle -ge "${SSTOP_KERNEL_IDLE_TIMEOUT:-240}" ]; then
			echo "no console output for $idle s: qemu stopped" >>"$file"
			kill "$pid" 2>/dev/null
			break
		fi
	done
	wait "$pid" 2>/dev/null
}

# boot KDIR MODE [APPEND...]: boots the kernel in KDIR, the console's
# "KT" lines (escape sequences and CRs removed) in $TMP/kt.MODE.VER.
boot() {
	local kdir=$1 mode=$2 ver out t0
	shift 2
	ver=$(ls "$kdir/lib/modules" | head -n1)
	out=$TMP/kt.$mode.$ver
	initrd_make "$kdir" "$mode" "$TMP/initrd" || fail "initramfs for $ver"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	timeout -k 5 "${SSTOP_KERNEL_BOOT_TIMEOUT:-1200}" qemu-system-x86_64 $accel \
		-m 512 -smp 1 -nodefaults -nographic -serial stdio -no-reboot \
		-kernel "$kdir/boot/vmlinuz-$ver" -initrd "$TMP/initrd" \
		-append "console=ttyS0 panic=-1 no_timer_check ${SSTOP_KERNEL_APPEND-quiet} sstop.mode=$mode $*" \
		</dev/null >"$out.raw" 2>"$out.err" &
	watchdog $! "$out.raw"
	tr -d '\r' <"$out.raw" | sed -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' \
		-e 's/\x1b.//g' | grep -a '^KT' >"$out"
	echo "$ver $mode: $(($(date +%s) - t0)) s"
	KT=$out KVER=$ver
}

# report NAME: prints the guest's notes and failures; fails the test when
# one comparison failed or the guest did not finish.
bad=0
report() {
	local name=$1
	sed -n -e 's/^KT note /  note: /p' -e 's/^KT known /  known difference: /p' "$KT"
	grep -a -A40 '^KT fail' "$KT" | grep -a '^KT\(|\| fail\)' |
		sed -e 's/^KT fail /  FAIL: /' -e 's/^KT| /    /' >&2
	if ! grep -q '^KT end ' "$KT"; then
		echo "FAIL: $name: the guest did not finish; its console ended:" >&2
		tail -n 20 "$KT.raw" | tr -d '\r\033' >&2
		bad=1
		return
	fi
	set -- $(sed -n 's/^KT end //p' "$KT")
	echo "$name: $1 passed, $2 failed, $3 known differences"
	[ "$1" -gt 0 ] || bad=1
	[ "$2" = 0 ] || bad=1
}

k61=$(flock "$cache/.lock" bash -c "$(declare -f kernel_get); cache='$cache' TMP='$TMP' kernel_get linux-image-amd64 6.1" 2>"$TMP/k.err") ||
	skip "Debian 6.1 kernel: $(cat "$TMP/k.err")"
k612=$(flock "$cache/.lock" bash -c "$(declare -f kernel_get); cache='$cache' TMP='$TMP' kernel_get linux-image-6.12-amd64 6.12" 2>"$TMP/k.err") ||
	skip "Debian 6.12 kernel: $(cat "$TMP/k.err")"

if [ -n "${SSTOP_KERNEL_BENCH:-}" ]; then
	# setting up the sockets prints nothing for a while
	: "${SSTOP_KERNEL_IDLE_TIMEOUT:=900}"
	boot "$k61" bench "sstop.socks=${SSTOP_KERNEL_SOCKS:-3000}"
	report "$KVER bench"
	sed -n 's/^KT time //p' "$KT" | awk '
		{ t[$1] = $2 }
		END { if (t["ss"] > 0) printf "sstop/ss CPU time: %d/%d ticks = %.2f\n",
			t["sstop"], t["ss"], t["sstop"] / t["ss"] }'
	exit $bad
fi
if [ -n "${SSTOP_KERNEL_SCRIPT:-}" ]; then
	for k in "$k61" "$k612"; do
		case ${k##*linux-image-} in "${SSTOP_KERNEL_ONLY:-}"*) ;; *) continue ;; esac
		boot "$k" script ${SSTOP_KERNEL_SCRIPT_ARGS:-}
		tr -d '\r' <"$KT.raw"
	done
	exit 0
fi
if [ -n "${SSTOP_KERNEL_DUMP:-}" ]; then
	mkdir -p "$SSTOP_KERNEL_DUMP"
	for k in "$k61" "$k612"; do
		boot "$k" dump
		report "$KVER dump"
		grep -a '^KT64 ' "$KT" | while read -r _ name line; do
			echo "$line" >>"$TMP/b64.$KVER.$name"
		done
		for f in "$TMP/b64.$KVER".*; do
			base64 -d <"$f" >"$SSTOP_KERNEL_DUMP/${f##*/b64.}"
		done
	done
	ls -l "$SSTOP_KERNEL_DUMP"
	exit $bad
fi

boot "$k61" plain
report "$KVER"
boot "$k612" plain
report "$KVER"
boot "$k612" selinux security=selinux selinux=1 enforcing=0
report "$KVER selinux"
echo "total: $(($(date +%s) - started)) s"
exit $bad
