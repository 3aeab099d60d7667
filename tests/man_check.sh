#!/bin/bash
# man_check.sh: the man pages, English and French, are complete and clean.
#
# (a) both built pages (man/sstop.8, man/fr/sstop.8 in the build directory)
#     carry the release's version and date, no @PLACEHOLDER@ left, and pass
#     `mandoc -Tlint` with no message at all;
# (b) every option that `sstop --help` lists, long and short, is documented
#     in both pages;
# (c) every key of the help screen (the names in src/ui/ui_keys.c's binding
#     table) has an entry in INTERACTIVE COMMANDS (COMMANDES INTERACTIVES in
#     French).
#
# Needs no root.  Skips (77) without mandoc.

. "${top_srcdir:-.}/tests/lib.sh"
: "${top_srcdir:=.}"

command -v mandoc >/dev/null || { echo "SKIP: no mandoc"; exit 77; }
tmpdir_make

en=$top_builddir/man/sstop.8
fr=$top_builddir/man/fr/sstop.8
[ -f "$en" ] || fail "$en was not built"
[ -f "$fr" ] || fail "$fr was not built"

# (a) version, date, lint.
version=$(LC_ALL=C "$SSTOP" --version | head -n1 | sed 's/.* //')
[ -n "$version" ] || fail "sstop --version prints no version"
for page in "$en" "$fr"; do
	th=$(grep '^\.TH ' "$page")
	case $th in
	*'"sstop '"$version"'"'*) ;;
	*) fail "$page: .TH does not carry version $version: $th" ;;
	esac
	echo "$th" | grep -Eq '"[0-9]{4}-[0-9]{2}-[0-9]{2}"' ||
		fail "$page: .TH has no YYYY-MM-DD date: $th"
	! grep -n '@[A-Z_]*@' "$page" || fail "$page: placeholder left"
	lint=$(mandoc -Tlint "$page" 2>&1)
	[ -z "$lint" ] || fail "mandoc -Tlint $page:
$lint"
done
date_en=$(sed -n 's/^\.TH [^"]*"\([^"]*\)".*/\1/p' "$en")
date_fr=$(sed -n 's/^\.TH [^"]*"\([^"]*\)".*/\1/p' "$fr")
[ "$date_en" = "$date_fr" ] || fail "dates differ: $date_en, $date_fr"

# The roff source as plain text: \- is -, \e is a backslash, and font
# escapes and quotes are dropped, so that "\fB\-\-sort\fR" reads --sort.
plain() {
	sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/"//g' "$1"
}
plain "$en" >"$TMP/en.txt"
plain "$fr" >"$TMP/fr.txt"

# (b) options.  --help lines look like "  -a, --all   ..." or
# "      --sort=COLUMN ...".
LC_ALL=C "$SSTOP" --help >"$TMP/help" || fail "sstop --help failed"
grep -Eo '(^|[ ,])--[a-z][a-z0-9-]*' "$TMP/help" | sed 's/^[ ,]//' |
	sort -u >"$TMP/long"
grep -Eo '^ +-[A-Za-z0-9],' "$TMP/help" | tr -d ' ,' | sort -u >"$TMP/short"
grep -Eo ', -[A-Za-z0-9],' "$TMP/help" | tr -d ' ,' >>"$TMP/short"
[ "$(wc -l <"$TMP/long")" -ge 40 ] || fail "too few long options in --help"
[ "$(wc -l <"$TMP/short")" -ge 30 ] || fail "too few short options in --help"
for lang in en fr; do
	while read -r opt; do
		grep -Eq -- "(^|[ ,(])$opt([ ,=]|$)" "$TMP/$lang.txt" ||
			fail "man page ($lang) does not document $opt"
	done < <(cat "$TMP/long" "$TMP/short")
done

# (c) keys.  The table's entries read `.names = "F4 \\"`: every word of
# each, the C escape undone.
sed -n 's/.*\.names = "\(.*\)",.*/\1/p' "$top_srcdir/src/ui/ui_keys.c" |
	sed 's/\\\\/\\/g' | tr ' ' '\n' | sed '/^$/d' | sort -u >"$TMP/keys"
[ "$(wc -l <"$TMP/keys")" -ge 20 ] || fail "too few keys in src/ui/ui_keys.c"
section() {
	# The words of the .B/.BR lines (the entries) of section $2 of $1.
	awk -v sec="$2" '
		/^\.SH / { on = (index($0, sec) > 0); next }
		on && /^\.(B|BR|RB) / { sub(/^\.[A-Z]+ /, ""); print }
	' "$1" | tr ' ,' '\n\n' | sed '/^$/d' | sort -u
}
section "$TMP/en.txt" "INTERACTIVE COMMANDS" >"$TMP/en.keys"
section "$TMP/fr.txt" "COMMANDES INTERACTIVES" >"$TMP/fr.keys"
for lang in en fr; do
	missing=$(comm -23 "$TMP/keys" "$TMP/$lang.keys")
	[ -z "$missing" ] ||
		fail "INTERACTIVE COMMANDS ($lang) lacks the keys:" $missing
done
echo "man pages: $(wc -l <"$TMP/long") long and $(wc -l <"$TMP/short") short options, $(wc -l <"$TMP/keys") keys"
exit 0
