#!/bin/bash
# ui_groupviews.sh: F5's grouping views on a known scene of real sockets.
# Program alpha (one process) listens on P1 with 3 accepted connections
# from 127.0.0.2 (100, 100 bytes unread) and 127.0.0.3 (200) and 2 more
# from 127.0.0.3 waiting in its accept queue (backlog 8); program beta
# (two processes) listens on P2 and P3, one connection each (300 bytes).
# Each view's group headers equal what ss -tanp gives for that scene
# (ss is the oracle: counts, Recv-Q/Send-Q sums without the listeners,
# states, the listeners' accept queues and backlogs), in order (biggest
# Recv-Q first, the catch-all group last) with each group's rows under its
# header; a group collapses and expands (Enter on its header, - and +),
# `*` collapses and expands them all, Space on a header tags its rows, F9
# there does nothing without tags; the view chosen is saved in the rc file
# and comes back at the next start; `t` goes flat and back.  A mouse click
# on a header folds and unfolds it; the collapsed group is saved in the rc
# file (collapsed=, the file otherwise unchanged), comes back at the next
# start, is kept while flat, and its line goes once it is expanded.
. "$top_srcdir/tests/ui_lib.sh"

ui_enter_netns "$@"
command -v ss >/dev/null || exit 77

B=$((20000 + ($$ % 2000) * 10))
P1=$((B + 1)) P2=$((B + 2)) P3=$((B + 3))
cp "$top_builddir/tests/group_scene" "$UI_TMP/alpha" || exit 99
cp "$top_builddir/tests/group_scene" "$UI_TMP/beta" || exit 99
ui_bg a "$UI_TMP/alpha" "$P1" 127.0.0.2 100 127.0.0.2 100 127.0.0.3 200 \
	-p 127.0.0.3 -p 127.0.0.3
ui_bg b1 "$UI_TMP/beta" "$P2" 127.0.0.1 300
ui_bg b2 "$UI_TMP/beta" "$P3" 127.0.0.1 300
[ "$(ss -Htan | wc -l)" = 17 ] || fail "scene: $(ss -tan)"

# expect VIEW: the group headers ss's view of the scene gives, one a line,
# sorted (as text)
expect() {
	ss -Htanp | awk -v mode="$1" '
	function port(a) { sub(/.*:/, "", a); return a }
	function host(a) { sub(/:[^:]*$/, "", a); return a }
	{ line[NR] = $0; if ($1 == "LISTEN") lsn[port($4)] = 1 }
	END {
		for (i = 1; i <= NR; i++) {
			$0 = line[i]
			name = ""; pid = ""
			if (match($0, /\("[^"]*",pid=[0-9]+/)) {
				s = substr($0, RSTART + 2, RLENGTH - 2)
				name = s; sub(/".*/, "", name)
				pid = s; sub(/.*pid=/, "", pid)
			}
			if (mode == "process")
				k = name == "" ? "(no owner)" : name "(" pid ")"
			else if (mode == "program")
				k = name == "" ? "(no owner)" : name
			else if (mode == "host")
				k = $1 == "LISTEN" ? "(no remote host)" : host($5)
			else
				k = port($4) in lsn ? "tcp port " port($4) : "(no listener)"
			n[k]++
			if ($1 == "LISTEN") { l[k]++; acc[k] += $2; max[k] += $3 }
			else { e[k]++; rq[k] += $2; wq[k] += $3 }
			if (mode == "program" && name != "" && !((k, pid) in seen)) {
				seen[k, pid] = 1; np[k]++
			}
		}
		for (k in n) {
			who = k
			if (mode == "program" && np[k])
				who = k "  " np[k] (np[k] == 1 ? " process" : " processes")
			s = sprintf("%s  %d sockets  Recv-Q %d  Send-Q %d ", who, n[k],
				rq[k], wq[k])
			if (e[k]) s = s " ESTAB " e[k]
			if (l[k]) s = s " LISTEN " l[k] "  accept queue " acc[k] "/" max[k]
			print s
		}
	}' | sort
}

# The table's lines (from the column titles to the key bar), blank lines
# left out.
table() {
	ui_screen | sed -n '4,$p' | sed '$d' | grep -v '^ *$'
}
# The group headers shown, in screen order.
heads() {
	table | grep -Ev '^(ESTAB|LISTEN) '
}

# check VIEW FIRST LAST: the headers are ss's for VIEW, FIRST the first
# one's start and LAST the last one's; each header has its rows under it
# (as many as it counts).
check() {
	local want got
	want=$(expect "$1")
	for _ in $(seq 100); do
		got=$(heads | sort)
		[ "$got" = "$want" ] && break
		sleep 0.1
	done
	[ "$got" = "$want" ] ||
		fail "$1 view: headers
$got
want
$want"
	heads | head -1 | grep -Eq "^$2" || fail "$1 view: $2 is not first"
	heads | tail -1 | grep -Eq "^$3" || fail "$1 view: $3 is not last"
	table | awk '
		/^(ESTAB|LISTEN) / { rows++; next }
		{ if (NR > 1 && rows != want) bad = 1
		  want = $0; sub(/ sockets? .*/, "", want); sub(/.*  /, "", want)
		  rows = 0 }
		END { if (rows != want) bad = 1; exit bad }' ||
		fail "$1 view: rows not under their header"
}


ui_start 200 40 -ta -n --interval=0.3 --sort=recv-q:desc
ui_wait 'Rows: 17 '
# owners known (the Process column names alpha): the owners' first pass
# can be slow on a loaded machine
ui_wait ' alpha\([0-9]+\) *$' 70
ui_group_view 1
check process 'alpha\(' '\(no owner\)'
ui_group_view 2
check program 'beta  2 processes' '\(no owner\)'
ui_group_view 3
check host '127\.0\.0\.1  9 sockets' '\(no remote host\)'
# each host's rows have that peer
table | awk '!/^(ESTAB|LISTEN) / { h = $1; next }
	h != "(no" && $5 !~ "^" h ":" { exit 1 }' || fail "a row under the wrong host"
ui_group_view 4
check port "tcp port $P1  6 sockets" '\(no listener\)'
table | awk '!/^(ESTAB|LISTEN) / { p = $1 == "tcp" ? $3 : ""; next }
	p != "" && $4 !~ ":" p "$" { exit 1 }' ||
	fail "a row under the wrong port"
hP1=$(heads | head -1)

# collapse / expand: Home selects the first header, Enter folds it
ui_keys Home Enter
ui_wait "^\+ $hP1\$"
[ "$(table | sed -n 2p | grep -c '^tcp port ')" = 1 ] ||
	fail "collapsed group still shows rows"
ui_wait 'Rows: 17 '
ui_keys Enter
ui_wait "^$hP1\$"
[ "$(table | sed -n 2p | grep -Ec '^(ESTAB|LISTEN) ')" = 1 ] ||
	fail "expanded group shows no rows"
# from a row: - folds its group (the selection goes to the header), +
# unfolds it
ui_keys Down Down -
ui_wait "^\+ $hP1\$"
ui_keys +
ui_wait "^$hP1\$"
# * folds every group, then unfolds them all
ui_keys '*'
ui_wait_not '^(ESTAB|LISTEN) '
[ "$(table | grep -c '^+ ')" = 4 ] || fail "* left groups open"
ui_wait 'Rows: 17 '
ui_keys '*'
ui_wait "^$hP1\$"
check port "tcp port $P1  6 sockets" '\(no listener\)'
# Space on a header tags its rows; F9 on a header without tags asks for
# them; on the table's keys again after moving down
ui_keys Home Space
ui_wait 'Tagged: 6 '
ui_keys Space
ui_wait 'Tagged: 0 '
ui_keys F9
ui_wait 'Space tags its sockets'
ui_keys Escape
# t: flat, then the port view again
ui_keys t
ui_wait_not '^tcp port '
ui_keys t
ui_wait "^$hP1\$"
# a click on a header folds its group, another unfolds it
click_head() {
	local y
	y=$(ui_screen | grep -nxF -- "$1" | head -1 | cut -d: -f1)
	[ -n "$y" ] || fail "no header $1 to click"
	ui_click 3 $((y - 1))
}
click_head "$hP1"
ui_wait "^\+ $hP1\$"
[ "$(table | sed -n 2p | grep -c '^tcp port ')" = 1 ] ||
	fail "clicked group still shows rows"
click_head "+ $hP1"
ui_wait "^$hP1\$"
click_head "$hP1"
ui_wait "^\+ $hP1\$"
ui_keys q
ui_wait 'EXITED 0'
ui_stop

# the view chosen and its collapsed group were saved, and come back
rc=$UI_TMP/home/.config/sstop/sstoprc
grep -qx 'group=port' "$rc" || fail "rc file: $(cat "$rc")"
grep -Eqx 'collapsed=port:[0-9a-f]{1,16}' "$rc" || fail "rc file: $(cat "$rc")"
printf '# mine\ncolor=yes\n' >>"$rc"
cp "$rc" "$UI_TMP/rc0"
ui_start 200 40 -ta -n --interval=0.3 --sort=recv-q:desc
ui_wait "^\+ $hP1\$"
[ "$(table | sed -n 2p | grep -c '^tcp port ')" = 1 ] ||
	fail "restored collapsed group shows rows"
ui_group_view 0
ui_wait_not '^(\+ )?tcp port '
ui_keys q
ui_wait 'EXITED 0'
ui_stop
# only group= changed: the collapsed group is kept while flat
sed 's/^group=port$/group=none/' "$UI_TMP/rc0" | cmp -s - "$rc" ||
	fail "rc file: $(diff "$UI_TMP/rc0" "$rc")"
# the port view again: still collapsed; expanded by a click, the line goes
ui_start 200 40 -ta -n --interval=0.3 --sort=recv-q:desc
ui_wait 'Rows: 17 '
ui_group_view 4
ui_wait "^\+ $hP1\$"
click_head "+ $hP1"
ui_wait "^$hP1\$"
ui_keys q
ui_wait 'EXITED 0'
ui_stop
grep -v '^collapsed=' "$UI_TMP/rc0" | cmp -s - "$rc" ||
	fail "rc file: $(diff "$UI_TMP/rc0" "$rc")"
echo "ui_groupviews: ok"
