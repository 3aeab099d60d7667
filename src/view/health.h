/*
 * health.h: health codes (sock.h, enum sk_health), worked out for every
 * socket of a snapshot at each refresh: the table says what is wrong, not
 * only what is there.
 *
 *   zero-window        TCP: the peer advertises a zero receive window
 *                      (the persist timer runs, or snd_wnd is 0 with data
 *                      to send, or the connection was limited by the
 *                      peer's window for nearly all its busy time since
 *                      the previous refresh);
 *   accept-queue-full  a listener's accept queue is at its backlog;
 *   rcvbuf-full        receive memory at its limit and drops (TCP, UDP...);
 *   close-wait         CLOSE-WAIT for longer than a threshold: the peer
 *                      closed, the application never does;
 *   syn-stuck          SYN-SENT for longer than a threshold;
 *   retransmitting     RTO retransmissions in a row, RTO backoff, or the
 *                      retransmission count growing since the previous
 *                      refresh.
 *
 * Ages come from sstop's own history (when a pass first saw the socket in
 * that state) and, so that a single pass (the batch modes) knows them too,
 * from the kernel: tcp_info's last_ack_recv for CLOSE-WAIT (the peer's FIN
 * was the last thing it sent), the SYN's retransmission count for SYN-SENT
 * (retries at 1, 3, 7... s); the older of the two counts.  "Growing" needs
 * a previous pass: a single pass counts any drops or retransmissions the
 * kernel reports as current (drops > 0 with the memory full, RTO retries).
 *
 * A pass writes each record's `health` bits, counts them, and keeps notes
 * (the numbers behind each code) for the sockets it flagged, so that the
 * detail pane can explain them.  No curses; the history belongs to one
 * thread at a time (the screen's collector).
 */
#ifndef SSTOP_HEALTH_H
#define SSTOP_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "netstat.h"
#include "snap.h"
#include "sock.h"

/* Thresholds (the rc file's health_* keys; defaults in health_defaults). */
struct health_conf {
	double close_wait_s; /* CLOSE-WAIT older than this: close-wait (10) */
	double syn_sent_s;   /* SYN-SENT older than this: syn-stuck (3) */
	unsigned rmem_pct;   /* rmem_alloc >= this % of rcvbuf: full (90) */
	unsigned rwnd_pct;   /* rwnd-limited share of busy time, % (95) */
};

void health_defaults(struct health_conf *c);

/* The numbers behind the codes of one flagged socket. */
struct health_note {
	uint32_t idx;	    /* the record's index in the snapshot */
	uint32_t codes;	    /* SKH_* (the record's health) */
	double state_age;   /* s in CLOSE-WAIT or SYN-SENT (those codes) */
	double zero_age;    /* s with a zero window (0: first seen now) */
	double dt;	    /* s since the previous pass (0: none) */
	uint32_t d_drops;   /* drops since the previous pass */
	uint32_t d_retrans; /* retransmitted segments since the previous */
	int rwnd_pct;	    /* rwnd-limited % of busy time since, or -1 */
};

/* What a pass found, for the header, --metrics and the detail pane. */
struct health_sum {
	uint32_t n[SKH_COUNT]; /* sockets per code, in hcode.h's order */
	uint32_t flagged;      /* sockets with at least one code */
	struct netstat ns;     /* the namespace's counters (ns.have: read) */
	/* ListenOverflows and ListenDrops per second since the previous
	 * pass; rates = 0 while there is no previous pass */
	double overflow_rate, drop_rate;
	int rates;
	struct health_note *notes; /* by idx, ascending; owned */
	size_t n_notes, cap_notes;
};

void health_sum_init(struct health_sum *s);
void health_sum_free(struct health_sum *s);
/* The note of record idx, or NULL. */
const struct health_note *health_note_of(const struct health_sum *s,
					 uint32_t idx);

/* The history between passes: opaque. */
struct health;

struct health *health_new(void);
void health_free(struct health *h);

/*
 * One pass over s at time now (seconds, monotonic or wall: the same clock
 * every pass): writes every record's health bits, fills out (cleared
 * first) and keeps what the next pass compares with.  ns, when not NULL,
 * holds the namespace's counters read with this dump (for the rates).
 * h may be NULL: a pass with no history (the batch modes).
 */
void health_pass(struct health *h, const struct health_conf *c, struct snap *s,
		 double now, const struct netstat *ns, struct health_sum *out);

/*
 * Writes, for each code of r, one translated sentence with the numbers
 * behind it, each ending with '\n', into buf (n bytes, NUL-terminated).
 * note may be NULL (then ages and growth are those the kernel gives).
 * Returns the length it needed; 0 when r is healthy.
 */
size_t health_explain(const struct sk_rec *r, const struct health_note *note,
		      const struct health_conf *c, char *buf, size_t n);

#endif
