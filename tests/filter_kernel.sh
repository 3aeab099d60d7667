#!/bin/bash
# filter_kernel.sh: compiled filters through the real kernel, in a private
# network namespace (see filter_kernel_test.c).  Skips without root or
# namespaces.
helper="${top_builddir:-.}/tests/filter_kernel_test"
if [ "$(id -u)" != 0 ]; then
	echo "skip: needs root"
	exit 77
fi
if ! unshare -n true 2>/dev/null; then
	echo "skip: cannot create a network namespace"
	exit 77
fi
exec unshare -n bash -c 'ip link set lo up && exec "$0"' "$helper"
