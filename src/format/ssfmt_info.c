/*
 * ssfmt_info.c: the -m and -i details of a row (skmem, tcp_info and the
 * congestion control's own block), in ss 6.1's order and number formats.
 * Split from ssfmt.c; the numbers are printed without printf where ss's
 * %g allows it, since -i over 100k sockets is mostly this code.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "ssfmt.h"
#include "ssfmt_int.h"

/* ---- numbers ---- */

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
	p = ssfmt_utoa_end(b + sizeof(b), x / 1000);
	l = (size_t)(b + sizeof(b) - p);
	memcpy(buf, p, l);
	if (rem) {
		char d[3] = {(char)('0' + rem / 100),
			     (char)('0' + rem / 10 % 10),
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
void ssfmt_put_milli(struct ssfmt *f, enum ssfmt_col c, const char *label,
		     uint32_t x)
{
	char b[64];
	size_t l = ssfmt_milli(b, sizeof(b), x);

	ssfmt_put_str(f, c, label);
	ssfmt_put(f, c, b, l);
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

void ssfmt_skmem(struct ssfmt *f, const struct sk_ext *x)
{
	const uint32_t *m = x->skmem;

	if (!(x->present & SKX_SKMEM)) {
		if (x->present & SKX_MEMINFO)
			ssfmt_out(f, SSF_PROC, " mem:(r%u,w%u,f%u,t%u)",
				  x->meminfo.idiag_rmem, x->meminfo.idiag_wmem,
				  x->meminfo.idiag_fmem, x->meminfo.idiag_tmem);
		return;
	}
	ssfmt_out(f, SSF_PROC, " skmem:(r%u,rb%u,t%u,tb%u,f%u,w%u,o%u",
		  m[SK_MEMINFO_RMEM_ALLOC], m[SK_MEMINFO_RCVBUF],
		  m[SK_MEMINFO_WMEM_ALLOC], m[SK_MEMINFO_SNDBUF],
		  m[SK_MEMINFO_FWD_ALLOC], m[SK_MEMINFO_WMEM_QUEUED],
		  m[SK_MEMINFO_OPTMEM]);
	if (x->skmem_n > SK_MEMINFO_BACKLOG)
		ssfmt_out(f, SSF_PROC, ",bl%u", m[SK_MEMINFO_BACKLOG]);
	if (x->skmem_n > SK_MEMINFO_DROPS)
		ssfmt_out(f, SSF_PROC, ",d%u", m[SK_MEMINFO_DROPS]);
	ssfmt_out(f, SSF_PROC, ")");
}

/* ---- TCP info (-i), in ss's order ---- */

static void cc_info(struct ssfmt *f, const struct sk_ext *x, int numeric)
{
	char b[64];

	if (x->present & SKX_DCTCP) {
		const struct tcp_dctcp_info *d = &x->cc.dctcp;

		if (d->dctcp_enabled)
			ssfmt_out(f, SSF_PROC,
				  " dctcp:(ce_state:%u,alpha:%u,ab_ecn:%u,ab_"
				  "tot:%u)",
				  d->dctcp_ce_state, d->dctcp_alpha,
				  d->dctcp_ab_ecn, d->dctcp_ab_tot);
		else
			ssfmt_out(f, SSF_PROC, " dctcp:fallback_mode");
	}
	if (x->present & SKX_BBR) {
		const struct tcp_bbr_info *b0 = &x->cc.bbr;
		uint64_t bw = ((uint64_t)b0->bbr_bw_hi << 32) | b0->bbr_bw_lo;

		ssfmt_out(f, SSF_PROC, " bbr:(bw:%sbps,mrtt:%g",
			  ssfmt_rate(b, sizeof(b), (double)bw * 8.0, numeric),
			  (double)b0->bbr_min_rtt / 1000.0);
		if (b0->bbr_pacing_gain)
			ssfmt_out(f, SSF_PROC, ",pacing_gain:%g",
				  (double)b0->bbr_pacing_gain / 256.0);
		if (b0->bbr_cwnd_gain)
			ssfmt_out(f, SSF_PROC, ",cwnd_gain:%g",
				  (double)b0->bbr_cwnd_gain / 256.0);
		ssfmt_out(f, SSF_PROC, ")");
	}
}

#define OPT(i, o) (((i)->tcpi_options & (o)) != 0)
#define NZ(label, v)                                                           \
	do {                                                                   \
		if (v)                                                         \
			ssfmt_put_num(f, SSF_PROC, label,                      \
				      (unsigned long long)(v));                \
	} while (0)

void ssfmt_tcp_info(struct ssfmt *f, const struct sk_rec *r,
		    const struct sk_ext *x)
{
	const struct tcp_info *i = x->tcpi;
	int numeric = f->o.numeric;
	double rtt;
	char b[64];

	if (f->o.timers) {
		if (OPT(i, TCPI_OPT_TIMESTAMPS))
			ssfmt_out(f, SSF_PROC, " ts");
		if (OPT(i, TCPI_OPT_SACK))
			ssfmt_out(f, SSF_PROC, " sack");
		if (OPT(i, TCPI_OPT_ECN))
			ssfmt_out(f, SSF_PROC, " ecn");
		if (OPT(i, TCPI_OPT_ECN_SEEN))
			ssfmt_out(f, SSF_PROC, " ecnseen");
		if (OPT(i, TCPI_OPT_SYN_DATA))
			ssfmt_out(f, SSF_PROC, " fastopen");
	}
	if ((x->present & SKX_CONG) && x->cong && x->cong[0])
		ssfmt_out(f, SSF_PROC, " %.15s", x->cong);
	if (OPT(i, TCPI_OPT_WSCALE))
		ssfmt_out(f, SSF_PROC, " wscale:%d,%d", i->tcpi_snd_wscale,
			  i->tcpi_rcv_wscale);
	if (i->tcpi_rto && i->tcpi_rto != 3000000)
		ssfmt_put_milli(f, SSF_PROC, " rto:", i->tcpi_rto);
	NZ(" backoff:", i->tcpi_backoff);
	if (i->tcpi_rtt) {
		ssfmt_put_milli(f, SSF_PROC, " rtt:", i->tcpi_rtt);
		ssfmt_put_milli(f, SSF_PROC, "/", i->tcpi_rttvar);
	}
	if (i->tcpi_ato)
		ssfmt_put_milli(f, SSF_PROC, " ato:", i->tcpi_ato);
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
		ssfmt_out(f, SSF_PROC, " send %sbps",
			  ssfmt_rate(b, sizeof(b),
				     (double)i->tcpi_snd_cwnd *
					     (double)i->tcpi_snd_mss *
					     8000000. / rtt,
				     numeric));
	NZ(" lastsnd:", i->tcpi_last_data_sent);
	NZ(" lastrcv:", i->tcpi_last_data_recv);
	NZ(" lastack:", i->tcpi_last_ack_recv);
	if (i->tcpi_pacing_rate && i->tcpi_pacing_rate != ~0ULL) {
		ssfmt_out(f, SSF_PROC, " pacing_rate %sbps",
			  ssfmt_rate(b, sizeof(b),
				     (double)i->tcpi_pacing_rate * 8.,
				     numeric));
		if (i->tcpi_max_pacing_rate && i->tcpi_max_pacing_rate != ~0ULL)
			ssfmt_out(
				f, SSF_PROC, "/%sbps",
				ssfmt_rate(b, sizeof(b),
					   (double)i->tcpi_max_pacing_rate * 8.,
					   numeric));
	}
	if (i->tcpi_delivery_rate)
		ssfmt_out(f, SSF_PROC, " delivery_rate %sbps",
			  ssfmt_rate(b, sizeof(b),
				     (double)i->tcpi_delivery_rate * 8.,
				     numeric));
	NZ(" delivered:", i->tcpi_delivered);
	NZ(" delivered_ce:", i->tcpi_delivered_ce);
	if (i->tcpi_delivery_rate_app_limited)
		ssfmt_out(f, SSF_PROC, " app_limited");
	if (i->tcpi_busy_time) {
		double busy = (double)i->tcpi_busy_time;

		ssfmt_out(f, SSF_PROC, " busy:%llums",
			  (unsigned long long)i->tcpi_busy_time / 1000);
		if (i->tcpi_rwnd_limited)
			ssfmt_out(f, SSF_PROC, " rwnd_limited:%llums(%.1f%%)",
				  (unsigned long long)i->tcpi_rwnd_limited /
					  1000,
				  100.0 * (double)i->tcpi_rwnd_limited / busy);
		if (i->tcpi_sndbuf_limited)
			ssfmt_out(f, SSF_PROC, " sndbuf_limited:%llums(%.1f%%)",
				  (unsigned long long)i->tcpi_sndbuf_limited /
					  1000,
				  100.0 * (double)i->tcpi_sndbuf_limited /
					  busy);
	}
	NZ(" unacked:", i->tcpi_unacked);
	if (i->tcpi_retrans || i->tcpi_total_retrans)
		ssfmt_out(f, SSF_PROC, " retrans:%u/%u", i->tcpi_retrans,
			  i->tcpi_total_retrans);
	NZ(" lost:", i->tcpi_lost);
	if (r->state != SKS_LISTEN)
		NZ(" sacked:", i->tcpi_sacked);
	NZ(" dsack_dups:", i->tcpi_dsack_dups);
	NZ(" fackets:", i->tcpi_fackets);
	if (i->tcpi_reordering != 3)
		ssfmt_out(f, SSF_PROC, " reordering:%u", i->tcpi_reordering);
	NZ(" reord_seen:", i->tcpi_reord_seen);
	if (i->tcpi_rcv_rtt)
		ssfmt_put_milli(f, SSF_PROC, " rcv_rtt:", i->tcpi_rcv_rtt);
	NZ(" rcv_space:", i->tcpi_rcv_space);
	NZ(" rcv_ssthresh:", i->tcpi_rcv_ssthresh);
	NZ(" notsent:", i->tcpi_notsent_bytes);
	if (i->tcpi_min_rtt && i->tcpi_min_rtt != ~0U)
		ssfmt_put_milli(f, SSF_PROC, " minrtt:", i->tcpi_min_rtt);
	NZ(" rcv_ooopack:", i->tcpi_rcv_ooopack);
	NZ(" snd_wnd:", i->tcpi_snd_wnd);
}