#!/bin/bash
# ui_inputs.sh: the screen's filter from the command line and -F is the
# one batch mode parses, whole: a filter of 600 bytes (before: cut into a
# 512-byte buffer and dropped, every socket listed), a word holding a
# quote (before: re-split with shell quoting and refused), -F (before:
# ignored); a bad one is refused before the screen starts, with a caret;
# the screen's caret counts display columns (é日本); an rc file that is a
# FIFO does not block the start; -F /dev/zero is refused.
. "$top_srcdir/tests/ui_lib.sh"
ui_enter_netns "$@"

ui_socks 40011 1
ui_socks_as other 40012 1

# 600 bytes of `sport = :N or` before the one that matches 40011.
long=$(for i in $(seq 50); do printf 'sport = :%d or ' $((20000 + i)); done)
long="$long sport = :40011"
[ ${#long} -gt 600 ] || fail "the long filter is only ${#long} bytes"
ui_start 160 24 -t -n --interval=0.3 "$long"
ui_wait '127\.0\.0\.1:40011'
ui_screen | grep -q '40012' && fail "a 600-byte filter: port 40012 listed"
ui_screen | grep -q "bytes from the command line" || fail "the long filter is not described"
ui_screen | grep -q 'Filter: (none)' && fail "Filter: (none)"
ui_stop
echo "ok: a 600-byte command-line filter"

printf '%s\n' "$long" >"$UI_TMP/f"
ui_start 160 24 -t -n --interval=0.3 -F "$UI_TMP/f"
ui_wait '127\.0\.0\.1:40011'
ui_screen | grep -q '40012' && fail "-F: port 40012 listed"
ui_screen | grep -q "from -F" || fail "-F is not described"
ui_stop
echo "ok: -F on the screen"

# A quote inside a word, as the shell gave it: the same as batch.
mkdir -p "$UI_TMP/q"
ui_bg names.out "$top_builddir/tests/unix_names" "$UI_TMP/q/my.sock'x"
"$SSTOP" --batch -xl src "unix:*sock'*" >"$UI_TMP/batch" || fail "batch refused the quote"
grep -q "my.sock'x" "$UI_TMP/batch" || fail "batch does not list my.sock'x"
# (ui_start's words go through the pane's shell: quoted here with %q)
ui_start 160 24 -xl --interval=0.3 src "$(printf %q "unix:*sock'*")"
ui_wait "my.sock'x"
ui_stop
echo "ok: a quote in a filter word"

# A bad filter: refused before the screen, with the reason and a caret.
ui_run 160 24 "$SSTOP" -t "'sport = :22 or bogus'"
ui_wait 'EXITED'
ui_screen | grep -q 'EXITED 2' || fail "a bad filter: not exit 2"
ui_screen | grep -q "unknown keyword 'bogus'" || fail "a bad filter: no reason"
ui_screen | grep -q '^ *\^\^\^\^\^' || fail "a bad filter: no caret"
ui_stop
for f in /dev/zero "$UI_TMP"; do
	ui_run 160 24 timeout 20 "$SSTOP" -t -F "$f"
	ui_wait 'EXITED'
	ui_screen | grep -q 'EXITED 1' || fail "-F $f: not exit 1"
	ui_screen | grep -q "cannot read filter file $f" || fail "-F $f: no message"
	ui_stop
done
echo "ok: bad filters and files refused"

# The screen's caret: display columns, not bytes (é日本: 7 bytes, 5 columns).
ui_start 160 24 -t -n --interval=0.3
ui_keys F4
ui_wait 'Filter: '
ui_keys -l 'src 1.2.3.4 and é日本 x'
ui_wait "unknown keyword"
line=$(ui_screen | grep -n "unknown keyword" | head -1)
caret=${line#*:}
caret=${caret%%^*}
label="Filter: src 1.2.3.4 and "
[ ${#caret} = ${#label} ] || fail "caret at column ${#caret}, want ${#label}"
ui_keys Escape
ui_stop
echo "ok: the screen's caret in columns"

# An rc file that is a FIFO: said, defaults used, no blocking.
mkdir -p "$UI_TMP/home/.config/sstop"
rm -f "$UI_TMP/home/.config/sstop/sstoprc"
mkfifo "$UI_TMP/home/.config/sstop/sstoprc"
ui_start 160 24 -t -n --interval=0.3
ui_wait 'not a regular file'
ui_stop
echo "ok: an rc FIFO"
