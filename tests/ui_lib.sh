# ui_lib.sh: shared by the screen's tests (tests/ui_*.sh).  Each test runs
# in its own network namespace with its own tmux server, starts sstop in a
# pane of a fixed size and reads the screen with capture-pane.  Waits are
# bounded polling loops, never fixed sleeps; nothing here times anything.
# lib.sh's helpers come along (on_exit, bg_ready, wait_lines); fail is
# this file's (it shows the screen).
. "$top_srcdir/tests/lib.sh"

# Re-runs the calling script inside a private network namespace (root
# only); skips (77) where that, or tmux, is not available.
ui_enter_netns() {
	command -v tmux >/dev/null 2>&1 || { echo "no tmux"; exit 77; }
	if [ -z "${UI_IN_NETNS:-}" ]; then
		[ "$(id -u)" = 0 ] || { echo "needs root"; exit 77; }
		unshare -n true 2>/dev/null || { echo "no unshare -n"; exit 77; }
		UI_IN_NETNS=1 exec unshare -n "$BASH" "$0" "$@"
	fi
	ip link set lo up || exit 99
	ui_tmpdir ui
}

# ui_tmpdir NAME: the test's files ($UI_TMP, /tmp/sstop-NAME.XXXXXX) and
# tmux server, removed at exit; alone, for a test that needs no namespace
# (a replay); skips (77) without tmux.
ui_tmpdir() {
	command -v tmux >/dev/null 2>&1 || { echo "no tmux"; exit 77; }
	UI_TMP=$(mktemp -d "/tmp/sstop-$1.XXXXXX")
	UI_SOCK=$UI_TMP/tmux.sock
	on_exit ui_cleanup
}

UI_PIDS=()

ui_cleanup() {
	ui_stop
	for p in "${UI_PIDS[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$UI_TMP"
}

# tmux itself needs a UTF-8 locale whatever the test gives sstop.
ui_tmux() {
	LC_ALL=C.UTF-8 tmux -S "$UI_SOCK" "$@"
}

# ui_bg NAME CMD...: lib.sh's bg_ready with its output in $UI_TMP/NAME;
# its pid goes to UI_PIDS too.
ui_bg() {
	TMP=$UI_TMP bg_ready "$@"
	UI_PIDS+=("$BG_PID")
}

# ui_socks PORT SIZE...: real TCP connections with unread data.
ui_socks() {
	ui_socks_as ui_socks "$@"
}

# ui_socks_as NAME PORT SIZE...: the same, held by a process named NAME
# (a copy of the helper: its comm); its output in $UI_TMP/socks.out.
ui_socks_as() {
	local bin=$top_builddir/tests/ui_socks
	if [ "$1" != ui_socks ]; then
		cp "$bin" "$UI_TMP/$1" || exit 99
		bin=$UI_TMP/$1
	fi
	shift
	ui_bg socks.out "$bin" "$@"
}

# ui_gen N P: bench/sstop-gen's N connections over at least P processes
# (about 2N TCP sockets, listeners and a few others), until it is ready;
# it runs until the test ends (its stdin, held open here, closes); skips
# (77) without it.
ui_gen() {
	local gen=$top_builddir/bench/sstop-gen gen_pid
	[ -x "$gen" ] || { echo "no $gen"; exit 77; }
	mkfifo "$UI_TMP/hold" || exit 99
	"$gen" -n "$1" -P "$2" -q --lifetime 600 <"$UI_TMP/hold" \
		>"$UI_TMP/gen.out" 2>&1 &
	gen_pid=$!
	exec 8>"$UI_TMP/hold"
	on_exit "exec 8>&-; kill $gen_pid 2>/dev/null; wait $gen_pid 2>/dev/null"
	for _ in $(seq 1200); do
		grep -q '^ready' "$UI_TMP/gen.out" && break
		kill -0 "$gen_pid" 2>/dev/null || break
		sleep 0.05
	done
	grep -q '^ready' "$UI_TMP/gen.out" ||
		{ cat "$UI_TMP/gen.out"; fail "sstop-gen did not start"; }
}

# ui_netns_pair TAG BASE SIZE1 SIZE2: two named namespaces, NS1 and NS2
# (sstop-TAG<pid>-a and -b, deleted at exit), lo up in each, and in each
# a connection of its own port, P1 and P2 (from lib.sh's free_base BASE),
# with SIZE1 and SIZE2 bytes unread (ui_socks); skips (77) where ip netns
# does not work.
ui_netns_pair() {
	local n

	need_ip_netns
	free_base "$2"
	P1=$((B + 1)) P2=$((B + 2))
	NS1="sstop-$1$$-a" NS2="sstop-$1$$-b"
	for n in "$NS1" "$NS2"; do
		on_exit "ip netns del '$n' 2>/dev/null"
		ip netns add "$n" || fail "ip netns add $n"
		ip -n "$n" link set lo up
	done
	ui_bg s1 ip netns exec "$NS1" "$top_builddir/tests/ui_socks" "$P1" "$3"
	ui_bg s2 ip netns exec "$NS2" "$top_builddir/tests/ui_socks" "$P2" "$4"
}

# ui_pane WIDTH HEIGHT WORDS...: the command line WORDS (the pane's shell
# reads them) in a pane with its own HOME (rc file).  UI_TERM and UI_LANG,
# when set, choose the pane's TERM (set but empty: an empty TERM) and
# locale.
ui_pane() {
	local w=$1 h=$2
	shift 2
	mkdir -p "$UI_TMP/home"
	ui_tmux -f /dev/null new-session -d -s t -x "$w" -y "$h" \
		"env HOME=$UI_TMP/home XDG_CONFIG_HOME= TERM=${UI_TERM-screen} LC_ALL=${UI_LANG:-C.UTF-8} $*"
}

# ui_run WIDTH HEIGHT WORDS...: ui_pane, and "EXITED N" shows once WORDS
# end.
ui_run() {
	ui_pane "$@" "; echo EXITED \$?; sleep 30"
}

# ui_start WIDTH HEIGHT ARGS...: sstop in a pane (ui_run), until it shows.
ui_start() {
	ui_run "$1" "$2" "$SSTOP" "${@:3}"
	ui_wait 'F10'
}

ui_screen() {
	ui_tmux capture-pane -p -t t 2>/dev/null
}

# The waits' bound in seconds (UI_WAIT).  A wait ends as soon as the
# screen shows what it waits for: the bound only says when to give up, and
# it is generous because under ASan on a loaded machine one refresh once
# took 22.8 s (--all-netns, 49 namespaces: ui_filter_race.sh), twice the
# 10 s it was.
: "${UI_WAIT:=40}"

# ui_wait REGEX [SECONDS]: until the screen matches (about SECONDS at most,
# UI_WAIT by default).
ui_wait() {
	for _ in $(seq $((${2:-$UI_WAIT} * 20))); do
		ui_screen | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	echo "timed out waiting for: $1"
	ui_screen
	exit 1
}

# ui_wait_not REGEX: until the screen no longer matches.
ui_wait_not() {
	for _ in $(seq $((UI_WAIT * 20))); do
		ui_screen | grep -Eq -- "$1" || return 0
		sleep 0.05
	done
	echo "timed out waiting for the end of: $1"
	ui_screen
	exit 1
}

# ui_wait_clock N: until the header's clock (drawn at every refresh) shows
# a time at least N seconds after now, i.e. the screen has been redrawn
# that long after this call; the capture that showed it is left in
# $UI_TMP/clock.screen for the caller to read (about UI_WAIT s at most).
ui_wait_clock() {
	local want clk d
	want=$(date +%H:%M:%S)
	want=$((10#${want:0:2} * 3600 + 10#${want:3:2} * 60 + 10#${want:6:2}))
	for _ in $(seq $((UI_WAIT * 20))); do
		ui_screen >"$UI_TMP/clock.screen"
		clk=$(sed -n '1s/.*\<\([0-2][0-9]:[0-5][0-9]:[0-6][0-9]\)\>.*/\1/p' \
			"$UI_TMP/clock.screen")
		if [ -n "$clk" ]; then
			clk=$((10#${clk:0:2} * 3600 + 10#${clk:3:2} * 60 + 10#${clk:6:2}))
			# (modulo a day: a run across midnight still counts)
			d=$(((clk - want + 86400) % 86400))
			[ "$d" -ge "$1" ] && [ "$d" -lt 43200 ] && return 0
		fi
		sleep 0.05
	done
	echo "timed out waiting for the clock to pass $1 s"
	ui_screen
	exit 1
}

# Ends the tmux server and waits until it and sstop are gone, so that the
# next ui_start cannot meet a dying server or a late rc file write.
ui_stop() {
	local pid

	pid=$(ui_pid 2>/dev/null)
	ui_tmux kill-server >/dev/null 2>&1
	# the socket file may outlive the server: ask the server instead
	for _ in $(seq $((UI_WAIT * 20))); do
		ui_tmux list-sessions >/dev/null 2>&1 || break
		sleep 0.05
	done
	# sstop writes its rc file as it quits: let it finish before the
	# next test step writes or reads that file
	if [ -n "$pid" ]; then
		for _ in $(seq $((UI_WAIT * 20))); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.05
		done
	fi
	rm -f "$UI_SOCK"
}

# The pid of sstop in the pane (a child of the pane's shell).
ui_pid() {
	pgrep -x -P "$(ui_tmux display -p -t t '#{pane_pid}')" sstop
}

ui_keys() {
	ui_tmux send-keys -t t "$@"
}

# ui_group_view N: chooses F5's item N (0: none ... 5: namespace).
ui_group_view() {
	ui_keys F5
	ui_wait '^Group by'
	ui_keys Home
	for _ in $(seq "$1"); do ui_keys Down; done
	ui_keys Enter
	ui_wait_not '^Group by'
}

# ui_golden NAME: the screen, through the caller's mask function, against
# tests/golden/NAME.txt (UPDATE_GOLDEN=1 rewrites the golden file instead:
# review its diff).
ui_golden() {
	local golden=$top_srcdir/tests/golden/$1.txt
	ui_screen | mask >"$UI_TMP/$1.txt"
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$UI_TMP/$1.txt" "$golden"
	elif ! diff -u "$golden" "$UI_TMP/$1.txt"; then
		echo "FAIL: $1 differs from tests/golden/$1.txt"
		exit 1
	fi
}

# ui_click X Y: button 1 pressed and released at (X, Y), 0-based, in the
# xterm X10 encoding that TERM=screen's kmous announces (\e[M, then the
# button, column and line, each plus 32, 1-based).
ui_click() {
	local x y
	x=$(printf '\\%03o' $(($1 + 33)))
	y=$(printf '\\%03o' $(($2 + 33)))
	ui_tmux send-keys -t t -l "$(printf "\\033[M %b%b" "$x" "$y")"
	ui_tmux send-keys -t t -l "$(printf "\\033[M#%b%b" "$x" "$y")"
}

# Line N (1-based) of the screen.
ui_line() {
	ui_screen | sed -n "${1}p"
}
# ui_wait_line N REGEX: waits until line N of the screen matches REGEX (a
# re-sort runs in its own thread: the header can show the new order a
# moment before the rows do).
ui_wait_line() {
	for _ in $(seq $((UI_WAIT * 20))); do
		ui_line "$1" | grep -Eq -- "$2" && return 0
		sleep 0.05
	done
	echo "timed out waiting for line $1 to match: $2"
	ui_screen
	exit 1
}

fail() {
	echo "FAIL: $*"
	ui_screen
	exit 1
}
