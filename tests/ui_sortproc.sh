#!/bin/bash
# ui_sortproc.sh: the table sorted by the Process column (--sort=process),
# with real owners found by the /proc scan.  Three processes with known
# names hold TCP sockets; their rows come in name order (ascending, then
# inverted with I), each row's owner agreeing with ss -tnp; a process that
# starts while the screen runs has its rows sorted in once its owners are
# found (the owners' pass makes the collector sort again).
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

# The owners' names of the table's rows, top to bottom, one per run.
runs() {
	ui_screen | grep -oE '(aa_first|mm_middle|zz_last)\(' | tr -d '(' |
		uniq | tr '\n' ' '
}

# check_count NAME: the rows NAME owns; ss -tnp must say as many, once
# the owners' pass (made in steps, a few fds at a time, drawn between
# them) has found all of NAME's sockets: until then a screen may show
# some of them only (about 10 s at most).
check_count() {
	local shown want
	want=$(ss -Htnp | grep -c "((\"$1\",")
	for _ in $(seq 200); do
		shown=$(ui_screen | grep -c "$1(")
		[ "$shown" = "$want" ] && return 0
		sleep 0.05
	done
	fail "$1: $shown rows, ss -tnp says $want"
}

# until runs() is exactly $1
wait_runs() {
	for _ in $(seq 200); do
		[ "$(runs)" = "$1" ] && return 0
		sleep 0.05
	done
	fail "rows not in order: '$(runs)', want '$1'"
}

ui_socks_as zz_last 6201 10
ui_socks_as aa_first 6202 20

ui_start 150 30 -t -n --interval=0.3 --sort=process
ui_wait 'aa_first\('
ui_wait 'zz_last\('
wait_runs 'aa_first zz_last '
check_count aa_first
check_count zz_last
# each row's owner is the one ss names for that local port
ss -Htnp | awk '{ print $4, $6 }' | while read -r local users; do
	name=$(echo "$users" | sed -n 's/^users:(("\([^"]*\)".*/\1/p')
	[ -n "$name" ] || continue
	ui_screen | grep -F " $local " | grep -q "$name(" ||
		fail "row $local: not shown as $name"
done || exit 1

# inverted: the last name first
ui_keys I
wait_runs 'zz_last aa_first '
ui_line 1 | grep -q 'Process v' || ui_screen | grep -q 'Process v' ||
	fail "header does not say Process descending"

# a new process: sorted in between once its owners are known
ui_socks_as mm_middle 6203 30
ui_wait 'mm_middle\('
wait_runs 'zz_last mm_middle aa_first '
check_count mm_middle
ui_keys q
ui_wait 'EXITED 0'
