#!/bin/bash
# ui_keys.sh: search (incremental, next, no match), pause, help, the
# interval prompt, tags, resize, Ctrl-L, and quit restoring the terminal.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40002 10 20 30
ui_start 120 30 -t -n --interval=0.3
ui_wait 'Rows: 6 '

# search: the detail pane names the selected socket
ui_keys Enter
ui_wait 'detail'
port=$(ss -tnH 'sport = :40002' | awk '$2 == 20 { split($5, a, ":"); print a[2] }')
[ -n "$port" ] || fail "no socket with Recv-Q 20"
ui_keys / "$port"
ui_wait "Search: $port"
ui_keys Enter
a="127\.0\.0\.1:$port -> 127\.0\.0\.1:40002"
b="127\.0\.0\.1:40002 -> 127\.0\.0\.1:$port"
ui_wait "$a|$b"
# F3: the other row with that port (both ends of the connection)
if ui_screen | grep -Eq "$a"; then ui_keys F3; ui_wait "$b"; else
	ui_keys F3; ui_wait "$a"; fi
ui_keys / zzz Enter
ui_wait 'no match for "zzz"'
ui_keys Escape
ui_wait_not 'no match'
ui_keys Enter
ui_wait_not 'detail'

# pause and resume
ui_keys p
ui_wait '\[PAUSED\]'
ui_keys Z
ui_wait_not '\[PAUSED\]'

# help, generated from the key table; any key returns
ui_keys F1
ui_wait '^sstop help'
ui_screen | grep -q 'invert the sort order' || fail "help incomplete"
ui_keys x
ui_wait 'F10'

# interval prompt: a bad value is refused, a good one shown
ui_keys d C-u
ui_wait 'Interval'
ui_keys BSpace BSpace BSpace BSpace abc Enter
ui_wait 'the interval must be'
ui_keys Escape d BSpace BSpace BSpace BSpace 1.5 Enter
ui_wait 'every 1.5s'

# tags
ui_keys Home Space Space
ui_wait 'Tagged: 2 '
ui_keys U
ui_wait 'Tagged: 0 '

# resize: the key bar moves to the new last line
ui_tmux resize-window -t t -x 90 -y 20
for _ in $(seq 200); do
	ui_line 20 | grep -q F10 && break
	sleep 0.05
done
ui_line 20 | grep -q F10 || fail "no key bar after resize"
ui_keys C-l
ui_wait 'F10'

# quit: exit status 0, the alternate screen is left
ui_keys q
ui_wait 'EXITED 0'
[ "$(ui_tmux display -p -t t '#{alternate_on}')" = 0 ] || fail "terminal not restored"
echo ok
