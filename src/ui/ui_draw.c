/*
 * ui_draw.c: paints the screen from the model: two header lines (host,
 * clock, counts as ss -s; filter, sort, what is off), the table, the detail
 * pane (below the table, or beside it on a wide terminal), a status line
 * when there is something to say, and htop's function-key bar or the
 * prompt being edited.
 *
 * Every frame is drawn in full into curses' virtual screen after werase();
 * doupdate() then sends only the cells that differ from the terminal, so
 * a refresh where nothing changed costs the clock's few bytes.  Text width
 * is measured with wcwidth(); without a UTF-8 locale anything that is not
 * ASCII prints as '?'.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <wchar.h>

#include "dwidth.h"
#include "diag.h"
#include "hcode.h"
#include "i18n.h"
#include "sanitize.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

/* The colour pairs ui_term.c makes. */
enum {
	PAIR_BAR = 1,
	PAIR_NEW,
	PAIR_GONE,
	PAIR_TAG,
	PAIR_LABEL,
	PAIR_HEALTH,
	PAIR_ESTAB,
	PAIR_LISTEN,
	PAIR_CLOSEWAIT,
	PAIR_TIMEWAIT,
	PAIR_SYN,
};

/*
 * The State cell's look, per state: a colour each for the states one
 * looks for (a CLOSE-WAIT is a bug in the application, TIME-WAIT piles
 * up), and without colours (NO_COLOR) bold for CLOSE-WAIT alone.
 */
static const struct {
	short pair;
	attr_t mono;
} state_look[SKS_MAX] = {
	[SKS_ESTABLISHED] = {PAIR_ESTAB, 0},
	[SKS_LISTEN] = {PAIR_LISTEN, 0},
	[SKS_CLOSE_WAIT] = {PAIR_CLOSEWAIT, A_BOLD},
	[SKS_TIME_WAIT] = {PAIR_TIMEWAIT, 0},
	[SKS_SYN_SENT] = {PAIR_SYN, 0},
	[SKS_SYN_RECV] = {PAIR_SYN, 0},
	[SKS_NEW_SYN_RECV] = {PAIR_SYN, 0},
};

static attr_t pair_attr(const struct ui *u, int pair, attr_t mono)
{
	return u->color ? (attr_t)COLOR_PAIR(pair) : mono;
}

void ui_put(int y, int x, int w, const char *s, int right)
{
	/* a character is a byte at least: len + 1 wide characters hold
	 * all of s, however wide the terminal (a longer s than the stack
	 * holds, rare, takes the heap) */
	wchar_t stack[512], *out = stack;
	int n = 0, width = 0;
	size_t len = strlen(s);

	if (len >= sizeof(stack) / sizeof(stack[0]))
		out = xmalloc((len + 1) * sizeof(*out));
	while (len) {
		wchar_t wc;
		size_t k;
		int cw = dw_char(s, len, &wc, &k);

		if (width + cw > w)
			break;
		out[n++] = wc;
		width += cw;
		s += k;
		len -= k;
	}
	out[n] = L'\0';
	if (w > 0) {
		if (right && width < w) {
			mvhline(y, x, ' ', w - width);
			x += w - width;
		} else if (width < w) {
			mvhline(y, x + width, ' ', w - width);
		}
		mvaddnwstr(y, x, out, n);
	}
	if (out != stack)
		free(out);
}

/* c's unix sockets and those of no table counted apart. */
static void counts_split(const struct model_counts *c, uint32_t *unx,
			 uint32_t *other)
{
	*unx = c->tab[SKT_UNIX_STREAM] + c->tab[SKT_UNIX_DGRAM] +
	       c->tab[SKT_UNIX_SEQPACKET];
	*other = c->total - c->tab[SKT_TCP] - c->tab[SKT_UDP] -
		 c->tab[SKT_RAW] - *unx;
}

/* ss -s style counts of c. */
static void counts_of(const struct model_counts *c, char *buf, size_t n)
{
	uint32_t unx, other;

	counts_split(c, &unx, &other);
	snprintf(buf, n,
		 _("TCP %u (estab %u, tw %u, listen %u) UDP %u RAW %u UNIX %u "
		   "other %u"),
		 c->tab[SKT_TCP], c->tcp_state[SKS_ESTABLISHED],
		 c->tcp_state[SKS_TIME_WAIT], c->tcp_state[SKS_LISTEN],
		 c->tab[SKT_UDP], c->tab[SKT_RAW], unx, other);
}

/* The same without its zeros but TCP's total: "TCP 4 (estab 4) UDP 1". */
static void counts_short(const struct model_counts *c, char *buf, size_t n)
{
	const char *name[] = {"estab", "tw",   "listen",  "UDP",
			      "RAW",   "UNIX", _("other")};
	uint32_t v[7] = {c->tcp_state[SKS_ESTABLISHED],
			 c->tcp_state[SKS_TIME_WAIT], c->tcp_state[SKS_LISTEN],
			 c->tab[SKT_UDP], c->tab[SKT_RAW]};
	size_t len;
	int paren = 0;

	counts_split(c, &v[5], &v[6]);
	snprintf(buf, n, "TCP %u", c->tab[SKT_TCP]);
	for (int i = 0; i < 7; i++) {
		len = strlen(buf);
		if (paren && i == 3)
			len += (size_t)snprintf(buf + len, n - len, ")");
		if (v[i])
			snprintf(buf + len, n - len, "%s%s %u",
				 i >= 3	 ? " "
				 : paren ? ", "
					 : " (",
				 name[i], v[i]);
		paren |= i < 3 && v[i];
	}
}

/*
 * The counts on the first line.  When the dump holds every socket (-a and
 * nothing filtered), the dump's; else the namespace's totals as ss -s
 * reads them (/proc), then the counts of the rows that match without
 * their zeros, labelled: a narrowed dump's counts (ss's default leaves
 * out listeners and TIME-WAITs) read as the host's would mislead.
 */
static void counts_text(const struct ui *u, char *buf, size_t n)
{
	const struct sockstat *h = &u->host_counts;
	const uint32_t all = SKS_BIT(SKS_NEW_SYN_RECV) - 1;
	const uint32_t tabs = SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP) |
			      SKT_BIT(SKT_RAW) | SKT_UNIX_MASK;
	const uint32_t fams = 1u << AF_INET | 1u << AF_INET6 | 1u << AF_UNIX;
	const struct sk_select *s = &u->fsel;
	char shown[200];
	size_t len;

	if (!u->filter_text[0] && !model_n_tagged(&u->m) &&
	    (s->states & all) == all && (s->tabs & tabs) == tabs &&
	    (s->families & fams) == fams) {
		counts_of(&u->m.counts, buf, n);
		return;
	}
	buf[0] = '\0';
	if (u->host_ok)
		snprintf(buf, n,
			 _("host: TCP %u (estab %u, tw %u) UDP %u RAW %u "
			   "UNIX %u  "),
			 h->tcp, h->estab, h->tw, h->udp, h->raw, h->unx);
	counts_short(&u->m.shown, shown, sizeof(shown));
	len = strlen(buf);
	snprintf(buf + len, n - len, _("shown: %s"), shown);
}

int ui_health_shown(const struct ui *u)
{
	if (u->m.sort_col == MC_HEALTH)
		return 1;
	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == MC_HEALTH)
			return 1;
	return 0;
}

int ui_rates_shown(const struct ui *u)
{
	for (int i = 0; i < u->n_cols; i++)
		if (mcol_get(u->cols[i])->need & DIAG_X_RATE)
			return 1;
	return 0;
}

/*
 * The listed TCP sockets' rates summed (the host's throughput as far as
 * the table goes): "  TX 4.3M/s RX 4.3M/s", or nothing when no rate
 * column shows.  Tombstones are not listed any more.
 */
static void totals_text(const struct ui *u, char *buf, size_t n)
{
	double tx = 0, rx = 0;
	char t[32], r[32];

	buf[0] = '\0';
	if (!ui_rates_shown(u))
		return;
	/* every live row listed: the update's sums (no pass per draw) */
	if (model_rates_sum(&u->m, &tx, &rx))
		goto done;
	for (size_t i = 0; i < u->m.n_order; i++) {
		const struct mrow *row = model_row(&u->m, i);
		const struct sk_tcpc *c = sk_rates(row->r);

		if (c && !(row->flags & MROW_GONE)) {
			tx += c->tx;
			rx += c->rx;
		}
	}
done:
	mcol_rate_human(tx, u->fmt.exact, t, sizeof(t));
	mcol_rate_human(rx, u->fmt.exact, r, sizeof(r));
	snprintf(buf, n, _("  TX %s RX %s"), t, r);
}

/*
 * The health codes counted ("  Health: close-wt 5 zero-win 1", or "ok"),
 * and the namespace's ListenOverflows and ListenDrops per second; nothing
 * while no health pass ran (no Health column, no health sort).
 */
static void health_text(const struct ui *u, char *buf, size_t n)
{
	const struct health_sum *h = &u->hsum;
	size_t len;

	buf[0] = '\0';
	if (!u->health_ok || !ui_health_shown(u))
		return;
	snprintf(buf, n, "%s", _("  Health:"));
	for (unsigned k = 0; k < SKH_COUNT; k++) {
		len = strlen(buf);
		if (h->n[k])
			snprintf(buf + len, n - len, " %s %u",
				 hcode_get(k)->word, h->n[k]);
	}
	len = strlen(buf);
	if (!h->flagged)
		snprintf(buf + len, n - len, " %s", _("ok"));
	len = strlen(buf);
	if (h->rates)
		snprintf(buf + len, n - len,
			 _("  ListenOverflows %.1f/s ListenDrops %.1f/s"),
			 h->overflow_rate, h->drop_rate);
}

/*
 * Where and when the header says the sockets are: the host and the clock,
 * or for a replay the file's name and when it was recorded (the refresh
 * shown, of how many; the file's time when it does not say).
 */
static void when_text(const struct ui *u, char *buf, size_t n)
{
	const char *file = u->o->replay, *slash;
	char stamp[32], *name;
	double t = u->replay_t > 0 ? u->replay_t : u->replay_mtime;
	time_t now = t > 0 ? (time_t)t : time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	if (!file) {
		strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm);
		snprintf(buf, n, "%s  %s", u->host, stamp);
		return;
	}
	slash = strrchr(file, '/');
	file = slash && slash[1] ? slash + 1 : file;
	/* a file name is the user's text: no control character passes */
	name = xmalloc(4 * strlen(file) + 1);
	san_escape(name, 4 * strlen(file) + 1, file, strlen(file));
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	if (t <= 0)
		snprintf(buf, n, _("replay %s"), name);
	else if (u->replay_t > 0)
		snprintf(buf, n, _("replay %s, recorded %s"), name, stamp);
	else
		snprintf(buf, n, _("replay %s, file of %s"), name, stamp);
	free(name);
	if (u->replay_steps > 1) {
		size_t len = strlen(buf);

		snprintf(buf + len, n - len, " (%u/%u)", u->replay_step,
			 u->replay_steps);
	}
}

static void draw_header(struct ui *u)
{
	char counts[256], totals[96], closed[96];
	char health[256], pos[64], every[128], label[300];
	const char *owners;
	/* a replayed file's name whole: 255 bytes, 4 a byte escaped */
	size_t wn = (u->o->replay ? 4 * strlen(u->o->replay) : 0) + 240;
	size_t bn = wn + 640;
	char *when = xmalloc(wn), *buf = xmalloc(bn);

	when_text(u, when, wn);
	counts_text(u, counts, sizeof(counts));
	totals_text(u, totals, sizeof(totals));
	ui_closed_header(u, closed, sizeof(closed));
	health_text(u, health, sizeof(health));
	/* a dump longer than the interval: the next one follows it at once
	 * (never a queue), so the refreshes come that much less often */
	every[0] = '\0';
	if (u->last_dump_ms > u->interval * 1000)
		snprintf(every, sizeof(every), _(" (stretched to %.1fs)"),
			 u->last_dump_ms / 1000);
	if (u->paused)
		strncat(every, _("  [PAUSED]"),
			sizeof(every) - strlen(every) - 1);
	/* problems and the rates' sums before the counts: a narrow terminal
	 * cuts the end */
	strncat(health, totals, sizeof(health) - strlen(health) - 1);
	snprintf(buf, bn, _("sstop %s  %s  every %gs%s%s  %s"), PACKAGE_VERSION,
		 when, u->interval, every, health, counts);
	if (u->coll) {
		char ns[96];

		if (u->ns_own_only)
			snprintf(ns, sizeof(ns), "  %s",
				 _("netns: own only (no CAP_SYS_ADMIN)"));
		else
			snprintf(ns, sizeof(ns), _("  netns: %u"), u->ns_n);
		strncat(buf, ns, bn - strlen(buf) - 1);
	}
	if (closed[0]) {
		strncat(buf, "  ", bn - strlen(buf) - 1);
		strncat(buf, closed, bn - strlen(buf) - 1);
	}
	attrset(A_BOLD);
	ui_put(0, 0, COLS, buf, 0);
	if (u->cl.on) {
		ui_closed_text(u, buf, bn);
		attrset(A_NORMAL);
		ui_put(1, 0, COLS, buf, 0);
		free(when);
		free(buf);
		return;
	}
	owners = !u->own	      ? _("owners: off (no /proc)")
		 : u->env->owners_off ? u->env->owners_off
				      : _("owners: all");
	ui_pos_text(u, pos, sizeof(pos));
	ui_filter_label(u, label, sizeof(label));
	snprintf(buf, bn,
		 _("Filter: %s%s  Sort: %s %s  %s  Rows: %zu  Tagged: %zu  %s  "
		   "%s"),
		 label, ui_filter_where(u), _(mcol_get(u->m.sort_col)->title),
		 u->m.desc ? "v" : "^", pos,
		 model_n_live(&u->m) + (u->grouped ? u->grp.n_hidden : 0),
		 model_n_tagged(&u->m), u->kill ? _("kill: on") : u->kill_off,
		 owners);
	attrset(A_NORMAL);
	ui_put(1, 0, COLS, buf, 0);
	free(when);
	free(buf);
}

static void draw_row(struct ui *u, int y, int width, size_t pos)
{
	const struct mrow *row = model_row(&u->m, pos);
	/* a replayed dump's unix name can be longer: the cell is its size */
	char stack[2048], *cell = stack;
	size_t n = mcol_end_size(row->r);
	attr_t a = A_NORMAL;
	int plain;
	/* no row is selected while a group's header is */
	int sel = pos == model_sel(&u->m) && ui_group_hsel(u) < 0;

	if (row->flags & MROW_GONE)
		a = pair_attr(u, PAIR_GONE, A_DIM) | A_DIM;
	else if (row->flags & MROW_NEW)
		a = pair_attr(u, PAIR_NEW, A_BOLD);
	if (row->flags & MROW_TAGGED)
		a = pair_attr(u, PAIR_TAG, A_UNDERLINE) | A_BOLD;
	if (sel)
		a = pair_attr(u, PAIR_BAR, A_REVERSE);
	plain = !(row->flags & (MROW_GONE | MROW_TAGGED)) && !sel &&
		row->r->tab != SKT_SCTP;
	attrset(a);
	mvhline(y, 0, ' ', width);
	if (n > sizeof(stack))
		cell = xmalloc(n);
	else
		n = sizeof(stack);
	for (int i = 0; i < u->n_cols && u->col_x[i] < width; i++) {
		const struct mcol_def *c = mcol_get(u->cols[i]);
		int w = u->col_w[i];

		if (!w)
			continue;
		if (u->col_x[i] + w > width)
			w = width - u->col_x[i];
		c->fmt(row->r, &u->fmt, cell, n);
		/* a health code stands out, but not on the selection bar */
		if (u->cols[i] == MC_HEALTH && row->r->health && !sel &&
		    !(row->flags & MROW_GONE))
			attrset(pair_attr(u, PAIR_HEALTH, A_BOLD) | A_BOLD);
		/* so does the state, on a row shown plain or new */
		if (u->cols[i] == MC_STATE && plain &&
		    (unsigned)row->r->state < SKS_MAX &&
		    state_look[row->r->state].pair)
			attrset(pair_attr(u, state_look[row->r->state].pair,
					  state_look[row->r->state].mono) |
				(a & A_BOLD) | state_look[row->r->state].mono);
		ui_cell(u, y, u->col_x[i], w, cell, u->cols[i], c->right);
		attrset(a);
	}
	if (cell != stack)
		free(cell);
}

/* Group k's header line, reversed when selected. */
static void draw_group(struct ui *u, int y, int width, size_t k)
{
	/* a label of 255 bytes, every state and health code: ample */
	char buf[2048];

	ui_group_text(u, k, buf, sizeof(buf));
	attrset(ui_group_hsel(u) == (long)k
			? pair_attr(u, PAIR_BAR, A_REVERSE)
			: pair_attr(u, PAIR_LABEL, A_BOLD) | A_BOLD);
	mvhline(y, 0, ' ', width);
	ui_put(y, 0, width, buf, 0);
}

static void draw_table(struct ui *u, int y0, int h, int width)
{
	ui_layout(u, width);
	attrset(pair_attr(u, PAIR_BAR, A_REVERSE));
	mvhline(y0, 0, ' ', width);
	/* columns scrolled off on the left (Right): a mark says so */
	if (u->hskip)
		ui_put(y0, 0, 1, "<", 0);
	for (int i = 0; i < u->n_cols && u->col_x[i] < width; i++) {
		const struct mcol_def *c = mcol_get(u->cols[i]);
		char title[64];
		int w = u->col_w[i];

		if (!w)
			continue;
		if (u->col_x[i] + w > width)
			w = width - u->col_x[i];
		snprintf(title, sizeof(title), "%s%s", _(c->title),
			 u->cols[i] == u->m.sort_col ? (u->m.desc ? "v" : "^")
						     : "");
		ui_cell(u, y0, u->col_x[i], w, title, MC_COUNT, c->right);
	}
	u->table_y = y0 + 1;
	u->table_h = h - 1;
	ui_scroll(u);
	if (!u->m.cur) {
		attrset(A_NORMAL);
		ui_put(y0 + 1, 0, width, _("collecting sockets..."), 0);
	}
	for (int i = 0; i < u->table_h; i++) {
		long pos = ui_line_row(u, u->top + (size_t)i);

		if (pos < 0)
			draw_group(u, u->table_y + i, width,
				   (size_t)(-1 -
					    group_row_at(&u->grp,
							 u->top + (size_t)i)));
		else if ((size_t)pos >= u->m.n_order)
			break;
		else
			draw_row(u, u->table_y + i, width, (size_t)pos);
	}
	attrset(A_NORMAL);
}

/* The detail pane (ui_dpane.c) and its title bar's colour. */
static void draw_detail(struct ui *u, int y0, int x0, int h, int w)
{
	ui_dpane_draw(u, y0, x0, h, w, pair_attr(u, PAIR_BAR, A_REVERSE));
}

static void draw_menu(struct ui *u, int y0, int h)
{
	/* scrolled so that the choice shows on a short screen */
	int first = u->menu_pos > h - 2 ? u->menu_pos - (h - 2) : 0;

	attrset(pair_attr(u, PAIR_BAR, A_REVERSE));
	ui_put(y0, 0, 20, _("Sort by"), 0);
	for (int i = first; i < MC_COUNT && i - first < h - 1; i++) {
		attrset(i == u->menu_pos ? pair_attr(u, PAIR_BAR, A_REVERSE)
					 : A_NORMAL);
		ui_put(y0 + 1 + i - first, 0, 20, _(mcol_get(i)->title), 0);
	}
	attrset(A_NORMAL);
}

/* F5's menu of the grouping views, the current one marked. */
static void draw_gmenu(struct ui *u, int y0, int h)
{
	char item[128], line[160];
	int cur = u->grouped ? (int)u->grp.view : 0;

	attrset(pair_attr(u, PAIR_BAR, A_REVERSE));
	ui_put(y0, 0, 34, _("Group by"), 0);
	for (int i = 0; i < h - 1 && ui_group_menu_item(i, item, sizeof(item));
	     i++) {
		snprintf(line, sizeof(line), "%s %s", i == cur ? "*" : " ",
			 item);
		attrset(i == u->menu_pos ? pair_attr(u, PAIR_BAR, A_REVERSE)
					 : A_NORMAL);
		ui_put(y0 + 1 + i, 0, 34, line, 0);
	}
	attrset(A_NORMAL);
}

static const struct {
	const char *key, *label;
	int fn; /* KEY_F(fn) */
} fkeys[] = {
	{"F1", N_("Help"), 1},	 {"F2", N_("Setup"), 2},
	{"F3", N_("Search"), 3}, {"F4", N_("Filter"), 4},
	{"F5", N_("Group"), 5},	 {"F6", N_("SortBy"), 6},
	{"F9", N_("Kill"), 9},	 {"F10", N_("Quit"), 10},
};

#define N_FKEYS (sizeof(fkeys) / sizeof(fkeys[0]))

/* Where the bar's entry i ends (its key's column is where i - 1 ends). */
static int fkey_end(size_t i)
{
	int x = 0;

	for (size_t k = 0; k <= i; k++)
		x += (int)strlen(fkeys[k].key) +
		     (int)strlen(_(fkeys[k].label)) + 1;
	return x;
}

int ui_bar_key_at(const struct ui *u, int x)
{
	/* the bar shows only while no prompt is on its line (setup's panel
	 * leaves it) */
	if ((u->mode != UM_TABLE && u->mode != UM_SETUP) || x < 0)
		return 0;
	for (size_t i = 0; i < N_FKEYS; i++)
		if (x < fkey_end(i))
			return KEY_F(fkeys[i].fn);
	return 0;
}

/*
 * The prompt's line from column x: the part around the cursor (the line
 * scrolls sideways), reversed while it is selected (typing replaces it).
 */
static void draw_prompt_line(struct ui *u, int y, int x)
{
	char part[LEDIT_CAP];
	size_t from, to;
	int col, w = COLS - x;

	if (w < 1)
		return;
	col = ledit_view(&u->ed, w, &from, &to);
	snprintf(part, sizeof(part), "%.*s", (int)(to - from),
		 u->ed.buf + from);
	attrset(A_NORMAL);
	ui_put(y, x, w, part, 0);
	if (u->ed.sel) {
		/* (the cursor is at its end: col is its width) */
		attrset(A_REVERSE);
		ui_put(y, x, col, part, 0);
		attrset(A_NORMAL);
	}
	move(y, x + col < COLS ? x + col : COLS - 1);
}

static void draw_bottom(struct ui *u)
{
	static const char *const prompts[] = {
		[UM_SEARCH] = N_("Search: "),
		[UM_FILTER] = N_("Filter: "),
		[UM_INTERVAL] = N_("Interval (seconds): "),
	};
	int y = LINES - 1, x = 0;

	if (u->status[0]) {
		attrset(A_BOLD);
		ui_put_mid(u, y - 1, 0, COLS, u->status);
	}
	if (u->mode == UM_SEARCH || u->mode == UM_FILTER ||
	    u->mode == UM_INTERVAL) {
		const char *p = _(prompts[u->mode]);
		int pw = (int)strlen(p);

		attrset(pair_attr(u, PAIR_LABEL, A_BOLD));
		ui_put(y, 0, pw, p, 0);
		draw_prompt_line(u, y, pw);
		return;
	}
	for (size_t i = 0; i < N_FKEYS && x < COLS; i++) {
		const char *label = _(fkeys[i].label);
		int kw = (int)strlen(fkeys[i].key), lw = (int)strlen(label);

		attrset(A_NORMAL);
		ui_put(y, x, kw, fkeys[i].key, 0);
		x += kw;
		attrset(pair_attr(u, PAIR_BAR, A_REVERSE));
		ui_put(y, x, lw + 1 < COLS - x ? lw + 1 : COLS - x, label, 0);
		x += lw + 1;
	}
	attrset(A_NORMAL);
	if (x < COLS)
		mvhline(y, x, ' ', COLS - x);
}

void ui_draw(struct ui *u)
{
	int body = LINES - 3 - (u->status[0] ? 1 : 0);
	int wide = u->detail && COLS >= 160;

	werase(stdscr);
	u->kd.shown = 0;
	if (u->mode == UM_HELP) {
		ui_help_draw(u);
	} else if (u->mode == UM_CONFIRM || u->mode == UM_RESULT) {
		/* the whole screen: its prompt and warnings always show */
		ui_kill_draw(u);
	} else if (LINES < 5 || COLS < 20) {
		ui_put(0, 0, COLS, _("terminal too small"), 0);
	} else {
		if (u->cl.on) {
			ui_closed_draw(u, 2, body, COLS);
		} else if (!u->detail) {
			draw_table(u, 2, body, COLS);
		} else if (u->dfull) {
			draw_detail(u, 2, 0, body, COLS);
		} else if (wide) {
			draw_table(u, 2, body, COLS / 2);
			draw_detail(u, 2, COLS / 2 + 1, body,
				    COLS - COLS / 2 - 1);
		} else {
			int th = body / 2 > 3 ? body / 2 : 3;

			draw_table(u, 2, th, COLS);
			draw_detail(u, 2 + th, 0, body - th, COLS);
		}
		/* after the table: its position mark is this frame's */
		draw_header(u);
		if (u->mode == UM_SORTMENU)
			draw_menu(u, 2, body);
		/* on the right, over the table that follows each change */
		if (u->mode == UM_SETUP)
			ui_setup_draw(u, 2, COLS > 72 ? COLS - 36 : COLS / 2,
				      body, COLS > 72 ? 36 : COLS - COLS / 2);
		if (u->mode == UM_GROUPMENU)
			draw_gmenu(u, 2, body);
		draw_bottom(u);
	}
	if (u->mode == UM_SEARCH || u->mode == UM_FILTER ||
	    u->mode == UM_INTERVAL) {
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}
