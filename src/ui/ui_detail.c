/*
 * ui_detail.c: the detail pane's text for one socket: identity, queues and
 * socket memory (each skmem field named and explained), timer, and every
 * tcp_info field ss -i prints plus the congestion algorithm, with units.
 * Items are packed into lines as wide as the pane; what the kernel did not
 * send is left out rather than shown as zero (as ss does).  No curses here:
 * the drawing code paints the lines.
 */
#include "config.h"

#include <arpa/inet.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <wchar.h>

#include "hist.h"
#include "i18n.h"
#include "mcol.h"
#include "owners.h"
#include "sanitize.h"
#include "select.h"
#include "ssfmt.h"
#include "tcpi.h"
#include "ui_int.h"
#include "xalloc.h"

/* The line being filled and the pane's width. */
struct sink {
	struct ui_lines *l;
	int width;
	int fresh; /* the current line is empty */
	int cols;  /* screen columns the current line takes */
};

static char *cur(struct sink *s)
{
	return s->l->v[s->l->n - 1];
}

static void newline(struct sink *s)
{
	s->l->v = xgrow(s->l->v, &s->l->cap, (size_t)s->l->n + 1,
			sizeof(*s->l->v));
	s->l->v[s->l->n++][0] = '\0';
	s->fresh = 1;
	s->cols = 0;
}

/*
 * The screen width of the character at t (len bytes left), and its length
 * in *k: as ui_put() draws it (a byte that is no character is one '?').
 */
static int char_width(const char *t, size_t len, size_t *k)
{
	mbstate_t st;
	wchar_t wc;
	int w;

	memset(&st, 0, sizeof(st));
	*k = mbrtowc(&wc, t, len, &st);
	if (*k == (size_t)-1 || *k == (size_t)-2 || *k == 0) {
		*k = 1;
		return 1;
	}
	w = wcwidth(wc);
	return w < 0 ? 1 : w;
}

/* Screen columns of UTF-8 text t. */
static int text_width(const char *t)
{
	size_t len = strlen(t), k;
	int w = 0;

	for (; len; t += k, len -= k)
		w += char_width(t, len, &k);
	return w;
}

/* Appends the n bytes at t (cols columns) to the current line. */
static void append(struct sink *s, const char *t, size_t n, int cols)
{
	char *l = cur(s);
	size_t used = strlen(l);

	if (used + n >= sizeof(s->l->v[0]))
		n = sizeof(s->l->v[0]) - 1 - used;
	memcpy(l + used, t, n);
	l[used + n] = '\0';
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
static void put_text(struct sink *s, const char *text, int indent)
{
	size_t len = strlen(text);
	size_t room_bytes = sizeof(s->l->v[0]) - 1;

	if (indent > s->width / 2)
		indent = s->width / 2;
	while (len) {
		size_t n = 0, k, brk = 0;
		int w = 0, bw = 0, room = s->width - s->cols;
		size_t bytes = room_bytes - strlen(cur(s));

		while (n < len) {
			int cw = char_width(text + n, len - n, &k);

			if (w + cw > room || n + k > bytes)
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
			w = char_width(text, len, &n);
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

/* A line of its own, wrapped (continuation lines indented). */
__attribute__((format(printf, 3, 4))) static void
line(struct sink *s, int indent, const char *fmt, ...)
{
	char buf[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	newline(s);
	put_text(s, buf, indent);
}

static void section(struct sink *s, const char *title)
{
	line(s, 3, "%s:", title);
}

/* One "name value" item, on the current line if it fits. */
__attribute__((format(printf, 2, 3))) static void item(struct sink *s,
						       const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = text_width(buf);
	if (!s->fresh && s->cols + 2 + n > s->width) {
		newline(s);
		append(s, "   ", 3, 3);
	}
	append(s, "  ", 2, 2);
	put_text(s, buf, 5);
}

static void identity(struct sink *s, const struct ui *u, const struct mrow *row)
{
	const struct sk_rec *r = row->r;
	/* a unix path, escaped, whole: the line wraps */
	char local[1100], peer[1100];
	const char *fam;

	mcol_get(MC_LOCAL)->fmt(r, &u->fmt, local, sizeof(local));
	mcol_get(MC_PEER)->fmt(r, &u->fmt, peer, sizeof(peer));
	line(s, 4, "%s %s  %s -> %s%s", ssfmt_netid(r), sk_state_name(r->state),
	     local, peer, row->flags & MROW_GONE ? _("  (gone)") : "");
	section(s, _("identity"));
	fam = sel_family_name(r->family);
	if (fam)
		item(s, _("family %s"), fam);
	else
		item(s, _("family %d"), r->family);
	if (r->ifindex) {
		char dev[64];

		mcol_get(MC_IFACE)->fmt(r, &u->fmt, dev, sizeof(dev));
		item(s, _("interface %s"), dev);
	}
	if (u->coll) {
		const struct snap_ns *ns = snap_ns_rec(u->m.cur, r);

		if (ns) {
			section(s, _("namespace"));
			item(s, _("netns %s"), ns->label);
			item(s, _("id %llu"), (unsigned long long)ns->ino);
			if (ns->container[0])
				item(s, _("container %s"), ns->container);
			if (ns->runtime[0])
				item(s, _("runtime %s"), ns->runtime);
			if (ns->pid)
				item(s, _("first pid %d"), ns->pid);
			section(s, _("identity"));
		}
	}
	if (r->has & SKR_HAS_INO)
		item(s, _("inode %u"), r->ino);
	if (r->has & SKR_HAS_COOKIE)
		item(s, _("cookie %llx"), (unsigned long long)r->cookie);
	if (r->has & SKR_HAS_UID)
		item(s, _("uid %u"), r->uid);
	if (r->has & SKR_HAS_SHUTDOWN)
		item(s, _("shutdown %c-%c"), r->shutdown & 1 ? '-' : '<',
		     r->shutdown & 2 ? '-' : '>');
	if (r->x && (r->x->present & SKX_MARK))
		item(s, _("mark 0x%x"), r->x->mark);
	if (r->x && (r->x->present & SKX_CGROUP))
		item(s, _("cgroup id %llu"),
		     (unsigned long long)r->x->cgroup_id);
	if (r->x && (r->x->present & SKX_TOS))
		item(s, _("tos 0x%x"), r->x->tos);
	if (r->x && (r->x->present & SKX_TCLASS))
		item(s, _("tclass 0x%x"), r->x->tclass);
	if (r->x && (r->x->present & SKX_CLASS_ID))
		item(s, _("class id 0x%x"), r->x->class_id);
	if (r->family == AF_INET6 && r->x && (r->x->present & SKX_V6ONLY))
		item(s, _("v6only %u"), r->x->v6only);
	if (r->x && (r->x->present & SKX_ULP) && r->x->ulp) {
		char ulp[64];

		san_escape(ulp, sizeof(ulp), r->x->ulp, strlen(r->x->ulp));
		item(s, _("ulp %s"), ulp);
	}
	if (r->family == AF_UNIX)
		item(s, _("peer inode %u"), r->a.un.peer);
	/* 0: a closed connection's log entry (it says its lifetime) */
	if (row->since > 0)
		item(s, _("seen for %.0f s"), u->m.t_update - row->since);
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

static void memory(struct sink *s, const struct sk_rec *r)
{
	section(s, _("queues"));
	if (r->state == SKS_LISTEN) {
		item(s, _("accept queue %u"), r->rq);
		item(s, _("backlog limit %u"), r->wq);
	} else {
		item(s, _("Recv-Q %u bytes"), r->rq);
		item(s, _("Send-Q %u bytes"), r->wq);
	}
	if (!r->x || !(r->x->present & SKX_SKMEM))
		return;
	section(s, _("socket memory (skmem)"));
	for (int i = 0; i < r->x->skmem_n && i < SK_MEMINFO_VARS; i++) {
		char h[16];

		if (!skmem_fields[i].name)
			continue;
		mcol_human(r->x->skmem[i], h, sizeof(h));
		if (i == SK_MEMINFO_DROPS)
			item(s, "%s:%u %s", skmem_fields[i].name,
			     r->x->skmem[i], _(skmem_fields[i].what));
		else
			item(s, "%s:%sB %s", skmem_fields[i].name, h,
			     _(skmem_fields[i].what));
	}
}

static void timer(struct sink *s, const struct ui *u, const struct sk_rec *r)
{
	char t[64];

	mcol_get(MC_TIMER)->fmt(r, &u->fmt, t, sizeof(t));
	section(s, _("timer"));
	item(s, "%s", t[0] ? t : _("none"));
	item(s, _("retransmits %u"), r->retrans);
}

/* A rate as ss prints it: k/M/G/T, or the raw number with -n (N). */
static void rate(char *buf, size_t n, double bps, int numeric)
{
	char r[32];

	snprintf(buf, n, "%sbps", ssfmt_rate(r, sizeof(r), bps, numeric));
}

/* A field's value with its unit, as its row in tcpi.h says. */
static void tcp_value(char *buf, size_t n, const struct tcpi_field *d,
		      uint64_t v, int numeric)
{
	char t[48];

	switch (d->ss) {
	case TCPI_SS_MILLI:
		ssfmt_milli(t, sizeof(t), (uint32_t)v);
		snprintf(buf, n, "%sms", t);
		return;
	case TCPI_SS_RATE:
		rate(buf, n, (double)v * 8, numeric);
		return;
	default:
		break;
	}
	switch (d->unit) {
	case TCPI_U_BYTES:
		snprintf(buf, n, _("%llu bytes"), (unsigned long long)v);
		break;
	case TCPI_U_SEGS:
		snprintf(buf, n, _("%llu segments"), (unsigned long long)v);
		break;
	case TCPI_U_MSEC:
		snprintf(buf, n, "%llums", (unsigned long long)v);
		break;
	default:
		snprintf(buf, n, "%llu", (unsigned long long)v);
		break;
	}
}

/* The congestion control's own block, as ss -i prints it. */
static void cc_block(struct sink *s, const struct sk_ext *x, int num)
{
	char b[64];

	if (x->present & SKX_DCTCP) {
		const struct tcp_dctcp_info *d = &x->cc.dctcp;

		if (d->dctcp_enabled)
			item(s,
			     "dctcp:(ce_state:%u,alpha:%u,ab_ecn:%u,ab_tot:%u)",
			     d->dctcp_ce_state, d->dctcp_alpha, d->dctcp_ab_ecn,
			     d->dctcp_ab_tot);
		else
			item(s, "dctcp:fallback_mode");
	}
	if (x->present & SKX_BBR) {
		const struct tcp_bbr_info *bb = &x->cc.bbr;
		uint64_t bw = ((uint64_t)bb->bbr_bw_hi << 32) | bb->bbr_bw_lo;
		char g[64] = "", c[64] = "";

		rate(b, sizeof(b), (double)bw * 8.0, num);
		if (bb->bbr_pacing_gain)
			snprintf(g, sizeof(g), ",pacing_gain:%g",
				 (double)bb->bbr_pacing_gain / 256.0);
		if (bb->bbr_cwnd_gain)
			snprintf(c, sizeof(c), ",cwnd_gain:%g",
				 (double)bb->bbr_cwnd_gain / 256.0);
		item(s, "bbr:(bw:%s,mrtt:%g%s%s)", b,
		     (double)bb->bbr_min_rtt / 1000.0, g, c);
	}
}

/* A step of ss's order that is more than one field (see tcpi.h). */
static void tcp_step(struct sink *s, const struct sk_rec *r, int step, int num)
{
	const struct tcp_info *t = r->x->tcpi;
	char b[64];

	switch (step) {
	case TCPI_STEP_OPTIONS:
		if (t->tcpi_options & TCPI_OPT_TIMESTAMPS)
			item(s, "ts");
		if (t->tcpi_options & TCPI_OPT_SACK)
			item(s, "sack");
		if (t->tcpi_options & TCPI_OPT_ECN)
			item(s, "ecn");
		if (t->tcpi_options & TCPI_OPT_ECN_SEEN)
			item(s, "ecnseen");
		if (t->tcpi_options & TCPI_OPT_SYN_DATA)
			item(s, "fastopen");
		break;
	case TCPI_STEP_CONG:
		if (r->x->cong) {
			char cc[32];

			san_escape(cc, sizeof(cc), r->x->cong,
				   strlen(r->x->cong));
			item(s, _("congestion %s"), cc);
		}
		break;
	case TCPI_STEP_WSCALE:
		if (t->tcpi_options & TCPI_OPT_WSCALE)
			item(s, "wscale:%u,%u", t->tcpi_snd_wscale,
			     t->tcpi_rcv_wscale);
		break;
	case TCPI_STEP_RTT:
		if (t->tcpi_rtt) {
			char v[24];

			ssfmt_milli(b, sizeof(b), t->tcpi_rtt);
			ssfmt_milli(v, sizeof(v), t->tcpi_rttvar);
			item(s, "rtt:%s/%sms", b, v);
		}
		break;
	case TCPI_STEP_SEND: {
		double bps = tcpi_send_bps(r->x);

		if (bps > 0) {
			rate(b, sizeof(b), bps, num);
			item(s, "send %s", b);
		}
		break;
	}
	case TCPI_STEP_PACING:
		if (t->tcpi_pacing_rate && t->tcpi_pacing_rate != ~0ULL) {
			char m[64] = "";

			rate(b, sizeof(b), (double)t->tcpi_pacing_rate * 8,
			     num);
			if (t->tcpi_max_pacing_rate &&
			    t->tcpi_max_pacing_rate != ~0ULL) {
				m[0] = '/';
				rate(m + 1, sizeof(m) - 1,
				     (double)t->tcpi_max_pacing_rate * 8, num);
			}
			item(s, "pacing_rate %s%s", b, m);
		}
		break;
	case TCPI_STEP_APP_LIMITED:
		if (t->tcpi_delivery_rate_app_limited)
			item(s, "app_limited");
		break;
	case TCPI_STEP_BUSY:
		/*
		 * As ss: the share of the busy time after each limit, but
		 * a zero too (the sender was never limited by it)
		 */
		if (!t->tcpi_busy_time)
			break;
		item(s, "busy:%llums",
		     (unsigned long long)t->tcpi_busy_time / 1000);
		item(s, "rwnd_limited:%llums(%.1f%%)",
		     (unsigned long long)t->tcpi_rwnd_limited / 1000,
		     100.0 * (double)t->tcpi_rwnd_limited /
			     (double)t->tcpi_busy_time);
		item(s, "sndbuf_limited:%llums(%.1f%%)",
		     (unsigned long long)t->tcpi_sndbuf_limited / 1000,
		     100.0 * (double)t->tcpi_sndbuf_limited /
			     (double)t->tcpi_busy_time);
		break;
	case TCPI_STEP_RETRANS:
		/* 0/0 too: nothing was ever retransmitted */
		if (r->state != SKS_LISTEN)
			item(s, "retrans:%u/%u", t->tcpi_retrans,
			     t->tcpi_total_retrans);
		break;
	case TCPI_STEP_CC:
		cc_block(s, r->x, num);
		break;
	default:
		break;
	}
}

/* tcp_info in ss's order, each field with its unit (tcpi.h). */
static void tcpinfo(struct sink *s, const struct ui *u, const struct sk_rec *r)
{
	section(s, _("TCP"));
	for (size_t k = 0; k < tcpi_order_len; k++) {
		int id = tcpi_order[k];
		const struct tcpi_field *d;
		uint64_t v;
		char b[64];

		if (id >= TI_COUNT) {
			tcp_step(s, r, id, u->fmt.numeric);
			continue;
		}
		d = &tcpi_fields[id];
		v = tcpi_get(r->x->tcpi, (enum tcpi_id)id);
		if (!tcpi_pane_shown((enum tcpi_id)id, v, r->state,
				     r->x->tcpi_len))
			continue;
		if (r->state == SKS_LISTEN && d->listen) {
			/* not what the name says: a listener's queue */
			item(s, "%s%llu", _(d->listen), (unsigned long long)v);
			continue;
		}
		tcp_value(b, sizeof(b), d, v, u->fmt.numeric);
		item(s, "%s%s", d->pane ? d->pane : d->label + 1, b);
	}
}

/* Every owner of ino, one per line, with its user and command line. */
static void owner_lines(struct sink *s, const struct ui *u, uint32_t ino)
{
	struct own_owner o[16];
	size_t total, shown;

	switch (own_lookup(u->own, ino)) {
	case OWN_PENDING:
		item(s, "%s", _("(still looking)"));
		return;
	case OWN_NONE:
		item(s, "%s", own_why_text(own_why(u->own, ino)));
		return;
	default:
		break;
	}
	total = own_owners(u->own, ino, u->o->show.threads, o, 16);
	shown = total < 16 ? total : 16;
	for (size_t i = 0; i < shown; i++) {
		const char *cmd = own_cmdline(u->own, o[i].pid);
		int nspid = own_nspid(u->own, o[i].pid);

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
	}
	if (total > shown)
		line(s, 4, _("  ... and %zu more"), total - shown);
}

static void owners(struct sink *s, const struct ui *u, const struct sk_rec *r)
{
	if (!u->own || !r->ino)
		return;
	section(s, _("owners"));
	owner_lines(s, u, r->ino);
	if (r->family == AF_UNIX && r->a.un.peer) {
		section(s, _("owners of the peer end"));
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
static void throughput(struct sink *s, const struct ui *u,
		       const struct sk_rec *r)
{
	const struct sk_tcpc *c = sk_rates(r);
	char a[32], b[32];

	if (r->tab != SKT_TCP || !r->tc)
		return;
	section(s, _("throughput"));
	if (!c) {
		item(s, "%s",
		     r->tc->has & SKC_BYTES
			     ? _("(rates arrive with the next refresh)")
			     : _("(this kernel sends no byte counters)"));
		return;
	}
	mcol_rate_human(c->tx, u->fmt.exact, a, sizeof(a));
	mcol_rate_human(c->rx, u->fmt.exact, b, sizeof(b));
	item(s, _("TX %s"), a);
	item(s, _("RX %s"), b);
	if (c->has & SKC_RATE_RETX) {
		mcol_rate_human(c->retx, u->fmt.exact, a, sizeof(a));
		item(s, _("retransmitted %s"), a);
	}
	if (c->has & SKC_RATE_SEGS)
		item(s, _("segments out %.0f/s in %.0f/s"), (double)c->sout,
		     (double)c->sin);
	if (c->has & SKC_RATE_LIM)
		item(s,
		     _("limited by rwnd %.0f%% sndbuf %.0f%% application "
		       "%.0f%%"),
		     pct(c->lim_rwnd), pct(c->lim_sndbuf), pct(c->lim_app));
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
static void history(struct sink *s, const struct ui *u, const struct mrow *row)
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
static void prose(struct sink *s, const char *text)
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
static void health(struct sink *s, const struct ui *u, const struct mrow *row)
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
	section(s, _("Health"));
	prose(s, text);
}

void ui_detail(const struct ui *u, const struct mrow *row, struct ui_lines *out)
{
	struct sink s = {.l = out, .width = u->detail_w, .fresh = 1};
	const struct sk_rec *r = row->r;

	if (s.width < 20)
		s.width = 20;
	if (s.width > (int)sizeof(out->v[0]) - 1)
		s.width = (int)sizeof(out->v[0]) - 1;
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
		tcpinfo(&s, u, r);
	else if (r->tab == SKT_TCP && !(row->flags & MROW_GONE))
		item(&s, _("(tcp_info arrives with the next refresh)"));
}
