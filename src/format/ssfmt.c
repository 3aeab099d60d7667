/*
 * ssfmt.c: ss-compatible text output (see ssfmt.h).
 *
 * Each record becomes nine cells in one growing text buffer; the widths
 * are only known once every row is in, so rendering is a second pass, as
 * in ss.  Field order, separators and the conditions under which a field
 * is shown follow ss 6.1 (misc/ss.c); where ss 6.1 is wrong (the timer
 * "6.220ms" for 6.220 s) the right form is printed, and unix paths and
 * other kernel strings are escaped where ss prints them raw.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/packet_diag.h>

#include "sanitize.h"
#include "secctx.h"
#include "ssfmt.h"
#include "ssfmt_int.h"
#include "xalloc.h"

/* inet_diag_sockopt's flags, in ss's order. */
static const char *const sockopt_names[] = {
	"recverr",	     "is_icsk",		"freebind",	 "hdrincl",
	"mc_loop",	     "transparent",	"mc_all",	 "nodefrag",
	"bind_addr_no_port", "recverr_rfc4884", "defer_connect",
};

static const char *const timer_names[] = {
	"off", "on", "keepalive", "timewait", "persist", "unknown",
};

/*
 * ss's dg_proto: which services file column a table's ports use.  DCCP,
 * SCTP and MPTCP do not set it in ss: they take the one of the last of
 * raw, udp, tcp listed before them, or any protocol's (ssfmt.dg_proto).
 */
static const enum names_proto tab_proto[SKT_COUNT] = {
	[SKT_TCP] = NAMES_TCP,	   [SKT_DCCP] = NAMES_ANY,
	[SKT_MPTCP] = NAMES_ANY,   [SKT_UDP] = NAMES_UDP,
	[SKT_UDPLITE] = NAMES_UDP, [SKT_RAW] = NAMES_RAW,
	[SKT_SCTP] = NAMES_ANY,
};

void ssfmt_init(struct ssfmt *f, const struct fmt_show *o, uint32_t tabs,
		uint32_t states, int screen_width)
{
	memset(f, 0, sizeof(*f));
	f->o = *o;
	f->screen_width = screen_width;
	f->hide[SSF_NETID] = !(tabs & (tabs - 1));
	f->hide[SSF_STATE] = !(states & (states - 1));
	f->dg_proto = tabs & SKT_BIT(SKT_TCP)	? NAMES_TCP
		      : tabs & SKT_BIT(SKT_UDP) ? NAMES_UDP
		      : tabs & SKT_BIT(SKT_RAW) ? NAMES_RAW
						: NAMES_ANY;
	for (int st = 0; st < SKS_MAX; st++) {
		f->stname[st] = sk_state_name((enum sk_state)st);
		f->stlen[st] = (uint8_t)strlen(f->stname[st]);
	}
	names_init(&f->names);
}

void ssfmt_free(struct ssfmt *f)
{
	free(f->buf);
	free(f->cells);
	free(f->obuf);
	names_free(&f->names);
	memset(f, 0, sizeof(*f));
}

/* ---- cells ---- */

static struct ssfmt_cell *cell(struct ssfmt *f, enum ssfmt_col c)
{
	return &f->cells[f->ncells - SSF_NCOLS + c];
}

/*
 * Streaming: a row starts.  ss ends the previous one first (its last
 * field counts in the widths now), then renders if its buffer is full.
 */
static void stream_row_start(struct ssfmt *f)
{
	size_t l;

	if (!f->stream || f->ncells == 0)
		return;
	l = f->cells[f->ncells - SSF_NCOLS + SSF_PROC].len;
	if (l > f->maxlen[SSF_PROC])
		f->maxlen[SSF_PROC] = l;
	sschunk_end(&f->chunk);
	if (f->chunk.chunks >= SSCHUNK_MAX) { /* sschunk_full() */
		ssfmt_render_rows(f, f->stream);
		return;
	}
	/* ss's last column, always empty. */
	sschunk_end(&f->chunk);
}

/* Streaming: the row's fields as ss buffers them; the last stays open. */
static void stream_row_end(struct ssfmt *f)
{
	const struct ssfmt_cell *x = cell(f, 0);

	for (int c = 0; c < SSF_PROC; c++) {
		size_t l = x[c].len;

		if (f->hide[c])
			continue;
		sschunk_field(&f->chunk, l);
		if (l > f->maxlen[c])
			f->maxlen[c] = l;
	}
	if (!f->hide[SSF_PROC] && x[SSF_PROC].len)
		sschunk_write(&f->chunk, x[SSF_PROC].len);
}

void ssfmt_row_new(struct ssfmt *f)
{
	struct ssfmt_cell *x;

	stream_row_start(f);
	if (f->ncells + SSF_NCOLS > f->capcells)
		f->cells = xgrow(f->cells, &f->capcells, f->ncells + SSF_NCOLS,
				 sizeof(*f->cells));
	x = f->cells + f->ncells;
	for (int c = 0; c < SSF_NCOLS; c++) {
		x[c].off = (uint32_t)f->len;
		x[c].len = 0;
	}
	f->ncells += SSF_NCOLS;
}

void ssfmt_grow(struct ssfmt *f, size_t n)
{
	f->buf = xgrow(f->buf, &f->cap, f->len + n + SSFMT_SLACK, 1);
}

/*
 * Appends to column c of the current row.  Cells are filled in column
 * order, so a cell's text is always contiguous at the end of the buffer.
 */
void ssfmt_put(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n)
{
	char *p = ssfmt_room(f, n);

	memcpy(p, s, n);
	ssfmt_cell_end(f, c, p + n);
}

/*
 * Appends printf-formatted text to column c, formatting straight into the
 * buffer (most rows need no growth, so no temporary and no copy).
 */
void ssfmt_out(struct ssfmt *f, enum ssfmt_col c, const char *fmt, ...)
{
	struct ssfmt_cell *x = cell(f, c);
	va_list ap;
	size_t room;
	int n;

	f->buf = xgrow(f->buf, &f->cap, f->len + 256, 1);
	for (;;) {
		room = f->cap - f->len;
		va_start(ap, fmt);
		n = vsnprintf(f->buf + f->len, room, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n < room)
			break;
		f->buf = xgrow(f->buf, &f->cap, f->len + (size_t)n + 1, 1);
	}
	if (x->len == 0)
		x->off = (uint32_t)f->len;
	f->len += (size_t)n;
	x->len += (uint32_t)n;
}

/* A literal, without printf. */
void ssfmt_put_str(struct ssfmt *f, enum ssfmt_col c, const char *s)
{
	ssfmt_put(f, c, s, strlen(s));
}

/* Decimal digits of v at the end of buf[24]; returns where they start. */
char *ssfmt_utoa_end(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* label then v in decimal ("%s%llu"), without printf. */
void ssfmt_put_num(struct ssfmt *f, enum ssfmt_col c, const char *label,
		   unsigned long long v)
{
	char b[24], *p = ssfmt_utoa_end(b + sizeof(b), v);

	ssfmt_put_str(f, c, label);
	ssfmt_put(f, c, p, (size_t)(b + sizeof(b) - p));
}

/* Kernel bytes, escaped. */
void ssfmt_put_san(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n)
{
	size_t need = san_escape(NULL, 0, s, n);
	char *tmp = xmalloc(need + 1);

	san_escape(tmp, need + 1, s, n);
	ssfmt_put(f, c, tmp, need);
	free(tmp);
}

void ssfmt_row_end(struct ssfmt *f)
{
	if (f->stream) {
		stream_row_end(f);
		return;
	}
	for (int c = 0; c < SSF_NCOLS; c++) {
		size_t l = cell(f, c)->len;

		if (l > f->maxlen[c])
			f->maxlen[c] = l;
	}
}

/* ---- helpers ---- */

const char *ssfmt_timer(char *buf, size_t n, uint32_t ms)
{
	unsigned secs = ms / 1000, mins = secs / 60, msecs = ms % 1000;
	size_t l = 0;

	secs %= 60;
	buf[0] = '\0';
	if (mins) {
		msecs = 0;
		l += (size_t)snprintf(buf, n, "%umin", mins);
		if (mins > 9)
			secs = 0;
	}
	if (secs) {
		if (secs > 9)
			msecs = 0;
		/* ss 6.1 prints "6.220ms" here: the unit is seconds. */
		if (msecs)
			snprintf(buf + l, n - l, "%u.%03usec", secs, msecs);
		else
			snprintf(buf + l, n - l, "%usec", secs);
		return buf;
	}
	if (msecs)
		snprintf(buf + l, n - l, "%03ums", msecs);
	return buf;
}

size_t ssfmt_unix_name(char *buf, size_t n, const char *name, size_t len)
{
	size_t i;

	if (!name || n == 0) {
		if (n)
			snprintf(buf, n, "*");
		return 1;
	}
	if (len >= n)
		len = n - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (len && name[0] == '\0') {
		for (i = 0; i < len; i++)
			if (buf[i] == '\0')
				buf[i] = '@';
		return len;
	}
	return strlen(buf); /* a path ends at its first NUL */
}

/* ---- common columns ---- */

/* ---- -p: the one place where owners are printed ---- */

void ssfmt_users_col(struct ssfmt *f, const struct sk_rec *r)
{
	char buf[4096];
	size_t n;

	/* The owners part provides f->users (see ssfmt_users_fn). */
	if (!f->o.processes || !f->users || !r->ino)
		return;
	n = f->users(r->ino, buf, sizeof(buf), f->users_arg);
	if (n == 0)
		return;
	ssfmt_out(f, SSF_PROC, " users:(");
	ssfmt_put(f, SSF_PROC, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
	ssfmt_out(f, SSF_PROC, ")");
}

static void shutdown_mark(struct ssfmt *f, const struct sk_rec *r)
{
	if (r->has & SKR_HAS_SHUTDOWN)
		ssfmt_out(f, SSF_PROC, " %c-%c", r->shutdown & 1 ? '-' : '<',
			  r->shutdown & 2 ? '-' : '>');
}

/* ---- per family ---- */

static void inet_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct fmt_show *o = &f->o;
	const struct sk_ext *x = r->x;
	int v6only = x && (x->present & SKX_V6ONLY) && x->v6only;
	enum names_proto p = tab_proto[r->tab < SKT_COUNT ? r->tab : 0];

	if (p == NAMES_ANY)
		p = (enum names_proto)f->dg_proto;

	ssfmt_state_cols(f, r);
	ssfmt_inet_ends(f, r, r->a.in.src, r->a.in.dst, v6only, p);
	ssfmt_users_col(f, r);
	/*
	 * A record read from /proc (raw sockets without raw_diag) has no
	 * cookie; ss prints no timer, details or memory for those lines.
	 */
	if (!(r->has & SKR_HAS_COOKIE))
		return;

	if (o->timers && r->tab == SKT_SCTP) {
		ssfmt_sctp_timer(f, r);
	} else if (o->timers && r->timer) {
		char t[64];

		ssfmt_out(f, SSF_PROC, " timer:(%s,%s,%u)",
			  timer_names[r->timer > 4 ? 5 : r->timer],
			  ssfmt_timer(t, sizeof(t), r->expires), r->retrans);
	}
	if (o->extended) {
		if (r->uid)
			ssfmt_out(f, SSF_PROC, " uid:%u", r->uid);
		ssfmt_out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
			  (unsigned long long)r->cookie);
		if (x && (x->present & SKX_MARK) && x->mark)
			ssfmt_out(f, SSF_PROC, " fwmark:0x%x", x->mark);
		if (x && (x->present & SKX_CGROUP) && x->cgroup_id)
			ssfmt_out(f, SSF_PROC, " cgroup:%s",
				  names_cgroup(&f->names, x->cgroup_id));
		if (r->family == AF_INET6 && x && (x->present & SKX_V6ONLY))
			ssfmt_out(f, SSF_PROC, " v6only:%u", x->v6only);
		shutdown_mark(f, r);
	}
	if (o->tos && x) {
		if (x->present & SKX_TOS)
			ssfmt_out(f, SSF_PROC, " tos:%#x", x->tos);
		if (x->present & SKX_TCLASS)
			ssfmt_out(f, SSF_PROC, " tclass:%#x", x->tclass);
		if (x->present & SKX_CLASS_ID)
			ssfmt_out(f, SSF_PROC, " class_id:%#x", x->class_id);
	}
	if (o->cgroup && !o->extended && x && (x->present & SKX_CGROUP) &&
	    x->cgroup_id)
		ssfmt_out(f, SSF_PROC, " cgroup:%s",
			  names_cgroup(&f->names, x->cgroup_id));
	if (o->inet_sockopt && x && (x->present & SKX_SOCKOPT)) {
		const struct inet_diag_sockopt *s = &x->sockopt;

		const unsigned flags[] = {
			s->recverr,
			s->is_icsk,
			s->freebind,
			s->hdrincl,
			s->mc_loop,
			s->transparent,
			s->mc_all,
			s->nodefrag,
			s->bind_address_no_port,
			s->recverr_rfc4884,
			s->defer_connect,
		};

		ssfmt_out(f, SSF_PROC, "%sinet-sockopt: (",
			  o->oneline ? " " : "\n\t");
		for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			if (flags[k])
				ssfmt_out(f, SSF_PROC, " %s", sockopt_names[k]);
		ssfmt_out(f, SSF_PROC, ")");
	}
	if (o->memory || (o->info && r->tab != SKT_UDP)) {
		if (!o->oneline)
			ssfmt_out(f, SSF_PROC, "\n\t");
		/*
		 * As ss: whatever memory the kernel sent is shown, also with
		 * -i alone (a replayed dump may hold it without -m).
		 */
		if (r->tab == SKT_SCTP) {
			ssfmt_sctp_info(f, r);
		} else {
			if (x)
				ssfmt_skmem(f, x);
			if (x && (x->present & SKX_TCPINFO) && x->tcpi)
				ssfmt_tcp_info(f, r, x);
			if (x)
				ssfmt_ulp(f, x);
			if (x && r->tab == SKT_MPTCP)
				ssfmt_mptcp_info(f, x);
		}
	}
	/* ss: the next record with this inode is an SCTP association */
	f->sctp_ino = r->ino;
}

/* The four address columns of a socket neither inet nor unix. */
void ssfmt_ends_cols(struct ssfmt *f, const struct sk_rec *r)
{
	struct ssfmt_ends e;

	ssfmt_ends(r, &f->names, f->o.numeric, &e);
	ssfmt_put_str(f, SSF_LADDR, e.laddr);
	ssfmt_put_str(f, SSF_LPORT, e.lport);
	ssfmt_put_str(f, SSF_PADDR, e.paddr);
	ssfmt_put_str(f, SSF_PPORT, e.pport);
}

static void unix_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sk_ext *x = r->x;
	char port[16];

	ssfmt_state_cols(f, r);
	if ((r->has & SKR_HAS_NAME) && r->a.un.name) {
		char *nm = xmalloc(r->a.un.name_len + 1);
		size_t n = ssfmt_unix_name(nm, r->a.un.name_len + 1,
					   r->a.un.name, r->a.un.name_len);

		ssfmt_put_san(f, SSF_LADDR, nm, n);
		ssfmt_out(f, SSF_LADDR, " ");
		free(nm);
	} else {
		ssfmt_out(f, SSF_LADDR, "* ");
	}
	snprintf(port, sizeof(port), "%u", r->ino);
	ssfmt_put_str(f, SSF_LPORT, port);
	ssfmt_out(f, SSF_PADDR, "* ");
	ssfmt_out(f, SSF_PPORT, "%u", r->a.un.peer);
	ssfmt_users_col(f, r);
	if (f->o.memory && x)
		ssfmt_skmem(f, x);
	if (f->o.extended) {
		shutdown_mark(f, r);
		if (x && (x->present & SKX_VFS))
			ssfmt_out(f, SSF_PROC, " ino:%u dev:%u/%u", x->vfs_ino,
				  major(x->vfs_dev), minor(x->vfs_dev));
		if (x && (x->present & SKX_ICONS)) {
			ssfmt_out(f, SSF_PROC, " peers:");
			for (uint32_t k = 0; k < x->n_icons; k++)
				ssfmt_out(f, SSF_PROC, " %u", x->icons[k]);
		}
	}
}

static void netlink_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct fmt_show *o = &f->o;

	ssfmt_state_cols(f, r);
	ssfmt_ends_cols(f, r);
	/* ss: no owners for netlink; -Z/-z show the port's process context */
	if (o->context) {
		char con[256];

		secctx_netlink((int32_t)r->a.nl.portid, con, sizeof(con));
		ssfmt_out(f, SSF_PROC, " proc_ctx=");
		ssfmt_put_san(f, SSF_PROC, con, strlen(con));
	}
	if (o->extended) {
		uint32_t g = 0;

		if (r->x && r->x->nl.ngroups)
			g = r->x->nl.groups[0];
		ssfmt_out(f, SSF_PROC, " sk=0 cb=0 groups=0x%08x", g);
	}
	if (o->memory) {
		ssfmt_out(f, SSF_PROC, "\t");
		if (r->x)
			ssfmt_skmem(f, r->x);
	}
}

/* ss's names for the fanout modes (PACKET_FANOUT_*). */
static const char *const fanout_names[] = {
	[0] = "hash", [1] = "lb",     [2] = "cpu",
	[3] = "roll", [4] = "random", [5] = "qm",
};

/* ss's names for PACKET_DIAG_INFO's flags, in its order. */
static const struct {
	uint32_t bit;
	const char *name;
} pdi_flags[] = {
	{.bit = PDI_RUNNING, .name = "running"},
	{.bit = PDI_AUXDATA, .name = " auxdata"},
	{.bit = PDI_ORIGDEV, .name = " origdev"},
	{.bit = PDI_VNETHDR, .name = " vnethdr"},
	{.bit = PDI_LOSS, .name = " loss"},
};

/* -e: the socket's version, copy threshold and flags, as ss prints them. */
static void packet_info(struct ssfmt *f, const struct sk_ext *x,
			const char *sep)
{
	ssfmt_out(f, SSF_PROC, "%sver:%d cpy_thresh:%d flags( ", sep,
		  (int)x->pk.version, (int)x->pk.copy_thresh);
	for (size_t k = 0; k < sizeof(pdi_flags) / sizeof(pdi_flags[0]); k++)
		if (x->pk.flags & pdi_flags[k].bit)
			ssfmt_put_str(f, SSF_PROC, pdi_flags[k].name);
	ssfmt_out(f, SSF_PROC, "%s )", x->pk.flags ? "" : "0");
}

static void packet_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct fmt_show *o = &f->o;
	const struct sk_ext *x = r->x;
	const char *sep = o->oneline ? " " : "\n\t";

	ssfmt_state_cols(f, r);
	ssfmt_ends_cols(f, r);
	ssfmt_users_col(f, r);
	if (o->extended) {
		if (r->uid)
			ssfmt_out(f, SSF_PROC, " uid:%u", r->uid);
		ssfmt_out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
			  (unsigned long long)r->cookie);
		if (x && (x->present & SKX_PACKET))
			packet_info(f, x, sep);
		if (x && x->pk.has_fanout) {
			uint32_t type = x->pk.fanout >> 16;

			ssfmt_out(f, SSF_PROC, "%sfanout(id:%u,type:", sep,
				  x->pk.fanout & 0xffff);
			if (type <
			    sizeof(fanout_names) / sizeof(fanout_names[0]))
				ssfmt_out(f, SSF_PROC, "%s)",
					  fanout_names[type]);
			else
				ssfmt_out(f, SSF_PROC, "0x%x)", type);
		}
	}
	if (o->bpf && x && (x->present & SKX_BPF)) {
		const struct sock_filter *code = x->pk.bpf;

		ssfmt_out(f, SSF_PROC, "%sbpf filter (%u): ", sep, x->pk.nbpf);
		for (uint32_t k = 0; k < x->pk.nbpf; k++)
			ssfmt_out(f, SSF_PROC, " 0x%02x %u %u %u,",
				  code[k].code, code[k].jt, code[k].jf,
				  code[k].k);
	}
	if (o->memory && x)
		ssfmt_skmem(f, x);
}

/* -e: an XDP socket's rings, umem and statistics, as ss prints them. */
static void xdp_info(struct ssfmt *f, const struct sk_ext *x)
{
	const char *sep = f->o.oneline ? " " : "\n\t";

	if (x->xdp.has & SKX_XDP_RX)
		ssfmt_out(f, SSF_PROC, "%srx(entries:%u)", sep, x->xdp.rx);
	if (x->xdp.has & SKX_XDP_TX)
		ssfmt_out(f, SSF_PROC, "%stx(entries:%u)", sep, x->xdp.tx);
	if (x->xdp.has & SKX_XDP_UMEM) {
		const struct xdp_diag_umem *u = &x->xdp.umem;

		ssfmt_out(f, SSF_PROC,
			  "%sumem(id:%u,size:%llu,num_pages:%u,chunk_size:%u,"
			  "headroom:%u,ifindex:%u,qid:%u,zc:%u,refs:%u)",
			  f->o.oneline ? " t" : "\n\t", u->id,
			  (unsigned long long)u->size, u->num_pages,
			  u->chunk_size, u->headroom, u->ifindex, u->queue_id,
			  u->flags & XDP_DU_F_ZEROCOPY, u->refs);
		if (x->xdp.has & SKX_XDP_FR)
			ssfmt_out(f, SSF_PROC, "%sfr(entries:%u)", sep,
				  x->xdp.fr);
		if (x->xdp.has & SKX_XDP_CR)
			ssfmt_out(f, SSF_PROC, "%scr(entries:%u)", sep,
				  x->xdp.cr);
	}
	if (x->xdp.has & SKX_XDP_STATS) {
		const struct xdp_diag_stats *s = &x->xdp.stats;

		ssfmt_out(f, SSF_PROC,
			  "%sstats(rx dropped:%llu,rx invalid:%llu,"
			  "rx queue full:%llu,rx fill ring empty:%llu,"
			  "tx invalid:%llu,tx ring empty:%llu)",
			  sep, (unsigned long long)s->n_rx_dropped,
			  (unsigned long long)s->n_rx_invalid,
			  (unsigned long long)s->n_rx_full,
			  (unsigned long long)s->n_fill_ring_empty,
			  (unsigned long long)s->n_tx_invalid,
			  (unsigned long long)s->n_tx_ring_empty);
	}
}

static void xdp_rec(struct ssfmt *f, const struct sk_rec *r)
{
	ssfmt_state_cols(f, r);
	ssfmt_ends_cols(f, r);
	ssfmt_users_col(f, r);
	if (f->o.extended) {
		if (r->uid)
			ssfmt_out(f, SSF_PROC, " uid:%u", r->uid);
		ssfmt_out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
			  (unsigned long long)r->cookie);
		if (r->x)
			xdp_info(f, r->x);
	}
	if (f->o.memory && r->x)
		ssfmt_skmem(f, r->x);
}

static void other_rec(struct ssfmt *f, const struct sk_rec *r)
{
	ssfmt_state_cols(f, r);
	ssfmt_ends_cols(f, r);
	ssfmt_users_col(f, r);
	/* ss -e adds nothing to a VSOCK socket */
	if (f->o.extended && r->family != AF_VSOCK)
		ssfmt_out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
			  (unsigned long long)r->cookie);
}

void ssfmt_add(struct ssfmt *f, const struct sk_rec *r)
{
	ssfmt_row_new(f);
	switch (r->family) {
	case AF_INET:
	case AF_INET6:
		inet_rec(f, r);
		break;
	case AF_UNIX:
		unix_rec(f, r);
		break;
	case AF_NETLINK:
		netlink_rec(f, r);
		break;
	case AF_PACKET:
		packet_rec(f, r);
		break;
	case AF_TIPC:
		ssfmt_tipc_rec(f, r);
		break;
	case AF_XDP:
		xdp_rec(f, r);
		break;
	default:
		other_rec(f, r);
		break;
	}
	ssfmt_row_end(f);
}
