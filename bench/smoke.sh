#!/bin/bash
# bench/smoke.sh: keeps the benchmark harness from rotting.  Runs
# `bench/run --quick` (50 connections, one run, a private network namespace)
# against the sstop just built and checks that it printed the table with
# every expected row.  Timings are not checked: only that each row exists and
# that the ss side, which always works, has numbers.  Needs root and
# namespaces: skips (77) otherwise.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=.}"
: "${SSTOP:=$top_builddir/sstop}"

if [ "$(id -u)" != 0 ] || ! unshare -n true 2>/dev/null; then
	echo "smoke: needs root and unshare -n; skipped"
	exit 77
fi

out=$(mktemp /tmp/sstop-smoke.XXXXXX) || exit 99
err=$(mktemp /tmp/sstop-smoke-err.XXXXXX) || exit 99
trap 'rm -f "$out" "$err"' EXIT

SSTOP=$SSTOP "$BASH" "$top_srcdir/bench/run" --quick \
	--bindir "$top_builddir/bench" >"$out" 2>"$err"
rc=$?
cat "$out"
if [ "$rc" = 77 ]; then
	cat "$err"
	exit 77
fi
if [ "$rc" != 0 ]; then
	echo "smoke: bench/run failed ($rc):"
	cat "$err"
	exit 1
fi

fail=0
grep -q '^# sstop vs ss: ' "$out" || { echo "smoke: no title"; fail=1; }
grep -q '^| conns | procs | sockets | measure |' "$out" ||
	{ echo "smoke: no table header"; fail=1; }

# Batch rows: ss's wall and cpu columns are numbers; sstop's are numbers or
# n/a (until the feature lands).
num='[0-9]+\.[0-9]+'
for m in tan tani tanm tanp tanpie 'filter 1%'; do
	if ! grep -q -E "^\| 50 \| 2 \| [0-9]+ \| $m \| $num \| $num \| ($num|n/a) \| ($num|n/a) \|" "$out"; then
		echo "smoke: no row for $m"
		fail=1
	fi
done
for m in 'build \(procs, s\)' 'refresh cpu/refresh' 'refresh -p cpu/refresh' \
	'idle %core @2s' 'bytes/unchanged refresh' 're-sort \(key I\)' \
	'input latency \(worst\)'; do
	if ! grep -q -E "^\| 50 \| 2 \| [0-9]+ \| $m \|" "$out"; then
		echo "smoke: no row for $m"
		fail=1
	fi
done
# The generator really built the workload: 50 connections, half-closed
# pairs, listeners, UDP and unix sockets.
if ! grep -q -E '^\| 50 \| 2 \| 1[0-9][0-9] \| tan \|' "$out"; then
	echo "smoke: unexpected socket count"
	fail=1
fi
exit "$fail"
