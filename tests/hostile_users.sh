#!/bin/bash
# hostile_users.sh: the user and services databases as a hostile (or just
# odd) host has them.  In a private mount and network namespace, crafted
# copies of /etc/passwd and /etc/services are bind-mounted over the real
# ones: a user whose entry is 2 KiB long (its comment field), a user whose
# name holds an ESC and a bidi override (U+202E), a service whose entry is
# 2 KiB long (its aliases).  Listeners are held by processes of those
# users.
# - `user = NAME` finds the long entry's user (it said "unknown user": the
#   entry did not fit 1 KiB), as `uid = N` does; `sport = :SERVICE` finds
#   the long service (it said "does not look like a port"), and the
#   listing names its port as ss does.
# - The odd user's name is kept raw for JSON: --json gives JSON's escapes
#   of the real bytes (\u001b, \u202e: it gave the screen's \x1b, escaped
#   again); the screen's detail pane shows the terminal's escapes; no raw
#   ESC or U+202E anywhere.

. "${top_srcdir:=.}/tests/ui_lib.sh"

command -v setpriv >/dev/null || { echo "SKIP: no setpriv"; exit 77; }
mntns_enter -m "$@"
ui_enter_netns "$@"
command -v ss >/dev/null || { echo "SKIP: no ss"; exit 77; }
check=$top_builddir/tests/json_check
TMP=$UI_TMP

long=$(printf 'g%.0s' $(seq 2000))
odd=$(printf 'ev\033[2J\342\200\256u')
aliases=$(printf 'h7alias%s ' $(seq 300))
{
	cat /etc/passwd
	echo "h7long:x:4242:4242:$long:/nonexistent:/usr/sbin/nologin"
	echo "$odd:x:4243:4243::/nonexistent:/usr/sbin/nologin"
} >"$TMP/passwd"
{
	cat /etc/services
	echo "h7svc 4244/tcp $aliases"
} >"$TMP/services"
chmod 644 "$TMP/passwd" "$TMP/services"
mount --bind "$TMP/passwd" /etc/passwd || exit 99
mount --bind "$TMP/services" /etc/services || exit 99
[ "$(getent passwd 4242 | wc -c)" -gt 2000 ] || fail "getent: no long entry"
[ "$(getent services 4244/tcp | wc -c)" -gt 2000 ] || fail "getent: no long service"

# (exec: the background job's pid is the holder's, killed at exit)
as() {
	local uid=$1
	shift
	exec setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"
}
ui_bg socks1.out as 4242 "$top_builddir/tests/ui_socks" 4242
ui_bg socks2.out as 4243 "$top_builddir/tests/ui_socks" 4243
ui_bg socks3.out "$top_builddir/tests/ui_socks" 4244

# the long entry's user and service, by name
byname=$("$SSTOP" --batch -Htln 'user = h7long' 2>&1) || fail "user = h7long: $byname"
byuid=$("$SSTOP" --batch -Htln 'uid = 4242')
[ -n "$byuid" ] && [ "$byname" = "$byuid" ] ||
	fail "user = h7long gives '$byname', uid = 4242 '$byuid'"
echo "$byname" | grep -q ':4242 ' || fail "not the listener on 4242: $byname"
svc=$("$SSTOP" --batch -Htln 'sport = :h7svc' 2>&1) || fail "sport = :h7svc: $svc"
echo "$svc" | grep -q ':4244 ' || fail "not the listener on 4244: $svc"
[ "$(echo "$svc" | wc -l)" = 1 ] || fail "sport = :h7svc: $svc"
want=$(ss -Htl 'sport = :4244' | awk '{ print $4 }')
got=$("$SSTOP" --batch -Htl 'sport = :4244' | awk '{ print $4 }')
[ "$want" = 127.0.0.1:h7svc ] || fail "ss says $want"
[ "$got" = "$want" ] || fail "sstop says $got, ss $want"
echo "ok: a 2 KiB passwd entry and a 2 KiB services entry"

# the odd name: JSON's escapes of the real bytes
"$SSTOP" --batch --json -tlp 'sport = :4243' >"$TMP/json" || fail "--json failed"
"$check" <"$TMP/json" || fail "not JSON"
grep -qF '"uid":4243,"user":"ev\u001b[2J\u202eu"' "$TMP/json" ||
	fail "json: $(grep -o '"user":"[^"]*"' "$TMP/json")"
grep -q $'\e' "$TMP/json" && fail "json: a raw ESC"
grep -q $'\u202e' "$TMP/json" && fail "json: a raw U+202E"
grep -qF 'x1b' "$TMP/json" && fail "json: the screen's escape in JSON"
"$SSTOP" --batch --json -tlp 'sport = :4242' >"$TMP/json2" || fail "--json failed"
grep -qF '"uid":4242,"user":"h7long"' "$TMP/json2" ||
	fail "json: $(grep -o '"user":"[^"]*"' "$TMP/json2")"
echo "ok: JSON \\u001b"

# the screen's detail pane: the terminal's escapes
ui_start 200 40 -tlp "sport = :4243"
ui_wait ':4243 '
ui_keys Enter
ui_wait 'ev\\x1b\[2J\\u202eu'
ui_screen | grep -q $'\e' && fail "screen: a raw ESC"
ui_screen | grep -q $'\u202e' && fail "screen: a raw U+202E"
echo "ok: screen \\x1b"
exit 0
