#!/bin/bash
# ui_filter.sh: the filter line previews what the text matches as it is
# typed, shows a parse error with a caret while the previous filter stays,
# Esc restores, Enter keeps; a filter given on the command line applies,
# in the kernel when it can, in sstop for owners (`proc`).
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40004 1 2 3
ui_start 120 30 -t -n --interval=0.3
ui_wait 'Rows: 6 '

ui_keys F4
ui_wait '^Filter: ?$'
ui_keys 'dport = :40004'
ui_wait 'Rows: 3 '
[ "$(ss -tnH 'dport = :40004' | wc -l)" = 3 ] || fail "ss disagrees"
ui_keys ' and ('
ui_wait '\^ '
ui_screen | grep -q 'Rows: 3 ' || fail "a parse error changed the rows"
ui_keys Escape
ui_wait 'Rows: 6 '
ui_screen | grep -q 'Filter: -t \[in kernel\]  Sort' || fail "Esc did not restore"

# and/or mixed without parentheses: ss's grouping, and a hint says so
ui_keys F4
ui_wait '^Filter: ?$'
ui_keys 'sport = :40004 or dport = :40004 and dport = :40004'
ui_wait 'hint: and/or have equal precedence'
ui_wait 'Rows: 3 '
ui_keys Escape
ui_wait 'Rows: 6 '

ui_keys '\'
ui_wait '^Filter: ?$'
ui_keys 'sport = :40004' Enter
ui_wait 'Filter: -t sport = :40004 \[in kernel\]'
ui_wait 'Rows: 3 '
ui_screen | grep -E '^tcp' | grep -v '127\.0\.0\.1:40004 ' && fail "row not matching the filter"
ui_keys q
ui_wait 'EXITED 0'
grep -q '^filter=sport = :40004$' "$UI_TMP/home/.config/sstop/sstoprc" || fail "history not saved"
ui_stop

# the command line's filter
ui_start 120 30 -t -n --interval=0.3 dport = :40004
ui_wait 'Filter: -t dport = :40004 \[in kernel\]'
ui_wait 'Rows: 3 '
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# owners in the filter: the kernel cannot run it, sstop does
ui_start 120 30 -t -n --interval=0.3 sport = :40004 and proc ui_socks
ui_wait 'Filter: -t sport = :40004 and proc ui_socks \[in sstop\]'
ui_wait 'Rows: 3 '
ui_keys q
ui_wait 'EXITED 0'
echo ok
