/*
 * fuzz_ftail.c: libFuzzer target for the command line's filter: its words
 * and a -F file's text (filter_parse_words), and the screen's way of
 * showing them (filter_join_words, parsed back by filter_parse_tail).
 *
 * The input is WORDS \x01 FILE: WORDS split on \x02 into argv words.  Any
 * input either parses or fails with an error inside its source; a parsed
 * filter dumps and compiles to a program the kernel's audit accepts.
 * Without a -F text, and with no word that the screen's line would read
 * as an option (a leading '-') and no state word (state/exclude/excl,
 * which the screen's line takes only in front), the joined
 * line must give the same answer: both parse to the same filter (equal
 * dumps), or both fail.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytecode.h"
#include "filter.h"
#include "select.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * No word starting with '-', no state word anywhere (even inside a word,
 * even spelt with backslashes, which the splitting drops).
 */
static int plain_words(int argc, char **argv)
{
	char buf[8192];

	for (int i = 0; i < argc; i++) {
		const char *w = buf;
		size_t k = 0;

		if (argv[i][0] == '-')
			return 0;
		for (const char *c = argv[i]; *c && k < sizeof(buf) - 1; c++)
			if (*c != '\\')
				buf[k++] = *c;
		buf[k] = '\0';
		while (*w) {
			size_t n;

			w += strspn(w, " \t\n\r");
			n = strcspn(w, " \t\n\r");
			if ((n == 5 && !strncmp(w, "state", 5)) ||
			    (n == 7 && !strncmp(w, "exclude", 7)) ||
			    (n == 4 && !strncmp(w, "excl", 4)))
				return 0;
			w += n;
		}
	}
	return 1;
}

static void check(struct filter *f, const struct filter_result *res)
{
	struct bc_opts o = {.allow_mark = 1};
	struct bc_prog p;
	char buf[512];

	if (!f) {
		char *s = filter_render_error(res, 7);
		size_t len = res->src ? strlen(res->src) : 0;

		if (res->ok || res->off > len || !res->msg[0] || !s)
			abort();
		free(s);
		return;
	}
	filter_dump(f, buf, sizeof(buf));
	bc_compile(f, &o, &p);
	if (p.code && bc_audit(p.code, p.len, 1))
		abort();
	bc_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter_opts o = {.no_dns = 1};
	struct filter_result res, res2;
	struct sk_select sel;
	struct filter *f, *g;
	char *text, *file = NULL, **argv = NULL, *w;
	int argc = 0;

	if (size > 8192 || memchr(data, '\0', size))
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((file = strchr(text, '\x01')))
		*file++ = '\0';
	argv = malloc((size + 1) * sizeof(*argv));
	for (w = text; w; argc++) {
		char *sep = strchr(w, '\x02');

		argv[argc] = w;
		if (sep)
			*sep++ = '\0';
		w = sep;
	}
	if (argc == 1 && !argv[0][0])
		argc = 0;
	/* the same tables for service names on both ways */
	sel_init(&sel);
	o.tabs = sel.tabs;

	f = filter_parse_words(argc, argv, file, &o, &res);
	check(f, &res);
	if (!file && plain_words(argc, argv)) {
		char *line = filter_join_words(argc, argv);
		char d1[4096], d2[4096];

		sel_init(&sel);
		g = filter_parse_tail(line, &sel, &o, &res2);
		if (!f != !g)
			abort();
		if (f && g) {
			filter_dump(f, d1, sizeof(d1));
			filter_dump(g, d2, sizeof(d2));
			if (strcmp(d1, d2))
				abort();
		}
		filter_free(g);
		filter_result_fini(&res2);
		free(line);
	}
	filter_free(f);
	filter_result_fini(&res);
	free(argv);
	free(text);
	return 0;
}
