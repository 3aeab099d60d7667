#!/bin/bash
# ui_rc.sh: the rc file only supplies what the command line did not say:
# an explicit --interval (even 2, the default), --sort and --columns beat
# the remembered ones; without them, the remembered ones apply, with the
# columns of -o/-e/-i/-m added.  The command line's choices are for that
# run only: on quit the rc file keeps its values, but what was changed on
# screen (the sort, the interval) is remembered.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40007 3
rc=$UI_TMP/home/.config/sstop/sstoprc
mkdir -p "${rc%/*}"
saved() {
	printf 'interval=5\nsort=recv-q:desc\ncolumns=netid,state,local,peer\n' >"$rc"
}

# the command line wins, including --interval=2 (the default's value)
saved
ui_start 160 24 -t -n --interval=2 --sort=local:asc \
	--columns=state,recv-q,local,peer,process
ui_wait '127\.0\.0\.1:40007'
ui_screen | grep -q 'every 2s' || fail "rc interval beat --interval=2"
ui_screen | grep -q 'Sort: Local.* \^' || fail "rc sort beat --sort"
ui_screen | grep -Eq '^ *State.*Recv-Q' || fail "rc columns beat --columns"
ui_screen | grep -q 'Netid' && fail "rc columns beat --columns (Netid shown)"
ui_stop

# that run's choices were not written over the rc file's
grep -qx 'interval=5' "$rc" || fail "--interval went to the rc file: $(cat "$rc")"
grep -qx 'sort=recv-q:desc' "$rc" || fail "--sort went to the rc file: $(cat "$rc")"
grep -qx 'columns=netid,state,local,peer' "$rc" ||
	fail "--columns went to the rc file: $(cat "$rc")"

# another explicit interval
saved
ui_start 160 24 -t -n --interval=0.5
ui_wait '127\.0\.0\.1:40007'
ui_screen | grep -q 'every 0.5s' || fail "rc interval beat --interval=0.5"
ui_stop

# nothing said: the rc file's values
saved
ui_start 160 24 -t -n
ui_wait '127\.0\.0\.1:40007'
ui_screen | grep -q 'every 5s' || fail "rc interval not used"
ui_screen | grep -q 'Sort: Recv-Q v' || fail "rc sort not used"
ui_screen | grep -q 'Process' && fail "rc columns not used (Process shown)"
# changed on screen: remembered (I inverts the sort, d sets the interval)
ui_keys I
ui_wait 'Sort: Recv-Q \^'
ui_keys d
ui_wait 'Interval \(seconds\)'
ui_keys BSpace BSpace BSpace BSpace 3 Enter
ui_wait 'every 3s'
ui_stop
grep -qx 'sort=recv-q:asc' "$rc" || fail "the sort set on screen was not saved: $(cat "$rc")"
grep -qx 'interval=3' "$rc" || fail "the interval set on screen was not saved: $(cat "$rc")"
grep -qx 'columns=netid,state,local,peer' "$rc" || fail "columns changed: $(cat "$rc")"

# the rc file's columns, with the timer column -o asks for
saved
ui_start 160 24 -t -n -o
ui_wait '127\.0\.0\.1:40007'
ui_screen | grep -Eq '^ *State .*Peer Address:Port +Timer' ||
	fail "-o did not add the Timer column to the rc file's columns"
ui_stop
grep -qx 'columns=netid,state,local,peer' "$rc" || fail "-o's column went to the rc file: $(cat "$rc")"

# one bad line costs only itself; quitting rewrites only what changed on
# screen (the interval) and keeps every other line byte for byte
cat >"$rc" <<'EOF2'
# my settings
color=no
interval=0.05
  sort=recv-q:desc
unknown_key=kept
columns=netid,state,local,peer
filter=sport = :1
filter=sport = :1
EOF2
ui_start 160 24 -t -n
# (the unknown key is the second bad line: reported, kept in the file)
ui_wait 'line 3: the interval must be 0.1 to 3600 seconds \(and 1 more bad line\) \(lines ignored\)'
ui_wait '127\.0\.0\.1:40007'
ui_screen | grep -q 'Sort: Recv-Q v' || fail "the good lines were not used (sort)"
ui_screen | grep -q 'Process' && fail "the good lines were not used (columns)"
ui_keys d
ui_wait 'Interval \(seconds\)'
ui_keys BSpace BSpace BSpace 4 Enter
ui_wait 'every 4s'
ui_stop
want=$(printf '%s\n' '# my settings' color=no interval=4 '  sort=recv-q:desc' \
	unknown_key=kept columns=netid,state,local,peer 'filter=sport = :1')
[ "$(cat "$rc")" = "$want" ] || fail "rc file not kept: $(cat "$rc")"
ls -a "${rc%/*}" | grep -q '^\.sstoprc\.' && fail "a temporary file is left"

# a read-only rc file is left alone, with a message
chmod 444 "$rc"
cp "$rc" "$UI_TMP/rc.before"
ui_start 160 24 -t -n
ui_wait '127\.0\.0\.1:40007'
ui_keys I
ui_wait 'Sort: Recv-Q \^'
ui_keys q
ui_wait 'read-only: settings not saved'
ui_stop
cmp -s "$rc" "$UI_TMP/rc.before" || fail "a read-only rc file was written: $(cat "$rc")"
exit 0
