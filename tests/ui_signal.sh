#!/bin/bash
# ui_signal.sh: SIGTERM and SIGHUP end the monitor cleanly (terminal
# restored, rc file written); a broken rc file only warns; NO_COLOR, ASCII
# locales and other terminal types still draw the table.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40003 5

# a broken rc file: a warning, the line ignored
mkdir -p "$UI_TMP/home/.config/sstop"
printf 'sort=nonsense\n' >"$UI_TMP/home/.config/sstop/sstoprc"
UI_TERM=vt100 UI_LANG=C ui_start 100 24 -t -n --no-color --interval=0.3
ui_wait 'line 1: unknown sort column'
ui_wait '127\.0\.0\.1:40003'
pid=$(ui_pid)
[ -n "$pid" ] || fail "no sstop process"
kill -TERM "$pid"
ui_wait 'EXITED 0'
[ "$(ui_tmux display -p -t t '#{alternate_on}')" = 0 ] || fail "terminal not restored"
# nothing changed on screen: the file as it was, its bad line too
[ "$(cat "$UI_TMP/home/.config/sstop/sstoprc")" = sort=nonsense ] ||
	fail "rc file changed: $(cat "$UI_TMP/home/.config/sstop/sstoprc")"
ui_stop

for term in xterm-256color linux tmux-256color; do
	UI_TERM=$term ui_start 100 24 -t -n --interval=0.3
	ui_wait '127\.0\.0\.1:40003'
	pid=$(ui_pid)
	[ -n "$pid" ] || fail "no sstop process ($term)"
	kill -HUP "$pid"
	ui_wait 'EXITED 0'
	ui_stop
done
echo ok
