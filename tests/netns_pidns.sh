#!/bin/bash
# netns_pidns.sh: owners in another pid namespace (#19).  A process in a
# pid and a network namespace of its own (unshare -p -f --mount-proc -n)
# holds connections (tests/ui_socks), pid 1 inside; another holds some in
# sstop's own pid namespace.  --batch --json --all-netns -p gives the
# first one's sockets the host pid and "nspid": 1 (/proc/PID/status NSpid
# as the oracle), the second's no "nspid"; the screen's detail pane shows
# the host pid and the pid inside on the owner's line.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
unshare -p -f --mount-proc -n true 2>/dev/null ||
	{ echo "SKIP: no unshare -p"; exit 77; }
SOCKS="$top_builddir/tests/ui_socks"
check="$top_builddir/tests/json_check"

free_base 10000
P1=$((B + 8)) P2=$((B + 9))
ui_bg in unshare -p -f --mount-proc -n \
	sh -c 'ip link set lo up && exec "$0" "$@"' "$SOCKS" "$P1" 100 200
UNSHARE=$BG_PID
HPID=$(pgrep -P "$UNSHARE" -x ui_socks) || fail "no holder under unshare"
# pid 1 of its namespace takes no SIGTERM without a handler; unshare -f
# ignores it while it waits: SIGKILL the holder, then unshare ends
on_exit "kill -KILL $HPID 2>/dev/null"
inner=$(awk '$1 == "NSpid:" { print $NF }' "/proc/$HPID/status")
[ "$inner" = 1 ] && [ "$HPID" != 1 ] || fail "setup: NSpid of $HPID is $inner"
ui_bg out "$SOCKS" "$P2" 300
OPID=$BG_PID

flt="sport = :$P1 or dport = :$P1 or sport = :$P2 or dport = :$P2"
"$SSTOP" --batch --json --all-netns -tanp "$flt" >"$UI_TMP/j" ||
	fail "--json status $?"
"$check" local.port peer.port owners.pid owners.nspid <"$UI_TMP/j" \
	>"$UI_TMP/jl" || fail "--json: not strict JSON"
# 5 sockets each: the listener, 2 clients, 2 accepted (1 client here)
n1=$(grep -cE "^[0-9]+ [0-9]+ $HPID 1\$" "$UI_TMP/jl")
n2=$(grep -cE "^[0-9]+ [0-9]+ $OPID -\$" "$UI_TMP/jl")
[ "$n1" = 5 ] && [ "$n2" = 3 ] && [ "$(wc -l <"$UI_TMP/jl")" = 8 ] || {
	cat "$UI_TMP/jl"
	fail "json: $n1 sockets of $HPID with nspid 1 (want 5), $n2 of $OPID without (want 3)"
}

# the detail pane: both pids on the owner's line, one pid for the other
ui_start 200 30 --all-netns -tnp --interval=0.3 "'sport = :$P1 or sport = :$P2'"
ui_wait 'Rows: 3 '
ui_keys F4
ui_wait '^Filter: sport'
ui_keys End " and sport = :$P1" Enter
ui_wait 'Rows: 2 '
ui_keys Enter
ui_wait "^ *pid $HPID \\(1 in its namespace\\) fd [0-9]+ +root +ui_socks( |$)"
ui_keys Enter F4
ui_wait '^Filter: sport'
ui_keys C-u "sport = :$P2" Enter
ui_wait 'Rows: 1 '
ui_keys Enter
ui_wait "^ *pid $OPID fd [0-9]+ +root +ui_socks( |$)"
ui_keys Enter q
ui_wait 'EXITED 0'
exit 0
