#!/bin/bash
# po_check.sh: the French translation is listed, complete and used.
#
# (a) every src/ file with a translatable string (_(" N_(" P_(") is in
#     po/POTFILES.in, and every file listed there exists;
# (b) po/fr.po passes `msgfmt -c` with no fuzzy and no untranslated
#     message, and it covers every message the sources have now (xgettext
#     on POTFILES.in); a message not yet translated there is reported, and
#     fails the test only with SSTOP_PO_STRICT=1, so that engineers adding
#     strings are not blocked while the translator catches up;
# (c) the built sstop really reads the catalogue: fr.po compiled into a
#     temp dir, pointed at by SSTOP_LOCALEDIR (src/main.c), makes --help
#     and a usage error come out in French, and --help stays within 80
#     columns; without LANGUAGE=fr the same binary prints English.
#
# Needs no root.  Skips (77) without gettext's tools.

. "${top_srcdir:-.}/tests/lib.sh"
: "${top_srcdir:=.}"

for t in msgfmt msgmerge xgettext; do
	command -v "$t" >/dev/null || { echo "SKIP: no $t"; exit 77; }
done
tmpdir_make
po=$top_srcdir/po

# (a) POTFILES.in lists exactly what it must.  i18n.h defines the macros
# and holds no message.
listed=$TMP/listed
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$po/POTFILES.in" | sort >"$listed"
while read -r f; do
	[ -f "$top_srcdir/$f" ] || fail "POTFILES.in lists $f, which does not exist"
done <"$listed"
(cd "$top_srcdir" &&
	grep -lE '(^|[^A-Za-z0-9_])(_|N_|P_)\("' src/*.c src/*.h |
	grep -vx 'src/i18n.h') | sort >"$TMP/needed"
missing=$(comm -23 "$TMP/needed" "$listed")
[ -z "$missing" ] || fail "not in po/POTFILES.in:" $missing
[ -s "$TMP/needed" ] || fail "no source file with translatable strings found"

# (b) fr.po is valid and complete.  msgfmt prints e.g. "219 translated
# messages." and adds ", N fuzzy translations, N untranslated messages."
stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po/fr.po" 2>&1) ||
	fail "msgfmt -c po/fr.po: $stats"
case $stats in
*fuzzy* | *untranslated*) fail "po/fr.po: $stats" ;;
*" translated message"*) ;;
*) fail "po/fr.po: unexpected msgfmt output: $stats" ;;
esac

# ... and covers what the sources hold today.
(cd "$top_srcdir" &&
	xgettext --keyword=_ --keyword=N_ --keyword=P_:1,2 --from-code=UTF-8 \
		--files-from=po/POTFILES.in -o "$TMP/now.pot") ||
	fail "xgettext failed"
msgmerge -q --no-fuzzy-matching -o "$TMP/now.po" "$po/fr.po" "$TMP/now.pot" ||
	fail "msgmerge failed"
now=$(LC_ALL=C msgfmt --statistics -o /dev/null "$TMP/now.po" 2>&1)
case $now in
*untranslated*)
	echo "po/fr.po lags behind the sources ($now); untranslated:" >&2
	LC_ALL=C msgattrib --untranslated --no-obsolete "$TMP/now.po" |
		grep '^msgid ' | sed 1d >&2
	[ "${SSTOP_PO_STRICT:-0}" = 1 ] && fail "po/fr.po is not complete"
	;;
esac

# (c) the catalogue is used.
grep -q '^#define ENABLE_NLS 1' "$top_builddir/config.h" ||
	{ echo "SKIP: built without NLS"; exit 77; }
mkdir -p "$TMP/fr/LC_MESSAGES"
msgfmt -c -o "$TMP/fr/LC_MESSAGES/sstop.mo" "$po/fr.po" || fail "msgfmt"
fr() {
	env -u LC_ALL -u LC_MESSAGES SSTOP_LOCALEDIR="$TMP" LANGUAGE=fr \
		LANG=C.UTF-8 "$SSTOP" "$@"
}

fr --help >"$TMP/help.fr" || fail "sstop --help (fr) failed"
grep -q "^Ce qu'il faut lister (comme ss) :" "$TMP/help.fr" ||
	fail "--help is not in French: $(head -3 "$TMP/help.fr")"
grep -q -- '--batch          afficher une fois' "$TMP/help.fr" ||
	fail "--help (fr) lacks the --batch line"
width=$(LC_ALL=C.UTF-8 wc -L <"$TMP/help.fr")
[ "$width" -le 80 ] || fail "--help (fr) is $width columns wide"

rc=0
fr --no-such-option >/dev/null 2>"$TMP/err.fr" || rc=$?
[ "$rc" = 2 ] || fail "usage error exits $rc, not 2"
grep -q 'option non reconnue' "$TMP/err.fr" ||
	fail "usage error is not in French: $(cat "$TMP/err.fr")"
grep -q "Essayez « sstop --help » pour plus d'informations." "$TMP/err.fr" ||
	fail "usage hint is not in French: $(cat "$TMP/err.fr")"

# The same binary, same catalogue, no LANGUAGE: English, so the checks
# above really depend on the catalogue.
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE SSTOP_LOCALEDIR="$TMP" \
	LANG=C.UTF-8 "$SSTOP" --help >"$TMP/help.en" || fail "sstop --help"
grep -q '^What to list (as ss):' "$TMP/help.en" ||
	fail "--help without LANGUAGE is not English"
exit 0
