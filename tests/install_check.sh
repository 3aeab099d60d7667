#!/bin/bash
# install_check.sh: `make install` and `make uninstall` with DESTDIR.
#
# Installs the build into a temp DESTDIR and checks that exactly these files
# appear, each where its Makefile variable says: the program, both man
# pages, the bash completion, the sample sstoprc and
# systemd units, the desktop entry and the
# French catalogue.  Then: the installed program answers --help and
# --version on stdout, nothing on stderr, status 0, --version's first line
# in GNU form; `make installcheck` (automake's std-options check) passes;
# the installed French man page and catalogue are the French ones; the
# desktop entry passes desktop-file-validate (when installed).  Last,
# `make uninstall` leaves no file behind (directories may stay).
#
# Needs no root.  Runs make in $top_builddir (everything is built by then).

. "${top_srcdir:-.}/tests/lib.sh"
tmpdir_make
dest=$TMP/dest

# A make of its own, not a job of the make that runs the tests.
mk() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		make -s -C "$top_builddir" "$@"
}

# The install directories, as the Makefile has them.
mk -f Makefile -f - sstop-dirs >"$TMP/dirs" <<'EOF' ||
sstop-dirs:
	@echo 'bindir=$(bindir)'
	@echo 'man8dir=$(man8dir)'
	@echo 'frman8dir=$(frman8dir)'
	@echo 'bashcompletiondir=$(bashcompletiondir)'
	@echo 'examplesdir=$(examplesdir)'
	@echo 'desktopdir=$(desktopdir)'
	@echo 'localedir=$(localedir)'
	@echo 'USE_NLS=$(USE_NLS)'
EOF
	fail "cannot read the install directories from the Makefile"
# shellcheck disable=SC1091
. "$TMP/dirs"
for d in "$bindir" "$man8dir" "$frman8dir" "$bashcompletiondir" \
	"$examplesdir" "$desktopdir" "$localedir"; do
	case $d in
	/* | no) ;;
	*) fail "install directory is not absolute: '$d' ($(cat "$TMP/dirs"))" ;;
	esac
done

mk install DESTDIR="$dest" >"$TMP/install.log" 2>&1 ||
	fail "make install failed: $(tail -20 "$TMP/install.log")"

{
	echo "$bindir/sstop"
	echo "$man8dir/sstop.8"
	echo "$frman8dir/sstop.8"
	[ "$bashcompletiondir" = no ] || echo "$bashcompletiondir/sstop"
	echo "$examplesdir/sstoprc"
	echo "$examplesdir/sstop-metrics.service"
	echo "$examplesdir/sstop-metrics.timer"
	echo "$desktopdir/sstop.desktop"
	[ "$USE_NLS" = yes ] && echo "$localedir/fr/LC_MESSAGES/sstop.mo"
} | sort >"$TMP/want"
(cd "$dest" && find . ! -type d | sed 's/^\.//' | sort) >"$TMP/got"
diff -u "$TMP/want" "$TMP/got" >&2 ||
	fail "make install did not install exactly the expected files"
case $frman8dir in
"$man8dir") fail "the French man page would overwrite the English one" ;;
*/fr/man8) ;;
*) fail "French man page not in a fr/man8 directory: $frman8dir" ;;
esac

bin=$dest$bindir/sstop
[ -x "$bin" ] || fail "$bin is not executable"
cmp -s "$bin" "$SSTOP" || fail "installed sstop differs from the built one"

# --help and --version as GNU and automake's std-options want them.
for opt in --help --version; do
	rc=0
	LC_ALL=C "$bin" "$opt" >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
	[ "$rc" = 0 ] || fail "sstop $opt exits $rc"
	[ -s "$TMP/out" ] || fail "sstop $opt prints nothing on stdout"
	[ ! -s "$TMP/err" ] || fail "sstop $opt writes to stderr: $(cat "$TMP/err")"
done
LC_ALL=C "$bin" --version >"$TMP/out"
version=$(mk -f Makefile -f - v <<<$'v:\n\t@echo $(PACKAGE_VERSION)')
first=$(head -n1 "$TMP/out")
case $first in
"sstop $version" | "sstop (sstop) $version") ;;
*) fail "--version's first line is '$first', not 'sstop (sstop) $version'" ;;
esac
LC_ALL=C "$bin" --help | grep -q '^Usage: sstop ' ||
	fail "--help does not start with a Usage line"

mk installcheck DESTDIR="$dest" >"$TMP/installcheck.log" 2>&1 ||
	fail "make installcheck failed: $(tail -20 "$TMP/installcheck.log")"

# The desktop entry is valid, not even a hint (when the validator is here).
if command -v desktop-file-validate >/dev/null; then
	out=$(desktop-file-validate "$dest$desktopdir/sstop.desktop" 2>&1) &&
		[ -z "$out" ] || fail "desktop-file-validate: $out"
fi

# The French pieces are the French ones.
grep -q '^\.SH "COMMANDES INTERACTIVES"' "$dest$frman8dir/sstop.8" ||
	fail "the installed fr/man8/sstop.8 is not the French page"
grep -q '^\.SH "INTERACTIVE COMMANDS"' "$dest$man8dir/sstop.8" ||
	fail "the installed man8/sstop.8 is not the English page"
if [ "$USE_NLS" = yes ]; then
	env -u LC_ALL -u LC_MESSAGES SSTOP_LOCALEDIR="$dest$localedir" \
		LANGUAGE=fr LANG=C.UTF-8 "$bin" --help >"$TMP/help.fr" ||
		fail "installed sstop --help (fr) failed"
	grep -q '^Usage : sstop\|^Utilisation' "$TMP/help.fr" ||
		grep -q "Ce qu'il faut lister" "$TMP/help.fr" ||
		fail "the installed catalogue does not make sstop speak French"
fi

mk uninstall DESTDIR="$dest" >"$TMP/uninstall.log" 2>&1 ||
	fail "make uninstall failed: $(tail -20 "$TMP/uninstall.log")"
left=$(cd "$dest" && find . ! -type d)
[ -z "$left" ] || fail "make uninstall left files behind:" $left
echo "installed and uninstalled $(wc -l <"$TMP/want") files"
exit 0
