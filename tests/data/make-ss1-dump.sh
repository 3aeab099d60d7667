#!/bin/bash
# make-ss1-dump.sh OUT: rebuilds the socket situation of iproute2's
# testsuite/tests/ss/ssfilter.t (whose ss1.dump is not distributed) in a
# private network namespace and writes it with `ss -D OUT`:
#
#   LISTEN 0.0.0.0:22; ESTAB 10.0.0.1:36266 <-> 10.0.0.1:22;
#   ESTAB 10.0.0.1:22 <- 10.0.0.2:50312 (the client end is dropped
#   silently by sockmix -s: in the original it was another host).
#
# Needs root (unshare -n).  SOCKMIX is the tests/sockmix helper (default
# tests/sockmix under $top_builddir or the current directory).  This wrote
# tests/data/ss1.dump; tests/batch_ssfilter.sh runs it on every check.
set -e
out=$1
[ -n "$out" ] || { echo "usage: make-ss1-dump.sh OUT" >&2; exit 2; }
: "${SOCKMIX:=${top_builddir:-.}/tests/sockmix}"
if [ -z "$SS1_NETNS" ]; then
	SS1_NETNS=1 exec unshare -n "$BASH" "$0" "$@"
fi
ip link set lo up
ip addr add 10.0.0.1/32 dev lo
ip addr add 10.0.0.2/32 dev lo
dir=$(mktemp -d "${TMPDIR:-/tmp}/ss1.XXXXXX")
mkfifo "$dir/in" "$dir/out"
"$SOCKMIX" -s <"$dir/in" >"$dir/out" &
mix=$!
trap 'kill $mix 2>/dev/null; wait $mix 2>/dev/null || :; rm -rf "$dir"; exit $rc' EXIT
rc=1
# sockmix -s lives until its stdin (fd 8 here) closes.
exec 8>"$dir/in" 7<"$dir/out"
read -r -t 10 line <&7
case $line in ready*) ;; *) echo "sockmix -s: $line" >&2; exit 1 ;; esac
ss -D "$out" -tna 2>/dev/null
rc=0
