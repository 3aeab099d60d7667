/*
 * evl.h: the destroyed-socket listener.  A thread of its own reads the
 * sock_diag destroy groups (diag_events_open) as fast as the kernel sends,
 * parses each message with the dump parser, and keeps the sockets in a
 * pending batch until the consumer (the screen's loop, the batch stream)
 * takes them, so that neither the screen nor a slow pipe ever makes the
 * kernel drop an event.  Lost events are counted: the kernel's own drop
 * counter for the socket (one per message it could not queue) and the
 * ENOBUFS errors that announce them.
 *
 * Collection only: nothing here prints or knows who consumes the events.
 */
#ifndef SSTOP_EVL_H
#define SSTOP_EVL_H

#include <stddef.h>
#include <stdint.h>

#include "snap.h"

struct evl; /* opaque: the thread, its socket, the pending batch */

/*
 * Sockets the listener reported, in the order the kernel sent them; t[i]
 * is when record s.v[i] arrived (CLOCK_MONOTONIC, seconds).  Owned by
 * whoever holds the batch; evl_take swaps its contents.
 */
struct evl_batch {
	struct snap s;
	double *t;
	size_t cap_t;
};

void evl_batch_init(struct evl_batch *b);
void evl_batch_free(struct evl_batch *b);

/* What the listener has counted since it started. */
struct evl_stats {
	uint64_t events;    /* destroyed sockets received and parsed */
	uint64_t lost;	    /* dropped by the kernel: full receive buffer */
	uint64_t overflows; /* ENOBUFS errors (each: one or more lost) */
	uint64_t full;	    /* dropped here: pending batch at its limit */
	uint64_t bad;	    /* malformed messages */
	int rcvbuf;	    /* receive buffer granted, bytes */
	int err; /* 0, or the negative errno that stopped the thread */
};

/*
 * Starts listening to the destroyed TCP/UDP sockets of tabs (SKT_BIT()s)
 * and families (0: both) in the calling thread's network namespace.
 * max_pending bounds the batch waiting to be taken (0: 100 000); beyond
 * it events are counted in evl_stats.full.  rcvbuf > 0 sets the receive
 * buffer instead of DIAG_EV_RCVBUF (tests: a small one loses events).
 * Returns 0 or a negative errno
 * (-EINVAL when tabs hold neither TCP nor UDP).
 */
int evl_start(struct evl **out, uint32_t tabs, uint32_t families,
	      size_t max_pending, int rcvbuf);
/* Stops the thread and frees everything (NULL is fine). */
void evl_stop(struct evl *l);

/*
 * A descriptor for poll(): readable while events wait to be taken (it
 * becomes readable when the pending batch stops being empty).
 */
int evl_fd(const struct evl *l);

/*
 * Moves the pending sockets into b (cleared first), leaving the listener
 * an empty batch (b's old memory, reused).  Returns how many were taken.
 * Any thread; the listener keeps running.
 */
size_t evl_take(struct evl *l, struct evl_batch *b);

/* A copy of the counters (any thread). */
void evl_stats(struct evl *l, struct evl_stats *st);

#endif
