/*
 * ui_dpane.c: the detail pane on screen: its lines (ui_detail.c) from the
 * line it is scrolled to, a title that says which lines show of how many,
 * and the keys that scroll it.  Under the table (or beside it on a wide
 * screen) `[` and `]` page it while the arrows still move the selection;
 * `z` gives it the whole screen, where the table's moving keys scroll it.
 * The closed connections' log (E) shows an entry's detail the same way,
 * [ and ] scrolling it.
 * The scroll position stays while the selection moves (the same field of
 * the next socket stays in view) and goes back to the top when the pane
 * opens.
 *
 * The line sinks these panes (and the kill dialog, the help) are built in
 * live here too: each line is allocated to its text's length, so that no
 * line is ever cut, whatever the width of the terminal or the bytes per
 * character of what it shows.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

#define KEY_ESC 27

static void push(struct ui_lines *l, char *text)
{
	l->v = xgrow(l->v, &l->cap, (size_t)l->n + 1, sizeof(*l->v));
	l->v[l->n++] = text;
}

void ui_line_add(struct ui_lines *l, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) /* an encoding error: an empty line, not a cut one */
		n = 0;
	text = xmalloc((size_t)n + 1);
	text[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	push(l, text);
}

void ui_line_new(struct ui_lines *l)
{
	push(l, xstrdup(""));
}

void ui_line_append(struct ui_lines *l, const char *t, size_t n)
{
	char **last = &l->v[l->n - 1];
	size_t used = strlen(*last);

	*last = xrealloc(*last, used + n + 1);
	memcpy(*last + used, t, n);
	(*last)[used + n] = '\0';
}

void ui_lines_clear(struct ui_lines *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->v[i]);
	l->n = 0;
}

void ui_lines_free(struct ui_lines *l)
{
	ui_lines_clear(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}

/* The last first line that still fills the pane. */
static size_t last_top(const struct ui *u)
{
	return u->dlines > u->dpage ? (size_t)(u->dlines - u->dpage) : 0;
}

void ui_dpane_lines(struct ui *u, int y0, int x0, int h, int w,
		    unsigned long bar, const char *head, const char *hint,
		    const struct ui_lines *l)
{
	char title[256];
	int rows = h - 1;

	if (rows < 1)
		return;
	u->dlines = l->n;
	u->dpage = rows;
	if ((u->dend && u->dfull && !u->cl.on) || u->dtop > last_top(u))
		u->dtop = last_top(u);
	if (l->n <= rows)
		snprintf(title, sizeof(title), "%s ----", head);
	else
		snprintf(title, sizeof(title), "%s %zu-%zu/%d: %s ----", head,
			 u->dtop + 1,
			 u->dtop + (size_t)rows < (size_t)l->n
				 ? u->dtop + (size_t)rows
				 : (size_t)l->n,
			 l->n, hint);
	attrset((attr_t)bar);
	ui_put(y0, x0, w, title, 0);
	attrset(A_NORMAL);
	for (int i = 0; i < rows && u->dtop + (size_t)i < (size_t)l->n; i++)
		ui_put(y0 + 1 + i, x0, w, l->v[u->dtop + (size_t)i], 0);
}

void ui_dpane_draw(struct ui *u, int y0, int x0, int h, int w,
		   unsigned long bar)
{
	/* no socket is selected while a group's header is */
	struct mrow *row = ui_group_hsel(u) < 0 ? model_sel_row(&u->m) : NULL;
	struct ui_lines l = {0};

	if (h < 2)
		return;
	if (!row) {
		attrset((attr_t)bar);
		ui_put(y0, x0, w, _("---- detail (Enter closes) ----"), 0);
		attrset(A_NORMAL);
		ui_put(y0 + 1, x0, w, _("no socket selected"), 0);
		u->dlines = 0;
		return;
	}
	u->detail_w = w;
	ui_detail(u, row, &l);
	ui_dpane_lines(u, y0, x0, h, w, bar, _("---- detail (Enter closes)"),
		       u->dfull ? _("PgUp PgDn scroll, z back")
				: _("[ ] scroll, z full screen"),
		       &l);
	ui_lines_free(&l);
}

/* Scrolls by d lines, within the text. */
static unsigned scroll_by(struct ui *u, long d)
{
	long top = (long)u->dtop + d;

	u->dend = 0;
	if (top > (long)last_top(u))
		top = (long)last_top(u);
	u->dtop = top < 0 ? 0 : (size_t)top;
	return UI_DRAW;
}

static long page(const struct ui *u)
{
	return u->dpage > 1 ? u->dpage - 1 : 1;
}

/* Whether a pane shows: the table's, or a closed connection's (E). */
static int shown(const struct ui *u)
{
	return u->cl.on ? u->cl.detail : u->detail;
}

unsigned ui_dpane_up(struct ui *u)
{
	return shown(u) ? scroll_by(u, -page(u)) : 0;
}

unsigned ui_dpane_down(struct ui *u)
{
	return shown(u) ? scroll_by(u, page(u)) : 0;
}

unsigned ui_dpane_zoom(struct ui *u)
{
	if (u->cl.on)
		return 0;
	if (!u->detail) {
		u->detail = 1;
		u->dfull = 1;
		u->dend = 0;
		u->dtop = 0;
		/* the pane needs tcp_info and memory: ask the kernel now */
		return UI_DRAW | UI_REFRESH;
	}
	u->dfull = !u->dfull;
	return UI_DRAW;
}

/*
 * The mouse over the whole-screen pane: the wheel scrolls it three lines,
 * a click in its upper half a page up, in its lower half a page down (a
 * pager's way: the pane has no line to select); a click on the
 * function-key bar is its key.
 */
static unsigned mouse(struct ui *u)
{
	MEVENT ev;
	int c;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		return scroll_by(u, -3);
	if (ev.bstate & BUTTON5_PRESSED)
		return scroll_by(u, 3);
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return 0;
	if (ev.y == LINES - 1 && (c = ui_bar_key_at(u, ev.x)) > 0)
		return ui_key(u, 1, (unsigned)c);
	/* the pane runs from line 2 to the bar */
	if (ev.y < 2 || ev.y >= LINES - 1)
		return 0;
	return scroll_by(u, ev.y < 2 + (LINES - 3) / 2 ? -page(u) : page(u));
}

unsigned ui_dpane_key(struct ui *u, int is_key, unsigned key)
{
	if (!u->detail || !u->dfull)
		return UI_PASS;
	if (!is_key) {
		if (key == KEY_ESC) {
			u->dfull = 0;
			return UI_DRAW;
		}
		return UI_PASS;
	}
	switch (key) {
	case KEY_UP:
		return scroll_by(u, -1);
	case KEY_DOWN:
		return scroll_by(u, 1);
	case KEY_PPAGE:
		return scroll_by(u, -page(u));
	case KEY_NPAGE:
		return scroll_by(u, page(u));
	case KEY_HOME:
		u->dtop = 0;
		u->dend = 0;
		return UI_DRAW;
	case KEY_END:
		/* and stays there while the pane grows (owners, tcp_info) */
		u->dtop = last_top(u);
		u->dend = 1;
		return UI_DRAW;
	case KEY_MOUSE:
		return mouse(u);
	default:
		return UI_PASS;
	}
}
