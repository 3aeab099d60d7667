#!/bin/bash
# ui_spark.sh: golden screens of the detail pane's throughput and
# sparklines, at 80x24 and 160x50, in a UTF-8 locale (block characters)
# and in the C locale (ASCII).  The data is real: tests/data/rates.dump
# was recorded (sstop --batch --record -tn -i -m, 14 refreshes 0.5 s
# apart) from tests/pace's 500 kB/s and 4 MB/s senders, stopped for 2 s
# in the middle; its refreshes replay one per interval with their own
# times, so the rates and the history are the recorded ones, and the
# screen pauses at the last.  Masked: the version and the file's time
# (the recording predates recorded wall-clock times) on the first line,
# and how long ago the socket was first seen.
. "$top_srcdir/tests/ui_lib.sh"
ui_tmpdir spark

mask() {
	sed -E -e '1s/^sstop [^ ]+  replay ([^ ]+), file of [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/sstop VERSION  replay \1, file of DATE TIME/' \
		-e 's/seen for [0-9]+ s/seen for N s/'
}

# spark W H LANG NAME: the pane over the whole recording, against NAME
spark() {
	UI_LANG=$3 ui_start "$1" "$2" --replay "$top_srcdir/tests/data/rates.dump" \
		--no-color -n -t -i --columns=local,peer,tx-rate,rx-rate \
		--sort=tx-rate:desc --interval=0.3
	# the pane opens before the recording ends (14 refreshes, 4 s)
	ui_wait '127.0.0.1:47112'
	ui_keys Enter
	ui_wait 'detail \(Enter closes\)'
	ui_wait 'end of the recording \(14 refreshes\)'
	ui_golden "$4"
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
}

spark 80 24 C.UTF-8 spark-80x24-utf8
spark 160 50 C.UTF-8 spark-160x50-utf8
spark 80 24 C spark-80x24-c
spark 160 50 C spark-160x50-c
echo ok
