#!/bin/bash
# hostile_status.sh: a process's pid in its own pid namespace when its
# /proc/PID/status is long.  A listener runs as pid 1 of a pid namespace
# of its own with 1 500 supplementary groups: its status file's Groups
# line (some 7 KiB) comes before NSpid.  --json gives its "nspid": 1
# (status's own NSpid line the oracle); the first 4 KiB alone did not
# hold it, and the nspid was left out.  In a private network namespace.

. "${top_srcdir:=.}/tests/lib.sh"
netns_enter "$@"
command -v setpriv >/dev/null || { echo "SKIP: no setpriv"; exit 77; }
unshare -p -f --mount-proc true 2>/dev/null || { echo "SKIP: no unshare -p"; exit 77; }
tmpdir_make
check=$top_builddir/tests/json_check

groups=$(seq -s, 1000 2499)
bg_ready socks.out unshare -p -f --mount-proc \
	setpriv --groups "$groups" "$top_builddir/tests/ui_socks" 4246
UNSHARE=$BG_PID
HPID=$(pgrep -P "$UNSHARE" -x ui_socks) || fail "no holder under unshare"
# pid 1 of its namespace takes no SIGTERM without a handler
on_exit "kill -KILL $HPID 2>/dev/null"
inner=$(awk '$1 == "NSpid:" { print $NF }' "/proc/$HPID/status")
at=$(grep -b '^NSpid:' "/proc/$HPID/status" | cut -d: -f1)
[ "$inner" = 1 ] && [ "$at" -gt 4096 ] ||
	fail "setup: NSpid $inner at byte $at of $HPID's status"

"$SSTOP" --batch --json -tlp 'sport = :4246' >"$TMP/j" || fail "--json failed"
"$check" owners.pid owners.nspid <"$TMP/j" >"$TMP/jl" || fail "not JSON"
[ "$(cat "$TMP/jl")" = "$HPID 1" ] || fail "json: $(cat "$TMP/jl"), want $HPID 1"
echo "ok: nspid 1 after a status of $at bytes before it"
exit 0
