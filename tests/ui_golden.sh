#!/bin/bash
# ui_golden.sh: golden screens, where the screen is stable.  The help
# screen (F1) at 100x40, and the table (160x30) of a fixed replayed dump
# (tests/data/ss1.dump, --no-color, -n, paused) compared line by line with
# tests/golden/*.txt, with the version and the replayed file's time (its
# mtime: a dump of ss -D says no time) on the first line masked.  A replayed
# dump turns kill off whatever the privileges, so the second line is
# stable too.  A replay needs no root and no namespace.
. "$top_srcdir/tests/ui_lib.sh"
ui_tmpdir golden

mask() {
	sed -E '1s/^sstop [^ ]+  replay ([^ ]+), file of [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}  /sstop VERSION  replay \1, file of DATE TIME  /'
}

ui_start 160 30 --replay "$top_srcdir/tests/data/ss1.dump" --no-color -n
ui_wait 'Rows: 3 '
ui_keys p
ui_wait 'PAUSED'
ui_golden replay-table
ui_keys q
ui_wait 'EXITED 0'
ui_stop

ui_start 100 40 --replay "$top_srcdir/tests/data/ss1.dump" --no-color -n
ui_keys F1
ui_wait 'sstop help'
ui_golden help-100x40
ui_keys q
ui_wait 'Rows: 3 '
ui_keys q
ui_wait 'EXITED 0'
