/*
 * ui_dtcp.c: the detail pane's TCP section: every tcp_info field ss -i
 * prints, in its order (tcpi.h's table), named and with its unit, the
 * congestion control's block, and the zeros that mean something
 * (tcpi_pane_shown); a listener's reused fields under their own names.
 * Split from ui_detail.c, whose line sink it writes to.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/inet_diag.h>
#include <linux/tcp.h>

#include "i18n.h"
#include "sanitize.h"
#include "ssfmt.h"
#include "tcpi.h"
#include "ui_int.h"

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
static void cc_block(struct dsink *s, const struct sk_ext *x, int num)
{
	char b[64];

	if (x->present & SKX_DCTCP) {
		const struct tcp_dctcp_info *d = &x->cc.dctcp;

		if (d->dctcp_enabled)
			dsink_item(s,
				   "dctcp:(ce_state:%u,alpha:%u,ab_ecn:%u,ab_"
				   "tot:%u)",
				   d->dctcp_ce_state, d->dctcp_alpha,
				   d->dctcp_ab_ecn, d->dctcp_ab_tot);
		else
			dsink_item(s, "dctcp:fallback_mode");
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
		dsink_item(s, "bbr:(bw:%s,mrtt:%g%s%s)", b,
			   (double)bb->bbr_min_rtt / 1000.0, g, c);
	}
}

/* A step of ss's order that is more than one field (see tcpi.h). */
static void tcp_step(struct dsink *s, const struct sk_rec *r, int step, int num)
{
	const struct tcp_info *t = r->x->tcpi;
	char b[64];

	switch (step) {
	case TCPI_STEP_OPTIONS:
		if (t->tcpi_options & TCPI_OPT_TIMESTAMPS)
			dsink_item(s, "ts");
		if (t->tcpi_options & TCPI_OPT_SACK)
			dsink_item(s, "sack");
		if (t->tcpi_options & TCPI_OPT_ECN)
			dsink_item(s, "ecn");
		if (t->tcpi_options & TCPI_OPT_ECN_SEEN)
			dsink_item(s, "ecnseen");
		if (t->tcpi_options & TCPI_OPT_SYN_DATA)
			dsink_item(s, "fastopen");
		break;
	case TCPI_STEP_CONG:
		if (r->x->cong) {
			char cc[32];

			san_escape(cc, sizeof(cc), r->x->cong,
				   strlen(r->x->cong));
			dsink_item(s, _("congestion %s"), cc);
		}
		break;
	case TCPI_STEP_WSCALE:
		if (t->tcpi_options & TCPI_OPT_WSCALE)
			dsink_item(s, "wscale:%u,%u", t->tcpi_snd_wscale,
				   t->tcpi_rcv_wscale);
		break;
	case TCPI_STEP_RTT:
		if (t->tcpi_rtt) {
			char v[24];

			ssfmt_milli(b, sizeof(b), t->tcpi_rtt);
			ssfmt_milli(v, sizeof(v), t->tcpi_rttvar);
			dsink_item(s, "rtt:%s/%sms", b, v);
		}
		break;
	case TCPI_STEP_SEND: {
		double bps = tcpi_send_bps(r->x);

		if (bps > 0) {
			rate(b, sizeof(b), bps, num);
			dsink_item(s, "send %s", b);
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
			dsink_item(s, "pacing_rate %s%s", b, m);
		}
		break;
	case TCPI_STEP_APP_LIMITED:
		if (t->tcpi_delivery_rate_app_limited)
			dsink_item(s, "app_limited");
		break;
	case TCPI_STEP_BUSY:
		/*
		 * As ss: the share of the busy time after each limit, but
		 * a zero too (the sender was never limited by it)
		 */
		if (!t->tcpi_busy_time)
			break;
		dsink_item(s, "busy:%llums",
			   (unsigned long long)t->tcpi_busy_time / 1000);
		dsink_item(s, "rwnd_limited:%llums(%.1f%%)",
			   (unsigned long long)t->tcpi_rwnd_limited / 1000,
			   100.0 * (double)t->tcpi_rwnd_limited /
				   (double)t->tcpi_busy_time);
		dsink_item(s, "sndbuf_limited:%llums(%.1f%%)",
			   (unsigned long long)t->tcpi_sndbuf_limited / 1000,
			   100.0 * (double)t->tcpi_sndbuf_limited /
				   (double)t->tcpi_busy_time);
		break;
	case TCPI_STEP_RETRANS:
		/* 0/0 too: nothing was ever retransmitted */
		if (r->state != SKS_LISTEN)
			dsink_item(s, "retrans:%u/%u", t->tcpi_retrans,
				   t->tcpi_total_retrans);
		break;
	case TCPI_STEP_CC:
		cc_block(s, r->x, num);
		break;
	default:
		break;
	}
}

void ui_detail_tcp(struct dsink *s, const struct ui *u, const struct sk_rec *r)
{
	dsink_section(s, _("TCP"));
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
			dsink_item(s, "%s%llu", _(d->listen),
				   (unsigned long long)v);
			continue;
		}
		tcp_value(b, sizeof(b), d, v, u->fmt.numeric);
		dsink_item(s, "%s%s", d->pane ? d->pane : d->label + 1, b);
	}
}
