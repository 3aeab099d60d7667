#!/bin/bash
# diag_reject.sh: runs diag_reject_test in a private network namespace, as
# root (it drops to nobody itself).  Skips (77) where it cannot.
prog=${top_builddir:-.}/tests/diag_reject_test
[ "$(id -u)" = 0 ] || exit 77
unshare -n true 2>/dev/null || exit 77
exec unshare -n sh -c 'ip link set lo up && exec "$0"' "$prog"
