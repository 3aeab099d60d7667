#!/bin/bash
# ui_resolve.sh: host names on the filter line are looked up off the
# screen's thread, once the typing pauses and when Enter keeps the line.
# A name from /etc/hosts (a private copy, bind-mounted in a mount
# namespace) becomes the filter and the rows equal ss's for the address;
# a name only a silent name server could answer shows "resolving", Esc
# leaves at once with the previous filter in place, and Enter waits for
# the lookup's failure, shown with a caret; typed without Enter, a known
# name previews its rows and an unknown one is said so only once its
# lookup failed.
. "$top_srcdir/tests/ui_lib.sh"

mntns_enter -m "$@"
ui_enter_netns "$@"
mount --make-rprivate / || exit 99
printf '127.0.0.1 localhost\n127.0.0.1 sstop-test-host\n' >"$UI_TMP/hosts"
# one try, one second: the silent server below never answers
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$UI_TMP/resolv"
mount --bind "$UI_TMP/hosts" /etc/hosts || exit 99
mount --bind "$UI_TMP/resolv" /etc/resolv.conf || exit 99
getent hosts sstop-test-host | grep -q '^127\.0\.0\.1' || exit 99

ui_socks 40006 1 2
# sockmix -b binds UDP 127.0.0.1:53 and never answers: a silent resolver
sockmix_start_opts "$UI_TMP" -b

want=$(ss -tnH 'dst 127.0.0.1:40006' | wc -l)
[ "$want" = 2 ] || exit 99
ui_start 160 30 -t -n --interval=0.3
ui_wait 'Rows: '

ui_keys F4
ui_wait '^Filter: ?$'
ui_keys 'dst sstop-test-host:40006' Enter
ui_wait 'Filter: -t dst sstop-test-host:40006 \['
ui_wait "Rows: $want "
[ "$(ui_screen | awk '/^ESTAB/ && $5 == "127.0.0.1:40006"' | wc -l)" = "$want" ] ||
	fail "rows that do not go to 127.0.0.1:40006"

# a name the silent server is asked for: the screen answers meanwhile
ui_keys F4
ui_wait '^Filter: dst sstop-test-host:40006$'
for _ in $(seq 40); do ui_keys BSpace; done
ui_keys 'dst nowhere-xyz.invalid' Enter
ui_wait 'resolving host names'
ui_keys Escape
ui_wait_not 'resolving host names'
ui_wait 'Filter: -t dst sstop-test-host:40006 \['
ui_screen | grep -q "Rows: $want " || fail "Esc changed the rows"

# Enter and wait: the lookup fails, the caret points at the name
ui_keys F4
ui_wait '^Filter: '
for _ in $(seq 40); do ui_keys BSpace; done
ui_keys 'dst nowhere-xyz.invalid' Enter
ui_wait "neither an address nor a known host name"
ui_keys Escape
ui_wait 'Filter: -t dst sstop-test-host:40006 \['

# while typing, without Enter: looked up once the typing pauses, the
# preview shows the rows; no name is said unknown before a lookup said so
port=$(ss -tnH 'dst 127.0.0.1:40006' | awk 'NR == 1 { split($4, a, ":"); print a[2] }')
ui_keys F4
ui_wait '^Filter: '
ui_keys "dst localhost:40006 and sport = :$port"
ui_wait 'Rows: 1 '
ui_screen | grep -q 'neither an address' && fail "localhost said unknown"
ui_keys C-u 'dst nowhere-xyz.invalid'
ui_wait 'looking up host names'
ui_screen | grep -q 'neither an address' && fail "said unknown before the lookup"
ui_wait "neither an address nor a known host name"
ui_keys Escape
ui_wait "Filter: -t dst sstop-test-host:40006 \[in kernel\]  Sort: Netid \^  [0-9/-]+  Rows: $want "
ui_keys q
ui_wait 'EXITED 0'
echo ok
