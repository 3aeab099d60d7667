#!/bin/bash
# hostile_cells.sh: a replayed dump's long unix names in the table (#16).
# A name of 600 plain bytes and one of 150 control characters (600 bytes
# escaped) are shown in the Local column with the mark in their middle and
# their end and inode whole, as a live socket's are; the search finds the
# end of each.  The cells were 512 bytes: both names were cut with their
# inode, the first without a mark, and the search did not find them.
# The dump is written here (tests/dump_lib.sh); a private network
# namespace for the screen.

. "${top_srcdir:=.}/tests/ui_lib.sh"
. "$top_srcdir/tests/dump_lib.sh"
ui_enter_netns "$@"

long=/$(printf 'n%.0s' $(seq 600))END
ctl=/$(printf '\001%.0s' $(seq 150))END
{
	dump_unix "$long" 4242
	dump_unix "$ctl" 4343
	dump_unix /short 4444
} >"$UI_TMP/d.dump" || exit 99

ui_start 200 12 --replay "$UI_TMP/d.dump" -xa
ui_wait '/short 4444'
ui_wait '^u_str +LISTEN +0 +0 /nnnn+…n+END 4242 '
ui_wait '^u_str +LISTEN +0 +0 /(\\x01)+…[x01\\]*\\x01END 4343 '
echo "ok: both names cut in the middle, their ends and inodes whole"

# the search reads the cells whole
for want in 'nEND 4242' '1END 4343'; do
	ui_keys /
	ui_wait 'Search:'
	ui_keys -l "$want"
	ui_keys Enter
	ui_wait_not 'Search:'
	ui_screen | grep -q 'no match' && fail "search: '$want' not found"
	ui_keys Enter
	ui_wait 'detail \(Enter closes\)'
	ui_screen | grep -q "${want#?} " ||
		fail "search: '$want' selected another row"
	ui_keys Enter
	ui_wait_not 'detail \(Enter closes\)'
done
echo "ok: the search finds both ends"
exit 0
