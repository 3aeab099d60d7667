/*
 * sanitize_test.c: control characters never pass san_escape(); printable
 * text and UTF-8 pass unchanged.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "sanitize.h"

static void check(const char *in, size_t len, const char *want)
{
	char out[256];
	size_t n = san_escape(out, sizeof(out), in, len);

	CHECK_STR(out, want);
	CHECK_INT(n, strlen(want));
	CHECK_MSG(san_needed(in, len) ==
			  (strcmp(in, want) != 0 || len != strlen(in)),
		  "san_needed wrong for \"%s\"", want);
}

int main(void)
{
	char small[6];

	check("/tmp/.X11-unix/X0", 17, "/tmp/.X11-unix/X0");
	check("\033[31mred", 8, "\\x1b[31mred");
	check("a\nb\tc", 5, "a\\x0ab\\x09c");
	check("caf\xc3\xa9", 5, "caf\xc3\xa9");
	check("\xc2\x9b"
	      "31m",
	      5, "\\xc2\\x9b31m"); /* C1 CSI */
	check("\xff\xfe", 2, "\\xff\\xfe");
	check("\xe2\x82", 2, "\\xe2\\x82"); /* truncated UTF-8 */
	check("del\x7f", 4, "del\\x7f");
	check("\xed\xa0\x80", 3, "\\xed\\xa0\\x80"); /* surrogate */
	/* bidi overrides, isolates, zero-width: shown by number */
	check("rtl\xe2\x80\xaegnp.exe", 13, "rtl\\u202egnp.exe");
	check("\xe2\x81\xa6"
	      "a\xe2\x81\xa9",
	      7, "\\u2066a\\u2069");
	check("a\xe2\x80\x8b"
	      "b",
	      5, "a\\u200bb");
	check("\xef\xbb\xbf", 3, "\\ufeff");
	check("\xf3\xa0\x81\x81", 4, "\\U000e0041"); /* a tag */
	/* truncation keeps a NUL and reports the full length */
	CHECK_INT(san_escape(small, sizeof(small), "\033\033", 2), 8);
	CHECK_INT(strlen(small), 5);
	return check_done();
}
