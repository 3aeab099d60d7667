/*
 * tcpi.c: the tcp_info field table (see tcpi.h) and what the outputs
 * share in reading it.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "i18n.h"
#include "tcpi.h"

static unsigned snd_wscale(const struct tcp_info *i)
{
	return i->tcpi_snd_wscale;
}

static unsigned rcv_wscale(const struct tcp_info *i)
{
	return i->tcpi_rcv_wscale;
}

static unsigned app_limited(const struct tcp_info *i)
{
	return i->tcpi_delivery_rate_app_limited;
}

#define AT(n)                                                                  \
	.name = #n, .off = offsetof(struct tcp_info, tcpi_##n),                \
	.size = sizeof(((struct tcp_info *)0)->tcpi_##n)

const struct tcpi_field tcpi_fields[TI_COUNT] = {
	[TI_SND_WSCALE] = {.name = "snd_wscale",
			   .get = snd_wscale,
			   .unit = TCPI_U_BITS},
	[TI_RCV_WSCALE] = {.name = "rcv_wscale",
			   .get = rcv_wscale,
			   .unit = TCPI_U_BITS},
	[TI_DELIVERY_RATE_APP_LIMITED] = {.name = "delivery_rate_app_limited",
					  .get = app_limited,
					  .unit = TCPI_U_BITS},
	[TI_STATE] = {AT(state)},
	[TI_CA_STATE] = {AT(ca_state)},
	[TI_RETRANSMITS] = {AT(retransmits)},
	[TI_PROBES] = {AT(probes)},
	[TI_BACKOFF] = {AT(backoff), .ss = TCPI_SS_NUM, .label = " backoff:"},
	[TI_OPTIONS] = {AT(options), .unit = TCPI_U_BITS},
	[TI_RTO] = {AT(rto), .unit = TCPI_U_USEC, .ss = TCPI_SS_MILLI,
		    .label = " rto:", .flags = TCPI_SKIP_EQ, .skip = 3000000},
	[TI_ATO] = {AT(ato), .unit = TCPI_U_USEC, .ss = TCPI_SS_MILLI,
		    .label = " ato:"},
	[TI_SND_MSS] = {AT(snd_mss), .unit = TCPI_U_BYTES, .ss = TCPI_SS_NUM,
			.label = " mss:"},
	[TI_RCV_MSS] = {AT(rcv_mss), .unit = TCPI_U_BYTES, .ss = TCPI_SS_NUM,
			.label = " rcvmss:"},
	[TI_UNACKED] = {AT(unacked), .unit = TCPI_U_SEGS, .ss = TCPI_SS_NUM,
			.label = " unacked:", .flags = TCPI_PANE_ZERO,
			.listen = N_("accept queue:")},
	[TI_SACKED] = {AT(sacked), .unit = TCPI_U_SEGS, .ss = TCPI_SS_NUM,
		       .label = " sacked:", .flags = TCPI_NOT_LISTEN,
		       .listen = N_("backlog:")},
	[TI_LOST] = {AT(lost), .unit = TCPI_U_SEGS, .ss = TCPI_SS_NUM,
		     .label = " lost:", .flags = TCPI_PANE_ZERO},
	[TI_RETRANS] = {AT(retrans), .unit = TCPI_U_SEGS},
	[TI_FACKETS] = {AT(fackets), .unit = TCPI_U_SEGS, .ss = TCPI_SS_NUM,
			.label = " fackets:"},
	[TI_LAST_DATA_SENT] = {AT(last_data_sent), .unit = TCPI_U_MSEC,
			       .ss = TCPI_SS_NUM, .label = " lastsnd:"},
	[TI_LAST_ACK_SENT] = {AT(last_ack_sent), .unit = TCPI_U_MSEC},
	[TI_LAST_DATA_RECV] = {AT(last_data_recv), .unit = TCPI_U_MSEC,
			       .ss = TCPI_SS_NUM, .label = " lastrcv:"},
	[TI_LAST_ACK_RECV] = {AT(last_ack_recv), .unit = TCPI_U_MSEC,
			      .ss = TCPI_SS_NUM, .label = " lastack:"},
	[TI_PMTU] = {AT(pmtu), .unit = TCPI_U_BYTES, .ss = TCPI_SS_NUM,
		     .label = " pmtu:"},
	[TI_RCV_SSTHRESH] = {AT(rcv_ssthresh), .unit = TCPI_U_BYTES,
			     .ss = TCPI_SS_NUM, .label = " rcv_ssthresh:"},
	[TI_RTT] = {AT(rtt), .unit = TCPI_U_USEC},
	[TI_RTTVAR] = {AT(rttvar), .unit = TCPI_U_USEC},
	[TI_SND_SSTHRESH] = {AT(snd_ssthresh), .unit = TCPI_U_SEGS,
			     .ss = TCPI_SS_NUM, .label = " ssthresh:",
			     .flags = TCPI_SKIP_GE, .skip = 0xFFFF},
	[TI_SND_CWND] = {AT(snd_cwnd), .unit = TCPI_U_SEGS, .ss = TCPI_SS_NUM,
			 .label = " cwnd:"},
	[TI_ADVMSS] = {AT(advmss), .unit = TCPI_U_BYTES, .ss = TCPI_SS_NUM,
		       .label = " advmss:"},
	[TI_REORDERING] = {AT(reordering), .unit = TCPI_U_SEGS,
			   .ss = TCPI_SS_NUM, .label = " reordering:",
			   .flags = TCPI_ZERO | TCPI_SKIP_EQ, .skip = 3},
	[TI_RCV_RTT] = {AT(rcv_rtt), .unit = TCPI_U_USEC, .ss = TCPI_SS_MILLI,
			.label = " rcv_rtt:"},
	[TI_RCV_SPACE] = {AT(rcv_space), .unit = TCPI_U_BYTES,
			  .ss = TCPI_SS_NUM, .label = " rcv_space:"},
	[TI_TOTAL_RETRANS] = {AT(total_retrans), .unit = TCPI_U_SEGS},
	[TI_PACING_RATE] = {AT(pacing_rate), .unit = TCPI_U_BPS},
	[TI_MAX_PACING_RATE] = {AT(max_pacing_rate), .unit = TCPI_U_BPS},
	[TI_BYTES_ACKED] = {AT(bytes_acked), .unit = TCPI_U_BYTES,
			    .ss = TCPI_SS_NUM, .label = " bytes_acked:"},
	[TI_BYTES_RECEIVED] = {AT(bytes_received), .unit = TCPI_U_BYTES,
			       .ss = TCPI_SS_NUM, .label = " bytes_received:"},
	[TI_SEGS_OUT] = {AT(segs_out), .ss = TCPI_SS_NUM,
			 .label = " segs_out:"},
	[TI_SEGS_IN] = {AT(segs_in), .ss = TCPI_SS_NUM, .label = " segs_in:"},
	[TI_NOTSENT_BYTES] = {AT(notsent_bytes), .unit = TCPI_U_BYTES,
			      .ss = TCPI_SS_NUM,
			      .label = " notsent:", .flags = TCPI_PANE_ZERO},
	[TI_MIN_RTT] = {AT(min_rtt), .unit = TCPI_U_USEC, .ss = TCPI_SS_MILLI,
			.label = " minrtt:", .flags = TCPI_SKIP_EQ,
			.skip = 0xFFFFFFFFu},
	[TI_DATA_SEGS_IN] = {AT(data_segs_in), .ss = TCPI_SS_NUM,
			     .label = " data_segs_in:"},
	[TI_DATA_SEGS_OUT] = {AT(data_segs_out), .ss = TCPI_SS_NUM,
			      .label = " data_segs_out:"},
	[TI_DELIVERY_RATE] = {AT(delivery_rate), .unit = TCPI_U_BPS,
			      .ss = TCPI_SS_RATE, .label = " delivery_rate "},
	[TI_BUSY_TIME] = {AT(busy_time), .unit = TCPI_U_USEC},
	[TI_RWND_LIMITED] = {AT(rwnd_limited), .unit = TCPI_U_USEC},
	[TI_SNDBUF_LIMITED] = {AT(sndbuf_limited), .unit = TCPI_U_USEC},
	[TI_DELIVERED] = {AT(delivered), .ss = TCPI_SS_NUM,
			  .label = " delivered:"},
	[TI_DELIVERED_CE] = {AT(delivered_ce), .ss = TCPI_SS_NUM,
			     .label = " delivered_ce:"},
	[TI_BYTES_SENT] = {AT(bytes_sent), .unit = TCPI_U_BYTES,
			   .ss = TCPI_SS_NUM, .label = " bytes_sent:"},
	[TI_BYTES_RETRANS] = {AT(bytes_retrans), .unit = TCPI_U_BYTES,
			      .ss = TCPI_SS_NUM, .label = " bytes_retrans:",
			      .flags = TCPI_PANE_ZERO},
	[TI_DSACK_DUPS] = {AT(dsack_dups), .ss = TCPI_SS_NUM,
			   .label = " dsack_dups:"},
	[TI_REORD_SEEN] = {AT(reord_seen), .ss = TCPI_SS_NUM,
			   .label = " reord_seen:"},
	[TI_RCV_OOOPACK] = {AT(rcv_ooopack), .ss = TCPI_SS_NUM,
			    .label = " rcv_ooopack:"},
	[TI_SND_WND] = {AT(snd_wnd), .unit = TCPI_U_BYTES, .ss = TCPI_SS_NUM,
			.label = " snd_wnd:", .flags = TCPI_PANE_ZERO},
};

#undef AT

const uint8_t tcpi_order[] = {
	TCPI_STEP_OPTIONS,
	TCPI_STEP_CONG,
	TCPI_STEP_WSCALE,
	TI_RTO,
	TI_BACKOFF,
	TCPI_STEP_RTT,
	TI_ATO,
	TI_SND_MSS,
	TI_PMTU,
	TI_RCV_MSS,
	TI_ADVMSS,
	TI_SND_CWND,
	TI_SND_SSTHRESH,
	TI_BYTES_SENT,
	TI_BYTES_RETRANS,
	TI_BYTES_ACKED,
	TI_BYTES_RECEIVED,
	TI_SEGS_OUT,
	TI_SEGS_IN,
	TI_DATA_SEGS_OUT,
	TI_DATA_SEGS_IN,
	TCPI_STEP_CC,
	TCPI_STEP_SEND,
	TI_LAST_DATA_SENT,
	TI_LAST_DATA_RECV,
	TI_LAST_ACK_RECV,
	TCPI_STEP_PACING,
	TI_DELIVERY_RATE,
	TI_DELIVERED,
	TI_DELIVERED_CE,
	TCPI_STEP_APP_LIMITED,
	TCPI_STEP_BUSY,
	TI_UNACKED,
	TCPI_STEP_RETRANS,
	TI_LOST,
	TI_SACKED,
	TI_DSACK_DUPS,
	TI_FACKETS,
	TI_REORDERING,
	TI_REORD_SEEN,
	TI_RCV_RTT,
	TI_RCV_SPACE,
	TI_RCV_SSTHRESH,
	TI_NOTSENT_BYTES,
	TI_MIN_RTT,
	TI_RCV_OOOPACK,
	TI_SND_WND,
};
const size_t tcpi_order_len = sizeof(tcpi_order) / sizeof(tcpi_order[0]);

uint64_t tcpi_get(const struct tcp_info *i, enum tcpi_id id)
{
	const struct tcpi_field *f = &tcpi_fields[id];
	const unsigned char *p = (const unsigned char *)i + f->off;
	uint32_t v32;
	uint64_t v64;

	switch (f->size) {
	case 0:
		return f->get(i);
	case 1:
		return *p;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	default:
		memcpy(&v64, p, 8);
		return v64;
	}
}

int tcpi_sent(enum tcpi_id id, uint32_t len)
{
	const struct tcpi_field *f = &tcpi_fields[id];

	return !f->size || (size_t)f->off + f->size <= len;
}

int tcpi_shown(enum tcpi_id id, uint64_t v, int state)
{
	const struct tcpi_field *f = &tcpi_fields[id];

	if (!v && !(f->flags & TCPI_ZERO))
		return 0;
	if ((f->flags & TCPI_SKIP_EQ) && v == f->skip)
		return 0;
	if ((f->flags & TCPI_SKIP_GE) && v >= f->skip)
		return 0;
	return !((f->flags & TCPI_NOT_LISTEN) && state == SKS_LISTEN);
}

int tcpi_pane_shown(enum tcpi_id id, uint64_t v, int state, uint32_t len)
{
	const struct tcpi_field *f = &tcpi_fields[id];

	/* a zero the kernel did not send (an older kernel) means nothing */
	if (!tcpi_sent(id, len))
		return 0;
	if (state == SKS_LISTEN && f->listen)
		return 1;
	if (!v && (f->flags & TCPI_PANE_ZERO) && state != SKS_LISTEN)
		return 1;
	return tcpi_shown(id, v, state);
}

double tcpi_send_bps(const struct sk_ext *x)
{
	const struct tcp_info *i = x->tcpi;
	double rtt = (double)i->tcpi_rtt;

	if ((x->present & SKX_VEGAS) && x->cc.vegas.tcpv_enabled &&
	    x->cc.vegas.tcpv_rtt && x->cc.vegas.tcpv_rtt != 0x7fffffff)
		rtt = x->cc.vegas.tcpv_rtt;
	if (rtt > 0 && i->tcpi_snd_mss && i->tcpi_snd_cwnd)
		return (double)i->tcpi_snd_cwnd * (double)i->tcpi_snd_mss *
		       8000000. / rtt;
	return 0;
}
