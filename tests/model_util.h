/*
 * model_util.h: what the model's unit tests share (model_test.c,
 * model_prep_test.c): TCP records, snapshots, a churning set of sockets
 * and a clock.  Include it after check.h.
 */
#ifndef SSTOP_TESTS_MODEL_UTIL_H
#define SSTOP_TESTS_MODEL_UTIL_H

#include <arpa/inet.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "model.h"
#include "xalloc.h"

/* A TCP socket 10.0.0.1:sport -> 10.0.0.2:80 with a cookie and queues. */
static inline struct sk_rec *add_tcp(struct snap *s, uint64_t cookie,
				     uint16_t sport, uint32_t rq)
{
	struct sk_rec *r = snap_push(s);

	r->tab = SKT_TCP;
	r->family = AF_INET;
	r->state = SKS_ESTABLISHED;
	r->has = SKR_HAS_COOKIE | SKR_HAS_INO | SKR_HAS_QUEUES;
	r->cookie = cookie;
	r->ino = (uint32_t)cookie;
	r->sport = sport;
	r->dport = 80;
	r->rq = rq;
	inet_pton(AF_INET, "10.0.0.1", r->a.in.src);
	inet_pton(AF_INET, "10.0.0.2", r->a.in.dst);
	return r;
}

static inline struct snap *new_snap(void)
{
	struct snap *s = xmalloc(sizeof(*s));

	snap_init(s);
	return s;
}

static inline void drop(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

static inline int odd_port(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->sport & 1;
}

/* Round `round` of a churning set: some sockets go, some come, ties. */
static inline struct snap *churn_snap(int round)
{
	struct snap *s = new_snap();

	for (uint64_t c = 1; c <= 300; c++) {
		if ((c + (uint64_t)round) % 7 == 0)
			continue;
		add_tcp(s, c + (c % 11 == 0 ? (uint64_t)round * 1000 : 0),
			(uint16_t)(c * 37 % 500), (uint32_t)(c * 13 % 17));
	}
	return s;
}

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

#endif
