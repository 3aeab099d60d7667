#!/bin/bash
# cli_usage.sh: the command line's contract.  Bad usage exits 2 with a
# message naming what is wrong and the --help hint, nothing on stdout;
# --help and --version exit 0.  With no terminal on standard output sstop
# prints as --batch does (once), so `sstop -tn | grep ...` works as with
# ss; --json alone prints one document; the screen refuses to start when
# standard input is not a terminal (exit 1).  Runs in a private network
# namespace on the sockmix.

. "${top_srcdir:-.}/tests/lib.sh"
netns_enter "$@"
tmpdir_make
sockmix_start

# usage WANT_IN_MESSAGE ARGS...: exit 2, the message, the hint, no stdout.
usage() {
	local want=$1 rc
	shift
	"$SSTOP" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
	rc=$?
	[ "$rc" = 2 ] || fail "sstop $*: exit $rc, want 2"
	grep -qF -- "$want" "$TMP/err" ||
		fail "sstop $*: the message lacks \"$want\": $(cat "$TMP/err")"
	[ -s "$TMP/out" ] && fail "sstop $*: printed on stdout"
	return 0
}
usage "invalid sort column: nosuch" --sort=nosuch
usage "invalid sort column: local:up" --sort=local:up
usage "invalid column list: local,bogus" --columns=local,bogus
usage "invalid column list: local,,peer" --columns=local,,peer
usage "invalid interval: 0" --interval=0
usage "invalid interval: abc" --interval=abc
usage "invalid number of iterations: x" --batch --iterations=x
# one rule for the interval (the command line, the d prompt, the rc file)
usage "invalid interval: 1e-9 (the interval must be 0.1 to 3600" --interval=1e-9
usage "invalid interval: 3601" --interval=3601
usage "invalid interval: 0.09" --batch --interval=0.09
# options that cannot go together are said, never dropped
usage "--replay reads a recorded file: --record" --batch --replay=/dev/null --record="$TMP/r"
usage "--replay reads a recorded file: -D" --batch --replay=/dev/null -D "$TMP/r"
[ -e "$TMP/r" ] && fail "--replay with --record wrote a file"
usage "it cannot go with --replay" --batch --replay=/dev/null -E
usage "it cannot go with -s" --batch -s -E
usage "it cannot go with -K" --batch -K -E
usage "invalid family for -f" -f bogus
usage "wrong state name: bogus" state bogus
usage "Try 'sstop --help'" --no-such-option
# a bad filter: where it is wrong, with a caret
usage "^^^^" -t 'sport = :nosuchservice'
grep -q "does not look like a port" "$TMP/err" || fail "filter message"

"$SSTOP" --help | grep -q -- '--batch' || fail "--help lacks --batch"
"$SSTOP" --version | grep -q '^sstop [0-9]' || fail "--version"

# No terminal on stdout: the --batch listing, once.
"$SSTOP" --batch -tan >"$TMP/batch" || fail "sstop --batch -tan failed"
"$SSTOP" -tan </dev/null >"$TMP/pipe" 2>"$TMP/err" ||
	fail "sstop -tan into a file failed: $(cat "$TMP/err")"
diff -u "$TMP/batch" "$TMP/pipe" ||
	fail "sstop -tan into a file is not the --batch output"
grep -q '127.0.0.1:7010 ' "$TMP/pipe" || fail "sstop -tan lacks the sockmix"
[ "$("$SSTOP" -tan | grep -c '^ESTAB ')" = "$(ss -tan | grep -c '^ESTAB ')" ] ||
	fail "sstop -tan | grep: not ss's count"

# --json alone: one document, then exit.
timeout 10 "$SSTOP" --json -t </dev/null >"$TMP/json" ||
	fail "sstop --json did not end by itself"
[ "$(grep -o '"sockets"' "$TMP/json" | wc -l)" = 1 ] ||
	fail "sstop --json printed $(grep -o '"sockets"' "$TMP/json" | wc -l) documents"

# The screen needs a terminal on stdin: refused, exit 1, in a tmux pane.
if command -v tmux >/dev/null; then
	sock="$TMP/tmux.sock"
	on_exit "tmux -S '$sock' kill-server 2>/dev/null"
	tmux -S "$sock" -f /dev/null new-session -d -x 100 -y 10 \
		"$SSTOP -t </dev/null >/dev/tty 2>$TMP/tty.err; echo \$? >$TMP/tty.rc; sleep 30"
	for _ in $(seq 100); do
		[ -s "$TMP/tty.rc" ] && break
		sleep 0.05
	done
	[ "$(cat "$TMP/tty.rc" 2>/dev/null)" = 1 ] ||
		fail "the screen with stdin not a terminal: exit $(cat "$TMP/tty.rc" 2>/dev/null)"
	grep -q "standard input is not a terminal" "$TMP/tty.err" ||
		fail "no message for stdin not a terminal: $(cat "$TMP/tty.err")"
fi
echo "command line: ok"
