/*
 * filter_text.c: the filter's source text: words, tokens and errors shown
 * under the line.
 *
 * Text becomes tokens in two steps, as in ss: words (argv elements, or a
 * typed line split with shell quoting), then each word split again on
 * blanks with backslash escapes.  Every character keeps its byte offset in
 * the source line, so that an error can point at the offending token, and
 * filter_render_error() draws the caret under it (in columns).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "filter_int.h"
#include "i18n.h"
#include "sanitize.h"
#include "xalloc.h"
/* ---- words and tokens ------------------------------------------------ */

struct cbuf {
	char *s;
	uint32_t *o;
	size_t n, cap;
};

static void cb_put(struct cbuf *b, char c, size_t off)
{
	if (b->n + 1 >= b->cap) {
		size_t cap = b->cap;

		b->s = xgrow(b->s, &cap, b->n + 2, 1);
		b->o = xrealloc(b->o, cap * sizeof(*b->o));
		b->cap = cap;
	}
	b->s[b->n] = c;
	b->o[b->n++] = (uint32_t)off;
	b->s[b->n] = '\0';
}

void filter_toks_free(struct ftoks *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].s);
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}

static void toks_add(struct ftoks *out, struct cbuf *b, int in_file)
{
	struct ftok *t;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	t = &out->v[out->n++];
	t->s = xstrndup(b->s, b->n);
	t->off = b->o[0];
	t->len = b->o[b->n - 1] + 1 - b->o[0];
	t->in_file = (uint8_t)in_file;
	b->n = 0;
}

void filter_ss_split(const char *s, const uint32_t *o, size_t n, int in_file,
		     struct ftoks *out)
{
	struct cbuf b = {0};
	size_t i = 0;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			if (b.n)
				toks_add(out, &b, in_file);
			i++;
			continue;
		}
		/* A backslash makes the next character ordinary. */
		if (s[i] == '\\' && i + 1 < n)
			i++;
		else if (s[i] == '\\') {
			i++;
			continue;
		}
		cb_put(&b, s[i], o[i]);
		i++;
	}
	if (b.n)
		toks_add(out, &b, in_file);
	free(b.s);
	free(b.o);
}

void filter_fwords_free(struct fword *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(w[i].s);
		free(w[i].o);
	}
	free(w);
}

int filter_split_words(const char *text, struct fword **out, size_t *n,
		       size_t *err_off)
{
	struct fword *w = NULL;
	size_t nw = 0, cap = 0, i = 0, len = strlen(text);

	while (i < len) {
		struct cbuf b = {0};
		int any = 0;

		while (i < len && strchr(" \t\n\r", text[i]))
			i++;
		if (i >= len)
			break;
		while (i < len && !strchr(" \t\n\r", text[i])) {
			char q = text[i];

			any = 1;
			if (q == '\'' || q == '"') {
				size_t start = i++;

				while (i < len && text[i] != q) {
					if (q == '"' && text[i] == '\\' &&
					    i + 1 < len &&
					    strchr("\"\\$`", text[i + 1]))
						i++;
					cb_put(&b, text[i], i);
					i++;
				}
				if (i >= len) {
					free(b.s);
					free(b.o);
					filter_fwords_free(w, nw);
					*err_off = start;
					return -EINVAL;
				}
				i++;
				continue;
			}
			if (q == '\\' && i + 1 < len)
				i++;
			cb_put(&b, text[i], i);
			i++;
		}
		if (!any)
			continue;
		w = xgrow(w, &cap, nw + 1, sizeof(*w));
		if (!b.s) /* '' is an empty word */
			cb_put(&b, '\0', i), b.n = 0;
		w[nw].s = b.s;
		w[nw].o = b.o;
		w[nw].n = b.n;
		nw++;
	}
	*out = w;
	*n = nw;
	return 0;
}

/*
 * Would a piece of w (split at spaces) be read as an option if it stood
 * alone on the screen's line ("-t", "--")?  Such a word keeps its quotes
 * there.  (State words stay bare: leading, they select states there as
 * on the command line.)
 */
static int reads_apart(const char *w)
{
	if (!w[strcspn(w, " \t\n\r")])
		return 0;
	while (*w) {
		size_t n;

		w += strspn(w, " \t\n\r");
		n = strcspn(w, " \t\n\r");
		if (n && w[0] == '-')
			return 1;
		w += n;
	}
	return 0;
}

char *filter_join_words(int argc, char *const *argv)
{
	size_t need = 1;
	char *out, *o;

	for (int i = 0; i < argc; i++)
		need += 4 * strlen(argv[i]) + 3;
	o = out = xmalloc(need);
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];

		if (i)
			*o++ = ' ';
		/* spaces split a word as they split the line: left bare */
		if (*w && !w[strcspn(w, "'\"\\")] && !reads_apart(w)) {
			o = stpcpy(o, w);
			continue;
		}
		*o++ = '\'';
		for (; *w; w++) {
			if (*w == '\'')
				o = stpcpy(o, "'\\''");
			else
				*o++ = *w;
		}
		*o++ = '\'';
	}
	*o = '\0';
	return out;
}

static void res_start(struct filter_result *res, char *src)
{
	memset(res, 0, sizeof(*res));
	res->ok = 1;
	res->src = src;
}

void filter_result_fini(struct filter_result *res)
{
	free(res->src);
	res->src = NULL;
}

struct filter *filter_parse_words(int argc, char *const *argv,
				  const char *file_text,
				  const struct filter_opts *o,
				  struct filter_result *res)
{
	struct ftoks toks = {0};
	struct cbuf line = {0};
	struct filter *f;
	size_t start;

	/* The source: the words joined by spaces, then the file's text. */
	for (int i = 0; i < argc; i++) {
		if (i)
			cb_put(&line, ' ', line.n);
		start = line.n;
		for (const char *c = argv[i]; *c; c++)
			cb_put(&line, *c, line.n);
		filter_ss_split(line.s + start, line.o + start, line.n - start,
				0, &toks);
	}
	if (file_text) {
		const char *c = file_text;

		if (line.n)
			cb_put(&line, '\n', line.n);
		while (*c) {
			const char *eol = strchrnul(c, '\n');

			start = line.n;
			for (const char *q = c; q < eol; q++)
				cb_put(&line, *q, line.n);
			if (*c != '#')
				filter_ss_split(line.s + start, line.o + start,
						line.n - start, 1, &toks);
			if (*eol)
				cb_put(&line, '\n', line.n);
			c = *eol ? eol + 1 : eol;
		}
	}
	res_start(res, line.s ? line.s : xstrdup(""));
	free(line.o);
	f = filter_parse_toks(toks.v, toks.n, 1, o, res);
	filter_toks_free(&toks);
	return f;
}

struct filter *filter_parse_string(const char *text,
				   const struct filter_opts *o,
				   struct filter_result *res)
{
	struct ftoks toks = {0};
	struct fword *w;
	size_t n, err;
	struct filter *f;

	res_start(res, xstrdup(text));
	if (filter_split_words(text, &w, &n, &err) < 0) {
		res->ok = 0;
		res->off = err;
		res->len = 1;
		snprintf(res->msg, sizeof(res->msg), "%s",
			 _("this quote is never closed"));
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		filter_ss_split(w[i].s, w[i].o, w[i].n, 0, &toks);
	filter_fwords_free(w, n);
	f = filter_parse_toks(toks.v, toks.n, 1, o, res);
	filter_toks_free(&toks);
	return f;
}

size_t filter_text_cols(const char *s, size_t n)
{
	mbstate_t st;
	size_t cols = 0, i = 0;

	memset(&st, 0, sizeof(st));
	while (i < n) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		int w;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			cols++;
			i++;
			continue;
		}
		w = wcwidth(wc);
		cols += w > 0 ? (size_t)w : 0;
		i += k;
	}
	return cols;
}

/* Moves i back to the start of a UTF-8 character (not before lo). */
static size_t char_start(const char *s, size_t i, size_t lo)
{
	while (i > lo && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

/* Appends the escaped s[0..n) to *o; returns its width in columns. */
static size_t put_safe(char **o, const char *s, size_t n)
{
	size_t k = san_escape(*o, (size_t)-1, s, n);
	size_t cols = filter_text_cols(*o, k);

	*o += k;
	return cols;
}

#define ERR_BEFORE 48 /* bytes of context shown before the error */
#define ERR_SPAN 40   /* at most this much of the error itself */
#define ERR_AFTER 24  /* and after it */

char *filter_render_error(const struct filter_result *res, size_t indent)
{
	const char *src = res->src ? res->src : "";
	size_t len = strlen(src), off = res->off > len ? len : res->off;
	size_t bol = off, eol = off, ws, we, span, pad, width, need;
	char *out, *o;

	while (bol > 0 && src[bol - 1] != '\n')
		bol--;
	while (eol < len && src[eol] != '\n')
		eol++;
	span = res->len ? res->len : 1;
	if (off + span > eol)
		span = eol > off ? eol - off : 0;
	if (span > ERR_SPAN)
		span = char_start(src, off + ERR_SPAN, off) - off;
	/* A window of a long line around the error, "..." where cut. */
	ws = off - bol > ERR_BEFORE ? char_start(src, off - ERR_BEFORE, bol)
				    : bol;
	we = eol - (off + span) > ERR_AFTER
		     ? char_start(src, off + span + ERR_AFTER, off + span)
		     : eol;
	/* Escapes take 10 bytes at most per byte of source. */
	need = 3 + (we - ws) * 10 + 3 + 1 + indent + 3 + (we - ws) * 10 +
	       ERR_SPAN * 10 + 2 + 4 * strlen(res->msg) + 2;
	o = out = xmalloc(need);
	pad = indent;
	if (ws > bol) {
		memcpy(o, "...", 3);
		o += 3;
		pad += 3;
	}
	pad += put_safe(&o, src + ws, off - ws);
	width = put_safe(&o, src + off, span);
	put_safe(&o, src + off + span, we - off - span);
	if (we < eol) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o++ = '\n';
	memset(o, ' ', pad);
	o += pad;
	if (!width)
		width = 1;
	memset(o, '^', width);
	o += width;
	*o++ = ' ';
	o += san_escape(o, (size_t)-1, res->msg, strlen(res->msg));
	strcpy(o, "\n");
	return out;
}
