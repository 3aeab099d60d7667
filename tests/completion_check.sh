#!/bin/bash
# completion_check.sh: data/bash-completion/sstop completes what it should.
#
# The file is sourced into a clean bash twice: alone (its own fallback for
# splitting the line) and after bash-completion's bash_completion (its
# _init_completion), when that is installed.  In each, _sstop is called as
# bash would call it for a given command line (COMP_WORDS split as bash
# splits them, "=" a word of its own), and the candidates are checked:
# families after -f, -A tables after a comma, state names after `state`,
# column ids after --sort (and --sort=), --columns lists, options after "-",
# and every long option of `sstop --help` is offered.
#
# Needs no root.

. "${top_srcdir:-.}/tests/lib.sh"
: "${top_srcdir:=.}"

file=$top_srcdir/data/bash-completion/sstop

# One mode, run in a bash of its own: $1 is "fallback" or "full".
inner() {
	if [ "$1" = full ]; then
		# shellcheck disable=SC1091
		. /usr/share/bash-completion/bash_completion ||
			fail "cannot source bash_completion"
		declare -F _init_completion >/dev/null ||
			fail "bash_completion defines no _init_completion"
	else
		! declare -F _init_completion >/dev/null ||
			fail "_init_completion defined in fallback mode"
	fi
	# shellcheck disable=SC1090
	. "$file" || fail "cannot source $file"
	[ "$(complete -p sstop)" = "complete -F _sstop sstop" ] ||
		fail "not registered: $(complete -p sstop 2>&1)"

	# comp LINE WORD...: the candidates, one a line, sorted, for the
	# command line LINE (cursor at its end) split into WORD...
	comp() {
		local line=$1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		COMPREPLY=()
		_sstop sstop "${COMP_WORDS[COMP_CWORD]}" \
			"${COMP_WORDS[COMP_CWORD - 1]}"
		printf '%s\n' "${COMPREPLY[@]}" | sort
	}
	# expect LABEL "CANDIDATES" LINE WORD...: exactly these candidates.
	expect() {
		local label=$1 want got
		want=$(printf '%s\n' $2 | sort)
		shift 2
		got=$(comp "$@")
		[ "$got" = "$want" ] || fail "$mode: $label: got [" $got "] want [" $want "]"
	}
	# has LABEL "CANDIDATES" LINE WORD...: at least these.
	has() {
		local label=$1 want=$2 got w
		shift 2
		got=$(comp "$@")
		for w in $want; do
			grep -qxF -- "$w" <<<"$got" ||
				fail "$mode: $label: $w not offered (got:" $got ")"
		done
	}

	expect "-f" "unix inet inet6 link netlink vsock tipc xdp" \
		"sstop -f " sstop -f ""
	expect "-f i" "inet inet6" "sstop -f i" sstop -f i
	expect "--family" "unix inet inet6 link netlink vsock tipc xdp" \
		"sstop --family " sstop --family ""
	expect "-A tcp,u" \
		"tcp,udp tcp,unix tcp,unix_dgram tcp,unix_stream tcp,unix_seqpacket" \
		"sstop -A tcp,u" sstop -A tcp,u
	expect "-A p" "packet packet_raw packet_dgram" "sstop -A p" sstop -A p
	has "state" "established syn-sent syn-recv fin-wait-1 fin-wait-2
		time-wait closed close-wait last-ack listening closing all
		connected synchronized bucket big" \
		"sstop -t state " sstop -t state ""
	expect "exclude l" "last-ack listening" \
		"sstop exclude l" sstop exclude l
	columns="netid state recv-q send-q local peer process uid inode cookie
		rtt cwnd retrans timer mem cgroup iface tx-rate rx-rate health"
	expect "--sort" "$columns" "sstop --sort " sstop --sort ""
	expect "--sort=r" "recv-q rtt retrans rx-rate" "sstop --sort=r" sstop --sort = r
	expect "--sort=" "$columns" "sstop --sort=" sstop --sort =
	expect "--columns" "netid,state,recv-q netid,state,retrans netid,state,rtt
		netid,state,rx-rate" \
		"sstop --columns netid,state,r" sstop --columns netid,state,r
	has "-" "-t -u -x -a -l -n -p -f -A --tcp --udp --sort --columns --batch
		--help --version" "sstop -" sstop -
	expect "--so" "--socket --sort" "sstop --so" sstop --so
	expect "--no-" "--no-color --no-header --no-mouse" \
		"sstop --no-" sstop --no-
	has "filter words" "state exclude src dst sport dport and or not" \
		"sstop -t " sstop -t ""
	# Every long option that --help lists.
	has "--help's options" "$(LC_ALL=C "$SSTOP" --help |
		grep -Eo '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]//' |
		sort -u)" "sstop --" sstop --
	echo "$mode: ok"
}

if [ "${1-}" = --inner ]; then
	mode=$2
	inner "$2"
	exit 0
fi

"$BASH" --norc --noprofile "$0" --inner fallback || exit 1
if [ -f /usr/share/bash-completion/bash_completion ]; then
	"$BASH" --norc --noprofile "$0" --inner full || exit 1
else
	echo "bash-completion not installed: fallback mode only"
fi
exit 0
