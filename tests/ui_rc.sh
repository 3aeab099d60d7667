#!/bin/bash
# ui_rc.sh: the rc file only supplies what the command line did not say:
# an explicit --interval (even 2, the default), --sort and --columns beat
# the remembered ones; without them, the remembered ones apply.
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
ui_stop
exit 0
