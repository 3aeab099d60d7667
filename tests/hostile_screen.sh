#!/bin/bash
# hostile_screen.sh: long names on the screen are whole, or cut where the
# terminal's width forces it with a mark that says so (#16).  In a private
# mount namespace (its own /etc/services and /run/netns) and network
# namespace: a service name of 103 bytes shows its end in the Local column
# (it was cut at 63 bytes, the mark before a part that was not the end);
# a replayed file's name of 200 bytes is whole in the header (cut at 159);
# a filter error of about 215 bytes is whole on the status line of a wide
# pane (cut at 199: its reason was lost) and keeps its reason in a narrow
# one, its middle giving way to the mark; the F5 namespace view heads a
# namespace of 200 bytes with its whole name (cut at 63).

. "${top_srcdir:=.}/tests/ui_lib.sh"
. "$top_srcdir/tests/dump_lib.sh"

mntns_enter -m "$@"
ui_enter_netns "$@"
TMP=$UI_TMP

# a service named with 103 bytes
svc=h7b$(printf 'v%.0s' $(seq 97))END
{
	cat /etc/services
	echo "$svc 4246/tcp"
} >"$TMP/services"
chmod 644 "$TMP/services"
mount --bind "$TMP/services" /etc/services || exit 99
[ "$(getent services 4246/tcp | awk '{ print $1 }')" = "$svc" ] ||
	fail "getent: not the long service"
ui_bg socks.out "$top_builddir/tests/ui_socks" 4246

ui_start 300 12 -tl
ui_wait '^LISTEN '
ui_screen | grep -q "vEND " || fail "the service's name is cut"
echo "ok: a 103-byte service name, its end shown"
ui_stop

# a replayed file of a 200-byte name; a filter error of 215 bytes
file=$TMP/$(printf 'r%.0s' $(seq 197))END
dump_unix /short 4444 >"$file" || exit 99
word=$(printf 'x%.0s' $(seq 200))
ui_start 300 12 --replay "$file" -xa
ui_wait '/short 4444'
ui_line 1 | grep -q "replay r*END, file of " || fail "the file's name is cut"
echo "ok: a 200-byte file name whole in the header"
ui_keys F4
ui_wait '^Filter:'
ui_keys -l "pid = $word"
ui_keys Enter
ui_wait "\\^ '$word' is not a pid\$"
echo "ok: a 215-byte filter error whole on a wide status line"
ui_stop
ui_start 80 12 --replay "$file" -xa
ui_wait '/short 4444'
ui_keys F4
ui_wait '^Filter:'
ui_keys -l "pid = $word"
ui_keys Enter
ui_wait "\\^ 'x+…x+' is not a pid\$"
echo "ok: the error keeps its reason in 80 columns, its middle cut visibly"
ui_stop

# a namespace of 200 bytes, grouped by namespace
mkdir -p /run/netns && mount -t tmpfs -o size=1m sstop-netns /run/netns ||
	{ echo "SKIP: cannot mount /run/netns"; exit 77; }
ns=sstop-$$-$(printf 'n%.0s' $(seq 200))
ns=${ns:0:197}END
ip netns add "$ns" || { echo "SKIP: ip netns add"; exit 77; }
on_exit "ip netns del '$ns' 2>/dev/null"
ip -n "$ns" link set lo up || exit 99
ui_bg socks2.out ip netns exec "$ns" "$top_builddir/tests/ui_socks" 4247
ui_start 300 12 --all-netns -tln "sport = :4247"
ui_wait '127.0.0.1:4247'
ui_keys F5
ui_wait '^Group by'
ui_keys Home
for _ in 1 2 3 4 5; do ui_keys Down; done
ui_keys Enter
ui_wait_not '^Group by'
ui_wait "^netns $ns  1 socket  "
echo "ok: a 200-byte namespace name whole in its group's header"
exit 0
