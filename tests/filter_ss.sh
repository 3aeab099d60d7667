#!/bin/bash
# filter_ss.sh: `sstop --batch OPTIONS FILTER` prints what `ss OPTIONS
# FILTER` prints, for a table of options and filters, in a private network
# namespace filled by the tests/sockmix helper.  Skips (77) without root,
# namespaces, the helper, or before batch mode takes filters.
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

# One case per line: OPTIONS<TAB>FILTER.  The filter is one ss argument,
# except leading state/exclude words, which ss (and sstop) only recognise as
# words of their own, as a shell user types them.  `autobound` is not here:
# sstop follows the kernel's meaning (accepted and time-wait sockets count as
# autobound), where ss adds a user-space guess; filter_kernel.sh tests it.
cases=$(cat <<'CASES'
-tan	sport = :22
-tan	dport = :22
-tan	sport == 5000
-tan	sport eq :5000
-tan	sport != :5000
-tan	sport > :1024
-tan	sport < 1024
-tan	sport >= 5000 and sport <= 5010
-tan	dport gt 1024
-tan	dport lt 40000
-tan	dport ge 5000
-tan	dport le 5000
-tan	src 127.0.0.1
-tan	dst 127.0.0.1
-tan	src 127.0.0.0/8
-tan	src 127/8
-tan	src 127.1
-tan	dst 127.0.0.1:5000
-tan	src :5000
-tan	src *:5000
-tan	dst 127.0.0.1:*
-tan	src [::1]
-tan	src [::1]:5000
-tan	dst [::1]/128
-tan	src ::1/128
-tan	src default
-tan	dst any
-tan	src [::ffff:127.0.0.1]
-tan	! src 127.0.0.1
-tan	not dport = :5000
-tan	sport = :5000 or dport = :5000
-tan	sport = :5000 || dport = :5000
-tan	sport = :5000 | dport = :5000
-tan	sport = :5000 and dst 127.0.0.1
-tan	sport = :5000 && dst 127.0.0.1
-tan	sport = :5000 & dst 127.0.0.1
-tan	sport = :5000 dst 127.0.0.1
-tan	sport = :5000 or dport = :5000 and src 127.0.0.1
-tan	( sport = :5000 or dport = :5000 ) and src [::1]
-tan	! ( sport = :5000 or dport = :5000 )
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
-tan	state established dport = :5000
-t4an	src 127.0.0.1
-t6an	src [::1]
-ta	sport = :ssh
-tan	sport = :http or sport = :https
-tln	sport > 1000
-tln	src 127.0.0.1
-uan	sport = :5353
-uan	dst 127.0.0.1
-uan	state established
-uan	! dport = :0
-wan	src 127.0.0.1
-xan	src /tmp/*
-xan	src unix:*
-xan	src @*
-xan	sport = 0
-an	src unix:/tmp/*
-an	sport = :5000
-an	src 127.0.0.1
-4an	dst 127.0.0.1
-6an	src [::]
-A tcp,udp -an	sport < 5001
-f inet -an	sport > 1024
-f inet6 -an	sport > 1024
-tan	state established ( dport = :5000 or sport = :5000 )
CASES
)

export SSTOP sockmix cases
unshare -n bash -c '
	ip link set lo up || exit 77
	out=$(mktemp -d) || exit 99
	"$sockmix" >"$out/sockmix.log" 2>&1 &
	pid=$!
	trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf $out" EXIT
	# Wait for the helper to say it is ready (or for sockets to appear).
	for i in $(seq 50); do
		grep -q ready "$out/sockmix.log" 2>/dev/null && break
		sleep 0.1
	done
	n=0 fail=0
	while IFS=$'\''\t'\'' read -r opts filter; do
		[ -n "$opts" ] || continue
		n=$((n + 1))
		# Word-split the options on purpose: "-A tcp,udp -an".
		case $filter in
		state\ * | exclude\ *)
			set -f; words=($filter); set +f
			# state NAME stay words; the rest is one argument
			args=("${words[0]}" "${words[1]}")
			rest="${filter#"${words[0]} ${words[1]}"}"
			rest="${rest# }"
			[ -n "$rest" ] && args+=("$rest")
			;;
		*) args=("$filter") ;;
		esac
		# stdout only: ss 6.1 also prints a spurious DCCP error on stderr.
		ss $opts "${args[@]}" >"$out/ss" 2>"$out/ss.err"
		rc_ss=$?
		"$SSTOP" --batch $opts "${args[@]}" >"$out/sstop" 2>"$out/sstop.err"
		rc_sstop=$?
		# A bad filter: ss exits 1, sstop 2 (documented); both must fail.
		[ $rc_ss -ne 0 ] && rc_ss=bad
		[ $rc_sstop -ne 0 ] && rc_sstop=bad
		if [ "$rc_ss" != "$rc_sstop" ] ||
		   ! diff <(sort "$out/ss") <(sort "$out/sstop") >"$out/diff"; then
			echo "FAIL: $opts \"$filter\" (ss $rc_ss, sstop $rc_sstop)"
			head -20 "$out/diff"
			fail=$((fail + 1))
		fi
	done <<<"$cases"
	echo "$n cases, $fail failures"
	[ $fail -eq 0 ]
'
