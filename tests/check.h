/*
 * check.h: what the C unit tests share.  CHECK(cond) reports a failed
 * condition with its place and counts it in `failures`, which main()
 * turns into the exit status (check_done()).  CHECK_INT and CHECK_STR
 * compare a value with the one wanted and print both when they differ;
 * CHECK_MSG is CHECK with a printf-style line saying what was got.  Each
 * returns (for CHECK_INT, CHECK_STR and CHECK_MSG) whether the check held.
 * With ssfmt.h included first, check_render() gives a formatter's rendered
 * rows as a string.
 */
#ifndef SSTOP_TESTS_CHECK_H
#define SSTOP_TESTS_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                            \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__,          \
				__LINE__, #cond);                              \
			failures++;                                            \
		}                                                              \
	} while (0)

#define CHECK_INT(got, want)                                                   \
	check_int_(__FILE__, __LINE__, #got, (long long)(got),                 \
		   (long long)(want))
#define CHECK_STR(got, want) check_str_(__FILE__, __LINE__, #got, (got), (want))
#define CHECK_MSG(cond, ...)                                                   \
	check_msg_(__FILE__, __LINE__, #cond, !!(cond), __VA_ARGS__)

static inline int check_int_(const char *file, int line, const char *expr,
			     long long got, long long want)
{
	if (got == want)
		return 1;
	fprintf(stderr, "FAIL %s:%d: %s\n  got  %lld\n  want %lld\n", file,
		line, expr, got, want);
	failures++;
	return 0;
}

static inline int check_str_(const char *file, int line, const char *expr,
			     const char *got, const char *want)
{
	if (got && want && !strcmp(got, want))
		return 1;
	fprintf(stderr, "FAIL %s:%d: %s\n  got  \"%s\"\n  want \"%s\"\n", file,
		line, expr, got ? got : "(null)", want ? want : "(null)");
	failures++;
	return 0;
}

__attribute__((format(printf, 5, 6))) static inline int
check_msg_(const char *file, int line, const char *expr, int ok,
	   const char *fmt, ...)
{
	va_list ap;

	if (ok)
		return 1;
	fprintf(stderr, "FAIL %s:%d: %s: ", file, line, expr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
	return 0;
}

/* Says ok or FAILED; main()'s exit status: 1 after a failed check. */
static inline int check_done(void)
{
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}

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
