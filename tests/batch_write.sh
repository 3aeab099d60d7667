#!/bin/bash
# batch_write.sh: a listing that cannot be written ends with its reason.
# In a private network namespace, owners_hold keeps about 5000 unix socket
# pairs (a listing of ~500 KB, written in blocks): written to /dev/full,
# streamed or whole (--json, --sort), sstop exits 1 and says "cannot write
# the output: No space left on device"; into a pipe whose reader leaves
# after 100 bytes, with SIGPIPE ignored, it says "Broken pipe"; with
# SIGPIPE as usual it dies of it quietly, as ss and every filter do.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
export LC_ALL=C

bg_ready hold "$top_builddir/tests/owners_hold" 2500
# both processes ready (the parent once its pairs are made)
wait_lines "$TMP/hold" 2 ready || fail "owners_hold not ready"
lines=$("$SSTOP" --batch -xa | wc -l)
[ "$lines" -gt 5000 ] || fail "only $lines lines listed"

# expect_err NAME STATUS FILE: sstop's status and its one line on stderr.
expect_err() {
	[ "$2" = 1 ] || fail "$1: exit status $2, not 1"
	grep -qx "sstop: cannot write the output: $4" "$3" ||
		fail "$1: stderr is '$(cat "$3")'"
}

for args in "-xa" "-xa --json" "-xa --sort=local"; do
	# shellcheck disable=SC2086
	"$SSTOP" --batch $args >/dev/full 2>"$TMP/err"
	expect_err "$args >/dev/full" $? "$TMP/err" "No space left on device"
done

# SIGPIPE ignored (inherited): the write says EPIPE
(
	trap '' PIPE
	"$SSTOP" --batch -xa 2>"$TMP/err" | head -c 100 >/dev/null
	echo "${PIPESTATUS[0]}" >"$TMP/status"
)
expect_err "SIGPIPE ignored" "$(cat "$TMP/status")" "$TMP/err" "Broken pipe"

# SIGPIPE as usual: killed by it, nothing said
"$SSTOP" --batch -xa 2>"$TMP/err" | head -c 100 >/dev/null
st=${PIPESTATUS[0]}
[ "$st" = $((128 + 13)) ] || fail "SIGPIPE: exit status $st, not 141"
[ -s "$TMP/err" ] && fail "SIGPIPE: stderr is '$(cat "$TMP/err")'"
exit 0
