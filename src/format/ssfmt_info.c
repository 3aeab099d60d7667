/*
 * ssfmt_info.c: the -m and -i details of a row (skmem, tcp_info and the
 * congestion control's own block), in ss 6.1's order and number formats;
 * tcp_info's fields as the table in tcpi.h says.
 * Split from ssfmt.c; the numbers are printed without printf where ss's
 * %g allows it, since -i over 100k sockets is mostly this code.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/inet_diag.h>
#include <linux/mptcp.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "ssfmt.h"
#include "ssfmt_int.h"
#include "tcpi.h"

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

/* A step of ss's order that is more than one field. */
static void tcp_step(struct ssfmt *f, const struct sk_ext *x, int step)
{
	const struct tcp_info *i = x->tcpi;
	int numeric = f->o.numeric;
	char b[64];

	switch (step) {
	case TCPI_STEP_OPTIONS:
		if (!f->o.timers)
			break;
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
		break;
	case TCPI_STEP_CONG:
		if ((x->present & SKX_CONG) && x->cong && x->cong[0])
			ssfmt_out(f, SSF_PROC, " %.15s", x->cong);
		break;
	case TCPI_STEP_WSCALE:
		if (OPT(i, TCPI_OPT_WSCALE))
			ssfmt_out(f, SSF_PROC, " wscale:%d,%d",
				  i->tcpi_snd_wscale, i->tcpi_rcv_wscale);
		break;
	case TCPI_STEP_RTT:
		if (i->tcpi_rtt) {
			ssfmt_put_milli(f, SSF_PROC, " rtt:", i->tcpi_rtt);
			ssfmt_put_milli(f, SSF_PROC, "/", i->tcpi_rttvar);
		}
		break;
	case TCPI_STEP_CC:
		cc_info(f, x, numeric);
		break;
	case TCPI_STEP_SEND: {
		double bps = tcpi_send_bps(x);

		if (bps > 0)
			ssfmt_out(f, SSF_PROC, " send %sbps",
				  ssfmt_rate(b, sizeof(b), bps, numeric));
		break;
	}
	case TCPI_STEP_PACING:
		if (!i->tcpi_pacing_rate || i->tcpi_pacing_rate == ~0ULL)
			break;
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
		break;
	case TCPI_STEP_APP_LIMITED:
		if (i->tcpi_delivery_rate_app_limited)
			ssfmt_out(f, SSF_PROC, " app_limited");
		break;
	case TCPI_STEP_BUSY: {
		double busy = (double)i->tcpi_busy_time;

		if (!i->tcpi_busy_time)
			break;
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
		break;
	}
	case TCPI_STEP_RETRANS:
		if (i->tcpi_retrans || i->tcpi_total_retrans)
			ssfmt_out(f, SSF_PROC, " retrans:%u/%u",
				  i->tcpi_retrans, i->tcpi_total_retrans);
		break;
	default:
		break;
	}
}

/* tcp_info in ss's order (tcpi.h), each field as its row says. */
void ssfmt_tcp_info(struct ssfmt *f, const struct sk_rec *r,
		    const struct sk_ext *x)
{
	char b[64];

	for (size_t k = 0; k < tcpi_order_len; k++) {
		int id = tcpi_order[k];
		const struct tcpi_field *d;
		uint64_t v;

		if (id >= TI_COUNT) {
			tcp_step(f, x, id);
			continue;
		}
		d = &tcpi_fields[id];
		v = tcpi_get(x->tcpi, (enum tcpi_id)id);
		if (!tcpi_shown((enum tcpi_id)id, v, r->state))
			continue;
		switch (d->ss) {
		case TCPI_SS_NUM:
			ssfmt_put_num(f, SSF_PROC, d->label, v);
			break;
		case TCPI_SS_MILLI:
			ssfmt_put_milli(f, SSF_PROC, d->label, (uint32_t)v);
			break;
		case TCPI_SS_RATE:
			ssfmt_out(f, SSF_PROC, "%s%sbps", d->label,
				  ssfmt_rate(b, sizeof(b), (double)v * 8.,
					     f->o.numeric));
			break;
		default:
			break;
		}
	}
}

/* ---- upper layers ---- */

#define SF_HAS(x, a) (((x)->sf.has >> (a)) & 1u)
#define NZ(label, v)                                                           \
	do {                                                                   \
		if (v)                                                         \
			ssfmt_put_num(f, SSF_PROC, label,                      \
				      (unsigned long long)(v));                \
	} while (0)

/* An MPTCP subflow's attributes, as ss prints them. */
static void subflow_info(struct ssfmt *f, const struct sk_ext *x)
{
	static const struct {
		uint32_t bit;
		char c;
	} caps[] = {
		{MPTCP_SUBFLOW_FLAG_MCAP_REM, 'M'},
		{MPTCP_SUBFLOW_FLAG_MCAP_LOC, 'm'},
		{MPTCP_SUBFLOW_FLAG_JOIN_REM, 'J'},
		{MPTCP_SUBFLOW_FLAG_JOIN_LOC, 'j'},
		{MPTCP_SUBFLOW_FLAG_BKUP_REM, 'B'},
		{MPTCP_SUBFLOW_FLAG_BKUP_LOC, 'b'},
		{MPTCP_SUBFLOW_FLAG_FULLY_ESTABLISHED, 'e'},
		{MPTCP_SUBFLOW_FLAG_CONNECTED, 'c'},
		{MPTCP_SUBFLOW_FLAG_MAPVALID, 'v'},
	};
	char b[sizeof(caps) / sizeof(caps[0]) + 1];
	size_t n = 0;

	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_FLAGS) && x->sf.flags) {
		for (size_t k = 0; k < sizeof(caps) / sizeof(caps[0]); k++)
			if (x->sf.flags & caps[k].bit)
				b[n++] = caps[k].c;
		b[n] = 0;
		ssfmt_out(f, SSF_PROC, " flags:%s", b);
	}
	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_TOKEN_REM) &&
	    SF_HAS(x, MPTCP_SUBFLOW_ATTR_TOKEN_LOC) &&
	    SF_HAS(x, MPTCP_SUBFLOW_ATTR_ID_REM) &&
	    SF_HAS(x, MPTCP_SUBFLOW_ATTR_ID_LOC))
		ssfmt_out(f, SSF_PROC, " token:%04x(id:%u)/%04x(id:%u)",
			  x->sf.token_rem, x->sf.id_rem, x->sf.token_loc,
			  x->sf.id_loc);
	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_MAP_SEQ))
		ssfmt_out(f, SSF_PROC, " seq:%llx",
			  (unsigned long long)x->sf.map_seq);
	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_MAP_SFSEQ))
		ssfmt_out(f, SSF_PROC, " sfseq:%x", x->sf.map_sfseq);
	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_SSN_OFFSET))
		ssfmt_out(f, SSF_PROC, " ssnoff:%x", x->sf.ssn_offset);
	if (SF_HAS(x, MPTCP_SUBFLOW_ATTR_MAP_DATALEN))
		ssfmt_out(f, SSF_PROC, " maplen:%x", x->sf.map_datalen);
}

void ssfmt_ulp(struct ssfmt *f, const struct sk_ext *x)
{
	if ((x->present & SKX_ULP) && x->ulp)
		ssfmt_out(f, SSF_PROC, " tcp-ulp-%s", x->ulp);
	if (x->present & SKX_SUBFLOW)
		subflow_info(f, x);
}

void ssfmt_mptcp_info(struct ssfmt *f, const struct sk_ext *x)
{
	const struct mptcp_info *i = x->mptcpi;

	if (!(x->present & SKX_MPTCPINFO) || !i)
		return;
	NZ(" subflows:", i->mptcpi_subflows);
	NZ(" add_addr_signal:", i->mptcpi_add_addr_signal);
	NZ(" add_addr_accepted:", i->mptcpi_add_addr_accepted);
	NZ(" subflows_max:", i->mptcpi_subflows_max);
	NZ(" add_addr_signal_max:", i->mptcpi_add_addr_signal_max);
	NZ(" add_addr_accepted_max:", i->mptcpi_add_addr_accepted_max);
	if (i->mptcpi_flags & MPTCP_INFO_FLAG_FALLBACK)
		ssfmt_out(f, SSF_PROC, " fallback");
	if (i->mptcpi_flags & MPTCP_INFO_FLAG_REMOTE_KEY_RECEIVED)
		ssfmt_out(f, SSF_PROC, " remote_key");
	if (i->mptcpi_token)
		ssfmt_out(f, SSF_PROC, " token:%x", i->mptcpi_token);
	if (i->mptcpi_write_seq)
		ssfmt_out(f, SSF_PROC, " write_seq:%llx",
			  (unsigned long long)i->mptcpi_write_seq);
	if (i->mptcpi_snd_una)
		ssfmt_out(f, SSF_PROC, " snd_una:%llx",
			  (unsigned long long)i->mptcpi_snd_una);
	if (i->mptcpi_rcv_nxt)
		ssfmt_out(f, SSF_PROC, " rcv_nxt:%llx",
			  (unsigned long long)i->mptcpi_rcv_nxt);
}
