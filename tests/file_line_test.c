/*
 * file_line_test.c: file_line() (core/file.c) on a crafted file: lines of
 * any length up to the limit come back whole (3 000 bytes, where a 1 KiB
 * fgets() buffer cut them into pieces read as lines of their own), an
 * empty line is one, a line over the limit is FILE_ETOOBIG with its first
 * bytes and the next call reads the next line, a last line without its
 * '\n' counts, then the end (-1), again and again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "file.h"

int main(void)
{
	FILE *f = tmpfile();
	char *buf = NULL, *big = malloc(3001);
	size_t cap = 0;
	long n;

	if (!f || !big)
		return 99;
	memset(big, 'x', 3000);
	big[3000] = '\0';
	fprintf(f, "short\n%s\n\n%s y\nafter\nlast", big, big);
	rewind(f);

	CHECK_INT(file_line(f, &buf, &cap, 3000), 5);
	CHECK_STR(buf, "short");
	CHECK_INT(file_line(f, &buf, &cap, 3000), 3000);
	CHECK(!strcmp(buf, big));
	CHECK_INT(file_line(f, &buf, &cap, 3000), 0);
	CHECK_STR(buf, "");
	/* 3 002 bytes: over the limit, the rest of it skipped */
	n = file_line(f, &buf, &cap, 3000);
	CHECK_INT(n, FILE_ETOOBIG);
	CHECK_INT(strlen(buf), 3000);
	CHECK_INT(file_line(f, &buf, &cap, 3000), 5);
	CHECK_STR(buf, "after");
	CHECK_INT(file_line(f, &buf, &cap, 3000), 4);
	CHECK_STR(buf, "last");
	CHECK_INT(file_line(f, &buf, &cap, 3000), -1);
	CHECK_INT(file_line(f, &buf, &cap, 3000), -1);
	free(buf);
	free(big);
	fclose(f);
	return check_done();
}
