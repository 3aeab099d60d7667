#!/bin/bash
# owners_ss.sh: the owners map against ss itself.  In a private network
# namespace, owners_hold keeps sockets shared by two processes (fork), by
# two fds (dup) and by two threads, and 5000 more in one process; every
# socket ss -p lists must get the very same users:(...) text from
# owners_dump, in the same order, and the same with -T (threads): from the
# serial pass, from the pass in threads (the large fd table shared between
# them) and from steps of 100 fds (the large table read in slices).  Then
# sstop --batch -tuxanp (owners read while the kernel dumps, rows
# streamed) must print byte for byte what ss prints, with and without -T.
# Needs root for unshare -n: skips otherwise.

if [ -z "$OWNERS_SS_INNER" ]; then
	[ "$(id -u)" = 0 ] || exit 77
	command -v ss >/dev/null || exit 77
	unshare -n true 2>/dev/null || exit 77
	OWNERS_SS_INNER=1 exec unshare -n bash "$0" "$@"
fi

set -u
bin=${top_builddir:-.}/tests
tmp=$(mktemp -d "${TMPDIR:-/tmp}/owners-ss.XXXXXX") || exit 99
pids=
cleanup() {
	[ -n "$pids" ] && kill $pids 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

ip link set lo up || exit 99
"$bin/owners_hold" 2500 >"$tmp/ready" &
pids=$!
for _ in $(seq 100); do
	[ "$(grep -c ready "$tmp/ready")" = 2 ] && break
	sleep 0.1
done
[ "$(grep -c ready "$tmp/ready")" = 2 ] || { echo "holder not ready"; exit 99; }
pids="$pids $(awk '{print $2}' "$tmp/ready")"

# "INO USERS" from ss output: inet lines carry ino:N (-e); for unix the
# local "port" is the inode.
ss_users() {
	ss -H -tuxanpe "$@" | awk '{
		ino = ""; users = "";
		if ($1 ~ /^u_/) ino = $6;
		for (i = 1; i <= NF; i++)
			if ($i ~ /^ino:/) ino = substr($i, 5);
		if (match($0, /users:\(.*\)\)/))
			users = substr($0, RSTART, RLENGTH);
		if (ino != "" && ino != "0") print ino, users;
	}' | sort
}

fail=0
for mode in "" -T; do
	ss_users $mode >"$tmp/ss1"
	inos=$(awk '{print $1}' "$tmp/ss1")
	[ -n "$inos" ] || { echo "ss listed nothing"; exit 99; }
	for how in "" "-j 2" "-s 100"; do
		"$bin/owners_dump" $mode $how $inos | sed 's/ $//' |
			sort >"$tmp/own$how"
	done
	ss_users $mode >"$tmp/ss2"
	# only sockets on which two ss runs agree: the holder does not move
	if ! cmp -s "$tmp/ss1" "$tmp/ss2"; then
		echo "ss output changed between runs"; exit 99
	fi
	n=$(grep -c 'users:' "$tmp/ss1")
	[ "$n" -ge 5008 ] || { echo "only $n owned sockets"; fail=1; }
	for how in "" "-j 2" "-s 100"; do
		if ! cmp -s "$tmp/ss1" "$tmp/own$how"; then
			diff -u "$tmp/ss1" "$tmp/own$how" | head -20
			echo "FAIL: owners differ from ss ${mode:-(-p)} ${how:-serial}"
			fail=1
		fi
	done
done

# the batch listing, owners read in threads while the kernel dumps
if [ -n "${SSTOP:-}" ]; then
	for mode in "" -T; do
		ss -tuxanp $mode >"$tmp/ss.txt"
		"$SSTOP" --batch -tuxanp $mode >"$tmp/sstop.txt"
		ss -tuxanp $mode >"$tmp/ss2.txt"
		cmp -s "$tmp/ss.txt" "$tmp/ss2.txt" ||
			{ echo "ss output changed between runs"; exit 99; }
		if ! cmp -s "$tmp/ss.txt" "$tmp/sstop.txt"; then
			diff "$tmp/ss.txt" "$tmp/sstop.txt" | head -20
			echo "FAIL: sstop --batch -tuxanp $mode differs from ss"
			fail=1
		fi
		n=$(grep -c 'users:' "$tmp/sstop.txt")
		[ "$n" -ge 5008 ] || { echo "only $n owned rows"; fail=1; }
	done
fi
exit $fail
