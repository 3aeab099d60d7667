/*
 * check.h: what the C unit tests share.  CHECK(cond) reports a failed
 * condition with its place and counts it in `failures`, which main()
 * turns into the exit status.  With ssfmt.h included first, check_render()
 * gives a formatter's rendered rows as a string.
 */
#ifndef SSTOP_TESTS_CHECK_H
#define SSTOP_TESTS_CHECK_H

#include <stdio.h>

static int failures;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__,          \
				__LINE__, #cond);                              \
			failures++;                                            \
		}                                                              \
	} while (0)

#ifdef SSTOP_SSFMT_H
/* Renders f's rows into a static string through a temporary file. */
static inline char *check_render(struct ssfmt *f)
{
	static char out[4096];
	FILE *tmp = tmpfile();
	size_t n;

	if (!tmp)
		return out;
	ssfmt_render(f, tmp);
	rewind(tmp);
	n = fread(out, 1, sizeof(out) - 1, tmp);
	out[n] = '\0';
	fclose(tmp);
	return out;
}
#endif

#endif
