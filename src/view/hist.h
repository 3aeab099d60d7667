/*
 * hist.h: the last HIST_N samples, one per refresh, of a few values per
 * socket (rates, queues, rtt, cwnd), for the sockets on screen and the
 * selected one, drawn as sparklines in the detail pane.
 *
 * Memory is bounded by what the screen shows, not by the sockets there
 * are: one struct hist_ent (736 bytes: each sample is 16 bits, a float
 * with 11 bits of mantissa) per socket sampled at the last refresh; a
 * socket not sampled at a refresh (scrolled away, gone) loses its history.
 * At 100k sockets and a 50-line table that is 51 entries, 37 KB.
 * The screen's loop owns it; no curses here.
 */
#ifndef SSTOP_HIST_H
#define SSTOP_HIST_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

#define HIST_N 60

/* The series kept per socket. */
enum hist_series {
	HS_TX,	 /* tx-rate, bytes/s */
	HS_RX,	 /* rx-rate, bytes/s */
	HS_RQ,	 /* Recv-Q, bytes */
	HS_WQ,	 /* Send-Q, bytes */
	HS_RTT,	 /* smoothed rtt, us */
	HS_CWND, /* congestion window, segments */
	HS_COUNT
};

struct hist_ent {
	uint64_t key;		      /* the socket's identity (model_key) */
	uint32_t tick;		      /* the refresh that last sampled it */
	uint8_t head;		      /* next slot to write */
	uint8_t n;		      /* samples kept, <= HIST_N */
	uint16_t v[HS_COUNT][HIST_N]; /* HIST_NONE: no value that time */
};

#define HIST_NONE 0xffffu

struct hist {
	struct hist_ent *v; /* owned */
	size_t n, cap;
	uint32_t tick;
};

void hist_init(struct hist *h);
void hist_free(struct hist *h);

/* A refresh begins: the sockets sampled until hist_end() are kept. */
void hist_begin(struct hist *h);
/*
 * Samples r (identity key) for this refresh: its rates when it has them,
 * its queues, rtt and cwnd when tcp_info came with it.  Twice in one
 * refresh: the second is ignored.
 */
void hist_add(struct hist *h, uint64_t key, const struct sk_rec *r);
/* Drops the sockets not sampled since hist_begin(). */
void hist_end(struct hist *h);
/* The history of a socket, or NULL. */
const struct hist_ent *hist_get(const struct hist *h, uint64_t key);

/*
 * Series s of e, oldest first, into out[0..n) (NAN where there was no
 * value); returns how many (at most max, the newest ones).
 */
size_t hist_values(const struct hist_ent *e, enum hist_series s, double *out,
		   size_t max);

/* The 16-bit sample of v (exact below 2048, else within 0.1%) and back. */
uint16_t hist_encode(double v);
double hist_decode(uint16_t c);

/*
 * Draws v[0..n) (NAN: blank) as a sparkline into buf: one character per
 * value, from the lowest to the highest of them, in eight block
 * characters (utf8) or eight ASCII ones.  *lo and *hi get the lowest and
 * highest values (NAN when there are none).  Returns the bytes written.
 */
size_t hist_spark(const double *v, size_t n, int utf8, char *buf, size_t len,
		  double *lo, double *hi);

#endif
