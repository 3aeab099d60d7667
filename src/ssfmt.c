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
#include "ssfmt.h"
#include "xalloc.h"

enum align { LEFT, RIGHT };

struct col_def {
	const char *header;
	const char *ldelim;
	enum align align;
};

static const struct col_def cols[SSF_NCOLS] = {
	[SSF_NETID] = {"Netid", "", LEFT},
	[SSF_STATE] = {"State", " ", LEFT},
	[SSF_RECVQ] = {"Recv-Q", " ", LEFT},
	[SSF_SENDQ] = {"Send-Q", " ", LEFT},
	[SSF_LADDR] = {"Local Address:", " ", RIGHT},
	[SSF_LPORT] = {"Port", "", LEFT},
	[SSF_PADDR] = {"Peer Address:", " ", RIGHT},
	[SSF_PPORT] = {"Port", "", LEFT},
	[SSF_PROC] = {"Process", "", LEFT},
};

/* inet_diag_sockopt's flags, in ss's order. */
static const char *const sockopt_names[] = {
	"recverr", "is_icsk", "freebind", "hdrincl", "mc_loop", "transparent",
	"mc_all", "nodefrag", "bind_addr_no_port", "recverr_rfc4884",
	"defer_connect",
};

static const char *const timer_names[] = {
	"off", "on", "keepalive", "timewait", "persist", "unknown",
};

/* ss's dg_proto: which services file column a table's ports use. */
static const enum names_proto tab_proto[SKT_COUNT] = {
	[SKT_TCP] = NAMES_TCP,	   [SKT_DCCP] = NAMES_TCP,
	[SKT_MPTCP] = NAMES_TCP,   [SKT_UDP] = NAMES_UDP,
	[SKT_UDPLITE] = NAMES_UDP, [SKT_RAW] = NAMES_RAW,
	[SKT_SCTP] = NAMES_SCTP,
};

void ssfmt_init(struct ssfmt *f, const struct sstop_opts *o, uint32_t tabs,
		uint32_t states, int screen_width)
{
	memset(f, 0, sizeof(*f));
	f->o = o;
	f->screen_width = screen_width;
	f->hide[SSF_NETID] = !(tabs & (tabs - 1));
	f->hide[SSF_STATE] = !(states & (states - 1));
	names_init(&f->names);
}

void ssfmt_free(struct ssfmt *f)
{
	free(f->buf);
	free(f->cells);
	names_free(&f->names);
	memset(f, 0, sizeof(*f));
}

/* ---- cells ---- */

static void render_rows(struct ssfmt *f, FILE *out);

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
	sschunk_flush(&f->chunk);
	if (sschunk_full(&f->chunk)) {
		render_rows(f, f->stream);
		return;
	}
	/* ss's last column, always empty. */
	sschunk_flush(&f->chunk);
}

/* Streaming: the row's fields as ss buffers them; the last stays open. */
static void stream_row_end(struct ssfmt *f)
{
	for (int c = 0; c < SSF_NCOLS; c++) {
		size_t l = cell(f, (enum ssfmt_col)c)->len;

		if (f->hide[c])
			continue;
		if (l)
			sschunk_write(&f->chunk, l);
		if (c == SSF_PROC)
			break;
		sschunk_flush(&f->chunk);
		if (l > f->maxlen[c])
			f->maxlen[c] = l;
	}
}

static void row_new(struct ssfmt *f)
{
	stream_row_start(f);
	f->cells = xgrow(f->cells, &f->capcells, f->ncells + SSF_NCOLS,
			 sizeof(*f->cells));
	for (int c = 0; c < SSF_NCOLS; c++) {
		f->cells[f->ncells + c].off = (uint32_t)f->len;
		f->cells[f->ncells + c].len = 0;
	}
	f->ncells += SSF_NCOLS;
}

/*
 * Appends to column c of the current row.  Cells are filled in column
 * order, so a cell's text is always contiguous at the end of the buffer.
 */
static void put(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n)
{
	struct ssfmt_cell *x = cell(f, c);

	if (x->len == 0)
		x->off = (uint32_t)f->len;
	f->buf = xgrow(f->buf, &f->cap, f->len + n + 1, 1);
	memcpy(f->buf + f->len, s, n);
	f->len += n;
	x->len += (uint32_t)n;
}

/*
 * Appends printf-formatted text to column c, formatting straight into the
 * buffer (most rows need no growth, so no temporary and no copy).
 */
__attribute__((format(printf, 3, 4))) static void
out(struct ssfmt *f, enum ssfmt_col c, const char *fmt, ...)
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
static void put_str(struct ssfmt *f, enum ssfmt_col c, const char *s)
{
	put(f, c, s, strlen(s));
}

/* Decimal digits of v at the end of buf[24]; returns where they start. */
static char *utoa_end(char *end, unsigned long long v)
{
	do {
		*--end = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return end;
}

/* label then v in decimal ("%s%llu"), without printf. */
static void put_num(struct ssfmt *f, enum ssfmt_col c, const char *label,
		    unsigned long long v)
{
	char b[24], *p = utoa_end(b + sizeof(b), v);

	put_str(f, c, label);
	put(f, c, p, (size_t)(b + sizeof(b) - p));
}

/* Kernel bytes, escaped. */
static void put_san(struct ssfmt *f, enum ssfmt_col c, const char *s, size_t n)
{
	size_t need = san_escape(NULL, 0, s, n);
	char *tmp = xmalloc(need + 1);

	san_escape(tmp, need + 1, s, n);
	put(f, c, tmp, need);
	free(tmp);
}

static void row_end(struct ssfmt *f)
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

size_t ssfmt_milli(char *buf, size_t n, uint32_t x)
{
	char b[24], *p;
	size_t l;
	unsigned rem = x % 1000;

	/*
	 * Below 10^6, x/1000 has at most 6 significant digits, which %g
	 * prints in full without an exponent: the quotient, then the three
	 * decimals less their trailing zeros.  glibc's float printing was
	 * the largest cost of -i.
	 */
	if (x >= 1000000u || n < 12) {
		int k = snprintf(buf, n, "%g", (double)x / 1000);

		return k < 0 ? 0 : (size_t)k < n ? (size_t)k : n ? n - 1 : 0;
	}
	p = utoa_end(b + sizeof(b), x / 1000);
	l = (size_t)(b + sizeof(b) - p);
	memcpy(buf, p, l);
	if (rem) {
		char d[3] = {(char)('0' + rem / 100), (char)('0' + rem / 10 % 10),
			     (char)('0' + rem % 10)};
		size_t nd = d[2] != '0' ? 3 : d[1] != '0' ? 2 : 1;

		buf[l++] = '.';
		memcpy(buf + l, d, nd);
		l += nd;
	}
	buf[l] = '\0';
	return l;
}

/* label then x/1000 as %g prints it. */
static void put_milli(struct ssfmt *f, enum ssfmt_col c, const char *label,
		      uint32_t x)
{
	char b[64];
	size_t l = ssfmt_milli(b, sizeof(b), x);

	put_str(f, c, label);
	put(f, c, b, l);
}

const char *ssfmt_rate(char *buf, size_t n, double bps, int numeric)
{
	static const struct {
		double unit;
		char suffix;
	} units[] = {
		{.unit = 1e12, .suffix = 'T'},
		{.unit = 1e9, .suffix = 'G'},
		{.unit = 1e6, .suffix = 'M'},
		{.unit = 1e3, .suffix = 'K'},
	};

	if (numeric) {
		snprintf(buf, n, "%.0f", bps);
		return buf;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (bps >= units[i].unit) {
			snprintf(buf, n, "%.3g%c", bps / units[i].unit,
				 units[i].suffix);
			return buf;
		}
	}
	snprintf(buf, n, "%g", bps);
	return buf;
}

const char *ssfmt_inet_addr(char *buf, size_t n, int family,
			    const uint8_t *addr, int v6only)
{
	static const uint8_t any6[16];
	char tmp[INET6_ADDRSTRLEN];

	if (family == AF_INET) {
		inet_ntop(AF_INET, addr, buf, (socklen_t)n);
		return buf;
	}
	if (!v6only && !memcmp(addr, any6, 16)) {
		snprintf(buf, n, "*");
		return buf;
	}
	inet_ntop(AF_INET6, addr, tmp, sizeof(tmp));
	snprintf(buf, n, "[%s]", tmp);
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

/* A queue length as ss prints it ("%-6d"). */
static void put_queue(struct ssfmt *f, enum ssfmt_col c, int32_t v)
{
	char b[24], *p = utoa_end(b + sizeof(b),
				 v < 0 ? 0ull - (unsigned long long)v
				       : (unsigned long long)v);
	size_t l;

	if (v < 0)
		*--p = '-';
	l = (size_t)(b + sizeof(b) - p);
	put(f, c, p, l);
	if (l < 6)
		put(f, c, "      ", 6 - l);
}

static void state_cols(struct ssfmt *f, const struct sk_rec *r, int32_t rq,
		       int32_t wq)
{
	put_str(f, SSF_NETID, sk_tab_netid((enum sk_tab)r->tab));
	put_str(f, SSF_STATE, sk_state_name((enum sk_state)r->state));
	put_queue(f, SSF_RECVQ, rq);
	put_queue(f, SSF_SENDQ, wq);
}

static void addr_cols(struct ssfmt *f, int local, const char *addr,
		      const char *delim, const char *port, const char *ifname)
{
	enum ssfmt_col a = local ? SSF_LADDR : SSF_PADDR;

	if (ifname) {
		out(f, a, "%s%%%s%s", addr, ifname, delim);
	} else {
		put_str(f, a, addr);
		put_str(f, a, delim);
	}
	put_str(f, a + 1, port);
}

/* ---- -p: the one place where owners are printed ---- */

static void users_col(struct ssfmt *f, const struct sk_rec *r)
{
	char buf[4096];
	size_t n;

	/* The owners part provides f->users (see ssfmt_users_fn). */
	if (!f->o->processes || !f->users || !r->ino)
		return;
	n = f->users(r->ino, buf, sizeof(buf), f->users_arg);
	if (n == 0)
		return;
	out(f, SSF_PROC, " users:(");
	put(f, SSF_PROC, buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
	out(f, SSF_PROC, ")");
}

static void shutdown_mark(struct ssfmt *f, const struct sk_rec *r)
{
	if (r->has & SKR_HAS_SHUTDOWN)
		out(f, SSF_PROC, " %c-%c", r->shutdown & 1 ? '-' : '<',
		    r->shutdown & 2 ? '-' : '>');
}

static void skmem(struct ssfmt *f, const struct sk_ext *x)
{
	const uint32_t *m = x->skmem;

	if (!(x->present & SKX_SKMEM)) {
		if (x->present & SKX_MEMINFO)
			out(f, SSF_PROC, " mem:(r%u,w%u,f%u,t%u)",
			    x->meminfo.idiag_rmem, x->meminfo.idiag_wmem,
			    x->meminfo.idiag_fmem, x->meminfo.idiag_tmem);
		return;
	}
	out(f, SSF_PROC, " skmem:(r%u,rb%u,t%u,tb%u,f%u,w%u,o%u",
	    m[SK_MEMINFO_RMEM_ALLOC], m[SK_MEMINFO_RCVBUF],
	    m[SK_MEMINFO_WMEM_ALLOC], m[SK_MEMINFO_SNDBUF],
	    m[SK_MEMINFO_FWD_ALLOC], m[SK_MEMINFO_WMEM_QUEUED],
	    m[SK_MEMINFO_OPTMEM]);
	if (x->skmem_n > SK_MEMINFO_BACKLOG)
		out(f, SSF_PROC, ",bl%u", m[SK_MEMINFO_BACKLOG]);
	if (x->skmem_n > SK_MEMINFO_DROPS)
		out(f, SSF_PROC, ",d%u", m[SK_MEMINFO_DROPS]);
	out(f, SSF_PROC, ")");
}

/* ---- TCP info (-i), in ss's order ---- */

static void cc_info(struct ssfmt *f, const struct sk_ext *x, int numeric)
{
	char b[64];

	if (x->present & SKX_DCTCP) {
		const struct tcp_dctcp_info *d = &x->cc.dctcp;

		if (d->dctcp_enabled)
			out(f, SSF_PROC,
			    " dctcp:(ce_state:%u,alpha:%u,ab_ecn:%u,ab_tot:%u)",
			    d->dctcp_ce_state, d->dctcp_alpha, d->dctcp_ab_ecn,
			    d->dctcp_ab_tot);
		else
			out(f, SSF_PROC, " dctcp:fallback_mode");
	}
	if (x->present & SKX_BBR) {
		const struct tcp_bbr_info *b0 = &x->cc.bbr;
		uint64_t bw = ((uint64_t)b0->bbr_bw_hi << 32) | b0->bbr_bw_lo;

		out(f, SSF_PROC, " bbr:(bw:%sbps,mrtt:%g",
		    ssfmt_rate(b, sizeof(b), (double)bw * 8.0, numeric),
		    (double)b0->bbr_min_rtt / 1000.0);
		if (b0->bbr_pacing_gain)
			out(f, SSF_PROC, ",pacing_gain:%g",
			    (double)b0->bbr_pacing_gain / 256.0);
		if (b0->bbr_cwnd_gain)
			out(f, SSF_PROC, ",cwnd_gain:%g",
			    (double)b0->bbr_cwnd_gain / 256.0);
		out(f, SSF_PROC, ")");
	}
}

#define OPT(i, o) (((i)->tcpi_options & (o)) != 0)
#define NZ(label, v)                                                           \
	do {                                                                   \
		if (v)                                                         \
			put_num(f, SSF_PROC, label,                            \
				(unsigned long long)(v));                      \
	} while (0)

static void tcp_info(struct ssfmt *f, const struct sk_rec *r,
		     const struct sk_ext *x)
{
	const struct tcp_info *i = x->tcpi;
	int numeric = f->o->numeric;
	double rtt;
	char b[64];

	if (f->o->timers) {
		if (OPT(i, TCPI_OPT_TIMESTAMPS))
			out(f, SSF_PROC, " ts");
		if (OPT(i, TCPI_OPT_SACK))
			out(f, SSF_PROC, " sack");
		if (OPT(i, TCPI_OPT_ECN))
			out(f, SSF_PROC, " ecn");
		if (OPT(i, TCPI_OPT_ECN_SEEN))
			out(f, SSF_PROC, " ecnseen");
		if (OPT(i, TCPI_OPT_SYN_DATA))
			out(f, SSF_PROC, " fastopen");
	}
	if ((x->present & SKX_CONG) && x->cong && x->cong[0])
		out(f, SSF_PROC, " %.15s", x->cong);
	if (OPT(i, TCPI_OPT_WSCALE))
		out(f, SSF_PROC, " wscale:%d,%d", i->tcpi_snd_wscale,
		    i->tcpi_rcv_wscale);
	if (i->tcpi_rto && i->tcpi_rto != 3000000)
		put_milli(f, SSF_PROC, " rto:", i->tcpi_rto);
	NZ(" backoff:", i->tcpi_backoff);
	if (i->tcpi_rtt) {
		put_milli(f, SSF_PROC, " rtt:", i->tcpi_rtt);
		put_milli(f, SSF_PROC, "/", i->tcpi_rttvar);
	}
	if (i->tcpi_ato)
		put_milli(f, SSF_PROC, " ato:", i->tcpi_ato);
	NZ(" mss:", i->tcpi_snd_mss);
	NZ(" pmtu:", i->tcpi_pmtu);
	NZ(" rcvmss:", i->tcpi_rcv_mss);
	NZ(" advmss:", i->tcpi_advmss);
	NZ(" cwnd:", i->tcpi_snd_cwnd);
	if (i->tcpi_snd_ssthresh < 0xFFFF)
		NZ(" ssthresh:", i->tcpi_snd_ssthresh);
	NZ(" bytes_sent:", i->tcpi_bytes_sent);
	NZ(" bytes_retrans:", i->tcpi_bytes_retrans);
	NZ(" bytes_acked:", i->tcpi_bytes_acked);
	NZ(" bytes_received:", i->tcpi_bytes_received);
	NZ(" segs_out:", i->tcpi_segs_out);
	NZ(" segs_in:", i->tcpi_segs_in);
	NZ(" data_segs_out:", i->tcpi_data_segs_out);
	NZ(" data_segs_in:", i->tcpi_data_segs_in);
	cc_info(f, x, numeric);

	rtt = (double)i->tcpi_rtt;
	if ((x->present & SKX_VEGAS) && x->cc.vegas.tcpv_enabled &&
	    x->cc.vegas.tcpv_rtt && x->cc.vegas.tcpv_rtt != 0x7fffffff)
		rtt = x->cc.vegas.tcpv_rtt;
	if (rtt > 0 && i->tcpi_snd_mss && i->tcpi_snd_cwnd)
		out(f, SSF_PROC, " send %sbps",
		    ssfmt_rate(b, sizeof(b),
			       (double)i->tcpi_snd_cwnd *
				       (double)i->tcpi_snd_mss * 8000000. / rtt,
			       numeric));
	NZ(" lastsnd:", i->tcpi_last_data_sent);
	NZ(" lastrcv:", i->tcpi_last_data_recv);
	NZ(" lastack:", i->tcpi_last_ack_recv);
	if (i->tcpi_pacing_rate && i->tcpi_pacing_rate != ~0ULL) {
		out(f, SSF_PROC, " pacing_rate %sbps",
		    ssfmt_rate(b, sizeof(b), (double)i->tcpi_pacing_rate * 8.,
			       numeric));
		if (i->tcpi_max_pacing_rate && i->tcpi_max_pacing_rate != ~0ULL)
			out(f, SSF_PROC, "/%sbps",
			    ssfmt_rate(b, sizeof(b),
				       (double)i->tcpi_max_pacing_rate * 8.,
				       numeric));
	}
	if (i->tcpi_delivery_rate)
		out(f, SSF_PROC, " delivery_rate %sbps",
		    ssfmt_rate(b, sizeof(b), (double)i->tcpi_delivery_rate * 8.,
			       numeric));
	NZ(" delivered:", i->tcpi_delivered);
	NZ(" delivered_ce:", i->tcpi_delivered_ce);
	if (i->tcpi_delivery_rate_app_limited)
		out(f, SSF_PROC, " app_limited");
	if (i->tcpi_busy_time) {
		double busy = (double)i->tcpi_busy_time;

		out(f, SSF_PROC, " busy:%llums",
		    (unsigned long long)i->tcpi_busy_time / 1000);
		if (i->tcpi_rwnd_limited)
			out(f, SSF_PROC, " rwnd_limited:%llums(%.1f%%)",
			    (unsigned long long)i->tcpi_rwnd_limited / 1000,
			    100.0 * (double)i->tcpi_rwnd_limited / busy);
		if (i->tcpi_sndbuf_limited)
			out(f, SSF_PROC, " sndbuf_limited:%llums(%.1f%%)",
			    (unsigned long long)i->tcpi_sndbuf_limited / 1000,
			    100.0 * (double)i->tcpi_sndbuf_limited / busy);
	}
	NZ(" unacked:", i->tcpi_unacked);
	if (i->tcpi_retrans || i->tcpi_total_retrans)
		out(f, SSF_PROC, " retrans:%u/%u", i->tcpi_retrans,
		    i->tcpi_total_retrans);
	NZ(" lost:", i->tcpi_lost);
	if (r->state != SKS_LISTEN)
		NZ(" sacked:", i->tcpi_sacked);
	NZ(" dsack_dups:", i->tcpi_dsack_dups);
	NZ(" fackets:", i->tcpi_fackets);
	if (i->tcpi_reordering != 3)
		out(f, SSF_PROC, " reordering:%u", i->tcpi_reordering);
	NZ(" reord_seen:", i->tcpi_reord_seen);
	if (i->tcpi_rcv_rtt)
		put_milli(f, SSF_PROC, " rcv_rtt:", i->tcpi_rcv_rtt);
	NZ(" rcv_space:", i->tcpi_rcv_space);
	NZ(" rcv_ssthresh:", i->tcpi_rcv_ssthresh);
	NZ(" notsent:", i->tcpi_notsent_bytes);
	if (i->tcpi_min_rtt && i->tcpi_min_rtt != ~0U)
		put_milli(f, SSF_PROC, " minrtt:", i->tcpi_min_rtt);
	NZ(" rcv_ooopack:", i->tcpi_rcv_ooopack);
	NZ(" snd_wnd:", i->tcpi_snd_wnd);
}

/* ---- per family ---- */

/*
 * An address as ss prints it, with -r its host name where it has one (ss
 * keeps the v6 wildcard "*"; brackets only around a numeric v6 address).
 */
static void host_addr(struct ssfmt *f, char *buf, size_t n,
		      const struct sk_rec *r, const uint8_t *addr, int v6only)
{
	static const uint8_t any6[16];
	const char *name;

	if (f->o->resolve &&
	    (r->family == AF_INET || v6only || memcmp(addr, any6, 16)) &&
	    (name = names_host(&f->names, r->family, addr))) {
		snprintf(buf, n, strchr(name, ':') ? "[%s]" : "%s", name);
		return;
	}
	ssfmt_inet_addr(buf, n, r->family, addr, v6only);
}

static void inet_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sstop_opts *o = f->o;
	const struct sk_ext *x = r->x;
	int v6only = x && (x->present & SKX_V6ONLY) && x->v6only;
	enum names_proto p = tab_proto[r->tab < SKT_COUNT ? r->tab : 0];
	char a[128];

	state_cols(f, r, (int32_t)r->rq, (int32_t)r->wq);
	host_addr(f, a, sizeof(a), r, r->a.in.src, v6only);
	addr_cols(f, 1, a, ":",
		  names_service(&f->names, p, r->sport, o->numeric),
		  r->ifindex ? names_ifname(&f->names, r->ifindex) : NULL);
	host_addr(f, a, sizeof(a), r, r->a.in.dst, v6only);
	addr_cols(f, 0, a, ":",
		  names_service(&f->names, p, r->dport, o->numeric), NULL);
	users_col(f, r);
	/*
	 * A record read from /proc (raw sockets without raw_diag) has no
	 * cookie; ss prints no timer, details or memory for those lines.
	 */
	if (!(r->has & SKR_HAS_COOKIE))
		return;

	if (o->timers && r->timer) {
		char t[64];

		out(f, SSF_PROC, " timer:(%s,%s,%u)",
		    timer_names[r->timer > 4 ? 5 : r->timer],
		    ssfmt_timer(t, sizeof(t), r->expires), r->retrans);
	}
	if (o->extended) {
		if (r->uid)
			out(f, SSF_PROC, " uid:%u", r->uid);
		out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
		    (unsigned long long)r->cookie);
		if (x && (x->present & SKX_MARK) && x->mark)
			out(f, SSF_PROC, " fwmark:0x%x", x->mark);
		if (x && (x->present & SKX_CGROUP) && x->cgroup_id)
			out(f, SSF_PROC, " cgroup:%s",
			    names_cgroup(&f->names, x->cgroup_id));
		if (r->family == AF_INET6 && x && (x->present & SKX_V6ONLY))
			out(f, SSF_PROC, " v6only:%u", x->v6only);
		shutdown_mark(f, r);
	}
	if (o->tos && x) {
		if (x->present & SKX_TOS)
			out(f, SSF_PROC, " tos:%#x", x->tos);
		if (x->present & SKX_TCLASS)
			out(f, SSF_PROC, " tclass:%#x", x->tclass);
		if (x->present & SKX_CLASS_ID)
			out(f, SSF_PROC, " class_id:%#x", x->class_id);
	}
	if (o->cgroup && !o->extended && x && (x->present & SKX_CGROUP) &&
	    x->cgroup_id)
		out(f, SSF_PROC, " cgroup:%s",
		    names_cgroup(&f->names, x->cgroup_id));
	if (o->inet_sockopt && x && (x->present & SKX_SOCKOPT)) {
		const struct inet_diag_sockopt *s = &x->sockopt;

		const unsigned flags[] = {
			s->recverr, s->is_icsk, s->freebind, s->hdrincl,
			s->mc_loop, s->transparent, s->mc_all, s->nodefrag,
			s->bind_address_no_port, s->recverr_rfc4884,
			s->defer_connect,
		};

		out(f, SSF_PROC, "%sinet-sockopt: (",
		    o->oneline ? " " : "\n\t");
		for (size_t k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			if (flags[k])
				out(f, SSF_PROC, " %s", sockopt_names[k]);
		out(f, SSF_PROC, ")");
	}
	if (o->memory || (o->info && r->tab != SKT_UDP)) {
		if (!o->oneline)
			out(f, SSF_PROC, "\n\t");
		/*
		 * As ss: whatever memory the kernel sent is shown, also with
		 * -i alone (a replayed dump may hold it without -m).
		 */
		if (x)
			skmem(f, x);
		if (x && (x->present & SKX_TCPINFO) && x->tcpi)
			tcp_info(f, r, x);
	}
}

static void unix_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sk_ext *x = r->x;
	char port[16];

	state_cols(f, r, (int32_t)r->rq, (int32_t)r->wq);
	if ((r->has & SKR_HAS_NAME) && r->a.un.name) {
		char *nm = xmalloc(r->a.un.name_len + 1);
		size_t n = ssfmt_unix_name(nm, r->a.un.name_len + 1,
					   r->a.un.name, r->a.un.name_len);

		put_san(f, SSF_LADDR, nm, n);
		out(f, SSF_LADDR, " ");
		free(nm);
	} else {
		out(f, SSF_LADDR, "* ");
	}
	snprintf(port, sizeof(port), "%u", r->ino);
	put_str(f, SSF_LPORT, port);
	out(f, SSF_PADDR, "* ");
	out(f, SSF_PPORT, "%u", r->a.un.peer);
	users_col(f, r);
	if (f->o->memory && x)
		skmem(f, x);
	if (f->o->extended) {
		shutdown_mark(f, r);
		if (x && (x->present & SKX_VFS))
			out(f, SSF_PROC, " ino:%u dev:%u/%u", x->vfs_ino,
			    major(x->vfs_dev), minor(x->vfs_dev));
		if (x && (x->present & SKX_ICONS)) {
			out(f, SSF_PROC, " peers:");
			for (uint32_t k = 0; k < x->n_icons; k++)
				out(f, SSF_PROC, " %u", x->icons[k]);
		}
	}
}

static void netlink_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sstop_opts *o = f->o;
	const char *pname = names_netlink_proto(r->a.nl.protocol);
	char proto[32], proc[64];
	int32_t pid = (int32_t)r->a.nl.portid;

	state_cols(f, r, (int32_t)r->rq, (int32_t)r->wq);
	if (o->numeric || !pname)
		snprintf(proto, sizeof(proto), "%u", r->a.nl.protocol);
	else
		snprintf(proto, sizeof(proto), "%s", pname);
	if (pid == -1) {
		snprintf(proc, sizeof(proc), "*");
	} else if (o->numeric) {
		snprintf(proc, sizeof(proc), "%d", pid);
	} else if (pid == 0) {
		snprintf(proc, sizeof(proc), "kernel");
	} else {
		char path[64], comm[32] = "";
		FILE *fp;

		snprintf(proc, sizeof(proc), "%d", pid);
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		fp = pid > 0 ? fopen(path, "r") : NULL;
		if (fp) {
			if (fscanf(fp, "%*d (%31[^)])", comm) == 1)
				snprintf(proc, sizeof(proc), "%s/%d", comm,
					 pid);
			fclose(fp);
		}
	}
	out(f, SSF_LADDR, "%s:", proto);
	put_san(f, SSF_LPORT, proc, strlen(proc));
	if (r->state == SKS_ESTABLISHED) {
		out(f, SSF_PADDR, "%u:", r->a.nl.dst_group);
		out(f, SSF_PPORT, "%u", r->a.nl.dst_portid);
	} else {
		out(f, SSF_PADDR, "*");
	}
	users_col(f, r);
	if (o->extended) {
		uint32_t g = 0;

		if (r->x && r->x->nl.ngroups)
			g = r->x->nl.groups[0];
		out(f, SSF_PROC, " sk=0 cb=0 groups=0x%08x", g);
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
	out(f, SSF_PROC, "%sver:%d cpy_thresh:%d flags( ", sep,
	    (int)x->pk.version, (int)x->pk.copy_thresh);
	for (size_t k = 0; k < sizeof(pdi_flags) / sizeof(pdi_flags[0]); k++)
		if (x->pk.flags & pdi_flags[k].bit)
			put_str(f, SSF_PROC, pdi_flags[k].name);
	out(f, SSF_PROC, "%s )", x->pk.flags ? "" : "0");
}

static void packet_rec(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sstop_opts *o = f->o;
	const struct sk_ext *x = r->x;
	const char *sep = o->oneline ? " " : "\n\t";

	state_cols(f, r, (int32_t)r->rq, (int32_t)r->wq);
	out(f, SSF_LADDR,
	    "%s:", names_ll_proto(&f->names, r->sport, o->numeric));
	out(f, SSF_LPORT, "%s",
	    r->ifindex ? names_ifname(&f->names, r->ifindex) : "*");
	out(f, SSF_PADDR, "*");
	users_col(f, r);
	if (o->extended) {
		if (r->uid)
			out(f, SSF_PROC, " uid:%u", r->uid);
		out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
		    (unsigned long long)r->cookie);
		if (x && (x->present & SKX_PACKET))
			packet_info(f, x, sep);
		if (x && x->pk.has_fanout) {
			uint32_t type = x->pk.fanout >> 16;

			out(f, SSF_PROC, "%sfanout(id:%u,type:", sep,
			    x->pk.fanout & 0xffff);
			if (type <
			    sizeof(fanout_names) / sizeof(fanout_names[0]))
				out(f, SSF_PROC, "%s)", fanout_names[type]);
			else
				out(f, SSF_PROC, "0x%x)", type);
		}
	}
	if (o->bpf && x && (x->present & SKX_BPF)) {
		const struct sock_filter *code = x->pk.bpf;

		out(f, SSF_PROC, "%sbpf filter (%u): ", sep, x->pk.nbpf);
		for (uint32_t k = 0; k < x->pk.nbpf; k++)
			out(f, SSF_PROC, " 0x%02x %u %u %u,", code[k].code,
			    code[k].jt, code[k].jf, code[k].k);
	}
	if (o->memory && x)
		skmem(f, x);
}

static void other_rec(struct ssfmt *f, const struct sk_rec *r)
{
	state_cols(f, r, (int32_t)r->rq, (int32_t)r->wq);
	switch (r->family) {
	case AF_VSOCK:
		if (r->a.vs.src_cid == ~0u)
			out(f, SSF_LADDR, "*:");
		else
			out(f, SSF_LADDR, "%u:", r->a.vs.src_cid);
		if (r->a.vs.src_port == ~0u)
			out(f, SSF_LPORT, "*");
		else
			out(f, SSF_LPORT, "%u", r->a.vs.src_port);
		if (r->a.vs.dst_cid == ~0u)
			out(f, SSF_PADDR, "*:");
		else
			out(f, SSF_PADDR, "%u:", r->a.vs.dst_cid);
		if (r->a.vs.dst_port == ~0u)
			out(f, SSF_PPORT, "*");
		else
			out(f, SSF_PPORT, "%u", r->a.vs.dst_port);
		break;
	default:
		out(f, SSF_LADDR, "*:");
		out(f, SSF_LPORT, "*");
		out(f, SSF_PADDR, "*");
		break;
	}
	users_col(f, r);
	if (f->o->extended)
		out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
		    (unsigned long long)r->cookie);
}

void ssfmt_header(struct ssfmt *f)
{
	if (f->o->no_header)
		return;
	row_new(f);
	for (int c = 0; c < SSF_NCOLS; c++)
		put_str(f, (enum ssfmt_col)c, cols[c].header);
	row_end(f);
}

void ssfmt_add(struct ssfmt *f, const struct sk_rec *r)
{
	row_new(f);
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
	default:
		other_rec(f, r);
		break;
	}
	row_end(f);
}

/* ---- rendering ---- */

/*
 * Column widths as ss computes them: the widest cell plus the delimiter;
 * on a terminal, the space left on each screen line is then shared out,
 * the remainder going to the rightmost columns.
 */
static void calc_width(const struct ssfmt *f, int width[SSF_NCOLS])
{
	int first = 1, len = 0, linecols = 0, eol = -1;
	int screen = f->screen_width;

	for (int c = 0; c < SSF_NCOLS; c++) {
		width[c] = 0;
		if (f->hide[c])
			continue;
		width[c] = (int)f->maxlen[c];
		if (!first && f->maxlen[c])
			width[c] += (int)strlen(cols[c].ldelim);
		if (screen && width[c] > screen)
			width[c] = screen;
		if (width[c])
			first = 0;
	}
	if (!screen)
		return;
	for (int c = 0; c < SSF_NCOLS; c++) {
		int last, pad, spacing, rem;

		if (!width[c])
			continue;
		linecols++;
		len += width[c];
		for (last = c + 1; last < SSF_NCOLS; last++)
			if (width[last])
				break;
		if (last < SSF_NCOLS && len + width[last] <= screen)
			continue;
		pad = screen - len;
		if (pad > 0) {
			spacing = pad / linecols;
			rem = pad % linecols;
			for (int t = c; t > eol; t--) {
				if (!width[t])
					continue;
				width[t] += spacing;
				if (rem) {
					width[t]++;
					rem--;
				}
			}
		}
		eol = c;
		len = 0;
		linecols = 0;
	}
}

static void spaces(FILE *out, int n)
{
	static const char blank[] = "                                "
				    "                                ";

	for (; n > 0; n -= (int)sizeof(blank) - 1)
		fwrite(blank, 1,
		       n < (int)sizeof(blank) - 1 ? (size_t)n
						  : sizeof(blank) - 1,
		       out);
}

void ssfmt_stream(struct ssfmt *f, FILE *out)
{
	f->stream = out;
	sschunk_init(&f->chunk);
}

void ssfmt_append(struct ssfmt *f, struct ssfmt *src)
{
	for (size_t row = 0; row < src->ncells; row += SSF_NCOLS) {
		row_new(f);
		for (int c = 0; c < SSF_NCOLS; c++) {
			const struct ssfmt_cell *x = &src->cells[row + c];

			put(f, (enum ssfmt_col)c, src->buf + x->off, x->len);
		}
		row_end(f);
	}
	src->len = 0;
	src->ncells = 0;
}

/* Writes the rows held with the widths of f->maxlen; forgets them. */
static void render_rows(struct ssfmt *f, FILE *out)
{
	int width[SSF_NCOLS];

	calc_width(f, width);
	for (size_t row = 0; row < f->ncells; row += SSF_NCOLS) {
		int started = 0;

		for (int c = 0; c < SSF_NCOLS; c++) {
			const struct ssfmt_cell *x = &f->cells[row + c];
			int printed = 0;

			if (f->hide[c])
				continue;
			if (started++) {
				size_t dl = strlen(cols[c].ldelim);

				fwrite(cols[c].ldelim, 1, dl, out);
				printed = (int)dl;
			}
			if (cols[c].align == RIGHT)
				spaces(out, width[c] - (int)x->len - printed);
			fwrite(f->buf + x->off, 1, x->len, out);
			printed += (int)x->len;
			if (cols[c].align == LEFT)
				spaces(out, width[c] - printed);
		}
		fputc('\n', out);
	}
	f->len = 0;
	f->ncells = 0;
	sschunk_init(&f->chunk);
}

void ssfmt_render(struct ssfmt *f, FILE *out)
{
	/*
	 * ss never counts its last token (the last row's Process cell) in
	 * the column widths: a lone long row leaves the header unpadded.
	 * With sticky widths (-E) the widths only grow, as in ss, which
	 * keeps them from one event to the next.
	 */
	if (!f->sticky && !f->stream)
		memset(f->maxlen, 0, sizeof(f->maxlen));
	for (size_t row = 0; !f->stream && row < f->ncells;
	     row += SSF_NCOLS) {
		for (int c = 0; c < SSF_NCOLS; c++) {
			size_t l = f->cells[row + c].len;

			if (c == SSF_PROC && row + SSF_NCOLS == f->ncells)
				continue;
			if (l > f->maxlen[c])
				f->maxlen[c] = l;
		}
	}
	render_rows(f, out);
	if (!f->sticky)
		memset(f->maxlen, 0, sizeof(f->maxlen));
}
