/*
 * filter_err_test.c: malformed filters give a sentence and the exact bytes
 * at fault.
 *
 * Each case names the offending span (byte offset and length in the line
 * as typed) and the message; the caret rendering is checked too, with
 * multibyte text before the caret.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "filter.h"

static const struct {
	const char *in;
	size_t off, len;
	const char *msg;
} cases[] = {
	{"sport > *", 8, 1, "'>' needs a port number, not '*'"},
	{"src ::1", 4, 3, "an IPv6 address needs brackets: [::1]"},
	{"( sport = :22", 0, 1, "this '(' is never closed"},
	{"sport = :22 )", 12, 1, "unmatched ')'"},
	{"sport = :22 or", 14, 1, "expected a condition after 'or'"},
	{"sport =", 7, 1, "expected a port after '='"},
	{"src != 127.0.0.1", 4, 2,
	 "'!=' cannot follow 'src': only '=' can (write '! src ...')"},
	{"src < 127.0.0.1", 4, 1,
	 "'<' cannot follow 'src': only '=' can (write '! src ...')"},
	{"dev > 1", 4, 1, "'>' cannot follow 'dev'"},
	{"frobnicate 1", 0, 10, "unknown keyword 'frobnicate'"},
	{"sport = :nosuchservice", 9, 13,
	 "'nosuchservice' does not look like a port"},
	{"sport = :70000", 9, 5, "port 70000 is out of range"},
	{"src 127.0.0.1:nosuch", 14, 6, "'nosuch' does not look like a port"},
	{"src 300.1.2.3", 4, 9,
	 "'300.1.2.3' is neither an address nor a known host name"},
	{"src [::1", 4, 4, "this '[' is never closed"},
	{"src [::1]x", 9, 1, "expected ':' and a port after ']'"},
	{"state bogus", 6, 5, "unknown state name 'bogus'"},
	{"sport = :22 state established", 12, 5,
	 "'state' must come before the expression"},
	{"state", 5, 1, "expected a state name after 'state'"},
	{"dev nosuchdev0", 4, 10, "no device 'nosuchdev0'"},
	{"fwmark abc", 7, 3, "'abc' is not a mark (VALUE[/MASK])"},
	{"fwmark 1/xyz", 9, 3, "'xyz' is not a mask"},
	{"cgroup /no/such/cgroup", 7, 15, "no cgroup '/no/such/cgroup'"},
	{"user nosuchuserxyz", 5, 13, "unknown user 'nosuchuserxyz'"},
	{"uid abc", 4, 3, "'abc' is not a number"},
	{"rtt < fast", 6, 4, "'fast' is not a time in ms"},
	{"pid 0", 4, 1, "'0' is not a pid"},
	{"! ", 1, 1, "expected a condition after '!'"},
	{"( )", 2, 1, "empty parentheses"},
	{"sport = :22 ) or ( dport = :1", 12, 1, "unmatched ')'"},
	{"and sport = :22", 0, 3, "expected a condition, not 'and'"},
	{"sport = 'x", 8, 1, "this quote is never closed"},
	{"src 127.0.0.1/33", 4, 12, "'127.0.0.1/33' is not an address prefix"},
	{"recvq > 10X", 8, 3, "'10X' is not a size"},
	{"autobound = 1", 10, 1, "expected a condition, not '='"},
	{"sport = :22 = :23", 12, 1, "expected a condition, not '='"},
};

static void check_renders(void)
{
	struct filter_result res;
	struct filter *f;
	char *s;

	f = filter_parse_string("sport = :22 or bogus", NULL, &res);
	s = filter_render_error(&res, 0);
	CHECK(!f);
	CHECK_STR(s, "sport = :22 or bogus\n"
		     "               ^^^^^ unknown keyword 'bogus'\n");
	free(s);
	filter_free(f);
	filter_result_fini(&res);

	/* Columns, not bytes: "é" is two bytes and one column. */
	f = filter_parse_string("src unix:/tmp/\xc3\xa9 frob", NULL, &res);
	s = filter_render_error(&res, 0);
	CHECK(!f);
	CHECK_MSG(strstr(s, "\n                ^^^^ "), "render with UTF-8: %s",
		  s);
	free(s);
	filter_free(f);
	filter_result_fini(&res);

	/* Argument words and -F lines: only the offending line is shown. */
	{
		static char w0[] = "sport", w1[] = "= :22";
		char *argv[] = {w0, w1};

		f = filter_parse_words(2, argv, "# x\nor bogus\n", NULL, &res);
		s = filter_render_error(&res, 0);
		CHECK(!f);
		CHECK_STR(s, "or bogus\n   ^^^^^ unknown keyword 'bogus'\n");
		free(s);
		filter_free(f);
		filter_result_fini(&res);
	}
}

int main(void)
{
	size_t n = sizeof(cases) / sizeof(*cases);

	setlocale(LC_ALL, "C.UTF-8");
	for (size_t i = 0; i < n; i++) {
		struct filter_result res;
		struct filter *f = filter_parse_string(cases[i].in, NULL, &res);

		if (CHECK_MSG(!f && !res.ok, "\"%s\" was accepted",
			      cases[i].in)) {
			int bad = !CHECK_INT(res.off, cases[i].off) +
				  !CHECK_INT(res.len, cases[i].len) +
				  !CHECK_STR(res.msg, cases[i].msg);

			if (bad)
				fprintf(stderr, "  (for \"%s\")\n",
					cases[i].in);
		}
		filter_free(f);
		filter_result_fini(&res);
	}
	check_renders();
	printf("%zu malformed filters, %d failures\n", n, failures);
	return check_done();
}
