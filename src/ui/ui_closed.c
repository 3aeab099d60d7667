/*
 * ui_closed.c: the closed-connection log on screen.  The listener thread
 * (collect/evl.h) queues the destroyed sockets; the loop takes them at
 * most every UI_CLOSED_TAKE_MS (so a thousand closes a second cost a few
 * wake-ups, not a thousand), logs them (view/clog.h) with what the model
 * saw of them, and gives the table's rows of those sockets their final
 * record: a row that just vanished (a tombstone), or one that vanishes
 * now, shows the final counters instead of the last polled ones.
 *
 * `E` opens the log's view: newest first, sortable (< > I), filtered by
 * the filter line as the table is, Enter shows an entry's final detail.
 * Other keys (filter, help, quit...) work as in the table.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "filter.h"
#include "hcode.h"
#include "i18n.h"
#include "sanitize.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

#define KEY_ESC 27

/* The log's columns. */
enum {
	CC_TIME,
	CC_NETID,
	CC_LOCAL,
	CC_PEER,
	CC_RX,
	CC_TX,
	CC_RETR,
	CC_RTT,
	CC_LIFE,
	CC_PROC,
	CC_COUNT
};

static const struct {
	const char *title;
	int width, right;
} ccols[CC_COUNT] = {
	[CC_TIME] = {N_("Closed"), 12, 0},
	[CC_NETID] = {N_("Netid"), 5, 0},
	[CC_LOCAL] = {N_("Local Address:Port"), 21, 0},
	[CC_PEER] = {N_("Peer Address:Port"), 21, 0},
	[CC_RX] = {N_("Received"), 9, 1},
	[CC_TX] = {N_("Acked"), 9, 1},
	[CC_RETR] = {N_("Retr"), 6, 1},
	[CC_RTT] = {N_("RTT"), 7, 1},
	[CC_LIFE] = {N_("Life"), 8, 1},
	[CC_PROC] = {N_("Process"), 12, 0},
};

void ui_closed_init(struct ui *u, long cap)
{
	struct ui_closed *c = &u->cl;
	/* tests: a small buffer, to see lost events counted */
	const char *rb = u->env->events_rcvbuf;
	int err;

	memset(c, 0, sizeof(*c));
	clog_init(&c->log, cap > 0 ? (size_t)cap : 0);
	evl_batch_init(&c->b);
	c->sort = CC_TIME;
	c->desc = 1;
	if (u->o->replay)
		return; /* a replayed dump has no live kernel behind it */
	snap_init(&c->lsn);
	err = evl_start(&c->evl, SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP), 0,
			UI_CLOSED_PENDING, rb ? atoi(rb) : 0);
	if (!err && diag_open(&c->ld) < 0)
		c->ld = NULL;
	if (err)
		snprintf(u->status, sizeof(u->status),
			 _("closed connections: cannot listen: %s"),
			 strerror(-err));
}

void ui_closed_fini(struct ui *u)
{
	struct ui_closed *c = &u->cl;

	evl_stop(c->evl);
	if (c->ld)
		diag_close(c->ld);
	snap_free(&c->lsn);
	evl_batch_free(&c->b);
	clog_free(&c->log);
	free(c->order);
	memset(c, 0, sizeof(*c));
}

int ui_closed_fd(const struct ui *u, double now_ms)
{
	const struct ui_closed *c = &u->cl;

	if (!c->evl || now_ms < c->t_take + UI_CLOSED_TAKE_MS)
		return -1;
	return evl_fd(c->evl);
}

int ui_closed_wait(const struct ui *u, double now_ms)
{
	const struct ui_closed *c = &u->cl;
	double left = c->t_take + UI_CLOSED_TAKE_MS - now_ms;

	/* only while sockets are closing: an idle screen sleeps */
	if (!c->evl || left <= 0 || !c->took)
		return -1;
	return (int)left + 1;
}

/*
 * The final record of a socket the table shows, in the arena of the
 * snapshot s that holds its row's record: the event's ends and tcp_info,
 * the row's state, inode, uid and other attributes.
 */
static const struct sk_rec *final_rec(struct snap *s, const struct sk_rec *old,
				      const struct sk_rec *ev)
{
	struct sk_rec *r = arena_alloc(&s->arena, sizeof(*r));
	struct sk_ext *x;

	*r = *ev;
	/* the state the table knew: a filter's states keep the row */
	r->state = old->state;
	r->ino = old->ino;
	r->uid = old->uid;
	r->has = (uint16_t)((ev->has & ~(SKR_HAS_UID | SKR_HAS_INO)) |
			    (old->has & (SKR_HAS_UID | SKR_HAS_INO)));
	r->x = old->x;
	if (!ev->x || !(ev->x->present & SKX_TCPINFO) || !ev->x->tcpi)
		return r;
	x = arena_alloc(&s->arena, sizeof(*x));
	if (old->x)
		*x = *old->x; /* its pointers are into s too */
	x->tcpi = arena_alloc(&s->arena, sizeof(*x->tcpi));
	memcpy(x->tcpi, ev->x->tcpi,
	       ev->x->tcpi_len < sizeof(*x->tcpi) ? ev->x->tcpi_len
						  : sizeof(*x->tcpi));
	x->tcpi_len = ev->x->tcpi_len < sizeof(*x->tcpi)
			      ? ev->x->tcpi_len
			      : (uint32_t)sizeof(*x->tcpi);
	x->present |= SKX_TCPINFO;
	r->x = x;
	return r;
}

/* Rows of the sockets just destroyed get their final record. */
static void tombstones(struct ui *u)
{
	const struct snap *b = &u->cl.b.s;

	for (size_t i = 0; i < b->n; i++) {
		struct mrow *row = model_row_by_key(&u->m, model_key(&b->v[i]));
		struct snap *s;

		if (!row)
			continue;
		s = row->flags & MROW_GONE ? u->m.prev : u->m.cur;
		if (!s)
			continue;
		row->r = final_rec(s, row->r, &b->v[i]);
		/* gone now: dimmed, and dropped at the next refresh */
		model_mark_gone(&u->m, row);
	}
}

unsigned ui_closed_take(struct ui *u, double now_ms)
{
	struct ui_closed *c = &u->cl;
	struct clog_known k = {
		.m = &u->m,
		.own = u->own,
		.t_dump = u->t_dump,
		.real = 1,
	};

	c->took = c->evl && evl_take(c->evl, &c->b);
	if (!c->took)
		return 0;
	/* the next take waits UI_CLOSED_TAKE_MS after one that took events */
	c->t_take = now_ms;
	/*
	 * The table's dump may leave listeners out (ss's default states):
	 * the few TCP listeners are dumped once an interval, a walk of the
	 * kernel's listening hash only.
	 */
	if (c->ld && now_ms - c->t_lsn >= u->interval * 1000) {
		struct diag_req req = {
			.tabs = SKT_BIT(SKT_TCP),
			.states = SKS_BIT(SKS_LISTEN),
		};

		snap_clear(&c->lsn);
		if (diag_dump(c->ld, &req, &c->lsn) == 0)
			c->t_lsn = now_ms;
	}
	k.lsn = c->t_lsn > 0 ? &c->lsn : NULL;
	clog_add_events(&c->log, &c->b, &k, NULL, NULL);
	tombstones(u);
	evl_stats(c->evl, &c->st);
	/* a burst's memory goes back once it is logged */
	if (c->b.s.arena.used > UI_CLOSED_KEEP) {
		evl_batch_free(&c->b);
		evl_batch_init(&c->b);
	}
	return UI_DRAW;
}

void ui_closed_header(const struct ui *u, char *buf, size_t n)
{
	const struct ui_closed *c = &u->cl;
	struct timespec ts;
	size_t len;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (!c->evl) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, _("closes %.1f/s"),
		 clog_rate(&c->log, (double)ts.tv_sec));
	len = strlen(buf);
	if (c->st.lost + c->st.full && len < n)
		snprintf(buf + len, n - len,
			 P_(" (%llu event lost)", " (%llu events lost)",
			    c->st.lost + c->st.full),
			 (unsigned long long)(c->st.lost + c->st.full));
}

/* Whether the filter line (as the table uses it) keeps e. */
static int keep(const struct ui *u, const struct clog_ent *e,
		struct clog_rec *cr)
{
	const struct filter *f = u->flt_preview ? u->flt_preview : u->flt;
	const struct sk_select *s =
		u->flt_preview ? &u->fsel_preview : &u->fsel;

	/* as ss -E: the tables and the expression, not the states */
	if (e->r.tab < SKT_COUNT && !(s->tabs & SKT_BIT(e->r.tab)))
		return 0;
	if (!f)
		return 1;
	clog_rec(e, cr);
	return filter_match(f, &cr->r);
}

static uint64_t num_key(const struct clog_ent *e, int col)
{
	const struct tcp_info *t = e->ti_len ? &e->ti : NULL;

	switch (col) {
	case CC_RX:
		return t ? t->tcpi_bytes_received : 0;
	case CC_TX:
		return t ? t->tcpi_bytes_acked : 0;
	case CC_RETR:
		return t ? t->tcpi_bytes_retrans : 0;
	case CC_RTT:
		return t ? t->tcpi_rtt : 0;
	case CC_LIFE:
		return e->lifetime >= 0 ? (uint64_t)(e->lifetime * 1e6) : 0;
	case CC_LOCAL:
		return e->r.sport;
	case CC_PEER:
		return e->r.dport;
	case CC_NETID:
		return e->r.tab;
	default:
		return e->seq;
	}
}

static int cmp(const void *a, const void *b, void *arg)
{
	const struct ui_closed *c = arg;
	const struct clog_ent *x = clog_get(&c->log, *(const uint32_t *)a);
	const struct clog_ent *y = clog_get(&c->log, *(const uint32_t *)b);
	int r;

	if (c->sort == CC_PROC) {
		r = strcmp(x->n_own ? x->own[0].name : "",
			   y->n_own ? y->own[0].name : "");
	} else {
		uint64_t kx = num_key(x, c->sort), ky = num_key(y, c->sort);

		r = kx < ky ? -1 : kx > ky;
	}
	if (!r) /* ties: newest first */
		return x->seq < y->seq ? 1 : x->seq > y->seq ? -1 : 0;
	return c->desc ? -r : r;
}

/* The entries shown, filtered and sorted; the selection follows its entry. */
static void build(struct ui *u)
{
	struct ui_closed *c = &u->cl;
	struct clog_rec cr;

	c->order =
		xgrow(c->order, &c->cap_order, c->log.n + 1, sizeof(*c->order));
	c->n_order = 0;
	for (size_t i = 0; i < c->log.n; i++)
		if (keep(u, clog_get(&c->log, i), &cr))
			c->order[c->n_order++] = (uint32_t)i;
	qsort_r(c->order, c->n_order, sizeof(*c->order), cmp, c);
	c->sel = 0;
	for (size_t i = 0; i < c->n_order; i++)
		if (clog_get(&c->log, c->order[i])->seq == c->sel_seq)
			c->sel = i;
}

static void keep_in_view(struct ui_closed *c, int h)
{
	size_t hh = h > 0 ? (size_t)h : 1;

	if (c->sel < c->top)
		c->top = c->sel;
	else if (c->sel >= c->top + hh)
		c->top = c->sel - hh + 1;
}

/* Bytes: exact while they fit the column (7 digits), else 1.2M. */
static void human(uint64_t v, char *buf, size_t n, int exact)
{
	if (exact || v < 10000000)
		snprintf(buf, n, "%llu", (unsigned long long)v);
	else
		mcol_human(v, buf, n);
}

static void cell(struct ui *u, const struct clog_ent *e, int col, char *buf,
		 size_t n)
{
	const struct tcp_info *t = e->ti_len ? &e->ti : NULL;
	struct clog_rec cr;
	struct tm tm;
	time_t sec = (time_t)e->t_close;

	buf[0] = '\0';
	switch (col) {
	case CC_TIME:
		localtime_r(&sec, &tm);
		strftime(buf, n, "%H:%M:%S", &tm);
		snprintf(buf + strlen(buf), n - strlen(buf), ".%03d",
			 (int)((e->t_close - (double)sec) * 1000) % 1000);
		break;
	case CC_NETID:
	case CC_LOCAL:
	case CC_PEER:
		clog_rec(e, &cr);
		mcol_get(col == CC_NETID   ? MC_NETID
			 : col == CC_LOCAL ? MC_LOCAL
					   : MC_PEER)
			->fmt(&cr.r, &u->fmt, buf, n);
		break;
	case CC_RX:
	case CC_TX:
	case CC_RETR:
		if (t)
			human(num_key(e, col), buf, n, u->fmt.exact);
		break;
	case CC_RTT:
		if (t)
			snprintf(buf, n, "%.1fms", t->tcpi_rtt / 1000.0);
		break;
	case CC_LIFE:
		clog_lifetime(e, buf, n);
		break;
	case CC_PROC:
		if (e->n_own) {
			char name[4 * sizeof(e->own[0].name)];

			san_escape(name, sizeof(name), e->own[0].name,
				   strlen(e->own[0].name));
			snprintf(buf, n, "%s(%d)%s%s", name, e->own[0].pid,
				 e->n_own_all > 1 ? ",..." : "",
				 e->via == CLOG_VIA_LISTENER ? "*" : "");
		}
		break;
	default:
		break;
	}
}

/* Column x positions for width: the addresses take the spare room. */
static void layout(int width, int *x, int *w)
{
	int used = 0, spare;

	for (int i = 0; i < CC_COUNT; i++) {
		w[i] = ccols[i].width;
		used += w[i] + 1;
	}
	spare = width - used;
	if (spare > 0) {
		int add = spare / 3 > 20 ? 20 : spare / 3;

		w[CC_LOCAL] += add;
		w[CC_PEER] += add;
	}
	for (int i = 0, pos = 0; i < CC_COUNT; i++) {
		x[i] = pos;
		pos += w[i] + 1;
	}
	/* the last column takes what is left */
	if (width > x[CC_PROC])
		w[CC_PROC] = width - x[CC_PROC];
}

static void detail_lines(struct ui *u, const struct clog_ent *e,
			 struct ui_lines *l, int width)
{
	static const char *const via[] = {"", N_("its own, as last seen"),
					  N_("the listener's (never seen)")};
	struct clog_rec cr;
	struct mrow row = {.flags = MROW_GONE};
	char life[32], when[32];

	cell(u, e, CC_TIME, when, sizeof(when));
	ui_line_add(l, _("closed at %s, final state %s"), when,
		    sk_state_name((enum sk_state)e->r.state));
	ui_line_add(l, _("lifetime %s%s"), clog_lifetime(e, life, sizeof(life)),
		    e->seen	  ? _(" (from the first refresh that saw it)")
		    : e->life_est ? _(" (at least: never seen, from tcp_info)")
				  : _(" (never seen by a refresh)"));
	if (e->seen) {
		char words[128];

		hcode_words(e->health, words, sizeof(words));
		ui_line_add(l, _("last seen in state %s, health: %s"),
			    sk_state_name((enum sk_state)e->last_state),
			    words[0] ? words : _("ok"));
	}
	if (e->n_own && e->via < 3) {
		ui_line_add(l, _("owners: %s"), _(via[e->via]));
		for (unsigned i = 0; i < e->n_own; i++) {
			char name[4 * sizeof(e->own[i].name)];

			san_escape(name, sizeof(name), e->own[i].name,
				   strlen(e->own[i].name));
			ui_line_add(l, "  %s pid %d fd %d uid %u", name,
				    e->own[i].pid, e->own[i].fd, e->own[i].uid);
		}
		if (e->n_own_all > e->n_own)
			ui_line_add(l, _("  and %u more"),
				    e->n_own_all - e->n_own);
	}
	clog_rec(e, &cr);
	row.r = &cr.r;
	u->detail_w = width;
	ui_detail(u, &row, l);
}

/* Builds the list again when entries arrived, or the sort or filter
 * changed. */
static void rebuild_if_needed(struct ui *u)
{
	struct ui_closed *c = &u->cl;

	if (c->built_total != c->log.total || c->stale ||
	    c->built_gen != u->flt_gen) {
		build(u);
		c->built_total = c->log.total;
		c->built_gen = u->flt_gen;
		c->stale = 0;
	}
}

void ui_closed_draw(struct ui *u, int y0, int h, int width)
{
	struct ui_closed *c = &u->cl;
	int x[CC_COUNT], w[CC_COUNT], th = h;
	char buf[512];

	rebuild_if_needed(u);
	if (c->detail)
		th = h / 2 > 3 ? h / 2 : 3;
	layout(width, x, w);
	attrset(A_REVERSE);
	mvhline(y0, 0, ' ', width);
	for (int i = 0; i < CC_COUNT && x[i] < width; i++) {
		snprintf(buf, sizeof(buf), "%s%s", _(ccols[i].title),
			 i == c->sort ? (c->desc ? "v" : "^") : "");
		ui_put(y0, x[i], x[i] + w[i] > width ? width - x[i] : w[i], buf,
		       ccols[i].right);
	}
	c->h = th - 1;
	if (c->to_top) {
		/* as in the table: the selection follows where it shows */
		c->to_top = 0;
		c->top = 0;
		if (c->sel >= (size_t)(c->h > 0 ? c->h : 1) && c->n_order) {
			c->sel = 0;
			c->sel_seq = clog_get(&c->log, c->order[0])->seq;
		}
	}
	keep_in_view(c, c->h);
	attrset(A_NORMAL);
	if (!c->evl && !c->log.n)
		ui_put(y0 + 1, 0, width,
		       _("not listening: no destroyed socket can be logged"),
		       0);
	else if (!c->n_order)
		ui_put(y0 + 1, 0, width,
		       c->log.n ? _("no closed connection matches the filter")
				: _("no connection closed yet"),
		       0);
	for (int i = 0; i < c->h && c->top + (size_t)i < c->n_order; i++) {
		size_t pos = c->top + (size_t)i;
		const struct clog_ent *e = clog_get(&c->log, c->order[pos]);

		/* owners the first scan had not found yet when it closed */
		if (!e->n_own && e->own_ino)
			clog_owners_late(&c->log, c->order[pos], u->own);
		attrset(pos == c->sel ? A_REVERSE : A_NORMAL);
		mvhline(y0 + 1 + i, 0, ' ', width);
		for (int j = 0; j < CC_COUNT && x[j] < width; j++) {
			cell(u, e, j, buf, sizeof(buf));
			ui_put(y0 + 1 + i, x[j],
			       x[j] + w[j] > width ? width - x[j] : w[j], buf,
			       ccols[j].right);
		}
	}
	attrset(A_NORMAL);
	if (c->detail && c->n_order) {
		struct ui_lines l = {0};

		detail_lines(u, clog_get(&c->log, c->order[c->sel]), &l, width);
		ui_dpane_lines(u, y0 + th, 0, h - th, width, A_REVERSE,
			       _("---- closed connection (Enter closes)"),
			       _("[ ] scroll"), &l);
		ui_lines_free(&l);
	}
}

void ui_closed_text(struct ui *u, char *buf, size_t n)
{
	const struct ui_closed *c = &u->cl;
	char label[300];

	rebuild_if_needed(u);
	ui_filter_label(u, label, sizeof(label));
	snprintf(buf, n,
		 _("Closed connections: %zu shown of %zu logged (%llu since "
		   "start, log of %zu)  Sort: %s %s  Filter: %s"),
		 c->n_order, c->log.n, (unsigned long long)c->log.total,
		 c->log.cap, _(ccols[c->sort].title), c->desc ? "v" : "^",
		 label);
}

static void select_at(struct ui_closed *c, long pos)
{
	if (pos >= (long)c->n_order)
		pos = (long)c->n_order - 1;
	if (pos < 0)
		pos = 0;
	c->sel = (size_t)pos;
	if (c->n_order)
		c->sel_seq = clog_get(&c->log, c->order[c->sel])->seq;
}

/* A new sort column: as in the table, numbers (and times) biggest first. */
static unsigned sort_by(struct ui_closed *c, int col)
{
	c->sort = col;
	c->desc = col == CC_TIME || ccols[col].right;
	c->stale = c->to_top = 1;
	return UI_DRAW;
}

unsigned ui_closed_key(struct ui *u, int is_key, unsigned key)
{
	struct ui_closed *c = &u->cl;
	long page = c->h > 1 ? c->h - 1 : 1, sel = (long)c->sel;

	if (is_key) {
		switch (key) {
		case KEY_UP:
			select_at(c, sel - 1);
			return UI_DRAW;
		case KEY_DOWN:
			select_at(c, sel + 1);
			return UI_DRAW;
		case KEY_PPAGE:
			select_at(c, sel - page);
			return UI_DRAW;
		case KEY_NPAGE:
			select_at(c, sel + page);
			return UI_DRAW;
		case KEY_HOME:
			select_at(c, 0);
			return UI_DRAW;
		case KEY_END:
			select_at(c, (long)c->n_order - 1);
			return UI_DRAW;
		case KEY_ENTER:
			c->detail = !c->detail;
			u->dtop = 0;
			return UI_DRAW;
		case KEY_F(6):
			return sort_by(c, (c->sort + 1) % CC_COUNT);
		case KEY_F(3):
		case KEY_F(5):
		case KEY_F(9):
		case KEY_MOUSE:
			return 0;
		default:
			return UI_PASS;
		}
	}
	switch (key) {
	case 'E':
	case KEY_ESC:
		c->on = 0;
		return UI_DRAW;
	case '\r':
	case '\n':
		c->detail = !c->detail;
		u->dtop = 0;
		return UI_DRAW;
	case '<':
	case ',':
		return sort_by(c, (c->sort + CC_COUNT - 1) % CC_COUNT);
	case '>':
	case '.':
		return sort_by(c, (c->sort + 1) % CC_COUNT);
	case 'I':
		c->desc = !c->desc;
		c->stale = c->to_top = 1;
		return UI_DRAW;
	/* the table's own: tags, kill, groups, search */
	case ' ':
	case 'A':
	case 'U':
	case 'k':
	case 't':
	case '/':
		return 0;
	default:
		return UI_PASS;
	}
}
