#!/bin/bash
# hostile_owner.sh: a process whose name (comm) holds a real ESC and a
# bidi override (U+202E), holding unix sockets.  The name is kept raw
# until output, so that each output escapes it its own way: --json gives
# JSON's escapes (\u001b, \u202e) and a parser gets the real name back;
# the batch listing and the screen show the terminal's (\x1b, \u202e);
# none of them sends the raw characters.  In a private network namespace.

. "${top_srcdir:=.}/tests/ui_lib.sh"
ui_enter_netns "$@"
TMP=$UI_TMP
check=$top_builddir/tests/json_check

# a copy of the helper named so: its comm, 11 bytes (15 at most):
# e v ESC [ 2 J U+202E a b
bin=$TMP/$(printf 'ev\033[2J\342\200\256ab')
cp "$top_builddir/tests/unix_names" "$bin" || exit 99
ui_bg names.out "$bin" "$TMP/hostile-owner.sock"
pid=$BG_PID
[ "$(od -An -c "/proc/$pid/comm" | tr -d ' \n')" = 'ev033[2J342200256ab\n' ] ||
	fail "comm is $(od -An -c "/proc/$pid/comm")"

batch_text_json -xlp
for f in text json; do
	grep -q $'\e' "$TMP/$f" && fail "$f: a raw ESC"
	grep -q $'\u202e' "$TMP/$f" && fail "$f: a raw U+202E"
done
grep -qF "users:((\"ev\\x1b[2J\\u202eab\",pid=$pid," "$TMP/text" ||
	fail "batch: not the escaped name: $(grep -o 'users:.*' "$TMP/text")"
grep -qF "\"pid\":$pid,\"fd\":" "$TMP/json" || fail "json: no owner $pid"
grep -qF '"name":"ev\u001b[2J\u202eab"' "$TMP/json" ||
	fail "json: not JSON's escapes: $(grep -o '"name":"[^"]*"' "$TMP/json" | sort -u)"
grep -F x1b "$TMP/json" && fail "json: the screen's escape in JSON"
echo "ok: batch \\x1b, JSON \\u001b"

# The screen: the Process column and the detail pane, escaped.
ui_start 200 30 -xlp
ui_wait 'ev\\x1b\[2J\\u202eab'
ui_screen | grep -q $'\e' && fail "screen: a raw ESC"
ui_screen | grep -q $'\u202e' && fail "screen: a raw U+202E"
echo "ok: screen \\x1b"
exit 0
