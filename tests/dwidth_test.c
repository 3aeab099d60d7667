/*
 * dwidth_test.c: the one rule for display columns (core/dwidth.h): wide
 * characters take two columns, bad bytes and characters with no width one
 * '?', and wrapping breaks after a space without ever stalling.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "dwidth.h"

int main(void)
{
	wchar_t wc;
	size_t k;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		puts("SKIP: no C.UTF-8 locale");
		return 77;
	}
	/* plain, wide (U+4E2D), a stray continuation byte, a lone lead byte
	   at the end, a C1 control (no width) */
	CHECK_INT(dw_char("a", 1, &wc, &k), 1);
	CHECK_INT(k, 1);
	CHECK(wc == L'a');
	CHECK_INT(dw_char("\xe4\xb8\xad", 3, &wc, &k), 2);
	CHECK_INT(k, 3);
	CHECK(wc == 0x4e2d);
	CHECK_INT(dw_char("\x80z", 2, &wc, &k), 1);
	CHECK_INT(k, 1);
	CHECK(wc == L'?');
	CHECK_INT(dw_char("\xe4\xb8", 2, &wc, &k), 1);
	CHECK_INT(k, 1);
	CHECK_INT(dw_char("\xc2\x9b", 2, &wc, &k), 1);
	CHECK_INT(k, 2);
	CHECK(wc == L'?');
	CHECK_INT(dw_char("\x1b", 1, NULL, &k), 1);

	CHECK_INT(dw_cols("", 0), 0);
	CHECK_INT(dw_cols("ab\xe4\xb8\xad\x80", 6), 5);
	/* only the first n bytes count */
	CHECK_INT(dw_cols("abcdef", 3), 3);

	/* breaks after the last space that fits */
	CHECK_INT(dw_fit("one two three", 9), 8);
	/* everything fits */
	CHECK_INT(dw_fit("one two", 7), 7);
	/* no space: after the last character that fits */
	CHECK_INT(dw_fit("abcdefgh", 3), 3);
	/* a wide character is never split, and never half-counted */
	CHECK_INT(dw_fit("a\xe4\xb8\xad", 2), 1);
	/* nothing fits: one whole character all the same (no stall) */
	CHECK_INT(dw_fit("\xe4\xb8\xadx", 1), 3);
	CHECK_INT(dw_fit("xyz", 0), 1);
	CHECK_INT(dw_fit("", 5), 0);
	return check_done();
}
