/*
 * filter_parse_test.c: filter expressions to canonical trees.
 *
 * Every keyword, operator and alias, state group, address form, service
 * name and precedence case, given as a user types it on the filter line,
 * must parse into the tree written next to it.  Also: the argv entry point
 * (each word split again), -F text, the mixed and/or hint and host names.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

static int failures;

static const struct {
	const char *in;
	const char *want;
} cases[] = {
	{"sport = :22",
	 "(src *:22)"},
	{"sport == 22",
	 "(src *:22)"},
	{"sport eq :22",
	 "(src *:22)"},
	{"sport 22",
	 "(src *:22)"},
	{"sport = ssh",
	 "(src *:22)"},
	{"sport = :http",
	 "(src *:80)"},
	{"dport = https",
	 "(dst *:443)"},
	{"dport = domain",
	 "(dst *:53)"},
	{"sport != :22",
	 "(not (src *:22))"},
	{"sport ne 22",
	 "(not (src *:22))"},
	{"sport neq 22",
	 "(not (src *:22))"},
	{"sport > :1024",
	 "(not (sport <= 1024))"},
	{"sport gt 1024",
	 "(not (sport <= 1024))"},
	{"sport < 1024",
	 "(not (sport >= 1024))"},
	{"sport lt 1024",
	 "(not (sport >= 1024))"},
	{"sport >= 1024",
	 "(sport >= 1024)"},
	{"sport ge 1024",
	 "(sport >= 1024)"},
	{"sport geq 1024",
	 "(sport >= 1024)"},
	{"sport <= 1024",
	 "(sport <= 1024)"},
	{"sport le 1024",
	 "(sport <= 1024)"},
	{"sport leq 1024",
	 "(sport <= 1024)"},
	{"dport > 0x400",
	 "(not (dport <= 1024))"},
	{"dport = 010",
	 "(dst *:8)"},
	{"src 127.0.0.1",
	 "(src 127.0.0.1/32:*)"},
	{"src = 127.0.0.1",
	 "(src 127.0.0.1/32:*)"},
	{"src == 10.0.0.0/8",
	 "(src 10.0.0.0/8:*)"},
	{"src eq 127/8",
	 "(src 127.0.0.0/8:*)"},
	{"dst 193.233.7/24",
	 "(dst 193.233.7.0/24:*)"},
	{"src 127.1",
	 "(src 127.1.0.0/32:*)"},
	{"src 127.0.0.1:80",
	 "(src 127.0.0.1/32:80)"},
	{"src 127.0.0.1:http",
	 "(src 127.0.0.1/32:80)"},
	{"src :80",
	 "(src *:80)"},
	{"src *:80",
	 "(src *:80)"},
	{"src 1.2.3.4:*",
	 "(src 1.2.3.4/32:*)"},
	{"src default",
	 "(src *:*)"},
	{"src any",
	 "(src *:*)"},
	{"dst all",
	 "(dst *:*)"},
	{"dst 0x7f000001",
	 "(dst 127.0.0.1/32:*)"},
	{"src [::1]",
	 "(src [::1]/128:*)"},
	{"src [::1]:4000",
	 "(src [::1]/128:4000)"},
	{"src [2001:db8::/32]:80",
	 "(src [2001:db8::]/32:80)"},
	{"src 2001:db8::/32",
	 "(src [2001:db8::]/32:*)"},
	{"dst [::ffff:1.2.3.4]",
	 "(dst [::ffff:1.2.3.4]/128:*)"},
	{"dst ::/0",
	 "(dst [::]/0:*)"},
	{"src unix:/tmp/*",
	 "families=0x2 (src unix:\"/tmp/*\")"},
	{"src unix:@abstract*",
	 "families=0x2 (src unix:\"@abstract*\")"},
	{"src inet:10.0.0.1",
	 "families=0x4 (src 10.0.0.1/32:*)"},
	{"src inet6:[::1]",
	 "families=0x400 (src [::1]/128:*)"},
	{"src link:ip:1",
	 "families=0x20000 (src link:2048:1)"},
	{"src netlink:rtnl:kernel",
	 "families=0x10000 (src netlink:0:0)"},
	{"src vsock:3:1024",
	 "families=0x10000000000 (src vsock:3:1024)"},
	{"dev lo",
	 "(dev 1)"},
	{"dev = 1",
	 "(dev 1)"},
	{"dev != lo",
	 "(not (dev 1))"},
	{"fwmark 0x10",
	 "(fwmark 0x10/0xffffffff)"},
	{"fwmark = 0x10/0xff",
	 "(fwmark 0x10/0xff)"},
	{"fwmark != 1/1",
	 "(not (fwmark 0x1/0x1))"},
	{"mark 5",
	 "(fwmark 0x5/0xffffffff)"},
	{"cgroup /",
	 "(cgroup 1)"},
	{"cgroup != /",
	 "(not (cgroup 1))"},
	{"autobound",
	 "autobound"},
	{"! autobound",
	 "(not autobound)"},
	{"not sport = :22",
	 "(not (src *:22))"},
	{"sport = :22 and dport = :80",
	 "(and (src *:22) (dst *:80))"},
	{"sport = :22 && dport = :80",
	 "(and (src *:22) (dst *:80))"},
	{"sport = :22 & dport = :80",
	 "(and (src *:22) (dst *:80))"},
	{"sport = :22 dport = :80",
	 "(and (src *:22) (dst *:80))"},
	{"sport = :22 or dport = :80",
	 "(or (src *:22) (dst *:80))"},
	{"sport = :22 || dport = :80",
	 "(or (src *:22) (dst *:80))"},
	{"sport = :22 | dport = :80",
	 "(or (src *:22) (dst *:80))"},
	{"sport = :22 or dport = :80 and src 127.0.0.1",
	 "(and (or (src *:22) (dst *:80)) (src 127.0.0.1/32:*))"},
	{"( sport = :22 or dport = :80 ) and src 127.0.0.1",
	 "(and (or (src *:22) (dst *:80)) (src 127.0.0.1/32:*))"},
	{"sport = :22 or ( dport = :80 and src 127.0.0.1 )",
	 "(or (src *:22) (and (dst *:80) (src 127.0.0.1/32:*)))"},
	{"sport = :22 and dport = :80 or src 127.0.0.1",
	 "(or (and (src *:22) (dst *:80)) (src 127.0.0.1/32:*))"},
	{"! ( sport = :22 or dport = :80 )",
	 "(not (or (src *:22) (dst *:80)))"},
	{"! sport = :22 or dport = :80",
	 "(or (not (src *:22)) (dst *:80))"},
	{"'( sport = :22 )'",
	 "(src *:22)"},
	{"\"dport = :80\"",
	 "(dst *:80)"},
	{"sport\\ =\\ :22",
	 "(src *:22)"},
	{"state established",
	 "states=0x2 all"},
	{"state established sport = :22",
	 "states=0x2 (src *:22)"},
	{"state syn-rcv",
	 "states=0x8 all"},
	{"state connected",
	 "states=0xb7f all"},
	{"state synchronized",
	 "states=0xb7b all"},
	{"state bucket",
	 "states=0x48 all"},
	{"state big",
	 "states=0xfb7 all"},
	{"state all",
	 "states=0xfff all"},
	{"state closed state listening",
	 "states=0x480 all"},
	{"exclude listening",
	 "states=0xbff all"},
	{"excl time-wait exclude syn-recv",
	 "states=0xfb7 all"},
	{"state unconnected",
	 "states=0x80 all"},
	{"state ESTABLISHED",
	 "states=0x2 all"},
	{"uid 0",
	 "(uid = 0)"},
	{"uid > 100",
	 "(uid > 100)"},
	{"uid != 0",
	 "(uid != 0)"},
	{"user root",
	 "(uid = 0)"},
	{"recvq > 10k",
	 "(recvq > 10240)"},
	{"sendq >= 1M",
	 "(sendq >= 1048576)"},
	{"rtt < 5.5",
	 "(rtt < 5500)"},
	{"retrans > 0",
	 "(retrans > 0)"},
	{"inode 12345",
	 "(inode = 12345)"},
	{"cookie = 0x10",
	 "(cookie = 16)"},
	{"proc = 'nginx*'",
	 "(proc \"nginx*\")"},
	{"proc != sshd",
	 "(not (proc \"sshd\"))"},
	{"pid 1",
	 "(pid 1)"},
	{"pid != 1",
	 "(not (pid 1))"},
};

static void check_string(const char *in, const char *want)
{
	struct filter_opts o = {0};
	struct filter_result res;
	struct filter *f = filter_parse_string(in, &o, &res);
	char buf[1024];

	if (!f) {
		printf("FAIL: \"%s\": %s\n", in, res.msg);
		failures++;
	} else {
		filter_dump(f, buf, sizeof(buf));
		if (strcmp(buf, want)) {
			printf("FAIL: \"%s\"\n  got  %s\n  want %s\n", in, buf,
			       want);
			failures++;
		}
	}
	filter_free(f);
	filter_result_fini(&res);
}

static void check_words(void)
{
	static char w0[] = "state", w1[] = "established",
		    w2[] = "( sport = :22 or", w3[] = "dport = :80 )";
	char *argv[] = {w0, w1, w2, w3};
	const char *file = "# a comment\nsrc 127.0.0.1\n\n";
	struct filter_result res;
	struct filter *f = filter_parse_words(4, argv, file, NULL, &res);
	char buf[512];
	const char *want = "states=0x2 (and (or (src *:22) (dst *:80)) "
			   "(src 127.0.0.1/32:*))";

	filter_dump(f, buf, sizeof(buf));
	if (!f || strcmp(buf, want) || res.mixed_andor) {
		printf("FAIL: words: got %s\n", f ? buf : res.msg);
		failures++;
	}
	filter_free(f);
	filter_result_fini(&res);

	/* No state words in a -F file. */
	f = filter_parse_words(0, NULL, "state established\n", NULL, &res);
	if (f || !strstr(res.msg, "state")) {
		printf("FAIL: state in a file was accepted\n");
		failures++;
	}
	filter_free(f);
	filter_result_fini(&res);
}

static void check_mixed(void)
{
	static const struct {
		const char *in;
		int mixed;
	} m[] = {
		{"sport = :1 or dport = :2 and src 127.0.0.1", 1},
		{"sport = :1 or dport = :2 src 127.0.0.1", 1},
		{"( sport = :1 or dport = :2 ) and src 127.0.0.1", 0},
		{"sport = :1 and dport = :2 and autobound", 0},
		{"sport = :1 or dport = :2 or autobound", 0},
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(*m); i++) {
		struct filter_result res;
		struct filter *f = filter_parse_string(m[i].in, NULL, &res);

		if (!f || res.mixed_andor != m[i].mixed) {
			printf("FAIL: mixed hint for \"%s\"\n", m[i].in);
			failures++;
		}
		filter_free(f);
		filter_result_fini(&res);
	}
}

static void check_hostname(void)
{
	struct filter_result res;
	struct filter *f = filter_parse_string("src localhost", NULL, &res);
	char buf[512];

	/* Every address of the name, whatever else /etc/hosts lists. */
	filter_dump(f, buf, sizeof(buf));
	if (!f || !strstr(buf, "127.0.0.1/32:*")) {
		printf("FAIL: src localhost: %s\n", f ? buf : res.msg);
		failures++;
	}
	filter_free(f);
	filter_result_fini(&res);
}

/* Command tails: options through select.h, then the expression. */
static void check_tail(void)
{
	static const struct {
		const char *in;
		const char *want; /* NULL: an error */
		uint32_t tabs;    /* SKT_BIT()s that must be selected */
	} t[] = {
		{"-tan state established '( dport = :22 )'",
		 "(dst *:22)", SKT_BIT(SKT_TCP)},
		{"sport = :22 -t", "(src *:22)", SKT_BIT(SKT_TCP)},
		{"-x src /tmp/*", "(src unix:\"/tmp/*\")", 0},
		{"-6 -A udp src [::1]", "(src [::1]/128:*)", SKT_BIT(SKT_UDP)},
		{"-f inet -n dst 127.1", "(dst 127.1.0.0/32:*)", 0},
		{"--tcp --numeric -- sport = :1", "(src *:1)", SKT_BIT(SKT_TCP)},
		{"-q", NULL, 0},
		{"-A nosuchtable", NULL, 0},
		{"-t state nosuch", NULL, 0},
		{"-K sport = :1", NULL, 0},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++) {
		struct filter_result res;
		struct sk_select sel;
		struct filter *f;
		char buf[256] = "";

		sel_init(&sel);
		f = filter_parse_tail(t[i].in, &sel, NULL, &res);
		sel_finish(&sel);
		if (f)
			filter_dump(f, buf, sizeof(buf));
		if (!t[i].want ? f != NULL
			       : !f || strcmp(buf, t[i].want) ||
					 (sel.tabs & t[i].tabs) != t[i].tabs) {
			printf("FAIL: tail \"%s\": got %s\n", t[i].in,
			       f ? buf : res.msg);
			failures++;
		}
		filter_free(f);
		filter_result_fini(&res);
	}
}

/* Display options: selecting nothing, noted for the screen. */
static void check_show(void)
{
	static const struct {
		const char *in;
		uint32_t show;
	} t[] = {
		{"-tlpe sport = :22",
		 FILTER_SHOW_PROCESSES | FILTER_SHOW_EXTENDED},
		{"--cgroup -m --info dport = :1 -o",
		 FILTER_SHOW_CGROUP | FILTER_SHOW_MEMORY | FILTER_SHOW_INFO |
			 FILTER_SHOW_TIMERS},
		{"-nT -H --tos", FILTER_SHOW_NUMERIC | FILTER_SHOW_THREADS |
				     FILTER_SHOW_NO_HEADER | FILTER_SHOW_TOS},
		{"-ta", 0},
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(*t); i++) {
		struct filter_result res;
		struct sk_select sel;
		struct filter *f;

		sel_init(&sel);
		f = filter_parse_tail(t[i].in, &sel, NULL, &res);
		if (!f || res.show != t[i].show) {
			printf("FAIL: show of \"%s\": %#x\n", t[i].in,
			       (unsigned)res.show);
			failures++;
		}
		filter_free(f);
		filter_result_fini(&res);
	}
	if (strcmp(filter_show_name(FILTER_SHOW_CGROUP), "--cgroup") ||
	    strcmp(filter_show_name(FILTER_SHOW_THREADS), "-T") ||
	    filter_show_name(1u << 30)) {
		printf("FAIL: filter_show_name\n");
		failures++;
	}
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(*cases);

	for (size_t i = 0; i < n; i++)
		check_string(cases[i].in, cases[i].want);
	check_words();
	check_mixed();
	check_hostname();
	check_tail();
	check_show();
	printf("%zu expressions, %d failures\n", n, failures);
	return failures ? 1 : 0;
}
