/*
 * ui_detail.c: the detail pane's text for one socket: identity, health,
 * throughput and its history, owners, queues and socket memory (each skmem
 * field named and explained), timer, and the TCP section (ui_dtcp.c).
 * Items are packed into lines as wide as the pane (in screen columns,
 * wcwidth); a long path or command line is wrapped onto as many lines as
 * it needs, never cut.  What the kernel did not send is left out rather
 * than shown as zero.  No curses here: ui_dpane.c paints the lines.
 */
#include "config.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <wchar.h>

#include "dwidth.h"
#include "hist.h"
#include "i18n.h"
#include "mcol.h"
#include "names.h"
#include "owners.h"
#include "sanitize.h"
#include "select.h"
#include "ssfmt.h"
#include "tcpi.h"
#include "ui_int.h"
#include "xalloc.h"

static void newline(struct dsink *s)
{
	ui_line_new(s->l);
	s->fresh = 1;
	s->cols = 0;
}

/* Appends the n bytes at t (cols columns) to the current line. */
static void append(struct dsink *s, const char *t, size_t n, int cols)
{
	ui_line_append(s->l, t, n);
	s->cols += cols;
	s->fresh = 0;
}

/*
 * Appends text (sanitized) to the current line, going on to new lines
 * that start with indent blanks where it does not fit: after the last
 * blank that fits when there is one in the second half of the line, else
 * after the last character that fits.  Nothing is ever cut: a long path
 * or command line takes as many lines as it needs.
 */
static void put_text(struct dsink *s, const char *text, int indent)
{
	size_t len = strlen(text);

	if (indent > s->width / 2)
		indent = s->width / 2;
	while (len) {
		size_t n = 0, k, brk = 0;
		int w = 0, bw = 0, room = s->width - s->cols;

		while (n < len) {
			int cw = dw_char(text + n, len - n, NULL, &k);

			if (w + cw > room)
				break;
			w += cw;
			n += k;
			if (text[n - 1] == ' ' && w > room / 2) {
				brk = n;
				bw = w;
			}
		}
		if (n < len && brk) {
			n = brk;
			w = bw;
		}
		if (!n && s->cols <= indent) {
			/* not even one character fits a fresh line */
			w = dw_char(text, len, NULL, &n);
		}
		append(s, text, n, w);
		text += n;
		len -= n;
		if (len) {
			newline(s);
			append(s, "", 0, 0);
			for (int i = 0; i < indent; i++)
				append(s, " ", 1, 1);
		}
	}
}

/*
 * fmt's text in buf (n bytes) when it fits, else in a new allocation
 * (never cut: a command line may be long); free it when not buf.
 */
__attribute__((format(printf, 3, 0))) static char *
vtext(char *buf, size_t n, const char *fmt, va_list ap)
{
	va_list again;
	int k;

	va_copy(again, ap);
	k = vsnprintf(buf, n, fmt, ap);
	if (k >= 0 && (size_t)k >= n) {
		buf = xmalloc((size_t)k + 1);
		vsnprintf(buf, (size_t)k + 1, fmt, again);
	}
	va_end(again);
	return buf;
}

/* A line of its own, wrapped (continuation lines indented). */
__attribute__((format(printf, 3, 4))) static void
line(struct dsink *s, int indent, const char *fmt, ...)
{
	char stack[1024], *buf;
	va_list ap;

	va_start(ap, fmt);
	buf = vtext(stack, sizeof(stack), fmt, ap);
	va_end(ap);
	newline(s);
	put_text(s, buf, indent);
	if (buf != stack)
		free(buf);
}

void dsink_section(struct dsink *s, const char *title)
{
	line(s, 3, "%s:", title);
}

/* One "name value" item, on the current line if it fits. */
void dsink_item(struct dsink *s, const char *fmt, ...)
{
	char stack[1024], *buf;
	va_list ap;
	int n;

	va_start(ap, fmt);
	buf = vtext(stack, sizeof(stack), fmt, ap);
	va_end(ap);
	n = (int)dw_cols(buf, strlen(buf));
	if (!s->fresh && s->cols + 2 + n > s->width) {
		newline(s);
		append(s, "   ", 3, 3);
	}
	append(s, "  ", 2, 2);
	put_text(s, buf, 5);
	if (buf != stack)
		free(buf);
}

/*
 * The cgroup's path, as ss -e prints it (sanitized: a directory's name is
 * anyone's), and its id; the id alone when the path is not found (a
 * cgroup made after the one walk of the cgroup2 tree, names.c; a
 * replayed dump).
 */
static void cgroup(struct dsink *s, const struct ui *u, uint64_t id)
{
	/* (a recording's ids are another host's: no path) */
	const char *path = u->fmt.names && !u->o->replay
				   ? names_cgroup(u->fmt.names, id)
				   : "";
	size_t need;
	char *esc;

	if (path[0] != '/') {
		dsink_item(s, _("cgroup id %llu"), (unsigned long long)id);
		return;
	}
	/* a path of up to PATH_MAX bytes, each escaped to 4 at most */
	need = san_escape(NULL, 0, path, strlen(path)) + 1;
	esc = xmalloc(need);
	san_escape(esc, need, path, strlen(path));
	dsink_item(s, _("cgroup %s (id %llu)"), esc, (unsigned long long)id);
	free(esc);
}

static void identity(struct dsink *s, const struct ui *u,
		     const struct mrow *row)
{
	const struct sk_rec *r = row->r;
	/* a unix path, escaped, whole: the line wraps */
	size_t n = mcol_end_size(r);
	char *local = xmalloc(n), *peer = xmalloc(n);
	const char *fam;

	mcol_get(MC_LOCAL)->fmt(r, &u->fmt, local, n);
	mcol_get(MC_PEER)->fmt(r, &u->fmt, peer, n);
	line(s, 4, "%s %s  %s -> %s%s", ssfmt_netid(r), sk_state_name(r->state),
	     local, peer, row->flags & MROW_GONE ? _("  (gone)") : "");
	free(local);
	free(peer);
	dsink_section(s, _("identity"));
	fam = sel_family_name(r->family);
	if (fam)
		dsink_item(s, _("family %s"), fam);
	else
		dsink_item(s, _("family %d"), r->family);
	if (r->ifindex) {
		char dev[64];

		mcol_get(MC_IFACE)->fmt(r, &u->fmt, dev, sizeof(dev));
		dsink_item(s, _("interface %s"), dev);
	}
	if (u->coll) {
		const struct snap_ns *ns = snap_ns_rec(u->m.cur, r);

		if (ns) {
			dsink_section(s, _("namespace"));
			dsink_item(s, _("netns %s"), ns->label);
			dsink_item(s, _("id %llu"),
				   (unsigned long long)ns->ino);
			if (ns->container[0])
				dsink_item(s, _("container %s"), ns->container);
			if (ns->runtime[0])
				dsink_item(s, _("runtime %s"), ns->runtime);
			if (ns->pid)
				dsink_item(s, _("first pid %d"), ns->pid);
			dsink_section(s, _("identity"));
		}
	}
	if (r->has & SKR_HAS_INO)
		dsink_item(s, _("inode %u"), r->ino);
	if (r->has & SKR_HAS_COOKIE)
		dsink_item(s, _("cookie %llx"), (unsigned long long)r->cookie);
	if (r->has & SKR_HAS_UID)
		dsink_item(s, _("uid %u"), r->uid);
	if (r->has & SKR_HAS_SHUTDOWN)
		dsink_item(s, _("shutdown %c-%c"), r->shutdown & 1 ? '-' : '<',
			   r->shutdown & 2 ? '-' : '>');
	if (r->x && (r->x->present & SKX_MARK))
		dsink_item(s, _("mark 0x%x"), r->x->mark);
	if (r->x && (r->x->present & SKX_CGROUP))
		cgroup(s, u, r->x->cgroup_id);
	if (r->x && (r->x->present & SKX_TOS))
		dsink_item(s, _("tos 0x%x"), r->x->tos);
	if (r->x && (r->x->present & SKX_TCLASS))
		dsink_item(s, _("tclass 0x%x"), r->x->tclass);
	if (r->x && (r->x->present & SKX_CLASS_ID))
		dsink_item(s, _("class id 0x%x"), r->x->class_id);
	if (r->family == AF_INET6 && r->x && (r->x->present & SKX_V6ONLY))
		dsink_item(s, _("v6only %u"), r->x->v6only);
	if (r->x && (r->x->present & SKX_ULP) && r->x->ulp) {
		char ulp[64];

		san_escape(ulp, sizeof(ulp), r->x->ulp, strlen(r->x->ulp));
		dsink_item(s, _("ulp %s"), ulp);
	}
	if (r->family == AF_UNIX)
		dsink_item(s, _("peer inode %u"), r->a.un.peer);
	/* 0: a closed connection's log entry (it says its lifetime) */
	if (u->m.t0_ok) {
		double seen = u->m.t_update - model_since(&u->m, row);

		dsink_item(s, _("seen for %.0f s"), seen > 0 ? seen : 0.0);
	}
}

/* skmem fields, in SK_MEMINFO_* order, with what each means. */
static const struct {
	const char *name, *what;
} skmem_fields[SK_MEMINFO_VARS] = {
	[SK_MEMINFO_RMEM_ALLOC] = {"r", N_("receive memory in use")},
	[SK_MEMINFO_RCVBUF] = {"rb", N_("receive buffer size")},
	[SK_MEMINFO_WMEM_ALLOC] = {"t", N_("send memory in flight")},
	[SK_MEMINFO_SNDBUF] = {"tb", N_("send buffer size")},
	[SK_MEMINFO_FWD_ALLOC] = {"f", N_("reserved, not yet used")},
	[SK_MEMINFO_WMEM_QUEUED] = {"w", N_("queued to send")},
	[SK_MEMINFO_OPTMEM] = {"o", N_("options and filters")},
	[SK_MEMINFO_BACKLOG] = {"bl", N_("backlog")},
	[SK_MEMINFO_DROPS] = {"d", N_("drops (packets)")},
};

static void memory(struct dsink *s, const struct sk_rec *r)
{
	dsink_section(s, _("queues"));
	if (r->state == SKS_LISTEN) {
		dsink_item(s, _("accept queue %u"), r->rq);
		dsink_item(s, _("backlog limit %u"), r->wq);
	} else {
		dsink_item(s, _("Recv-Q %u bytes"), r->rq);
		dsink_item(s, _("Send-Q %u bytes"), r->wq);
	}
	if (!r->x || !(r->x->present & SKX_SKMEM))
		return;
	dsink_section(s, _("socket memory (skmem)"));
	for (int i = 0; i < r->x->skmem_n && i < SK_MEMINFO_VARS; i++) {
		char h[16];

		if (!skmem_fields[i].name)
			continue;
		mcol_human(r->x->skmem[i], h, sizeof(h));
		if (i == SK_MEMINFO_DROPS)
			dsink_item(s, "%s:%u %s", skmem_fields[i].name,
				   r->x->skmem[i], _(skmem_fields[i].what));
		else
			dsink_item(s, "%s:%sB %s", skmem_fields[i].name, h,
				   _(skmem_fields[i].what));
	}
}

static void timer(struct dsink *s, const struct ui *u, const struct sk_rec *r)
{
	char t[64];

	mcol_get(MC_TIMER)->fmt(r, &u->fmt, t, sizeof(t));
	dsink_section(s, _("timer"));
	dsink_item(s, "%s", t[0] ? t : _("none"));
	dsink_item(s, _("retransmits %u"), r->retrans);
}

/* Every owner of ino, one per line, with its user and command line. */
static void owner_lines(struct dsink *s, const struct ui *u, uint32_t ino)
{
	struct own_owner o[16];
	size_t total, shown;

	switch (own_lookup(u->own, ino)) {
	case OWN_PENDING:
		dsink_item(s, "%s", _("(still looking)"));
		return;
	case OWN_NONE:
		dsink_item(s, "%s", own_why_text(own_why(u->own, ino)));
		return;
	default:
		break;
	}
	total = own_owners(u->own, ino, u->o->show.threads, o, 16);
	shown = total < 16 ? total : 16;
	for (size_t i = 0; i < shown; i++) {
		const char *raw = own_cmdline(u->own, o[i].pid);
		size_t need =
			raw ? san_escape(NULL, 0, raw, strlen(raw)) + 1 : 0;
		char *cmd = raw ? xmalloc(need) : NULL;
		int nspid = own_nspid(u->own, o[i].pid);

		if (cmd)
			san_escape(cmd, need, raw, strlen(raw));

		/* the command line whole (sanitized), wrapped */
		if (nspid != o[i].pid && o[i].tid != o[i].pid)
			line(s, 4,
			     _("  pid %d (%d in its namespace) tid %d fd "
			       "%d  %s  %s  %s"),
			     o[i].pid, nspid, o[i].tid, o[i].fd,
			     own_user(u->own, o[i].uid), o[i].name,
			     cmd ? cmd : "");
		else if (nspid != o[i].pid) /* a container's: its pid there */
			line(s, 4,
			     _("  pid %d (%d in its namespace) fd %d  %s  "
			       "%s  %s"),
			     o[i].pid, nspid, o[i].fd,
			     own_user(u->own, o[i].uid), o[i].name,
			     cmd ? cmd : "");
		else if (o[i].tid != o[i].pid)
			line(s, 4, _("  pid %d tid %d fd %d  %s  %s  %s"),
			     o[i].pid, o[i].tid, o[i].fd,
			     own_user(u->own, o[i].uid), o[i].name,
			     cmd ? cmd : "");
		else
			line(s, 4, _("  pid %d fd %d  %s  %s  %s"), o[i].pid,
			     o[i].fd, own_user(u->own, o[i].uid), o[i].name,
			     cmd ? cmd : "");
		free(cmd);
	}
	if (total > shown)
		line(s, 4, _("  ... and %zu more"), total - shown);
}

static void owners(struct dsink *s, const struct ui *u, const struct sk_rec *r)
{
	if (!u->own || !r->ino)
		return;
	dsink_section(s, _("owners"));
	owner_lines(s, u, r->ino);
	if (r->family == AF_UNIX && r->a.un.peer) {
		dsink_section(s, _("owners of the peer end"));
		owner_lines(s, u, r->a.un.peer);
	}
}

/* Blanks that bring UTF-8 text t to w characters (0 when wider). */
static int pad(const char *t, int w)
{
	int n = 0;

	for (; *t; t++)
		n += ((unsigned char)*t & 0xc0) != 0x80;
	return n < w ? w - n : 0;
}

/* A share per 10000 as a percentage. */
static double pct(uint16_t v)
{
	return v / 100.0;
}

/*
 * Throughput over the last refresh (view/rates.c): payload bytes, bytes
 * retransmitted, segments, and the share of the interval the sender was
 * limited by the peer's window, its send buffer, or had nothing to send.
 */
static void throughput(struct dsink *s, const struct ui *u,
		       const struct sk_rec *r)
{
	const struct sk_tcpc *c = sk_rates(r);
	char a[32], b[32];

	if (r->tab != SKT_TCP || !r->tc)
		return;
	dsink_section(s, _("throughput"));
	if (!c) {
		dsink_item(s, "%s",
			   r->tc->has & SKC_BYTES
				   ? _("(rates arrive with the next refresh)")
				   : _("(this kernel sends no byte counters)"));
		return;
	}
	mcol_rate_human(c->tx, u->fmt.exact, a, sizeof(a));
	mcol_rate_human(c->rx, u->fmt.exact, b, sizeof(b));
	dsink_item(s, _("TX %s"), a);
	dsink_item(s, _("RX %s"), b);
	if (c->has & SKC_RATE_RETX) {
		mcol_rate_human(c->retx, u->fmt.exact, a, sizeof(a));
		dsink_item(s, _("retransmitted %s"), a);
	}
	if (c->has & SKC_RATE_SEGS)
		dsink_item(s, _("segments out %.0f/s in %.0f/s"),
			   (double)c->sout, (double)c->sin);
	if (c->has & SKC_RATE_LIM)
		dsink_item(s,
			   _("limited by rwnd %.0f%% sndbuf %.0f%% application "
			     "%.0f%%"),
			   pct(c->lim_rwnd), pct(c->lim_sndbuf),
			   pct(c->lim_app));
}

/* A series' value as its column writes it. */
static void hist_text(enum hist_series k, double v, int exact, char *buf,
		      size_t n)
{
	switch (k) {
	case HS_TX:
	case HS_RX:
		mcol_rate_human(v, exact, buf, n);
		break;
	case HS_RQ:
	case HS_WQ:
		if (exact)
			snprintf(buf, n, "%.0f", v);
		else
			mcol_human((uint64_t)v, buf, n);
		break;
	case HS_RTT:
		snprintf(buf, n, "%.2fms", v / 1000.0);
		break;
	default:
		snprintf(buf, n, "%.0f", v);
		break;
	}
}

/*
 * The socket's last refreshes as sparklines, one series a line, each with
 * its lowest and highest value; a series with no value at all is left
 * out.
 */
static void history(struct dsink *s, const struct ui *u, const struct mrow *row)
{
	static const char *const names[HS_COUNT] = {
		[HS_TX] = N_("TX/s"),	[HS_RX] = N_("RX/s"),
		[HS_RQ] = N_("Recv-Q"), [HS_WQ] = N_("Send-Q"),
		[HS_RTT] = N_("RTT"),	[HS_CWND] = N_("Cwnd"),
	};
	const struct hist_ent *e = hist_get(&u->samples, row->key);
	/* label, sparkline, "  min X max Y": the sparkline gets the rest */
	int room = s->width - 9 - 28;
	size_t k;

	if (!e || !e->n)
		return;
	if (room < 8)
		room = 8;
	k = (size_t)room < e->n ? (size_t)room : e->n;
	line(s, 3, _("history (last %zu refreshes):"), k);
	for (int i = 0; i < HS_COUNT; i++) {
		double v[HIST_N], lo, hi;
		char spark[HIST_N * 4], a[32], b[32];
		size_t n = hist_values(e, (enum hist_series)i, v, k);

		hist_spark(v, n, u->utf8, spark, sizeof(spark), &lo, &hi);
		if (isnan(lo))
			continue;
		hist_text((enum hist_series)i, lo, u->fmt.exact, a, sizeof(a));
		hist_text((enum hist_series)i, hi, u->fmt.exact, b, sizeof(b));
		line(s, 4, "  %s%*s %s  %s %s %s %s", _(names[i]),
		     pad(_(names[i]), 7), "", spark, _("min"), a, _("max"), b);
	}
}

/* Text wrapped at word boundaries, each of its lines a paragraph. */
static void prose(struct dsink *s, const char *text)
{
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t plen = end ? (size_t)(end - p) : strlen(p);

		line(s, 3, " %.*s", (int)plen, p);
		p += plen;
		if (*p == '\n')
			p++;
	}
}

/* What each health code of r means, with its numbers (view/health.h). */
static void health(struct dsink *s, const struct ui *u, const struct mrow *row)
{
	const struct sk_rec *r = row->r;
	const struct health_note *note = NULL;
	char text[2048];

	if (!r->health || (row->flags & MROW_GONE))
		return;
	if (u->health_ok && u->m.cur && r >= u->m.cur->v &&
	    r < u->m.cur->v + u->m.cur->n)
		note = health_note_of(&u->hsum, (uint32_t)(r - u->m.cur->v));
	health_explain(r, note, &u->hconf, text, sizeof(text));
	dsink_section(s, _("Health"));
	prose(s, text);
}

void ui_detail(const struct ui *u, const struct mrow *row, struct ui_lines *out)
{
	struct dsink s = {.l = out, .width = u->detail_w, .fresh = 1};
	const struct sk_rec *r = row->r;

	if (s.width < 20)
		s.width = 20;
	identity(&s, u, row);
	/* what is wrong, then what moves: throughput and its history */
	health(&s, u, row);
	if (!(row->flags & MROW_GONE))
		throughput(&s, u, r);
	history(&s, u, row);
	if (!(row->flags & MROW_GONE))
		owners(&s, u, r);
	memory(&s, r);
	timer(&s, u, r);
	if (r->x && (r->x->present & SKX_TCPINFO) && r->x->tcpi)
		ui_detail_tcp(&s, u, r);
	else if (r->tab == SKT_TCP && !(row->flags & MROW_GONE))
		dsink_item(&s, _("(tcp_info arrives with the next refresh)"));
}
