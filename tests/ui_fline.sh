#!/bin/bash
# ui_fline.sh: the filter line and the header (#21).  The header's filter
# is the whole selection, the command line's options included, with
# [in kernel] only when the kernel filters and nothing when there is
# nothing to filter (line 2 asserted whole).  On the filter line, a preview
# that needs sockets the current dump lacks (listeners, TIME-WAIT) gets a
# dump of its own without Enter, though the refresh interval is a minute;
# ss's display options add their columns (-e, -m) or are named on the
# status line (-T, -H); sizes take K in either case; the search finds a
# port number shown as a service name.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

# The search finds 5432 in a row shown as :postgresql; first, while the
# namespace holds only these connections: a search matches every column
# (a pid or a port elsewhere holding "5432" is a match too, and once in CI
# one came before the :postgresql rows).  Sorted by Recv-Q, the selection
# starts on a connection that does not match (its client's port from a
# range without 5432, its holder's pid without either), then the search,
# typed at once, while the detail pane's own dump is under way, moves it
# to the first row that matches: the listener's side of :postgresql.
range=$(sysctl -n net.ipv4.ip_local_port_range)
sysctl -qw net.ipv4.ip_local_port_range="40100 40199" || exit 99
for port in 40031 40032 40033; do
	ui_bg other.out "$top_builddir/tests/ui_socks" "$port" 100
	case $BG_PID in *5432*) ;; *) break ;; esac
done
case $BG_PID in *5432*) exit 99 ;; esac
ui_bg pg.out "$top_builddir/tests/ui_socks" 5432 7
sysctl -qw net.ipv4.ip_local_port_range="$range" || exit 99
ui_start 200 30 -t --interval=60 --sort=recv-q:desc
ui_wait 'postgresql'
ui_keys Enter
ui_wait "tcp ESTAB +127\.0\.0\.1:$port -> 127\.0\.0\.1:401[0-9][0-9]\>"
ui_keys / 5432 Enter
ui_wait 'tcp ESTAB +127\.0\.0\.1:postgresql -> 127\.0\.0\.1:401[0-9][0-9]\>'
ui_screen | grep -q 'no match' && fail "5432 not found"
# (a colon: no pid can match)
ui_keys / :5433 Enter
ui_wait 'no match for ":5433"'
ui_keys q
ui_wait 'EXITED 0'
ui_stop
# (the sort stays out of the rest's rc file)
rm -rf "${UI_TMP:?}/home"

"$top_builddir/tests/sockmix" -d "$UI_TMP" -p </dev/null >"$UI_TMP/mix.out" &
UI_PIDS+=($!)
ui_socks 40021 512 2048 4096
for _ in $(seq 400); do
	grep -q ready "$UI_TMP/mix.out" && break
	sleep 0.05
done
grep -q ready "$UI_TMP/mix.out" || exit 99

# the rest of line 2 with ROWS rows (the position mark counts the rows
# just gone too)
tail_of() {
	echo "  Sort: Netid \\^  [0-9]+-[0-9]+/[0-9]+  Rows: $1  Tagged: 0  kill: on  owners: all\$"
}
# header_is ARGS REGEX-OF-THE-FILTER SS-ARGS: line 2 for sstop ARGS,
# exactly, the rows counted by ss SS-ARGS once tmux runs (its listener is
# a unix socket); no SS-ARGS: any count.  With -x, each tmux command the
# test runs holds an unbound stream socket for an instant (UNCONN, which
# -l lists, as ss does): the count is the named sockets ss lists, plus up
# to two such (once in CI, sstop's dump met one and ss's did not)
header_is() {
	local args=$1 n='[0-9]+' named
	ui_start 200 30 "$args" --interval=60
	# shellcheck disable=SC2086
	[ -n "$3" ] && n=$(ss -H $3 | wc -l)
	case " $3 " in
	*" -x"*)
		# shellcheck disable=SC2086
		named=$(ss -H $3 | awk '$5 != "*"' | wc -l)
		n="($named|$((named + 1))|$((named + 2)))"
		;;
	esac
	ui_wait_line 2 "^Filter: $2$(tail_of "$n")"
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
}

header_is '-ta -n' '-ta \[in kernel\]' '-ta'
header_is '-t -n' '-t \[in kernel\]' '-t'
# (listeners: tmux's own connections come and go)
header_is '-xl -n' '-xl \[in kernel\]' '-xl'
header_is '-t -n state listening' '-t state listening \[in kernel\]' \
	'-t state listening'
header_is "-t -n sport = :40021 and proc ui_socks" \
	'-t sport = :40021 and proc ui_socks \[in sstop\]' '-t sport = :40021'
# no option, no expression: nothing filtered, nothing said
header_is '-n' '\(none\)'

ui_start 200 30 -t -n --interval=60
rows=$(ss -tH | wc -l)
ui_wait_line 2 "^Filter: -t \[in kernel\]$(tail_of "$rows")"

# a listener the dump lacks: previewed without Enter
ui_keys F4
ui_wait '^Filter: ?$'
ui_keys -- '-tlp sport = :40021'
# (the row, then the count: the header is drawn first)
ui_wait '^LISTEN +0 +64 +127\.0\.0\.1:40021 .*ui_socks'
ui_wait_line 2 'Rows: 1 '
ui_screen | grep -Eq '^ *\^ ' && fail "an error while typing"
# Esc: the kept filter's rows again
ui_keys Escape
ui_wait_line 2 "^Filter: -t \[in kernel\]$(tail_of "$rows")"

# TIME-WAIT, previewed, then kept
tw=$(ss -tH state time-wait | wc -l)
[ "$tw" -ge 1 ] || exit 99
ui_keys F4
ui_wait '^Filter: ?$'
ui_keys 'state time-wait'
ui_wait "Rows: $tw "
ui_keys Enter
ui_wait_line 2 "^Filter: -t state time-wait \[in kernel\]$(tail_of "$tw")"

# -e adds its columns while previewed, Esc takes them away
ui_keys F4
ui_keys C-u '-e'
ui_wait_line 3 ' UID +Inode +Cookie +Timer +Process *$'
ui_keys Escape
ui_wait_line 3 'Peer Address:Port +Process *$'
# -m kept with an expression: Mem stays, the header says all of it
ui_keys F4
ui_keys C-u '-m sport = :40021'
ui_keys Enter
ui_wait_line 2 "^Filter: -t -m sport = :40021 \[in kernel\]$(tail_of 3)"
ui_wait_line 3 ' Mem +Process *$'
ui_screen | sed -n 3p | grep -q 'UID' && fail "-e's columns stayed"
# a line without -m: Mem goes
ui_keys F4
ui_keys C-u 'sport = :40021' Enter
ui_wait_line 2 "^Filter: -t sport = :40021 \[in kernel\]"
ui_wait_line 3 'Peer Address:Port +Process *$'

# options with nothing to add are said, not dropped
ui_keys F4
ui_keys C-u '-T -H sport = :40021'
ui_wait '^-T: threads only from the command line \(sstop -T\); processes shown  nothing more to show on the screen for -H \(Enter on a row shows every field\)$'
ui_keys Escape

# sizes as the table prints them: K or k, powers of 1024
for f in 'recvq > 1K' 'recvq > 1k' 'recvq >= 2K' 'recvq > 0.5k' 'recvq < 4K'; do
	op=${f#recvq }
	op=${op% *}
	v=${f##* }
	case $v in
	1K | 1k) v=1024 ;; 2K) v=2048 ;; 0.5k) v=512 ;; 4K) v=4096 ;;
	esac
	want=$(ss -tnH 'sport = :40021' | awk -v v="$v" -v op="$op" \
		'(op == ">" && $2 > v) || (op == ">=" && $2 >= v) || (op == "<" && $2 < v)' | wc -l)
	ui_keys F4
	ui_keys C-u "sport = :40021 and $f"
	ui_wait "Rows: $want "
	ui_screen | grep -Eq '^ *\^ ' && fail "$f refused"
	ui_keys Escape
	# the kept filter's 3 rows again (every preview above counts 2)
	ui_wait_line 2 'sport = :40021 \[in kernel\].*  Rows: 3 '
done
ui_keys q
ui_wait 'EXITED 0'
echo ok
