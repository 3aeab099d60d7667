/*
 * rates.h: per-socket throughput from tcp_info's counters (sk_rec.tc),
 * worked out between two refreshes.
 *
 * A struct rates remembers, per TCP socket (by cookie), the counters of
 * the last snapshot it saw and when; the next snapshot's records get their
 * rates from the difference (sk_tcpc.tx, .rx, ... with SKC_RATE).  A
 * socket seen for the first time has no rate yet; one whose byte counters
 * went down (a cookie met again on another connection, a replay) starts
 * over, with no rate either.  Nothing is ever made up: a counter the
 * kernel did not send gives no rate.  Memory: one 56-byte entry per TCP
 * socket of the last snapshot, plus a 4-byte hash slot or two.
 *
 * Whoever dumps owns the struct (the screen's collector thread, the batch
 * loop); it must run on a fresh snapshot before the snapshot is shared.
 */
#ifndef SSTOP_RATES_H
#define SSTOP_RATES_H

#include <stddef.h>
#include <stdint.h>

#include "snap.h"
#include "sock.h"

struct rates_ent;

struct rates {
	struct rates_ent *v; /* the last snapshot's counters (owned) */
	size_t n, cap;
	uint32_t *hash; /* cookie -> index in v + 1 (owned) */
	size_t hcap;	/* a power of two, or 0 */
	double t;	/* when they were read (seconds), if n */
};

void rates_init(struct rates *rt);
void rates_free(struct rates *rt);
/* Bytes of its table and hash. */
size_t rates_mem(const struct rates *rt);
/* Forgets every socket: the next update gives no rates. */
void rates_reset(struct rates *rt);

/*
 * Sets the rates of s's TCP records over the time since the previous
 * update (now: seconds, monotonic, when s was dumped), then remembers s's
 * counters in place of the previous ones and gives the snapshot's back
 * (snap_ctr_release).  Returns how many records got a rate.
 */
size_t rates_update(struct rates *rt, struct snap *s, double now);

/*
 * Payload bytes of a TCP socket from its counters: bytes_acked without
 * the SYN (and the FIN once it is acked), bytes_received without the
 * peer's FIN, as the socket's state tells.  For a closed socket
 * (SKS_CLOSE) the FINs cannot be told: they are counted as payload.
 * Returns 0, or -ENODATA when the kernel sent no byte counters.
 */
int rates_payload(const struct sk_ctr *c, uint64_t *tx, uint64_t *rx);

#endif
