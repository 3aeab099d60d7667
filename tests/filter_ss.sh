#!/bin/bash
# filter_ss.sh: `sstop --batch OPTIONS FILTER` prints what `ss OPTIONS
# FILTER` prints, for a table of options and filters, in a private network
# namespace filled by the tests/sockmix helper (the main mix with a marked
# listener and a UDP socket on port 53 bound to lo, the rarer tables of
# `sockmix -r`, and a listener on port 22, in a cgroup of its own when
# cgroup2 is writable).  Skips
# (77) without root, namespaces, the helper, or before batch mode takes
# filters.
top_builddir=${top_builddir:-.}
SSTOP=${SSTOP:-$top_builddir/sstop}
sockmix=$top_builddir/tests/sockmix

skip() { echo "skip: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root"
unshare -n true 2>/dev/null || skip "cannot create a network namespace"
command -v ss >/dev/null || skip "no ss"
[ -x "$sockmix" ] || skip "no tests/sockmix helper yet"
probe=$("$SSTOP" --batch -t 'sport = :1' 2>&1)
if [ $? -ne 0 ] && grep -qi 'not supported\|not yet\|unsupported' <<<"$probe"; then
	skip "batch mode does not take filters yet: $probe"
fi

# Family prefixes of two families in one expression: ss keeps only the
# last one's family for the dump (parse_hostcond resets the set each
# time), so `src link:ip or src netlink:genl` lists no packet socket
# there, and `src unix:X or sport = :N` no inet one.  sstop lists every
# socket the expression matches: checked after the table against the
# union of ss's listings of each side.
#
# `mark` (sstop's alias of fwmark, which ss rejects) is checked after the
# table: sstop's `mark V` lists what ss's `fwmark V` lists.
#
# One case per line: OPTIONS<TAB>FILTER.  The filter is one ss argument,
# except leading state/exclude words, which ss (and sstop) only recognise as
# words of their own, as a shell user types them.  With `-F FILE` in the
# options, FILTER (\n for new lines) is written to a file given to both;
# with `-F -` it is their standard input.  @CG@ is the test's cgroup (those
# cases are left out when cgroup2 is not writable).  `autobound` is not here:
# sstop follows the kernel's meaning (accepted and time-wait sockets count as
# autobound), where ss adds a user-space guess; filter_kernel.sh tests it.
cases=$(cat <<'CASES'
-tan	sport = :22
-tan	dport = :22
-tan	sport == 7000
-tan	sport eq :7000
-tan	sport != :7000
-tan	sport > :1024
-tan	sport < 1024
-tan	sport >= 7000 and sport <= 7012
-tan	dport gt 1024
-tan	dport lt 40000
-tan	dport ge 7000
-tan	dport le 7000
-tan	src 127.0.0.1
-tan	dst 127.0.0.1
-tan	src 127.0.0.0/8
-tan	src 127/8
-tan	src 127.1
-tan	dst 127.0.0.1:7000
-tan	src :7000
-tan	src *:7000
-tan	dst 127.0.0.1:*
-tan	src [::1]
-tan	src [::1]:7000
-tan	dst [::1]/128
-tan	src ::1/128
-tan	src default
-tan	dst any
-tan	src [::ffff:127.0.0.1]
-tan	! src 127.0.0.1
-tan	not dport = :7000
-tan	sport = :7000 or dport = :7000
-tan	sport = :7000 || dport = :7000
-tan	sport = :7000 | dport = :7000
-tan	sport = :7000 and dst 127.0.0.1
-tan	sport = :7000 && dst 127.0.0.1
-tan	sport = :7000 & dst 127.0.0.1
-tan	sport = :7000 dst 127.0.0.1
-tan	sport = :7000 or dport = :7000 and src 127.0.0.1
-tan	( sport = :7000 or dport = :7000 ) and src [::1]
-tan	! ( sport = :7000 or dport = :7000 )
-tan	dev lo
-tan	dev 1
-tan	state established
-tan	state listening
-tan	state connected
-tan	state synchronized
-tan	state time-wait
-tan	state bucket
-tan	state big
-tan	exclude established
-tan	state established dport = :7000
-t4an	src 127.0.0.1
-t6an	src [::1]
-ta	sport = :ssh
-tan	sport = :http or sport = :https
-tln	sport > 1000
-tln	src 127.0.0.1
-uan	sport = :7053
-uan	dst 127.0.0.1
-uan	state established
-uan	! dport = :0
-wan	src 127.0.0.1
-xan	src /tmp/*
-xan	src unix:*
-xan	src @*
-xan	sport = 0
-an	src unix:/tmp/*
-an	sport = :7000
-an	src 127.0.0.1
-4an	dst 127.0.0.1
-6an	src [::]
-A tcp,udp -an	sport < 7001
-f inet -an	sport > 1024
-f inet6 -an	sport > 1024
-tan	state established ( dport = :7000 or sport = :7000 )
-tan	sport neq :7000
-tan	sport ne 7000
-tan	dport leq 7012
-tan	dport geq 7011
-tan	sport == :7000 and dport le 7011
-tan	dport ge :7110 and dport lt :7113
-tan	sport gt 7000 && sport < 7012
-tan	dport eq :7012 || dport == :7112
-tan	src 127.0.0.1 dport neq :7000 sport ne :7000
-tan	fwmark 0x10
-tan	fwmark = 16
-tan	fwmark 0x10/0xf0
-tan	fwmark != 0x10
-tan	! fwmark 0/0x10
-uan	fwmark 0x10
-tln	sport = :7000 or fwmark 0x10
-tan	cgroup @CG@
-tan	cgroup != @CG@
-tln	cgroup @CG@ or sport = :7100
-tn	state all
-tn	state connected
-tn	state synchronized
-tn	state bucket
-tn	state big
-un	state all
-un	state connected
-un	state synchronized
-un	state bucket
-un	state big
-tn	exclude bucket
-tn	excl big
-un	exclude connected
-tn	exclude synchronized sport = :7000
-tn	state bucket state listening
-tn	state time-wait exclude time-wait
-tan -F @FILE@	# the IPv4 listener's connections\nsport = :7000\n\n# and their peers\nor dport = :7000\n
-tan -F @FILE@	# only a comment\n
-tan -F @FILE@	( src 127.0.0.1\n  and dport > 7010 )   # trailing comment\n
-tan -F -	sport = :7100 or\ndport = :7100\n
-uan -F -	# comment\ndst 127.0.0.1\n
-xan	src unix:*sockmix*
-an	src unix:*sockmix.sock
-an	src inet:127.0.0.1
-an	dst inet:127.0.0.1:7000
-an	src inet6:[::1]
-an	src inet6:[::1]:7100
-tan	src inet:127.0.0.0/8 and dst inet6:[::1]
-an	src link:*
-an	src link:ip
-an	src link:all:lo
-an	src link:*:1
-0an	src link:ip:lo
-0an	sport = :lo
-0an	! src link:all
-f link -an	src link:*:lo
-an	src netlink:rtnl
-an	src netlink:genl:*
-an	src netlink:*:kernel
-an	dst netlink:*:0
-A netlink -an	src netlink:rtnl
-A netlink -an	sport = :0
-A netlink -an	sport > 100
-A netlink -an	sport < 100
-A netlink -an	dport = :0
-A netlink -an	dport != :0
-A netlink -an	dport <= 5
-A raw -an	src 127.0.0.1
-A raw -an	src inet6:[::1]
-A tcp,udp -an	dport = :7000 or sport = :7053
-A inet -an	src 127.0.0.1
-A raw,udp -an	src [::1]
-A unix_stream,unix_seqpacket -an	src unix:*sockmix*
-A unix_dgram -an	src unix:*
-A tcp,mptcp -an	sport = :7400
-A udp -an	dev lo
-4 -tan	sport = :7000
-6 -tan	sport = :7100
-4 -an	src 127.0.0.1 or src ::1
-4 -an	src 127.0.0.1 or src [::1]
-6 -an	src [::1]:7153
-f inet -tan	dst 127.0.0.1:7000
-f inet6 -tan	dport = :7100
-f unix -an	src *sockmix*
-f netlink -an	src netlink:rtnl
-uan	sport = :domain or dport = :domain
-uan	sport != :domain
-tan	sport = :ssh or sport = :smtp
-uan	dev lo
-uan	dev = lo
-uan	dev != lo
-tan	dev != 1
-an	dev lo
CASES
)

export SSTOP sockmix cases
unshare -n bash -c '
	ip link set lo up || exit 77
	out=$(mktemp -d) || exit 99
	pids=() cg=
	cleanup() {
		for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
		[ -n "$cg" ] && rmdir "$cg"
		rm -rf "$out"
	}
	trap cleanup EXIT
	# start NAME CMD...: a helper, its output in $out/NAME, until "ready".
	start() {
		local name=$1 i
		shift
		"$@" </dev/null >"$out/$name" 2>&1 &
		pids+=($!)
		for i in $(seq 100); do
			grep -q ready "$out/$name" && return 0
			sleep 0.1
		done
		echo "$name did not start: $(cat "$out/$name")"
		exit 99
	}
	start mix "$sockmix" -p -m -b -d "$out"
	start rare "$sockmix" -p -r -d "$out"
	# A listener in a cgroup of its own, when cgroup2 is there and ours.
	mnt=$(awk '\''$3 == "cgroup2" { print $2; exit }'\'' /proc/mounts)
	if [ -n "$mnt" ] && mkdir "$mnt/sstop-filter-ss.$$" 2>/dev/null; then
		cg=$mnt/sstop-filter-ss.$$
		cgpath=/sstop-filter-ss.$$
		export cg
		start cgroup bash -c "echo \$\$ >\"\$cg/cgroup.procs\" && exec \"\$sockmix\" -p -L 22"
	else
		echo "note: cgroup2 not writable, cgroup cases left out"
		start ssh "$sockmix" -p -L 22
	fi
	# Each program lists its own sock_diag socket: dropped from both.
	noself() {
		grep -Ev "(tcpdiag:(ss|sstop)/[0-9]+|[^0-9]4:[1-9][0-9]*) "
	}
	# same SS SSTOP: both listings, sorted, in SS.x and SSTOP.x.  ss
	# prints the escape sequence of a unix path raw, sstop as "\x1b"
	# (every kernel string is sanitised): then columns are compared
	# squeezed, as the escaped path widens sstop'\''s.
	same() {
		noself <"$1" | sort >"$1.x"
		noself <"$2" | sort >"$2.x"
		if grep -q $'\''\x1b'\'' "$1.x"; then
			sed -e '\''s/\x1b/\\x1b/g'\'' "$1.x" | tr -s " " | sed -e "s/ \$//" >"$1.y"
			tr -s " " <"$2.x" | sed -e "s/ \$//" >"$2.y"
			mv "$1.y" "$1.x" && mv "$2.y" "$2.x"
		fi
	}
	n=0 fail=0 rows=0
	while IFS=$'\''\t'\'' read -r opts filter; do
		[ -n "$opts" ] || continue
		case $filter in
		*@CG@*)
			[ -n "$cg" ] || continue
			filter=${filter//@CG@/$cgpath}
			;;
		esac
		n=$((n + 1))
		input=/dev/null
		case " $opts " in
		*" -F @FILE@ "*)
			printf "%b" "$filter" >"$out/filter.$n"
			opts=${opts//@FILE@/$out/filter.$n}
			filter=
			;;
		*" -F - "*)
			printf "%b" "$filter" >"$out/filter.$n"
			input=$out/filter.$n
			filter=
			;;
		esac
		# Word-split the options on purpose: "-A tcp,udp -an".
		case $filter in
		state\ * | exclude\ * | excl\ *)
			set -f; words=($filter); set +f
			# state NAME stay words; the rest is one argument
			args=("${words[0]}" "${words[1]}")
			rest="${filter#"${words[0]} ${words[1]}"}"
			rest="${rest# }"
			case $rest in
			state\ * | exclude\ *)
				args+=(${rest%% *})
				rest=${rest#* }
				args+=(${rest%% *})
				rest=${rest#"${rest%% *}"}
				rest="${rest# }"
				;;
			esac
			[ -n "$rest" ] && args+=("$rest")
			;;
		"") args=() ;;
		*) args=("$filter") ;;
		esac
		# A queue may move between the two runs (a packet socket on lo
		# counts the traffic of the namespace): up to 3 tries, each
		# running both programs again.
		for try in 1 2 3; do
			# stdout only: ss 6.1 also prints a spurious DCCP error on stderr.
			ss $opts "${args[@]}" <"$input" >"$out/ss" 2>"$out/ss.err"
			rc_ss=$?
			"$SSTOP" --batch $opts "${args[@]}" <"$input" >"$out/sstop" 2>"$out/sstop.err"
			rc_sstop=$?
			# A bad filter: ss exits 1, sstop 2 (documented); both must fail.
			[ $rc_ss -ne 0 ] && rc_ss=bad
			[ $rc_sstop -ne 0 ] && rc_sstop=bad
			same "$out/ss" "$out/sstop"
			[ "$rc_ss" = "$rc_sstop" ] &&
				diff -q "$out/ss.x" "$out/sstop.x" >/dev/null && break
		done
		[ "$(wc -l <"$out/ss.x")" -gt 1 ] && rows=$((rows + 1))
		if [ "$rc_ss" != "$rc_sstop" ] ||
		   ! diff "$out/ss.x" "$out/sstop.x" >"$out/diff"; then
			echo "FAIL: $opts \"$filter\" (ss $rc_ss, sstop $rc_sstop)"
			head -20 "$out/diff"
			head -3 "$out/sstop.err"
			fail=$((fail + 1))
		fi
	done <<<"$cases"
	# sstop'\''s alias: `mark` is fwmark.
	ss -tan fwmark 0x10 >"$out/ss" 2>/dev/null
	"$SSTOP" --batch -tan mark 0x10 >"$out/sstop" 2>"$out/sstop.err"
	same "$out/ss" "$out/sstop"
	n=$((n + 1))
	if ! diff "$out/ss.x" "$out/sstop.x" >"$out/diff" ||
	   [ "$(wc -l <"$out/ss.x")" -lt 2 ]; then
		echo "FAIL: sstop \"mark 0x10\" is not ss \"fwmark 0x10\""
		head -20 "$out/diff"
		fail=$((fail + 1))
	fi
	# Prefixes of two families: the union of ss'\''s listings of each.
	while IFS=$'\''\t'\'' read -r opts a b; do
		n=$((n + 1))
		{ ss $opts "$a"; ss $opts "$b"; } 2>/dev/null | noself |
			grep -v "^Netid" | tr -s " " | sort -u >"$out/ss.x"
		"$SSTOP" --batch $opts "$a or $b" 2>/dev/null | noself |
			grep -v "^Netid" | tr -s " " | sort >"$out/sstop.x"
		if ! diff "$out/ss.x" "$out/sstop.x" >"$out/diff" ||
		   [ ! -s "$out/ss.x" ]; then
			echo "FAIL: sstop $opts \"$a or $b\" is not ss'\''s \"$a\" plus \"$b\""
			head -20 "$out/diff"
			fail=$((fail + 1))
		fi
	done <<-UNION
	-an	src link:ip	src netlink:genl
	-an	src inet:127.0.0.1:7000	dst inet6:[::1]:7100
	-an	src unix:*sockmix.sock	sport = :7053
	UNION
	echo "$n cases, $rows with rows, $fail failures"
	# Most cases must select something, or the mix is not there.
	[ $((rows * 4)) -ge $((n * 3)) ] || { echo "FAIL: too few cases list sockets"; exit 1; }
	[ $fail -eq 0 ]
'
