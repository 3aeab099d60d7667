#!/bin/bash
# ui_setup.sh: the setup screen (F2, S) at 80x24 and 160x50, on real
# sockets in a private namespace: Space hides a column and shows it again,
# [ and ] move it, the table behind follows at once; on quit the columns
# (and the colours, when toggled) go to the rc file, whose other lines stay
# byte for byte; the next start shows them.  --columns wins for its run and
# is not written over the file, unless setup changed the columns then.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40011 3
rc=$UI_TMP/home/.config/sstop/sstoprc
mkdir -p "${rc%/*}"

# The table's own header line (line 3), left of the panel when it shows.
header() {
	ui_line 3 | cut -c1-"$1"
}

# wait_header W REGEX: until the table's header (W columns) matches.
wait_header() {
	for _ in $(seq 200); do
		header "$1" | grep -Eq -- "$2" && return 0
		sleep 0.05
	done
	fail "the table's header never matched: $2"
}

for size in "80 24" "160 50"; do
	set -- $size
	w=$1 h=$2
	# the table left of the panel: 36 columns from the right
	tw=$((w - 37))
	printf '# mine\ninterval=5\nunknown_key=kept\n' >"$rc"

	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	wait_header "$tw" '^State +Recv-Q +Send-Q +Local'
	ui_keys F2
	ui_wait 'Setup \(Esc: done\)'
	ui_screen | grep -q 'Colours: on' || fail "setup: no colours item"
	ui_screen | grep -Eq '\[ \] RTT +rtt' || fail "setup: hidden RTT not listed"
	# it opens on the first column: Netid, State, Recv-Q; hidden at once,
	# behind the panel
	ui_keys Down Down Space
	wait_header "$tw" '^State +Send-Q +Local'
	ui_wait '\[ \] Recv-Q +recv-q'
	# shown again (last), then moved back to its place, one step a key
	ui_keys Space
	ui_wait '\[x\] Recv-Q +recv-q'
	ui_keys '[' '[' '[' '['
	wait_header "$tw" '^State +Recv-Q +Send-Q +Local'
	# the cursor stays on Recv-Q: Down is Send-Q, [ puts it first
	ui_keys Down '['
	wait_header "$tw" '^State +Send-Q +Recv-Q +Local'
	# ] and [ on a hidden column: said, nothing moves
	ui_keys End ']'
	ui_wait 'a hidden column has no place'
	# Esc closes the panel: the whole table, in the new order
	ui_keys Escape
	ui_wait_not 'Setup \(Esc: done\)'
	wait_header "$w" '^State +Send-Q +Recv-Q +Local Addr[^ ]* +Peer Addr[^ ]* +Process'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	# only the columns changed: every other line kept, in its place
	printf '# mine\ninterval=5\nunknown_key=kept\ncolumns=netid,state,send-q,recv-q,local,peer,process\n' >"$UI_TMP/want"
	cmp -s "$UI_TMP/want" "$rc" || fail "rc file after setup: $(cat "$rc")"

	# the next start shows the saved columns
	ui_start "$w" "$h" -tn
	ui_wait '127\.0\.0\.1:40011'
	wait_header "$w" '^State +Send-Q +Recv-Q +Local'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	cmp -s "$UI_TMP/want" "$rc" || fail "rc file rewritten without a change: $(cat "$rc")"

	# --columns wins for its run, and is not written over the file
	ui_start "$w" "$h" -tn --columns=state,local,peer
	ui_wait '127\.0\.0\.1:40011'
	wait_header "$w" '^State +Local Addr[^ ]* +Peer Addr[^ ]* *$'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	cmp -s "$UI_TMP/want" "$rc" || fail "--columns went to the rc file: $(cat "$rc")"

	# ...unless setup changed them in that run: then that list is saved;
	# and the colours toggled there are saved too
	ui_start "$w" "$h" -tn --columns=state,local,peer
	ui_wait '127\.0\.0\.1:40011'
	ui_keys S
	ui_wait 'Setup \(Esc: done\)'
	# State, Local: hide Local
	ui_keys Down Space
	wait_header "$tw" '^State +Peer Addr'
	ui_keys Home Space
	ui_wait 'Colours: off'
	# no colour left on the screen: the bars are reversed instead
	ui_tmux capture-pane -e -p -t t | grep -q $'\e\\[3[0-7]m' &&
		fail "colours off, yet colours on screen"
	ui_keys q
	ui_wait_not 'Setup \(Esc: done\)'
	ui_keys q
	ui_wait 'EXITED 0'
	ui_stop
	printf '# mine\ninterval=5\nunknown_key=kept\ncolumns=state,peer\ncolor=no\n' >"$UI_TMP/want"
	cmp -s "$UI_TMP/want" "$rc" || fail "setup's columns and colours not saved: $(cat "$rc")"
done
exit 0
