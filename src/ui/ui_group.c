/*
 * ui_group.c: the grouping views on screen (F5).  F5 opens a menu of the
 * views (view/group.h), `t` goes from flat to the last view chosen and
 * back.  While grouped, the table's lines are the groups' headers and
 * their rows: the selection moves line by line and may rest on a header;
 * Enter on a header or a click on it, `+` and `-` expand and collapse a
 * group, `*` every group; which are collapsed is kept for each view (and
 * in the rc file).  A header's text says the group's totals.  The drawing
 * itself is ui_draw.c's; this file only decides.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hcode.h"
#include "i18n.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

#define KEY_ESC 27

void ui_group_set(struct ui *u, enum group_view v)
{
	struct group *g = &u->grp;

	if (v >= GV_COUNT)
		v = GV_NONE;
	if (v != g->view) {
		/* each view's collapsed groups are kept for its return */
		group_keep_store(g, u->keep, sizeof(u->keep));
		group_set_view(g, v);
		group_keep_load(g, u->keep);
	}
	u->grouped = v != GV_NONE;
	if (u->grouped)
		g->last = v;
	u->m.reorder = u->grouped ? group_apply : NULL;
	u->m.reorder_arg = g;
	if ((v == GV_PROC || v == GV_PROG) && !u->own)
		snprintf(u->status, sizeof(u->status),
			 _("owners unknown: every socket is under (no owner)"));
	else if (v == GV_NETNS && !u->o->all_netns)
		snprintf(u->status, sizeof(u->status),
			 _("one network namespace: --all-netns shows every "
			   "one"));
}

unsigned ui_group_menu(struct ui *u)
{
	u->mode = UM_GROUPMENU;
	u->menu_pos = (int)(u->grouped ? u->grp.view : u->grp.last);
	return UI_DRAW;
}

unsigned ui_group_toggle(struct ui *u)
{
	ui_group_set(u, u->grouped ? GV_NONE : u->grp.last);
	return UI_RESORT;
}

unsigned ui_group_menu_key(struct ui *u, int is_key, unsigned key)
{
	if (is_key && key == KEY_UP && u->menu_pos > 0)
		u->menu_pos--;
	else if (is_key && key == KEY_DOWN && u->menu_pos < GV_COUNT - 1)
		u->menu_pos++;
	else if (is_key && key == KEY_HOME)
		u->menu_pos = 0;
	else if (is_key && key == KEY_END)
		u->menu_pos = GV_COUNT - 1;
	else if ((!is_key && (key == '\r' || key == '\n')) ||
		 (is_key && key == KEY_ENTER)) {
		u->mode = UM_TABLE;
		ui_group_set(u, (enum group_view)u->menu_pos);
		return UI_RESORT | UI_DRAW;
	} else if ((!is_key && (key == KEY_ESC || key == 'q')) ||
		   (is_key && (key == KEY_F(5) || key == KEY_F(10))))
		u->mode = UM_TABLE;
	return UI_DRAW;
}

int ui_group_menu_item(int i, char *buf, size_t n)
{
	if (i < 0 || i >= GV_COUNT)
		return 0;
	snprintf(buf, n, "%s", _(group_view_title((enum group_view)i)));
	return 1;
}

long ui_group_hsel(const struct ui *u)
{
	const struct group *g = &u->grp;

	if (!u->grouped || !g->hsel_on || g->hsel < 0 ||
	    (size_t)g->hsel >= g->n || g->hsel_gen != u->m.sel_gen)
		return -1;
	return g->hsel;
}

size_t ui_group_scroll_line(const struct ui *u)
{
	const struct group *g = &u->grp;
	long h = ui_group_hsel(u);
	size_t sel;

	if (h >= 0)
		return group_head_line(g, (size_t)h);
	if (!u->m.n_order)
		return 0;
	sel = group_line_of(g, model_sel(&u->m));
	/* a group's header stays in view above its first row */
	if (sel && group_row_at(g, sel - 1) < 0)
		sel--;
	return sel;
}

/* The line the selection is on. */
static size_t sel_line(const struct ui *u)
{
	long h = ui_group_hsel(u);

	if (h >= 0)
		return group_head_line(&u->grp, (size_t)h);
	return u->m.n_order ? group_line_of(&u->grp, model_sel(&u->m)) : 0;
}

/* Puts the selection on the header of group k. */
static void select_head(struct ui *u, size_t k)
{
	struct group *g = &u->grp;

	g->hsel = (long)k;
	g->hsel_key = g->v[k].key;
	g->hsel_on = 1;
	g->hsel_gen = u->m.sel_gen;
}

static unsigned select_line(struct ui *u, long line)
{
	size_t n = ui_lines(u);
	long r;

	if (!n)
		return UI_DRAW;
	if (line < 0)
		line = 0;
	if ((size_t)line >= n)
		line = (long)n - 1;
	r = group_row_at(&u->grp, (size_t)line);
	if (r < 0) {
		select_head(u, (size_t)(-1 - r));
	} else {
		model_select(&u->m, (size_t)r);
		u->grp.hsel_on = 0;
	}
	ui_scroll(u);
	return UI_DRAW;
}

/* The group the selection is in (its header or one of its rows), or -1. */
static long sel_group(const struct ui *u)
{
	long h = ui_group_hsel(u), r;

	if (h >= 0 || !u->m.n_order || !u->grp.n)
		return h;
	r = group_row_at(&u->grp, sel_line(u));
	if (r >= 0) /* a row: the header above it */
		for (size_t line = sel_line(u); line-- > 0;)
			if ((r = group_row_at(&u->grp, line)) < 0)
				return -1 - r;
	return -1;
}

/* Collapses (1), expands (0) or toggles (-1) the selection's group. */
static unsigned fold(struct ui *u, int how)
{
	struct group *g = &u->grp;
	long k = sel_group(u);
	int on;

	if (k < 0)
		return UI_DRAW;
	on = how < 0 ? !group_collapsed(g, g->v[k].key) : how;
	group_collapse(g, g->v[k].key, on);
	/* the selection goes to the header: its rows may be gone */
	select_head(u, (size_t)k);
	return UI_RESORT | UI_DRAW;
}

unsigned ui_group_click(struct ui *u, size_t line)
{
	long r;

	if (!u->grouped || line >= ui_lines(u) ||
	    (r = group_row_at(&u->grp, line)) >= 0)
		return 0;
	select_head(u, (size_t)(-1 - r));
	return fold(u, -1);
}

static unsigned fold_all(struct ui *u)
{
	struct group *g = &u->grp;
	long k = sel_group(u);
	int any = 0;

	for (size_t i = 0; i < g->n && !any; i++)
		any = g->v[i].shown > 0;
	group_collapse_all(g, any);
	if (k >= 0)
		select_head(u, (size_t)k);
	return UI_RESORT | UI_DRAW;
}

/* Space on a header: tags its shown rows, or untags them if all were. */
static unsigned tag_group(struct ui *u, size_t k)
{
	const struct group_head *h = &u->grp.v[k];
	int all = 1;

	if (!h->shown) {
		snprintf(u->status, sizeof(u->status),
			 _("the group is collapsed: + expands it"));
		return UI_DRAW;
	}
	for (uint32_t i = h->first; i < h->first + h->shown && all; i++)
		all = (model_row(&u->m, i)->flags & MROW_TAGGED) ||
		      (model_row(&u->m, i)->flags & MROW_GONE);
	for (uint32_t i = h->first; i < h->first + h->shown; i++) {
		struct mrow *row = model_row(&u->m, i);

		if (all)
			model_tag_set(&u->m, row, 0);
		else if (!(row->flags & MROW_GONE))
			model_tag_set(&u->m, row, 1);
	}
	return UI_DRAW;
}

unsigned ui_group_key(struct ui *u, int is_key, unsigned key)
{
	size_t page = u->table_h > 1 ? (size_t)u->table_h - 1 : 1;
	long h, cur;

	if (!is_key && (key == '+' || key == '-' || key == '*')) {
		if (!u->grouped) {
			snprintf(u->status, sizeof(u->status),
				 _("rows are not grouped: F5 chooses a "
				   "grouping"));
			return UI_DRAW;
		}
		return key == '*' ? fold_all(u) : fold(u, key == '-');
	}
	if (!u->grouped)
		return UI_PASS;
	h = ui_group_hsel(u);
	cur = (long)sel_line(u);
	if (is_key) {
		switch (key) {
		case KEY_UP:
			return select_line(u, cur - 1);
		case KEY_DOWN:
			return select_line(u, cur + 1);
		case KEY_PPAGE:
			return select_line(u, cur - (long)page);
		case KEY_NPAGE:
			return select_line(u, cur + (long)page);
		case KEY_HOME:
			return select_line(u, 0);
		case KEY_END:
			return select_line(u, (long)ui_lines(u));
		default:
			break;
		}
	}
	if (h < 0)
		return UI_PASS;
	/* on a header */
	if ((!is_key && (key == '\r' || key == '\n')) ||
	    (is_key && key == KEY_ENTER))
		return fold(u, -1);
	if (!is_key && key == ' ')
		return tag_group(u, (size_t)h);
	if (((!is_key && key == 'k') || (is_key && key == KEY_F(9))) &&
	    !model_n_tagged(&u->m)) {
		snprintf(u->status, sizeof(u->status),
			 _("a group is selected: Space tags its sockets, "
			   "then F9 closes them"));
		return UI_DRAW;
	}
	return UI_PASS;
}

/* "ESTAB 3 CLOSE-WAIT 5", the listeners' queues, health codes, drops. */
static void head_extra(const struct group_head *g, char *buf, size_t n)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, " ");
	for (unsigned st = 0; st < SKS_MAX; st++) {
		len = strlen(buf);
		if (g->state[st])
			snprintf(buf + len, n - len, " %s %u",
				 sk_state_name((enum sk_state)st),
				 g->state[st]);
	}
	len = strlen(buf);
	if (g->n_listen)
		snprintf(buf + len, n - len, _("  accept queue %llu/%llu"),
			 (unsigned long long)g->acc,
			 (unsigned long long)g->acc_max);
	len = strlen(buf);
	if (g->n_health)
		snprintf(buf + len, n - len, _("  health:"));
	for (unsigned i = 0; i < SKH_COUNT; i++) {
		len = strlen(buf);
		if (g->health[i])
			snprintf(buf + len, n - len, " %s %u",
				 hcode_get(i)->word, g->health[i]);
	}
	len = strlen(buf);
	if (g->drops)
		snprintf(buf + len, n - len, _("  drops %llu"),
			 (unsigned long long)g->drops);
}

/* Who the group is: "nginx(812)", "10.0.0.9", "tcp port 443"... */
static void head_who(const struct ui *u, const struct group_head *g, char *buf,
		     size_t n)
{
	const char *name = group_head_name(&u->grp, g);
	char addr[INET6_ADDRSTRLEN];

	switch (g->kind) {
	case GROUP_PENDING:
		snprintf(buf, n, "%s", _("(pending)"));
		return;
	case GROUP_NOOWNER:
		snprintf(buf, n, "%s", _("(no owner)"));
		return;
	case GROUP_OTHER:
		snprintf(buf, n, "%s",
			 u->grp.view == GV_RHOST   ? _("(no remote host)")
			 : u->grp.view == GV_LPORT ? _("(no listener)")
						   : _("(no namespace)"));
		return;
	default:
		break;
	}
	switch (u->grp.view) {
	case GV_PROC:
		snprintf(buf, n, "%s(%d)", name, g->pid);
		break;
	case GV_PROG:
		snprintf(buf, n,
			 P_("%s  %u process", "%s  %u processes", g->n_proc),
			 name, g->n_proc);
		break;
	case GV_RHOST:
		if (!inet_ntop(g->family, g->addr, addr, sizeof(addr)))
			snprintf(addr, sizeof(addr), "?");
		snprintf(buf, n, "%s", addr);
		break;
	case GV_LPORT:
		if (u->grp.n_ns > 1)
			snprintf(buf, n, _("%s port %u in %s"),
				 sk_tab_netid((enum sk_tab)g->tab), g->port,
				 name);
		else
			snprintf(buf, n, _("%s port %u"),
				 sk_tab_netid((enum sk_tab)g->tab), g->port);
		break;
	default:
		snprintf(buf, n, _("netns %s"), name);
		break;
	}
}

void ui_group_text(const struct ui *u, size_t k, char *buf, size_t n)
{
	const struct group_head *g = &u->grp.v[k];
	/* the name whole (a netns label is up to 255 bytes) and its words */
	size_t wn = strlen(group_head_name(&u->grp, g)) + 128;
	char stack[512], *who = wn > sizeof(stack) ? xmalloc(wn) : stack;
	char rq[32], wq[32];

	head_who(u, g, who, wn);
	if (u->fmt.exact) {
		snprintf(rq, sizeof(rq), "%llu", (unsigned long long)g->rq);
		snprintf(wq, sizeof(wq), "%llu", (unsigned long long)g->wq);
	} else {
		mcol_human(g->rq, rq, sizeof(rq));
		mcol_human(g->wq, wq, sizeof(wq));
	}
	snprintf(buf, n,
		 P_("%s%s  %u socket  Recv-Q %s  Send-Q %s",
		    "%s%s  %u sockets  Recv-Q %s  Send-Q %s", g->n),
		 g->shown || !g->n ? "" : "+ ", who, g->n, rq, wq);
	if (who != stack)
		free(who);
	if (ui_rates_shown(u) && g->n_rated) {
		char tx[32], rx[32];
		size_t len = strlen(buf);

		mcol_rate_human(g->tx, u->fmt.exact, tx, sizeof(tx));
		mcol_rate_human(g->rx, u->fmt.exact, rx, sizeof(rx));
		snprintf(buf + len, n - len, _("  TX %s  RX %s"), tx, rx);
	}
	head_extra(g, buf, n);
}
