#!/bin/bash
# diag_kernel.sh: runs diag_kernel_test in a private network namespace
# (loopback up), so its sockets and `ss` see only each other.  Skips (77)
# where namespaces cannot be made (not root, no unshare).
builddir=${top_builddir:-.}
prog=$builddir/tests/diag_kernel_test
command -v unshare >/dev/null || exit 77
command -v ss >/dev/null || exit 77
unshare -n true 2>/dev/null || exit 77
exec unshare -n sh -c 'ip link set lo up && exec "$0"' "$prog"
