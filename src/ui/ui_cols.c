/*
 * ui_cols.c: the table's columns on screen, and its sort.  The layout
 * gives spare room to the addresses and, on a narrow terminal, takes it
 * from them first (then from Process, Timer and Netns, then from the
 * others but Process), so that the Process column stays at 80x24; a cell
 * still too long is cut with a visible mark (`…`, `~` outside UTF-8)
 * where it loses least: an address keeps its port and both ends of its
 * host, a process its pid.  Left and Right scroll the columns sideways,
 * whole columns at a time, so that the others get the room.
 *
 * A sort chosen on screen starts biggest first for numbers and brings the
 * view to the top once the rows are in the new order; a column sorted by
 * is shown.  Actions return UI_* flags and never draw.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dwidth.h"
#include "ui_int.h"
#include "xalloc.h"

/*
 * The narrowest a column gets by shrinking: addresses first, then the
 * long ones, then (Process kept) any other.
 */
static const int tier_min[] = {[1] = 15, [2] = 12, [3] = 6};

/*
 * As ss: no Netid column when one table is selected, no State column when
 * one state is, unless the user chose the columns (--columns) or sorts by
 * that one.
 */
static int col_hidden(const struct ui *u, enum mcol c)
{
	const struct sk_select *sel =
		u->flt_preview ? &u->fsel_preview : &u->fsel;

	if (u->o->columns || (c == u->m.sort_col && u->sort_chosen))
		return 0;
	if (c == MC_NETID)
		return !(sel->tabs & (sel->tabs - 1));
	if (c == MC_STATE)
		return !(sel->states & (sel->states - 1));
	return 0;
}

static int is_addr(enum mcol c)
{
	return c == MC_LOCAL || c == MC_PEER;
}

/* Who gives room on a narrow screen: 1 first, then 2, then 3. */
static int shrink_tier(enum mcol c)
{
	if (is_addr(c))
		return 1;
	return c == MC_PROCESS || c == MC_TIMER || c == MC_NETNS ? 2 : 3;
}

/* Takes up to d columns from the widest of tier's columns; returns the rest. */
static int shrink(struct ui *u, int tier, int d)
{
	int min = tier_min[tier];

	while (d > 0) {
		int best = -1;

		for (int i = 0; i < u->n_cols; i++)
			if (u->col_w[i] > min &&
			    shrink_tier(u->cols[i]) == tier &&
			    (best < 0 || u->col_w[i] > u->col_w[best]))
				best = i;
		if (best < 0)
			break;
		u->col_w[best]--;
		d--;
	}
	return d;
}

/* Columns that can show (not hidden as ss hides them). */
static int n_showable(const struct ui *u)
{
	int n = 0;

	for (int i = 0; i < u->n_cols; i++)
		n += !col_hidden(u, u->cols[i]);
	return n;
}

void ui_layout(struct ui *u, int width)
{
	int x, spare, n_addr = 0, skip;

	if (u->hskip > n_showable(u) - 1)
		u->hskip = n_showable(u) > 0 ? n_showable(u) - 1 : 0;
	/* scrolled sideways: the mark and a blank come first */
	x = u->hskip ? 2 : 0;
	skip = u->hskip;
	for (int i = 0; i < u->n_cols; i++) {
		/* a hidden column has no width and no gap: nothing hits it */
		if (col_hidden(u, u->cols[i]) || (skip && skip--)) {
			u->col_w[i] = 0;
			continue;
		}
		u->col_w[i] = mcol_get(u->cols[i])->width;
		x += u->col_w[i] + 1;
		n_addr += is_addr(u->cols[i]);
	}
	/* the last column needs no gap after it */
	if (x - 1 > width)
		shrink(u, 3, shrink(u, 2, shrink(u, 1, x - 1 - width)));
	spare = width - x;
	for (int i = 0; i < u->n_cols && spare > 0 && n_addr; i++) {
		if (is_addr(u->cols[i]) && u->col_w[i]) {
			int add = spare / n_addr;

			if (add > 20)
				add = 20;
			u->col_w[i] += add;
		}
	}
	x = u->hskip ? 2 : 0;
	for (int i = 0; i < u->n_cols; i++) {
		u->col_x[i] = x;
		x += u->col_w[i] ? u->col_w[i] + 1 : 0;
	}
	u->col_x[u->n_cols] = x;
	/* the last column takes what is left of the line */
	if (u->n_cols && u->col_w[u->n_cols - 1] &&
	    width > u->col_x[u->n_cols - 1])
		u->col_w[u->n_cols - 1] = width - u->col_x[u->n_cols - 1];
}

int ui_col_at(const struct ui *u, int x)
{
	for (int i = 0; i < u->n_cols; i++)
		if (x >= u->col_x[i] && x < u->col_x[i + 1])
			return u->cols[i];
	return -1;
}

/*
 * Characters of a cell: where each starts and how wide it is (arrays
 * grown to the longest cell measured: a replayed dump's unix name can be
 * thousands of characters).
 */
struct chars {
	size_t *off;
	int *w;
	int n, width;
	size_t cap;
};

static struct chars cells; /* the loop's thread only */

/* Measures s as ui_put() draws it (a bad byte is one '?'). */
static void measure(const char *s, struct chars *c)
{
	size_t len = strlen(s), at = 0;

	if (len + 1 > c->cap) {
		c->cap = len + 1;
		c->off = xrealloc(c->off, c->cap * sizeof(*c->off));
		c->w = xrealloc(c->w, c->cap * sizeof(*c->w));
	}
	c->n = c->width = 0;
	while (at < len) {
		size_t k;
		int cw = dw_char(s + at, len - at, NULL, &k);

		c->off[c->n] = at;
		c->w[c->n++] = cw;
		c->width += cw;
		at += k;
	}
	c->off[c->n] = at;
}

/* The first characters of c that fit in w columns: how many. */
static int head_fit(const struct chars *c, int from, int to, int w)
{
	int i = from;

	while (i < to && c->w[i] <= w)
		w -= c->w[i++];
	return i - from;
}

/*
 * An address too long for w columns: its port (":443"; a unix socket's
 * " inode") whole, and as much of the start and the end of the host (or
 * path) as fits around the mark; only its end when the port leaves no
 * room for that.
 */
static void addr_cut(const struct chars *c, const char *s, int w,
		     const char *mark, char *out, size_t n)
{
	const char *sep = strrchr(s, ':');
	int at = c->n, tail = 0, room, head, end, i;

	if (!sep || strchr(sep, ' '))
		sep = strrchr(s, ' ');
	if (sep)
		for (at = 0; c->off[at] < (size_t)(sep - s); at++)
			;
	for (i = at; i < c->n; i++)
		tail += c->w[i];
	room = w - 1 - tail;
	if (!sep || room < 6) {
		/* the end only: the port at least */
		room = w - 1;
		for (i = c->n; i > 0 && c->w[i - 1] <= room; i--)
			room -= c->w[i - 1];
		snprintf(out, n, "%s%s", mark, s + c->off[i]);
		return;
	}
	head = head_fit(c, 0, at, (room + 1) / 2);
	room -= (room + 1) / 2;
	for (end = at; end > head && c->w[end - 1] <= room; end--)
		room -= c->w[end - 1];
	snprintf(out, n, "%.*s%s%s", (int)c->off[head], s, mark,
		 s + c->off[end]);
}

void ui_cell(const struct ui *u, int y, int x, int w, const char *s,
	     enum mcol col, int right)
{
	const char *mark = u->utf8 ? "\u2026" : "~";
	struct chars *cp = &cells, c;
	char stack[2048], *out = stack;
	size_t n = strlen(s) + 8; /* a part of s and the mark */
	const char *paren;
	int i, k;

	measure(s, cp);
	c = *cp;
	if (c.width <= w || w < 2) {
		ui_put(y, x, w, s, right);
		return;
	}
	if (n > sizeof(stack))
		out = xmalloc(n);
	else
		n = sizeof(stack);
	paren = col == MC_PROCESS ? strrchr(s, '(') : NULL;
	if (is_addr(col)) {
		addr_cut(&c, s, w, mark, out, n);
	} else if (paren && paren > s) {
		/* "name(pid)+N": the name gives way, the pid stays whole */
		int tail = 0, at;

		for (at = 0; c.off[at] < (size_t)(paren - s); at++)
			;
		for (i = at; i < c.n; i++)
			tail += c.w[i];
		if (tail + 2 > w)
			goto head;
		k = head_fit(&c, 0, at, w - 1 - tail);
		snprintf(out, n, "%.*s%s%s", (int)c.off[k], s, mark, paren);
	} else {
	head:
		k = head_fit(&c, 0, c.n, w - 1);
		snprintf(out, n, "%.*s%s", (int)c.off[k], s, mark);
	}
	ui_put(y, x, w, out, right);
	if (out != stack)
		free(out);
}

void ui_put_mid(const struct ui *u, int y, int x, int w, const char *s)
{
	const char *mark = u->utf8 ? "\u2026" : "~";
	struct chars *c = &cells;
	int head, room, end;
	char *out;

	measure(s, c);
	if (c->width <= w || w < 8) {
		ui_put(y, x, w, s, 0);
		return;
	}
	/* a third for the start, the rest for the end (the reason) */
	room = w - 1;
	head = head_fit(c, 0, c->n, room / 3);
	for (int i = 0; i < head; i++)
		room -= c->w[i];
	for (end = c->n; end > head && c->w[end - 1] <= room; end--)
		room -= c->w[end - 1];
	out = xmalloc(strlen(s) + 8);
	snprintf(out, strlen(s) + 8, "%.*s%s%s", (int)c->off[head], s, mark,
		 s + c->off[end]);
	ui_put(y, x, w, out, 0);
	free(out);
}

/*
 * The lines shown and how many there are, "12-51/434" (lines: rows, and
 * the groups' headers while grouped).
 */
void ui_pos_text(const struct ui *u, char *buf, size_t n)
{
	size_t lines = ui_lines(u), h = u->table_h > 0 ? u->table_h : 1;
	size_t last = u->top + h < lines ? u->top + h : lines;

	snprintf(buf, n, "%zu-%zu/%zu", lines ? u->top + 1 : 0, last, lines);
}

void ui_want_column(struct ui *u, enum mcol c)
{
	int at = u->n_cols;

	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == c)
			return;
	if (u->n_cols >= MC_COUNT) /* a list naming a column twice */
		return;
	if (at && u->cols[at - 1] == MC_PROCESS)
		at--;
	memmove(&u->cols[at + 1], &u->cols[at],
		(size_t)(u->n_cols - at) * sizeof(u->cols[0]));
	u->cols[at] = c;
	u->n_cols++;
}

unsigned ui_sort_by(struct ui *u, enum mcol c)
{
	int n = u->n_cols;

	/* chosen, the default sort shows where ss hides it (Netid, -t) */
	u->sort_chosen = 1;
	if (c == u->m.sort_col)
		return UI_DRAW;
	u->m.sort_col = c;
	u->m.desc = mcol_desc_first(c);
	u->to_top = 1;
	ui_want_column(u, c);
	/* the loop sees the sort asked for and re-sorts off its thread; a
	 * column just shown may need more from the kernel */
	return UI_DRAW | (u->n_cols != n ? UI_REFRESH : 0);
}

unsigned ui_sort_invert(struct ui *u)
{
	u->m.desc = !u->m.desc;
	u->to_top = 1;
	return UI_DRAW;
}

unsigned ui_sort_step(struct ui *u, int dir)
{
	int i;

	for (i = 0; i < u->n_cols; i++)
		if (u->cols[i] == u->m.sort_col)
			break;
	i = i == u->n_cols ? 0 : (i + dir + u->n_cols) % u->n_cols;
	return ui_sort_by(u, u->cols[i]);
}

void ui_sort_view(struct ui *u)
{
	size_t h = u->table_h > 0 ? (size_t)u->table_h : 1, line;

	if (!u->to_top || !u->m.ord_ok || model_sort_pending(&u->m))
		return;
	u->to_top = 0;
	u->top = 0;
	line = model_sel(&u->m);
	if (u->grouped && u->m.n_order)
		line = group_line_of(&u->grp, line);
	/* the selection follows only where it shows with the top */
	if (line >= h)
		model_select(&u->m, 0);
}

unsigned ui_hscroll(struct ui *u, int dir)
{
	if (dir < 0 && u->hskip > 0)
		u->hskip--;
	else if (dir > 0 && u->hskip < n_showable(u) - 1)
		u->hskip++;
	return UI_DRAW;
}
