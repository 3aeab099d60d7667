#!/bin/bash
# ui_setcap.sh: the screen of a setcap'd sstop (a copy of the built binary
# with the README's file capabilities) run as nobody (setpriv).
#  - Capabilities: /proc/PID/status shows them permitted, never effective
#    in any thread while the loop is idle between refreshes (read after
#    each of several refreshes), yet root's process owns its sockets on
#    screen (the /proc walk raised them).
#  - PROC_ROOT: a tree whose stat and cmdline are symlinks to a root-only
#    file puts that file's text on root's screen (the control), and is
#    ignored by the setcap'd binary (its Process column is the real one).
#  - The rc file: a symlink to the root-only file gives Permission denied
#    and none of its text; on quit the symlink is replaced by a file of
#    nobody's own, the root-only file untouched.
#  - Terminal descriptions: a hostile entry (its smcup sets the pane's
#    title) in TERMINFO or ~/.terminfo is loaded by the plain binary run
#    as nobody, by neither under file capabilities.
#  - Root run with another user's HOME: that user's config directory is
#    refused with a message, and the planted sstoprc.tmp symlink writes
#    nothing; in root's own directory the new file comes from mkstemp and
#    a planted sstoprc.tmp symlink is left alone too.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77
command -v setpriv >/dev/null || { echo "no setpriv"; exit 77; }
command -v setcap >/dev/null || { echo "no setcap"; exit 77; }
command -v tic >/dev/null && command -v infocmp >/dev/null ||
	{ echo "no tic"; exit 77; }
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"

chmod 711 "$UI_TMP"
cp "$SSTOP" "$UI_TMP/sstop" && chmod 755 "$UI_TMP/sstop" || exit 99
setcap cap_net_admin,cap_sys_ptrace,cap_dac_read_search+ep \
	"$UI_TMP/sstop" 2>/dev/null || { echo "no setcap on $UI_TMP"; exit 77; }
CAPD=$UI_TMP/sstop
$NOBODY "$CAPD" --version >/dev/null || { echo "nobody cannot run it"; exit 77; }

ui_socks 5401 100
root_pid=${UI_PIDS[0]}
ino=$(ss -Htne 'sport = :5401' | sed -n 's/.*ino:\([0-9]*\).*/\1/p' | head -1)
[ -n "$ino" ] && [ "$ino" != 0 ] || fail "no inode for the 5401 socket"

# the root-only file, shaped as a stat line so that it parses as one
secret="SECRET$$"
printf '4242 (%s) S 1 1 1 0 -1 4194560 10 0 0 0 0 0 0 0 20 0 1 0 5000 1000 100 0\n' \
	"$secret" >"$UI_TMP/secret"
chmod 600 "$UI_TMP/secret"

# a PROC_ROOT tree: 4242 holds the socket, its stat and cmdline point there
mkdir -p "$UI_TMP/fp/4242/fd"
ln -s "socket:[$ino]" "$UI_TMP/fp/4242/fd/3"
ln -s "$UI_TMP/secret" "$UI_TMP/fp/4242/stat"
ln -s "$UI_TMP/secret" "$UI_TMP/fp/4242/cmdline"
chmod -R a+rX "$UI_TMP/fp"

# nobody's home: the rc file is a symlink to the secret
NH=$UI_TMP/nh
mkdir -p "$NH/.config/sstop"
ln -s "$UI_TMP/secret" "$NH/.config/sstop/sstoprc"
chown -R -h 65534:65534 "$NH"

# runs $1 (as $2: nobody or root) in a 150x20 pane with the rest as env
pane() {
	local bin=$1 who=$2 pre=""
	shift 2
	[ "$who" = nobody ] && pre=$NOBODY
	ui_tmux -f /dev/null new-session -d -s t -x 150 -y 20 \
		"$pre env XDG_CONFIG_HOME= TERM=screen LC_ALL=C.UTF-8 $* $bin -t -n -p --interval=60; echo EXITED \$?; sleep 30"
	ui_wait 'F10'
}

# the control: root's plain binary reads the tree, the secret shows
pane "$SSTOP" root HOME="$UI_TMP/rh" PROC_ROOT="$UI_TMP/fp"
ui_wait "$secret"
ui_stop

# --- the setcap'd binary as nobody ---
pane "$CAPD" nobody HOME="$NH" PROC_ROOT="$UI_TMP/fp"
pid=$(ui_pid)
[ -n "$pid" ] || fail "no sstop pid"
[ "$(ps -o user= -p "$pid")" = nobody ] || fail "sstop does not run as nobody"
ui_wait 'Permission denied \(defaults used\)'
# the real owner, found by the walk with the capabilities raised
ui_wait "ui_socks\($root_pid\)"
ui_screen | grep -q "$secret" && fail "the secret is on the screen"

# CapEff of every thread once the process is idle: the run time of all its
# threads together stops growing (a refresh's dump and owners' pass are
# over, in whichever thread they ran; the loop alone can be idle while the
# collector still works)
run_ns() {
	cat /proc/"$pid"/task/*/schedstat 2>/dev/null |
		awk '{ t += $1; n++ } END { print n ":" t }'
}
idle() {
	local a b c
	# two quiet windows in a row: on a loaded machine a busy thread
	# can wait a while for a CPU
	for _ in $(seq 100); do
		a=$(run_ns)
		sleep 0.3
		b=$(run_ns)
		sleep 0.3
		c=$(run_ns)
		[ "$a" = "$b" ] && [ "$b" = "$c" ] && return 0
	done
	fail "sstop never went idle"
}
# CAP_DAC_READ_SEARCH = 2, CAP_NET_ADMIN = 12, CAP_SYS_PTRACE = 19
KEEP=$(((1 << 2) | (1 << 12) | (1 << 19)))
for round in 1 2 3; do
	idle
	eff=$((16#$(awk '$1 == "CapEff:" { print $2 }' "/proc/$pid/status")))
	prm=$((16#$(awk '$1 == "CapPrm:" { print $2 }' "/proc/$pid/status")))
	[ "$eff" = 0 ] || fail "round $round: CapEff $(printf %x $eff) while idle"
	# nor in any other thread (the collector, the listeners) while idle
	for t in /proc/"$pid"/task/*/status; do
		e=$(awk '$1 == "CapEff:" { print $2 }' "$t")
		[ -z "$e" ] || [ "$((16#$e))" = 0 ] ||
			fail "round $round: CapEff $e in $t while idle"
	done
	[ "$prm" = "$KEEP" ] || fail "round $round: CapPrm $(printf %x $prm)"
	# the next refresh (the same interval, entered again), then its
	# dump and owners' pass
	ui_keys d
	# shellcheck disable=SC2046
	ui_keys $(printf 'BSpace %.0s' $(seq 10))
	ui_keys 60 Enter
done
ui_keys q
for _ in $(seq 100); do
	[ -L "$NH/.config/sstop/sstoprc" ] || break
	sleep 0.05
done
[ -f "$NH/.config/sstop/sstoprc" ] && [ ! -L "$NH/.config/sstop/sstoprc" ] ||
	fail "the rc symlink was not replaced by a file"
[ "$(stat -c %U "$NH/.config/sstop/sstoprc")" = nobody ] ||
	fail "the new rc file is not nobody's"
grep -q "$secret" "$UI_TMP/secret" || fail "the secret file changed"
ui_stop

# --- terminal descriptions: smcup sets the pane's title ---
TI=$UI_TMP/ti
mkdir -p "$TI/src"
infocmp screen | sed 's/smcup=/smcup=\\E]2;TIHOSTILE\\007/' >"$TI/src/screen.ti"
grep -q TIHOSTILE "$TI/src/screen.ti" || fail "no smcup in screen's entry"
tic -o "$TI/db" "$TI/src/screen.ti" || fail "tic"
mkdir -p "$UI_TMP/th"
tic -o "$UI_TMP/th/.terminfo" "$TI/src/screen.ti" || fail "tic (home)"
chmod -R a+rX "$TI" "$UI_TMP/th"
title() {
	ui_tmux display -p -t t '#{pane_title}'
}
for how in "TERMINFO=$TI/db" "TERMINFO_DIRS=$TI/db" "HOME=$UI_TMP/th"; do
	home=HOME=$NH
	case $how in HOME=*) home= ;; esac
	pane "$SSTOP" nobody $home "$how"
	for _ in $(seq 100); do
		[ "$(title)" = TIHOSTILE ] && break
		sleep 0.05
	done
	[ "$(title)" = TIHOSTILE ] ||
		fail "$how: the plain binary did not load the entry: the check is void"
	ui_stop
	pane "$CAPD" nobody $home "$how"
	ui_wait "ui_socks\($root_pid\)"
	[ "$(title)" = TIHOSTILE ] && fail "$how: loaded under file capabilities"
	ui_stop
done

# --- root with another user's HOME ---
AH=$UI_TMP/ah
mkdir -p "$AH/.config/sstop"
printf 'VICTIM\n' >"$UI_TMP/victim"
ln -s "$UI_TMP/victim" "$AH/.config/sstop/sstoprc.tmp"
ln -s "$UI_TMP/victim" "$AH/.config/sstop/sstoprc"
chown -R -h 65534:65534 "$AH"
before=$(ls -la "$AH/.config/sstop")
pane "$SSTOP" root HOME="$AH"
ui_wait 'belongs to another user: not used'
ui_keys q
ui_wait 'EXITED'
[ "$(cat "$UI_TMP/victim")" = VICTIM ] || fail "the victim file was written"
[ "$(ls -la "$AH/.config/sstop")" = "$before" ] ||
	fail "the other user's directory changed"
ui_stop

# root's own directory: a planted sstoprc.tmp symlink stays as it was
RH=$UI_TMP/rh
mkdir -p "$RH/.config/sstop"
chmod 700 "$RH/.config/sstop"
ln -s "$UI_TMP/victim" "$RH/.config/sstop/sstoprc.tmp"
pane "$SSTOP" root HOME="$RH"
ui_keys q
ui_wait 'EXITED 0'
[ "$(cat "$UI_TMP/victim")" = VICTIM ] || fail "the victim file was written"
[ -f "$RH/.config/sstop/sstoprc" ] && [ ! -L "$RH/.config/sstop/sstoprc" ] ||
	fail "no rc file written in root's own directory"
ls "$RH/.config/sstop" | grep -q '^\.sstoprc\.' && fail "a temporary file is left"
exit 0
