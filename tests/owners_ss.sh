#!/bin/bash
# owners_ss.sh: the owners map against ss itself.  In a private network
# namespace, owners_hold keeps sockets shared by two processes (fork), by
# two fds (dup) and by two threads; every socket ss -p lists must get the
# very same users:(...) text from owners_dump, in the same order, and the
# same with -T (threads).  Needs root for unshare -n: skips otherwise.

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
"$bin/owners_hold" >"$tmp/ready" &
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
	"$bin/owners_dump" $mode $inos | sed 's/ $//' | sort >"$tmp/own"
	ss_users $mode >"$tmp/ss2"
	# only sockets on which two ss runs agree: the holder does not move
	if ! cmp -s "$tmp/ss1" "$tmp/ss2"; then
		echo "ss output changed between runs"; exit 99
	fi
	n=$(grep -c 'users:' "$tmp/ss1")
	[ "$n" -ge 8 ] || { echo "only $n owned sockets"; cat "$tmp/ss1"; fail=1; }
	if ! diff -u "$tmp/ss1" "$tmp/own"; then
		echo "FAIL: owners differ from ss ${mode:-(-p)}"
		fail=1
	fi
done
exit $fail
