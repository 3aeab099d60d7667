#!/bin/bash
# hostile_dialog.sh: the kill dialog's lines are never cut.  A unix socket
# listens on a 107-byte path of which 106 bytes are control characters
# (\x01: 4 bytes each escaped, 425 in all), held by a process whose name
# is 15 control characters (\x02: 60 bytes escaped).  In a pane 600
# columns wide, F9 on it lists it as left out (unix sockets cannot be
# closed) on one line of about 530 bytes: the whole escaped path, then
# the inode, the state and the owner; the detail pane (full screen) shows
# the path and the inode whole too.  The description was cut at 255 bytes
# and the line at 399, the Local column's text at 255, silently.  In a
# private network namespace.

. "${top_srcdir:=.}/tests/ui_lib.sh"
ui_enter_netns "$@"

ctl1=$(printf '\001%.0s' $(seq 106))
ctl2=$(printf '\002%.0s' $(seq 15))
path=k$ctl1
[ ${#path} = 107 ] || fail "the path is ${#path} bytes"
mkdir "$UI_TMP/d" || exit 99
bin=$UI_TMP/$ctl2
cp "$top_builddir/tests/unix_names" "$bin" || exit 99
# bound relative to its directory: the path is the 107 bytes alone
ui_bg unix.out bash -c 'cd "$1" && exec "$2" "$3"' _ "$UI_TMP/d" "$bin" "$path"
pid=$BG_PID
ino=$(awk '$NF ~ /^k\001/ { print $7 }' /proc/net/unix)
[ -n "$ino" ] || fail "no socket on the path in /proc/net/unix"

ui_start 600 12 -xl "src 'k*'"
ui_wait "LISTEN .*k"
esc1=$(printf '\\\\x01%.0s' $(seq 106))
esc2=$(printf '\\\\x02%.0s' $(seq 15))
want="left out: u_str k$esc1 $ino  LISTEN  $esc2\\($pid\\)"
# until the dialog knows the owner (the first pass over /proc may not
# have ended)
for _ in $(seq 50); do
	ui_keys F9
	ui_wait 'None of these sockets can be closed'
	ui_screen | grep -Eq -- "$want" && break
	ui_screen | grep -q 'owners not known yet' ||
		fail "the dialog's line is not whole"
	ui_keys Escape
	ui_wait_not 'None of these sockets can be closed'
	sleep 0.1
done
ui_screen | grep -Eq -- "$want" || fail "the owner never showed"
ui_screen | grep -q $'[\001\002]' && fail "a raw control character"
echo "ok: the dialog's line whole (path, inode $ino, owner $pid)"

# the detail pane, full screen: the identity line whole (the Local
# column's text was cut at 255 bytes, the inode with it)
ui_keys Escape
ui_wait_not 'None of these sockets can be closed'
ui_keys Enter
ui_wait 'detail \(Enter closes\)'
ui_keys z
ui_screen | grep -Eq -- "u_str LISTEN +k$esc1 $ino -> \* 0" ||
	ui_wait "u_str LISTEN +k$esc1 $ino -> \* 0"
ui_screen | grep -q $'[\001\002]' && fail "a raw control character"
echo "ok: the detail pane's identity whole"
exit 0
