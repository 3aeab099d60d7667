/*
 * tcpi.h: the one table of tcp_info's fields, read by the three outputs
 * that show them: ss's text (-i, ssfmt_info.c), JSON (json.c) and the
 * screen's detail pane (ui_detail.c).  A row says what a field is called
 * (the kernel's name less "tcpi_", also the JSON key), where it lies, its
 * unit, how ss prints it and under which label, the detail pane's label,
 * and when it is left out (zero, or a value that means "not set").
 *
 * The table is in the JSON document's order (the struct's, after the
 * three bit-fields); tcpi_order[] is the order ss prints -i in, the pane
 * following it: the table's fields, and steps (TCPI_STEP_*) for what ss
 * prints from several fields or from outside tcp_info.
 */
#ifndef SSTOP_TCPI_H
#define SSTOP_TCPI_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

/* The rows of tcpi_fields[], in its order. */
enum tcpi_id {
	TI_SND_WSCALE,
	TI_RCV_WSCALE,
	TI_DELIVERY_RATE_APP_LIMITED,
	TI_STATE,
	TI_CA_STATE,
	TI_RETRANSMITS,
	TI_PROBES,
	TI_BACKOFF,
	TI_OPTIONS,
	TI_RTO,
	TI_ATO,
	TI_SND_MSS,
	TI_RCV_MSS,
	TI_UNACKED,
	TI_SACKED,
	TI_LOST,
	TI_RETRANS,
	TI_FACKETS,
	TI_LAST_DATA_SENT,
	TI_LAST_ACK_SENT,
	TI_LAST_DATA_RECV,
	TI_LAST_ACK_RECV,
	TI_PMTU,
	TI_RCV_SSTHRESH,
	TI_RTT,
	TI_RTTVAR,
	TI_SND_SSTHRESH,
	TI_SND_CWND,
	TI_ADVMSS,
	TI_REORDERING,
	TI_RCV_RTT,
	TI_RCV_SPACE,
	TI_TOTAL_RETRANS,
	TI_PACING_RATE,
	TI_MAX_PACING_RATE,
	TI_BYTES_ACKED,
	TI_BYTES_RECEIVED,
	TI_SEGS_OUT,
	TI_SEGS_IN,
	TI_NOTSENT_BYTES,
	TI_MIN_RTT,
	TI_DATA_SEGS_IN,
	TI_DATA_SEGS_OUT,
	TI_DELIVERY_RATE,
	TI_BUSY_TIME,
	TI_RWND_LIMITED,
	TI_SNDBUF_LIMITED,
	TI_DELIVERED,
	TI_DELIVERED_CE,
	TI_BYTES_SENT,
	TI_BYTES_RETRANS,
	TI_DSACK_DUPS,
	TI_REORD_SEEN,
	TI_RCV_OOOPACK,
	TI_SND_WND,
	TI_COUNT
};

/* A field's unit. */
enum tcpi_unit {
	TCPI_U_COUNT, /* a number of events, packets or a state */
	TCPI_U_BYTES,
	TCPI_U_SEGS, /* segments */
	TCPI_U_USEC, /* microseconds */
	TCPI_U_MSEC, /* milliseconds */
	TCPI_U_BPS,  /* bytes per second */
	TCPI_U_BITS, /* flags or a bit-field */
};

/* How ss prints a field found in tcpi_order[] (its label first). */
enum tcpi_ss {
	TCPI_SS_NONE,  /* ss never prints it, or only within a step */
	TCPI_SS_NUM,   /* the number */
	TCPI_SS_MILLI, /* microseconds as milliseconds, %g (ssfmt_milli) */
	TCPI_SS_RATE,  /* bytes/s as bits/s, k/M/G/T (ssfmt_rate), "bps" */
};

/* When a field is left out (tcpi_shown). */
enum {
	TCPI_ZERO = 1u << 0,	   /* zero is printed too (zero matters) */
	TCPI_SKIP_EQ = 1u << 1,	   /* left out when equal to skip */
	TCPI_SKIP_GE = 1u << 2,	   /* left out from skip up */
	TCPI_NOT_LISTEN = 1u << 3, /* left out for a listener */
	TCPI_PANE_ZERO = 1u << 4,  /* the pane shows zero too (it means
				      something: snd_wnd 0, the peer's
				      window is shut) */
};

struct tcpi_field {
	const char *name;  /* the kernel's name less tcpi_; the JSON key */
	uint16_t off;	   /* where it lies in struct tcp_info */
	uint8_t size;	   /* 1, 4, 8; 0: a bit-field, read by get */
	uint8_t unit;	   /* enum tcpi_unit */
	uint8_t ss;	   /* enum tcpi_ss */
	uint8_t flags;	   /* TCPI_ZERO, TCPI_SKIP_*, TCPI_NOT_LISTEN */
	const char *label; /* ss's, e.g. " mss:" (NULL: not printed alone) */
	/*
	 * The detail pane's label, before the value and its unit (bytes,
	 * segments, ms, bps); NULL: ss's label less its blank.
	 */
	const char *pane;
	/*
	 * For a listener the kernel reuses a few fields (unacked: the accept
	 * queue, sacked: the backlog): the pane's label then (N_()), shown
	 * even at zero; NULL: as for any socket.
	 */
	const char *listen;
	uint64_t skip; /* see TCPI_SKIP_* */
	/* a bit-field's value (size 0) */
	unsigned (*get)(const struct tcp_info *i);
};

/* What ss prints from several fields (or from outside tcp_info). */
enum tcpi_step {
	TCPI_STEP_OPTIONS = TI_COUNT, /* ts sack ecn ... (with -o) */
	TCPI_STEP_CONG,		      /* the congestion control's name */
	TCPI_STEP_WSCALE,	      /* wscale:SND,RCV */
	TCPI_STEP_RTT,		      /* rtt:RTT/RTTVAR */
	TCPI_STEP_CC,		      /* the congestion control's own block */
	TCPI_STEP_SEND,		      /* send RATE (cwnd * mss / rtt) */
	TCPI_STEP_PACING,	      /* pacing_rate RATE[/MAX] */
	TCPI_STEP_APP_LIMITED,	      /* app_limited */
	TCPI_STEP_BUSY,		      /* busy, rwnd_limited, sndbuf_limited */
	TCPI_STEP_RETRANS,	      /* retrans:NOW/TOTAL */
};

extern const struct tcpi_field tcpi_fields[TI_COUNT];
/* ss's order of -i: enum tcpi_id or enum tcpi_step values. */
extern const uint8_t tcpi_order[];
extern const size_t tcpi_order_len;

/* Field id of i (zero past what the kernel sent: the copy is padded). */
uint64_t tcpi_get(const struct tcp_info *i, enum tcpi_id id);
/* Whether the kernel's len bytes hold field id (bit-fields: always). */
int tcpi_sent(enum tcpi_id id, uint32_t len);
/* Whether ss prints field id with value v, for a socket in state. */
int tcpi_shown(enum tcpi_id id, uint64_t v, int state);
/*
 * Whether the detail pane shows field id with value v for a socket in
 * state, the kernel having sent len bytes of tcp_info: what ss prints,
 * plus the zeros that mean something (TCPI_PANE_ZERO) and a listener's
 * fields under their own label.
 */
int tcpi_pane_shown(enum tcpi_id id, uint64_t v, int state, uint32_t len);
/*
 * ss's "send" rate in bits/s, cwnd * mss over the RTT (Vegas's own RTT
 * when it has one); 0 when it is not printed.
 */
double tcpi_send_bps(const struct sk_ext *x);

#endif
