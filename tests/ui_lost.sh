#!/bin/bash
# ui_lost.sh: the terminal's odd ends.  A screen whose terminal disappears
# without a SIGHUP (sstop in a session of its own, the pane then killed)
# ends instead of spinning on a dead terminal; Ctrl-\ (SIGQUIT) restores
# the terminal (no alternate screen, no mouse reporting); TERM=dumb, an
# unknown TERM and no TERM are refused in sstop's words, exit 1.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

# Ctrl-\ while the screen runs with the mouse on.
ui_start 100 24 -t --interval=0.3
ui_tmux display -p -t t '#{alternate_on} #{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}' >"$UI_TMP/before"
ui_keys 'C-\'
ui_wait 'EXITED 0'
[ "$(ui_tmux display -p -t t '#{alternate_on}')" = 0 ] || fail "SIGQUIT: still in the alternate screen"
[ "$(ui_tmux display -p -t t '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}')" = 000 ] ||
	fail "SIGQUIT: mouse reporting left on (before: $(cat "$UI_TMP/before"))"
ui_stop
echo "ok: SIGQUIT restores the terminal"

# Terminal types the screen cannot use.
for term in dumb no-such-terminal-$$ ''; do
	UI_TERM=$term UI_LANG=C ui_run 100 24 "$SSTOP" -t
	ui_wait 'EXITED'
	ui_screen | grep -q 'EXITED 1' || fail "TERM='$term': not exit 1"
	case $term in
	dumb) want="terminal type 'dumb' cannot move the cursor" ;;
	'') want="TERM is not set" ;;
	*) want="unknown terminal type '$term'" ;;
	esac
	ui_screen | grep -qF "sstop: $want" || fail "TERM='$term': no message '$want'"
	ui_screen | grep -q 'Error opening terminal' && fail "TERM='$term': ncurses' own message"
	ui_stop
done
echo "ok: unusable terminal types refused"

# The lost terminal: setsid, so killing the pane sends no SIGHUP.
ui_run 100 24 setsid "$SSTOP" -t --interval=0.3 --no-color
ui_wait 'F10'
pid=$(ui_pid)
[ -n "$pid" ] || fail "no sstop process in the pane"
on_exit "kill -9 $pid 2>/dev/null"
ui_tmux kill-server
gone=
for _ in $(seq 200); do
	kill -0 "$pid" 2>/dev/null || { gone=1; break; }
	sleep 0.05
done
[ -n "$gone" ] || fail "sstop still runs after its terminal went away ($(ps -o stat=,pcpu= -p "$pid"))"
echo "ok: a lost terminal ends the screen"
