#!/bin/bash
# owners_reuse.sh: runs tests/owners_reuse_test in a private pid namespace
# with its own /proc, so that the map sees only the test's processes and
# the links it reads are theirs alone (the test counts them).  Root only:
# skips otherwise.
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
unshare -p -f -m --mount-proc true 2>/dev/null ||
	{ echo "SKIP: unshare -p --mount-proc"; exit 77; }
exec unshare -p -f -m --mount-proc "${top_builddir:-.}/tests/owners_reuse_test"
