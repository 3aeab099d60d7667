#!/bin/bash
# hostile_names.sh: names chosen to fool a reader.  A unix socket whose
# path holds a real ESC and one whose path is the literal text
# `lit\x1b[2J` give different JSON strings (JSON's own escapes: \u001b and
# \\); bidi overrides, isolates and zero-width characters (U+202E,
# U+2066-2069, U+200B) never reach the batch output, JSON or the screen
# raw: the text shows them as \u202e..., JSON as \u202e escapes.
# In a private network namespace.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
check=$top_builddir/tests/json_check

esc="$TMP/real"$'\e'"[2J"
lit="$TMP/lit\\x1b[2J"
rlo="$TMP/rtl"$'\u202e'"gnp.exe"
iso="$TMP/iso"$'\u2066'"a"$'\u2069'"z"$'\u200b'"w"
bg_ready names.out "$top_builddir/tests/unix_names" "$esc" "$lit" "$rlo" "$iso"

batch_text_json -xl
for f in text json; do
	grep -q $'\e' "$TMP/$f" && fail "$f: a raw ESC"
	grep -q $'[\u202e\u2066\u2069\u200b]' "$TMP/$f" && fail "$f: a raw bidi or zero-width character"
done
echo "ok: no raw ESC, bidi or zero-width character"

# Text: the escapes as the screen shows them.
grep -qF 'rtl\u202egnp.exe' "$TMP/text" || fail "text: U+202E not shown as \\u202e"
grep -qF 'iso\u2066a\u2069z\u200bw' "$TMP/text" || fail "text: isolates not shown"
# JSON: a parser gets the real names back, and the two ESC names differ.
"$check" local.addr <"$TMP/json" >/dev/null 2>&1
grep -qF 'real\u001b[2J"' "$TMP/json" || fail "json: ESC not \\u001b: $(grep -o 'real[^"]*"' "$TMP/json")"
grep -qF 'lit\\x1b[2J"' "$TMP/json" || fail "json: backslash not \\\\: $(grep -o 'lit[^"]*"' "$TMP/json")"
grep -qF 'rtl\u202egnp.exe"' "$TMP/json" || fail "json: U+202E not \\u202e"
echo "ok: JSON escapes"
