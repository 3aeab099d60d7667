/*
 * ui_prefs.c: the setup screen (F2, S), as htop's: which columns show, in
 * which order, and whether the screen uses colours.  It is a panel on the
 * right of the screen over the table, which follows every change at once;
 * what was changed here is saved in the rc file on quit (ui_save), and
 * only that: columns that --columns, -o, -e... chose for the run stay out
 * of the file unless they were changed here.
 *
 * The panel's items: the colours, then every column, those shown first in
 * their order ([x]), then the hidden ones in the column table's order.
 * The mouse works as in htop: a click selects an item, a click on its box
 * or on the item already selected toggles it, the wheel moves, a click on
 * the function-key bar is its key.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "diag.h"
#include "i18n.h"
#include "tty.h"
#include "ui_int.h"

#define KEY_ESC 27
/* ui_term.c's colour pair of the bars and the selection */
#define PAIR_BAR 1

/* Lines of the panel above its items (title, keys). */
#define SETUP_HEAD 2

/* Columns text takes on screen (wcswidth; its length when unknown). */
static int text_width(const char *s)
{
	wchar_t w[64];
	size_t n = mbstowcs(w, s, sizeof(w) / sizeof(w[0]) - 1);
	int cw;

	if (n == (size_t)-1)
		return (int)strlen(s);
	w[n] = L'\0';
	cw = wcswidth(w, n);
	return cw < 0 ? (int)n : cw;
}

/* The columns as listed: shown ones in order, then the hidden ones. */
static int setup_list(const struct ui *u, enum mcol out[MC_COUNT])
{
	int n = 0;

	for (int i = 0; i < u->n_cols; i++)
		out[n++] = u->cols[i];
	for (int c = 0; c < MC_COUNT; c++) {
		int shown = 0;

		for (int i = 0; i < u->n_cols; i++)
			shown |= u->cols[i] == (enum mcol)c;
		if (!shown)
			out[n++] = (enum mcol)c;
	}
	return n;
}

/* Where column c is among the shown ones, or -1. */
static int shown_at(const struct ui *u, enum mcol c)
{
	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == c)
			return i;
	return -1;
}

/* The cursor on column c's item. */
static void point_at(struct ui *u, enum mcol c)
{
	enum mcol l[MC_COUNT];
	int n = setup_list(u, l);

	for (int i = 0; i < n; i++)
		if (l[i] == c)
			u->setup_pos = 1 + i;
}

unsigned ui_setup_open(struct ui *u)
{
	u->mode = UM_SETUP;
	u->setup_pos = 1;
	u->setup_top = 0;
	u->status[0] = '\0';
	return UI_DRAW;
}

/* Shows or hides column c; what the dump must carry may change. */
static unsigned toggle_column(struct ui *u, enum mcol c)
{
	int at = shown_at(u, c);

	if (at >= 0) {
		if (u->n_cols == 1) {
			snprintf(u->status, sizeof(u->status), "%s",
				 _("the last column cannot be hidden"));
			return UI_DRAW;
		}
		memmove(&u->cols[at], &u->cols[at + 1],
			(size_t)(u->n_cols - at - 1) * sizeof(u->cols[0]));
		u->n_cols--;
	} else {
		u->cols[u->n_cols++] = c;
	}
	/* chosen here: no longer the filter line's, for this line's life */
	u->fl.cols &= ~(1ull << c);
	u->cols_set = 1;
	u->status[0] = '\0';
	point_at(u, c);
	/* a column of tcp_info, memory or rates: the next dump has them */
	return UI_DRAW | UI_REFRESH;
}

/* Moves shown column c one place left (-1) or right (+1). */
static unsigned move_column(struct ui *u, enum mcol c, int dir)
{
	int at = shown_at(u, c), to = at + dir;

	if (at < 0) {
		snprintf(u->status, sizeof(u->status), "%s",
			 _("a hidden column has no place: Space shows it"));
		return UI_DRAW;
	}
	if (to < 0 || to >= u->n_cols)
		return UI_DRAW;
	u->cols[at] = u->cols[to];
	u->cols[to] = c;
	u->fl.cols &= ~(1ull << c);
	u->cols_set = 1;
	u->status[0] = '\0';
	point_at(u, c);
	return UI_DRAW;
}

static unsigned toggle_color(struct ui *u)
{
	if (!u->can_color) {
		snprintf(u->status, sizeof(u->status), "%s",
			 u->env->no_color || u->o->no_color
				 ? _("colours are off for this run (NO_COLOR "
				     "or --no-color)")
				 : _("this terminal has no colours"));
		return UI_DRAW;
	}
	u->color = !u->color;
	u->color_set = 1;
	u->status[0] = '\0';
	return UI_DRAW;
}

/* A click or the wheel; n items after the colours. */
static unsigned setup_mouse(struct ui *u, const enum mcol *l, int n)
{
	MEVENT ev;
	int item, c;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		u->setup_pos += ev.bstate & BUTTON4_PRESSED ? -3 : 3;
		u->setup_pos = u->setup_pos < 0	  ? 0
			       : u->setup_pos > n ? n
						  : u->setup_pos;
		return UI_DRAW;
	}
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return 0;
	if (ev.y == LINES - 1 && (c = ui_bar_key_at(u, ev.x)) > 0)
		return ui_setup_key(u, 1, (unsigned)c);
	item = (int)u->setup_top + ev.y - u->setup_y;
	if (ev.x < u->setup_x || ev.y < u->setup_y ||
	    ev.y >= u->setup_y + u->setup_rows || item > n)
		return 0;
	if (item != u->setup_pos && ev.x >= u->setup_x + 3) {
		u->setup_pos = item;
		return UI_DRAW;
	}
	u->setup_pos = item;
	return item ? toggle_column(u, l[item - 1]) : toggle_color(u);
}

unsigned ui_setup_key(struct ui *u, int is_key, unsigned key)
{
	enum mcol l[MC_COUNT];
	int n = setup_list(u, l), last = n; /* items: 0 colours, 1..n */
	int page = u->table_h > SETUP_HEAD + 1 ? u->table_h - SETUP_HEAD : 1;
	enum mcol cur = u->setup_pos > 0 ? l[u->setup_pos - 1] : MC_COUNT;

	if (is_key) {
		switch (key) {
		case KEY_UP:
			u->setup_pos -= u->setup_pos > 0;
			return UI_DRAW;
		case KEY_DOWN:
			u->setup_pos += u->setup_pos < last;
			return UI_DRAW;
		case KEY_PPAGE:
			u->setup_pos =
				u->setup_pos > page ? u->setup_pos - page : 0;
			return UI_DRAW;
		case KEY_NPAGE:
			u->setup_pos = u->setup_pos + page < last
					       ? u->setup_pos + page
					       : last;
			return UI_DRAW;
		case KEY_HOME:
			u->setup_pos = 0;
			return UI_DRAW;
		case KEY_END:
			u->setup_pos = last;
			return UI_DRAW;
		case KEY_ENTER:
			break;
		case KEY_F(7):
		case KEY_SR:
			return cur < MC_COUNT ? move_column(u, cur, -1)
					      : UI_DRAW;
		case KEY_F(8):
		case KEY_SF:
			return cur < MC_COUNT ? move_column(u, cur, 1)
					      : UI_DRAW;
		case KEY_F(2):
		case KEY_F(10):
			u->mode = UM_TABLE;
			return UI_DRAW;
		case KEY_RESIZE:
			return UI_DRAW;
		case KEY_MOUSE:
			return setup_mouse(u, l, last);
		default:
			return 0;
		}
	}
	switch (is_key ? '\r' : key) {
	case ' ':
	case '\r':
	case '\n':
		return cur < MC_COUNT ? toggle_column(u, cur) : toggle_color(u);
	case 'c':
		return toggle_color(u);
	case '[':
	case '-':
		return cur < MC_COUNT ? move_column(u, cur, -1) : UI_DRAW;
	case ']':
	case '+':
		return cur < MC_COUNT ? move_column(u, cur, 1) : UI_DRAW;
	case KEY_ESC:
	case 'q':
	case 'S':
		u->mode = UM_TABLE;
		return UI_DRAW;
	default:
		return 0;
	}
}

void ui_setup_draw(struct ui *u, int y0, int x0, int h, int w)
{
	attr_t bar = u->color ? (attr_t)COLOR_PAIR(PAIR_BAR) : A_REVERSE;
	enum mcol l[MC_COUNT];
	int n = setup_list(u, l), rows = h - SETUP_HEAD, id_x = 0;

	if (w < 4 || h < SETUP_HEAD + 1)
		return;
	/* a blank column on its left parts it from the table */
	attrset(A_NORMAL);
	for (int y = y0; y < y0 + h; y++)
		mvaddch(y, x0 - (x0 > 0), ' ');
	attrset(bar);
	ui_put(y0, x0, w, _("Setup (Esc: done)"), 0);
	attrset(A_NORMAL);
	ui_put(y0 + 1, x0, w, _("Space show/hide  [ ] move  c colours"), 0);
	/* the ids in a column of their own, after the longest title */
	for (int c = 0; c < MC_COUNT; c++) {
		int tw = text_width(_(mcol_get(c)->title));

		if (tw > id_x)
			id_x = tw;
	}
	id_x += 5;
	if (u->setup_pos < (int)u->setup_top)
		u->setup_top = (size_t)u->setup_pos;
	else if (u->setup_pos >= (int)u->setup_top + rows)
		u->setup_top = (size_t)(u->setup_pos - rows + 1);
	u->setup_x = x0;
	u->setup_y = y0 + SETUP_HEAD;
	u->setup_rows = rows;
	for (int i = 0; i < rows && (int)u->setup_top + i <= n; i++) {
		int item = (int)u->setup_top + i, y = y0 + SETUP_HEAD + i;
		const struct mcol_def *c;

		attrset(item == u->setup_pos ? bar : A_NORMAL);
		if (item == 0) {
			ui_put(y, x0, w,
			       !u->can_color ? _("Colours: off (this run)")
			       : u->color    ? _("Colours: on")
					     : _("Colours: off"),
			       0);
			continue;
		}
		/* the title as the header shows it, then the id that
		 * --columns and the rc file take */
		c = mcol_get(l[item - 1]);
		ui_put(y, x0, w, item - 1 < u->n_cols ? "[x]" : "[ ]", 0);
		if (w > 4)
			ui_put(y, x0 + 4, (id_x < w ? id_x : w) - 5,
			       _(c->title), 0);
		if (w > id_x)
			ui_put(y, x0 + id_x, w - id_x, c->id, 0);
	}
	attrset(A_NORMAL);
}
