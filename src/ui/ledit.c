/*
 * ledit.c: the prompts' line editor (see ledit.h).
 *
 * The line is kept as UTF-8 bytes, the cursor on a character's first byte;
 * widths are display columns (wcwidth), so a wide character counts two
 * and a combining one none.  A byte that is not valid UTF-8 (it cannot be
 * typed, but a history line might hold one) counts as one character one
 * column wide.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <wchar.h>

#include "dwidth.h"
#include "ledit.h"

static int cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

static size_t prev(const struct ledit *e, size_t at)
{
	if (!at)
		return 0;
	at--;
	while (at && cont((unsigned char)e->buf[at]))
		at--;
	return at;
}

static size_t next(const struct ledit *e, size_t at)
{
	if (at >= e->len)
		return e->len;
	at++;
	while (at < e->len && cont((unsigned char)e->buf[at]))
		at++;
	return at;
}

/* Display columns of the character at byte at. */
static int cwidth(const struct ledit *e, size_t at)
{
	size_t k;

	return dw_char(e->buf + at, e->len - at, NULL, &k);
}

/* Display columns of bytes [a, b). */
static int span(const struct ledit *e, size_t a, size_t b)
{
	int w = 0;

	for (size_t i = a; i < b; i = next(e, i))
		w += cwidth(e, i);
	return w;
}

static void cut(struct ledit *e, size_t a, size_t b)
{
	memmove(e->buf + a, e->buf + b, e->len - b + 1);
	e->len -= b - a;
	e->cur = a;
}

void ledit_set(struct ledit *e, const char *s, int select)
{
	size_t n = strlen(s);

	if (n >= sizeof(e->buf)) {
		n = sizeof(e->buf) - 1;
		while (n && cont((unsigned char)s[n]))
			n--;
	}
	memcpy(e->buf, s, n);
	e->buf[n] = '\0';
	e->len = e->cur = n;
	e->scroll = 0;
	e->sel = select && n;
}

int ledit_insert(struct ledit *e, const char *mb, size_t n)
{
	size_t keep = e->sel ? 0 : e->len;

	if (keep + n >= sizeof(e->buf))
		return -ENOSPC;
	if (e->sel) {
		e->len = e->cur = 0;
		e->buf[0] = '\0';
		e->sel = 0;
	}
	memmove(e->buf + e->cur + n, e->buf + e->cur, e->len - e->cur + 1);
	memcpy(e->buf + e->cur, mb, n);
	e->len += n;
	e->cur += n;
	return 0;
}

int ledit_op(struct ledit *e, enum ledit_op op)
{
	size_t a;

	if (e->sel) {
		/* a move ends the selection; an erasing key erases it all */
		e->sel = 0;
		switch (op) {
		case LE_LEFT:
		case LE_HOME:
			e->cur = 0;
			return 0;
		case LE_RIGHT:
		case LE_END:
			e->cur = e->len;
			return 0;
		default:
			cut(e, 0, e->len);
			return 1;
		}
	}
	switch (op) {
	case LE_LEFT:
		e->cur = prev(e, e->cur);
		return 0;
	case LE_RIGHT:
		e->cur = next(e, e->cur);
		return 0;
	case LE_HOME:
		e->cur = 0;
		return 0;
	case LE_END:
		e->cur = e->len;
		return 0;
	case LE_BACKSPACE:
		if (!e->cur)
			return 0;
		cut(e, prev(e, e->cur), e->cur);
		return 1;
	case LE_DELETE:
		if (e->cur == e->len)
			return 0;
		a = e->cur;
		cut(e, a, next(e, a));
		return 1;
	case LE_KILL_BOL:
		if (!e->cur)
			return 0;
		cut(e, 0, e->cur);
		return 1;
	case LE_KILL_EOL:
		if (e->cur == e->len)
			return 0;
		e->len = e->cur;
		e->buf[e->len] = '\0';
		return 1;
	case LE_KILL_WORD:
		/* as a shell's Ctrl-W: blanks, then the word before them */
		a = e->cur;
		while (a && (e->buf[a - 1] == ' ' || e->buf[a - 1] == '\t'))
			a--;
		while (a && e->buf[a - 1] != ' ' && e->buf[a - 1] != '\t')
			a = prev(e, a);
		if (a == e->cur)
			return 0;
		cut(e, a, e->cur);
		return 1;
	}
	return 0;
}

int ledit_view(struct ledit *e, int width, size_t *from, size_t *to)
{
	size_t t;
	int w;

	if (width < 2)
		width = 2;
	if (e->scroll > e->cur)
		e->scroll = e->cur;
	/* the cursor's cell must fit after the text before it */
	while (span(e, e->scroll, e->cur) +
		       (e->cur < e->len ? cwidth(e, e->cur) : 1) >
	       width)
		e->scroll = next(e, e->scroll);
	/* the rest of the line fits whole: show as much before it as fits */
	while (e->scroll && span(e, prev(e, e->scroll), e->len) < width)
		e->scroll = prev(e, e->scroll);
	*from = e->scroll;
	for (t = e->scroll, w = 0; t < e->len; t = next(e, t)) {
		if (w + cwidth(e, t) > width)
			break;
		w += cwidth(e, t);
	}
	*to = t;
	return span(e, e->scroll, e->cur);
}
