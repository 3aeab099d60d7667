/*
 * msgfit_test.c: msg_fit() (core/msgfit.c).  A message that fits is
 * written as vsnprintf would; one naming a 3 000-byte path keeps its
 * start and its reason around "..." (vsnprintf kept the path and lost
 * the reason); a cut never splits a UTF-8 character; a tiny buffer is
 * just cut.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "msgfit.h"

/* 1 if s is well-formed UTF-8 (no character cut in two). */
static int utf8_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (*u) {
		int k = *u < 0x80	      ? 0
			: (*u & 0xe0) == 0xc0 ? 1
			: (*u & 0xf0) == 0xe0 ? 2
			: (*u & 0xf8) == 0xf0 ? 3
					      : -1;

		if (k < 0)
			return 0;
		for (u++; k > 0; k--, u++)
			if ((*u & 0xc0) != 0x80)
				return 0;
	}
	return 1;
}

int main(void)
{
	char buf[256], tiny[8], *path = malloc(3001);
	const char *why = "No such file or directory";
	size_t n;

	if (!path)
		return 99;
	n = msg_fit(buf, sizeof(buf), "cannot read %s: %s", "/etc/x", why);
	CHECK_STR(buf, "cannot read /etc/x: No such file or directory");
	CHECK_INT(n, strlen(buf));

	path[0] = '/';
	memset(path + 1, 'a', 2999);
	path[3000] = '\0';
	n = msg_fit(buf, sizeof(buf), "cannot read %s: %s", path, why);
	CHECK_INT(n, strlen(buf));
	CHECK(n < sizeof(buf) && n > sizeof(buf) - 8);
	CHECK(!strncmp(buf, "cannot read /aaa", 16));
	CHECK(strstr(buf, "a...a") != NULL);
	CHECK(n > strlen(why) && !strcmp(buf + n - strlen(why) - 2,
					 ": No such file or directory"));

	/* two-byte characters on both sides of the cut */
	for (size_t i = 0; i + 2 <= 3000; i += 2)
		memcpy(path + i, "\xc3\xa9", 2); /* é */
	path[3000] = '\0';
	for (size_t size = 16; size <= sizeof(buf); size++) {
		n = msg_fit(buf, size, "%s: %s", path, why);
		CHECK(n < size && strlen(buf) == n);
		CHECK(utf8_ok(buf));
		/* (n may be shorter than why below 64) */
		CHECK(size < 64 || !strcmp(buf + n - strlen(why), why));
	}

	n = msg_fit(tiny, sizeof(tiny), "%s", "a long message");
	CHECK_STR(tiny, "a long ");
	free(path);
	return check_done();
}
