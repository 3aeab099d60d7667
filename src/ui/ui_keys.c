/*
 * ui_keys.c: what keys do.  Bindings are one static const table of action
 * functions (htop's keys where htop has one); an action changes the state
 * and returns what the loop must do next (UI_DRAW, UI_RESORT, UI_REFRESH,
 * UI_QUIT): actions never draw.  The help screen is generated from the same
 * table, so it cannot drift.  The prompts (search, filter, interval) and
 * the sort menu are small modes with their own handlers.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "i18n.h"
#include "rcfile.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

#define CTRL(c) ((c)&0x1f)
#define KEY_ESC 27

static size_t page(const struct ui *u)
{
	return u->table_h > 1 ? (size_t)u->table_h - 1 : 1;
}

long ui_line_row(const struct ui *u, size_t line)
{
	long r;

	if (!u->grouped)
		return (long)line;
	if (line >= ui_lines(u))
		return (long)u->m.n_order;
	r = group_row_at(&u->grp, line);
	return r < 0 ? -1 : r;
}

size_t ui_lines(const struct ui *u)
{
	return u->grouped ? group_lines(&u->grp, u->m.n_order) : u->m.n_order;
}

void ui_scroll(struct ui *u)
{
	size_t sel, h = u->table_h > 0 ? u->table_h : 1;
	size_t n = ui_lines(u);

	ui_sort_view(u);
	sel = model_sel(&u->m);
	if (u->grouped)
		sel = ui_group_scroll_line(u);
	if (sel < u->top)
		u->top = sel;
	else if (sel >= u->top + h)
		u->top = sel - h + 1;
	if (n <= h)
		u->top = 0;
	else if (u->top > n - h)
		u->top = n - h;
}

static unsigned move_to(struct ui *u, long pos)
{
	if (pos < 0)
		pos = 0;
	model_select(&u->m, (size_t)pos);
	ui_scroll(u);
	return UI_DRAW;
}

static unsigned act_up(struct ui *u)
{
	return move_to(u, (long)model_sel(&u->m) - 1);
}

static unsigned act_down(struct ui *u)
{
	return move_to(u, (long)model_sel(&u->m) + 1);
}

static unsigned act_pgup(struct ui *u)
{
	return move_to(u, (long)model_sel(&u->m) - (long)page(u));
}

static unsigned act_pgdn(struct ui *u)
{
	return move_to(u, (long)(model_sel(&u->m) + page(u)));
}

static unsigned act_home(struct ui *u)
{
	return move_to(u, 0);
}

static unsigned act_end(struct ui *u)
{
	return move_to(u, LONG_MAX);
}

static unsigned act_detail(struct ui *u)
{
	u->detail = !u->detail;
	u->dfull = u->dend = 0;
	u->dtop = 0;
	/* the pane needs tcp_info and memory: ask the kernel now */
	return UI_DRAW | (u->detail ? UI_REFRESH : 0);
}

static unsigned act_sortmenu(struct ui *u)
{
	u->mode = UM_SORTMENU;
	u->menu_pos = (int)u->m.sort_col;
	return UI_DRAW;
}

static unsigned act_sort_left(struct ui *u)
{
	return ui_sort_step(u, -1);
}

static unsigned act_sort_right(struct ui *u)
{
	return ui_sort_step(u, 1);
}

static unsigned act_cols_left(struct ui *u)
{
	return ui_hscroll(u, -1);
}

static unsigned act_cols_right(struct ui *u)
{
	return ui_hscroll(u, 1);
}

static unsigned start_prompt(struct ui *u, enum ui_mode mode)
{
	u->mode = mode;
	ledit_set(&u->ed, "", 0);
	u->hist_pos = u->n_hist;
	return UI_DRAW;
}

/* The last search, selected: typing replaces it, Enter searches again. */
static unsigned act_search(struct ui *u)
{
	start_prompt(u, UM_SEARCH);
	ledit_set(&u->ed, u->search, 1);
	return UI_DRAW;
}

static unsigned find_next(struct ui *u, size_t from)
{
	long pos = model_find(&u->m, from, u->search, &u->fmt);

	if (pos < 0) {
		snprintf(u->status, sizeof(u->status), _("no match for \"%s\""),
			 u->search);
		return UI_DRAW;
	}
	u->status[0] = '\0';
	return move_to(u, pos);
}

static unsigned act_next(struct ui *u)
{
	if (!u->search[0])
		return start_prompt(u, UM_SEARCH);
	return find_next(u, model_sel(&u->m));
}

static unsigned act_numeric(struct ui *u)
{
	u->fmt.numeric = !u->fmt.numeric;
	return UI_DRAW;
}

/* `n`: the next match while a search is active, else names/numbers. */
static unsigned act_n(struct ui *u)
{
	if (u->search[0])
		return act_next(u);
	return act_numeric(u);
}

static unsigned act_filter(struct ui *u)
{
	start_prompt(u, UM_FILTER);
	u->status[0] = '\0';
	if (u->filter_fixed) {
		/* too long for the line: a new one replaces it, Esc keeps it */
		u->saved[0] = '\0';
		snprintf(u->status, sizeof(u->status), "%s",
			 _("the filter is too long to edit here: type a new "
			   "one, or Esc to keep it"));
		return UI_DRAW;
	}
	snprintf(u->saved, sizeof(u->saved), "%s", u->filter_text);
	/* selected: typing replaces it, a move or an edit keeps it */
	ledit_set(&u->ed, u->filter_text, 1);
	return UI_DRAW;
}

static unsigned act_tag(struct ui *u)
{
	model_tag_toggle(&u->m);
	return act_down(u);
}

static unsigned act_untag(struct ui *u)
{
	model_untag_all(&u->m);
	return UI_DRAW;
}

/* Tags every visible row (htop has no such key; `A` for "all"). */
static unsigned act_tag_all(struct ui *u)
{
	for (size_t i = 0; i < u->m.n_order; i++) {
		struct mrow *row = model_row(&u->m, i);

		if (!(row->flags & MROW_GONE))
			model_tag_set(&u->m, row, 1);
	}
	return UI_DRAW;
}

static unsigned act_pause(struct ui *u)
{
	u->paused = !u->paused;
	return UI_DRAW;
}

static unsigned act_interval(struct ui *u)
{
	char now[32];

	start_prompt(u, UM_INTERVAL);
	/* selected: typing 0.5 sets 0.5 s, not 20.5 */
	snprintf(now, sizeof(now), "%g", u->interval);
	ledit_set(&u->ed, now, 1);
	return UI_DRAW;
}

static unsigned act_help(struct ui *u)
{
	u->mode = UM_HELP;
	u->help_top = 0;
	return UI_DRAW;
}

static unsigned act_redraw(struct ui *u)
{
	(void)u;
	return UI_CLEAR;
}

static unsigned act_quit(struct ui *u)
{
	(void)u;
	return UI_QUIT;
}

static unsigned act_escape(struct ui *u)
{
	u->search[0] = '\0';
	u->status[0] = '\0';
	return UI_DRAW;
}

static unsigned act_mouse(struct ui *u)
{
	MEVENT ev;
	int c;

	if (getmouse(&ev) != OK)
		return 0;
	if (ev.bstate & BUTTON4_PRESSED)
		return move_to(u, (long)model_sel(&u->m) - 3);
	if (ev.bstate & BUTTON5_PRESSED)
		return move_to(u, (long)model_sel(&u->m) + 3);
	if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
		return 0;
	/* the function-key bar: a click is its key */
	if (ev.y == LINES - 1 && (c = ui_bar_key_at(u, ev.x)) > 0)
		return ui_key(u, 1, (unsigned)c);
	if (ev.y == u->table_y - 1 && (c = ui_col_at(u, ev.x)) >= 0) {
		/* a click on the sort column inverts, as in htop */
		if ((enum mcol)c == u->m.sort_col)
			return ui_sort_invert(u);
		return ui_sort_by(u, (enum mcol)c);
	}
	if (ev.y >= u->table_y && ev.y < u->table_y + u->table_h) {
		size_t line = u->top + (size_t)(ev.y - u->table_y);
		long pos = ui_line_row(u, line);
		unsigned f = ui_group_click(u, line);

		if (f)
			return f;
		if (pos >= 0 && (size_t)pos < u->m.n_order)
			return move_to(u, pos);
	}
	return 0;
}

/* E: the closed-connection log, newest first. */
static unsigned act_closed(struct ui *u)
{
	u->cl.on = 1;
	u->cl.sel = u->cl.top = 0;
	u->cl.sel_seq = u->cl.log.total;
	u->cl.stale = 1;
	return UI_DRAW;
}

static unsigned act_resize(struct ui *u)
{
	ui_scroll(u);
	return UI_DRAW;
}

struct binding {
	const char *names; /* as the help shows them */
	wchar_t chars[4];  /* characters, 0-terminated */
	int codes[4];	   /* KEY_* codes, 0-terminated */
	const char *help;  /* N_(); NULL: not in the help */
	unsigned (*act)(struct ui *u);
};

static const struct binding bindings[] = {
	{.names = "Up",
	 .codes = {KEY_UP},
	 .act = act_up,
	 .help = N_("select the previous socket")},
	{.names = "Down",
	 .codes = {KEY_DOWN},
	 .act = act_down,
	 .help = N_("select the next socket")},
	{.names = "PgUp PgDn",
	 .codes = {KEY_PPAGE},
	 .act = act_pgup,
	 .help = N_("move by one screen")},
	{.codes = {KEY_NPAGE}, .act = act_pgdn},
	{.names = "Home End",
	 .codes = {KEY_HOME},
	 .act = act_home,
	 .help = N_("first / last socket")},
	{.codes = {KEY_END}, .act = act_end},
	{.names = "Enter",
	 .chars = {'\r', '\n'},
	 .codes = {KEY_ENTER},
	 .act = act_detail,
	 .help = N_("open / close the detail pane of the selected socket")},
	{.names = "[ ]",
	 .chars = {'['},
	 .act = ui_dpane_up,
	 .help = N_("scroll the detail pane up / down by a page")},
	{.chars = {']'}, .act = ui_dpane_down},
	{.names = "z",
	 .chars = {'z'},
	 .act = ui_dpane_zoom,
	 .help = N_("detail pane over the whole screen and back (there the "
		    "moving keys scroll it)")},
	{.names = "F2 S",
	 .chars = {'S'},
	 .codes = {KEY_F(2)},
	 .act = ui_setup_open,
	 .help = N_("setup: show, hide and order columns; colours")},
	{.names = "F3 /",
	 .chars = {'/'},
	 .act = act_search,
	 .help = N_("search the visible rows; F3 again: next match")},
	{.codes = {KEY_F(3)}, .act = act_next},
	{.names = "n",
	 .chars = {'n'},
	 .act = act_n,
	 .help = N_("next match while searching (Esc ends the search), "
		    "else service names / port numbers")},
	{.names = "N",
	 .chars = {'N'},
	 .act = act_numeric,
	 .help = N_("service names / port numbers")},
	{.names = "F4 \\",
	 .chars = {'\\'},
	 .codes = {KEY_F(4)},
	 .act = act_filter,
	 .help = N_("edit the filter")},
	{.names = "F5",
	 .codes = {KEY_F(5)},
	 .act = ui_group_menu,
	 .help = N_("group rows by process, program, remote host, "
		    "listening port or namespace (menu)")},
	{.names = "t",
	 .chars = {'t'},
	 .act = ui_group_toggle,
	 .help = N_("grouped by the last choice / flat")},
	{.names = "+ - *",
	 .help = N_("expand / collapse the group (Enter or a click on its "
		    "header), * all groups")},
	{.names = "F6",
	 .codes = {KEY_F(6)},
	 .act = act_sortmenu,
	 .help = N_("choose the sort column")},
	{.names = "< >",
	 .chars = {'<', ','},
	 .act = act_sort_left,
	 .help = N_("sort by the column on the left / right")},
	{.chars = {'>', '.'}, .act = act_sort_right},
	{.names = "I",
	 .chars = {'I'},
	 .act = ui_sort_invert,
	 .help = N_("invert the sort order")},
	{.names = "Left Right",
	 .codes = {KEY_LEFT},
	 .act = act_cols_left,
	 .help = N_("scroll the columns sideways (a cut cell shows whole)")},
	{.codes = {KEY_RIGHT}, .act = act_cols_right},
	{.names = "Space",
	 .chars = {' '},
	 .act = act_tag,
	 .help = N_("tag / untag the selected socket")},
	{.names = "A",
	 .chars = {'A'},
	 .act = act_tag_all,
	 .help = N_("tag every visible socket")},
	{.names = "U",
	 .chars = {'U'},
	 .act = act_untag,
	 .help = N_("untag all")},
	{.names = "F9 k",
	 .chars = {'k'},
	 .codes = {KEY_F(9)},
	 .act = ui_kill_ask,
	 .help = N_("kill the tagged or selected sockets")},
	{.names = "E",
	 .chars = {'E'},
	 .act = act_closed,
	 .help = N_("closed connections, newest first (E or Esc: back)")},
	{.names = "Z p",
	 .chars = {'Z', 'p'},
	 .act = act_pause,
	 .help = N_("pause / resume refreshing")},
	{.names = "d",
	 .chars = {'d'},
	 .act = act_interval,
	 .help = N_("set the refresh interval")},
	{.names = "F1 h ?",
	 .chars = {'h', '?'},
	 .codes = {KEY_F(1)},
	 .act = act_help,
	 .help = N_("this help")},
	{.names = "Ctrl-L",
	 .chars = {CTRL('l')},
	 .act = act_redraw,
	 .help = N_("redraw the screen")},
	{.names = "Esc",
	 .chars = {KEY_ESC},
	 .act = act_escape,
	 .help = N_("end the search, clear the message")},
	{.names = "F10 q",
	 .chars = {'q'},
	 .codes = {KEY_F(10)},
	 .act = act_quit,
	 .help = N_("quit")},
	{.codes = {KEY_MOUSE}, .act = act_mouse},
	{.codes = {KEY_RESIZE}, .act = act_resize},
};

#define N_BINDINGS (sizeof(bindings) / sizeof(bindings[0]))

static const struct binding *lookup(int is_key, unsigned key)
{
	for (size_t i = 0; i < N_BINDINGS; i++) {
		const struct binding *b = &bindings[i];

		for (int j = 0; j < 4; j++) {
			if (is_key && b->codes[j] &&
			    (unsigned)b->codes[j] == key)
				return b;
			if (!is_key && b->chars[j] &&
			    (unsigned)b->chars[j] == key)
				return b;
		}
	}
	return NULL;
}

int ui_help_line(int i, char *buf, size_t n)
{
	for (size_t k = 0; k < N_BINDINGS; k++) {
		if (!bindings[k].help)
			continue;
		if (i-- == 0) {
			snprintf(buf, n, "  %-10s %s", bindings[k].names,
				 _(bindings[k].help));
			return 1;
		}
	}
	return 0;
}

/*
 * Types wc on the prompt line; -1 when the line is full (the key is not
 * taken).
 */
static int type_char(struct ledit *e, wchar_t wc)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;
	size_t k;

	memset(&st, 0, sizeof(st));
	k = wcrtomb(mb, wc, &st);
	if (k == (size_t)-1)
		return 0;
	return ledit_insert(e, mb, k) < 0 ? -1 : 0;
}

/* The editing keys of a prompt line, as a shell's. */
static int edit_op(int is_key, unsigned key, enum ledit_op *op)
{
	static const struct {
		unsigned key;
		enum ledit_op op;
	} fkeys[] =
		{
			{KEY_LEFT, LE_LEFT},	       {KEY_RIGHT, LE_RIGHT},
			{KEY_HOME, LE_HOME},	       {KEY_END, LE_END},
			{KEY_BACKSPACE, LE_BACKSPACE}, {KEY_DC, LE_DELETE},
		},
	  ckeys[] = {
		  {'A' & 0x1f, LE_HOME},     {'E' & 0x1f, LE_END},
		  {'B' & 0x1f, LE_LEFT},     {'F' & 0x1f, LE_RIGHT},
		  {'D' & 0x1f, LE_DELETE},   {'H' & 0x1f, LE_BACKSPACE},
		  {127, LE_BACKSPACE},	     {'U' & 0x1f, LE_KILL_BOL},
		  {'K' & 0x1f, LE_KILL_EOL}, {'W' & 0x1f, LE_KILL_WORD},
	  };

	if (is_key) {
		for (size_t i = 0; i < sizeof(fkeys) / sizeof(fkeys[0]); i++)
			if (fkeys[i].key == key) {
				*op = fkeys[i].op;
				return 1;
			}
		return 0;
	}
	for (size_t i = 0; i < sizeof(ckeys) / sizeof(ckeys[0]); i++)
		if (ckeys[i].key == key) {
			*op = ckeys[i].op;
			return 1;
		}
	return 0;
}

void ui_hist_add(struct ui *u, const char *text)
{
	if (!*text)
		return;
	/* each filter once, where it was last used */
	for (int i = 0; i < u->n_hist; i++)
		if (!strcmp(u->hist[i], text)) {
			char *same = u->hist[i];

			memmove(u->hist + i, u->hist + i + 1,
				sizeof(u->hist[0]) *
					(size_t)(u->n_hist - i - 1));
			u->hist[u->n_hist - 1] = same;
			return;
		}
	if (u->n_hist == UI_HIST) {
		free(u->hist[0]);
		memmove(u->hist, u->hist + 1,
			sizeof(u->hist[0]) * (UI_HIST - 1));
		u->n_hist--;
	}
	u->hist[u->n_hist++] = xstrdup(text);
}

static unsigned prompt_done(struct ui *u)
{
	double v;

	switch (u->mode) {
	case UM_SEARCH:
		snprintf(u->search, sizeof(u->search), "%s", u->ed.buf);
		break;
	case UM_FILTER:
		/* stay on the line: error shown, or host names looked up */
		if (ui_filter_try(u, u->ed.buf, 1) != 0)
			return UI_DRAW;
		ui_hist_add(u, u->ed.buf);
		u->mode = UM_TABLE;
		return UI_DRAW | UI_REFRESH;
	case UM_INTERVAL:
		if (rc_parse_interval(u->ed.buf, &v)) {
			snprintf(u->status, sizeof(u->status), "%s",
				 _(RC_INTERVAL_MSG));
		} else {
			u->interval = v;
			u->status[0] = '\0';
			u->mode = UM_TABLE;
			return UI_DRAW | UI_REFRESH;
		}
		break;
	default:
		break;
	}
	u->mode = UM_TABLE;
	return UI_DRAW;
}

static unsigned prompt_key(struct ui *u, int is_key, unsigned key)
{
	enum ledit_op op;

	if ((!is_key && (key == '\r' || key == '\n')) ||
	    (is_key && key == KEY_ENTER))
		return prompt_done(u);
	if (!is_key && key == KEY_ESC) {
		if (u->mode == UM_FILTER) {
			u->status[0] = '\0';
			ui_filter_cancel(u);
		}
		u->mode = UM_TABLE;
		return UI_DRAW;
	}
	if (is_key && key == KEY_F(3) && u->mode == UM_SEARCH) {
		snprintf(u->search, sizeof(u->search), "%s", u->ed.buf);
		return find_next(u, model_sel(&u->m));
	}
	if (is_key && (key == KEY_UP || key == KEY_DOWN) &&
	    u->mode == UM_FILTER) {
		if (key == KEY_UP && u->hist_pos == u->n_hist)
			snprintf(u->draft, sizeof(u->draft), "%s", u->ed.buf);
		if (key == KEY_UP && u->hist_pos > 0)
			u->hist_pos--;
		else if (key == KEY_DOWN && u->hist_pos < u->n_hist)
			u->hist_pos++;
		ledit_set(&u->ed,
			  u->hist_pos < u->n_hist ? u->hist[u->hist_pos]
						  : u->draft,
			  0);
		ui_filter_try(u, u->ed.buf, 0);
		return UI_DRAW;
	}
	if (edit_op(is_key, key, &op)) {
		if (!ledit_op(&u->ed, op))
			return UI_DRAW; /* a move: nothing to try again */
	} else if (!is_key && key >= ' ') {
		if (type_char(&u->ed, (wchar_t)key) < 0) {
			snprintf(u->status, sizeof(u->status),
				 _("the line is full (%d bytes at most)"),
				 UI_LINE - 1);
			return UI_DRAW;
		}
	} else if (is_key && key == KEY_RESIZE)
		return UI_DRAW;
	else
		return 0;
	if (u->mode == UM_FILTER) {
		ui_filter_try(u, u->ed.buf, 0);
		return UI_DRAW;
	}
	if (u->mode == UM_SEARCH) {
		/* incremental: the current row counts as a match */
		size_t n = u->m.n_order, sel = model_sel(&u->m);

		snprintf(u->search, sizeof(u->search), "%s", u->ed.buf);
		if (n && u->ed.buf[0])
			return find_next(u, (sel + n - 1) % n);
	}
	return UI_DRAW;
}

static unsigned menu_key(struct ui *u, int is_key, unsigned key)
{
	if (is_key && key == KEY_UP && u->menu_pos > 0)
		u->menu_pos--;
	else if (is_key && key == KEY_DOWN && u->menu_pos < MC_COUNT - 1)
		u->menu_pos++;
	else if ((!is_key && (key == '\r' || key == '\n')) ||
		 (is_key && key == KEY_ENTER)) {
		u->mode = UM_TABLE;
		return ui_sort_by(u, (enum mcol)u->menu_pos);
	} else if (!is_key && (key == KEY_ESC || key == 'q'))
		u->mode = UM_TABLE;
	return UI_DRAW;
}

/*
 * Pasted text is text: on a prompt line it is typed there (a line break
 * as a space, other control characters dropped: nothing ends the line);
 * anywhere else it is dropped, never taken as keys.
 */
static unsigned paste_key(struct ui *u, int is_key, unsigned key)
{
	if (is_key || (u->mode != UM_SEARCH && u->mode != UM_FILTER &&
		       u->mode != UM_INTERVAL))
		return 0;
	if (key == '\r' || key == '\n' || key == '\t')
		key = ' ';
	if (key < ' ' || key == 127)
		return 0;
	return prompt_key(u, 0, key);
}

unsigned ui_key(struct ui *u, int is_key, unsigned key)
{
	const struct binding *b;

	if (is_key && key == UI_KEY_PASTE_BEGIN) {
		u->pasting = 1;
		return 0;
	}
	if (is_key && key == UI_KEY_PASTE_END) {
		u->pasting = 0;
		return UI_DRAW;
	}
	if (u->pasting)
		return paste_key(u, is_key, key);

	switch (u->mode) {
	case UM_HELP:
		return ui_help_key(u, is_key, key);
	case UM_SETUP:
		return ui_setup_key(u, is_key, key);
	case UM_SORTMENU:
		return menu_key(u, is_key, key);
	case UM_GROUPMENU:
		return ui_group_menu_key(u, is_key, key);
	case UM_CONFIRM:
	case UM_RESULT:
		return ui_kill_key(u, is_key, key);
	case UM_SEARCH:
	case UM_FILTER:
	case UM_INTERVAL:
		return prompt_key(u, is_key, key);
	default:
		break;
	}
	if (u->cl.on) {
		unsigned f = ui_closed_key(u, is_key, key);

		if (!(f & UI_PASS))
			return f;
	} else if (u->detail && u->dfull) {
		unsigned f = ui_dpane_key(u, is_key, key);

		if (!(f & UI_PASS))
			return f;
	}
	{
		unsigned f = ui_group_key(u, is_key, key);

		if (!(f & UI_PASS))
			return f;
	}
	b = lookup(is_key, key);
	return b && b->act ? b->act(u) : 0;
}
