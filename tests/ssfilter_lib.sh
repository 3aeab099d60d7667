# tests/ssfilter_lib.sh: runs the cases of tests/data/ssfilter.cases (from
# iproute2's ssfilter.t) against a dump file.  Source it, then:
#
#   ssfilter_header FILE   checks that FILE, read by ss with TCPDIAG_FILE,
#                          lists the four sockets of the .t header
#   ssfilter_cases FILE    runs `$SSTOP --batch --replay=FILE -Htna FILTER`
#                          for every case: exactly the expected line; and,
#                          when ss is there, the same output as ss on FILE
#
# Needs lib.sh (fail, $TMP) and $top_srcdir.

ssfilter_squeeze() {
	tr -s ' ' | sed -e 's/ $//'
}

ssfilter_header() {
	local want
	want=$(printf '%s\n' \
		'LISTEN 0 128 0.0.0.0:22 0.0.0.0:*' \
		'ESTAB 0 0 10.0.0.1:22 10.0.0.1:36266' \
		'ESTAB 0 0 10.0.0.1:36266 10.0.0.1:22' \
		'ESTAB 0 0 10.0.0.1:22 10.0.0.2:50312' | sort)
	[ "$(TCPDIAG_FILE=$1 ss -Htna 2>/dev/null | ssfilter_squeeze | sort)" = "$want" ] ||
		fail "TCPDIAG_FILE=$1 ss -Htna does not list the four sockets of ssfilter.t"
	[ "$("$SSTOP" --batch --replay="$1" -Htna | ssfilter_squeeze | sort)" = "$want" ] ||
		fail "sstop --replay=$1 -Htna does not list the four sockets of ssfilter.t"
}

ssfilter_cases() {
	local file=$1 expect filter got ran=0
	local -a words

	while IFS=$'\t' read -r expect filter; do
		case $expect in '#'* | '') continue ;; esac
		read -r -a words <<<"$filter"
		got=$("$SSTOP" --batch --replay="$file" -Htna "${words[@]}" 2>&1) ||
			fail "sstop -Htna $filter exited $?: $got"
		got=$(printf '%s\n' "$got" | ssfilter_squeeze)
		[ "$got" = "$expect" ] ||
			fail "sstop -Htna $filter: got '$got', want '$expect'"
		if command -v ss >/dev/null; then
			[ "$(TCPDIAG_FILE=$file ss -Htna "${words[@]}" 2>/dev/null |
				ssfilter_squeeze)" = "$expect" ] ||
				fail "ss -Htna $filter on $file: not '$expect'"
		fi
		ran=$((ran + 1))
	done <"$top_srcdir/tests/data/ssfilter.cases"
	[ "$ran" = 12 ] || fail "ran $ran ssfilter.t cases, not 12"
}
