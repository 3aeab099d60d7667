#!/bin/bash
# hostile_args.sh: a message that names a long path or argument keeps its
# reason.  With paths of about 1 000 bytes (--replay, -F, --record) and an
# interval of 3 000 bytes, each message ends with why, the middle of the
# long word giving way to "..." (a 1 KiB buffer kept the path and dropped
# the reason).  No kernel needed.

. "${top_srcdir:=.}/tests/lib.sh"
tmpdir_make
export LC_ALL=C

long=$TMP
for c in d e f g; do
	long=$long/$(printf "$c%.0s" $(seq 250))
done
# check WHAT STATUS REASON ARGS...: the last line of stderr ends with REASON
check() {
	local what=$1 want=$2 why=$3 err st
	shift 3
	err=$("$SSTOP" "$@" 2>&1 >/dev/null)
	st=$?
	[ "$st" = "$want" ] || fail "$what: exit $st, want $want"
	echo "$err" | grep -q -- "$why" ||
		fail "$what: no reason in: $(echo "$err" | tail -c 200)"
	echo "$err" | grep -qF '...' || fail "$what: not shortened: $err"
	echo "ok: $what: ...$(echo "$err" | grep -- "$why" | tail -c 60)"
}
check "--replay" 1 'No such file or directory$' --batch --replay "$long/x"
check "-F" 1 'No such file or directory$' --batch -F "$long/x"
check "--record" 1 'No such file or directory$' --batch --record "$long/x"
check "--interval" 2 ')$' --batch --interval="$(printf '9%.0s' $(seq 3000))x"
exit 0
