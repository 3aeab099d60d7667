/*
 * rates.c: throughput per TCP socket between two refreshes (see rates.h).
 *
 * The last snapshot's counters are kept in a flat array with an open
 * addressing hash on the cookie; an update first reads the old entries
 * (every record of the fresh snapshot gets its rates), then rebuilds the
 * array and the hash from the fresh snapshot in place, so only one set of
 * counters is ever kept.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rates.h"
#include "xalloc.h"

/*
 * What an update needs of a socket's previous counters.  The chrono
 * counters (microseconds, 64-bit in the kernel) are kept modulo 2^32: an
 * interval is far shorter than the 71 minutes they take to wrap, and the
 * difference is taken modulo 2^32 too.
 */
struct rates_ent {
	uint64_t cookie;
	uint64_t tx, rx, retrans; /* payload bytes, retransmitted bytes */
	uint32_t busy, rwnd, sndbuf;
	uint32_t segs_out, segs_in;
	uint8_t has; /* SKC_* */
};

void rates_init(struct rates *rt)
{
	memset(rt, 0, sizeof(*rt));
}

void rates_free(struct rates *rt)
{
	free(rt->v);
	free(rt->hash);
	rates_init(rt);
}

size_t rates_mem(const struct rates *rt)
{
	return rt->cap * sizeof(*rt->v) + rt->hcap * sizeof(*rt->hash);
}

void rates_reset(struct rates *rt)
{
	rt->n = 0;
	if (rt->hash)
		memset(rt->hash, 0, rt->hcap * sizeof(*rt->hash));
}

int rates_payload(const struct sk_ctr *c, uint64_t *tx, uint64_t *rx)
{
	uint64_t t, r;

	if (!(c->has & SKC_BYTES))
		return -ENODATA;
	t = c->acked;
	r = c->received;
	/* bytes_acked counts the SYN once the handshake is done */
	if (t)
		t--;
	switch (c->state) {
	case SKS_FIN_WAIT2:
	case SKS_TIME_WAIT:
		/* our FIN is acked */
		if (t)
			t--;
		if (c->state == SKS_TIME_WAIT && r)
			r--;
		break;
	case SKS_CLOSE_WAIT:
	case SKS_LAST_ACK:
	case SKS_CLOSING:
		/* the peer's FIN came in */
		if (r)
			r--;
		break;
	default:
		break;
	}
	*tx = t;
	*rx = r;
	return 0;
}

/* Fibonacci hashing of a cookie into 2^bits slots. */
static size_t slot(uint64_t cookie, size_t hcap)
{
	return (size_t)((cookie * 0x9e3779b97f4a7c15ull) >> 32) & (hcap - 1);
}

static const struct rates_ent *lookup(const struct rates *rt, uint64_t cookie)
{
	size_t i;

	if (!rt->n)
		return NULL;
	for (i = slot(cookie, rt->hcap);; i = (i + 1) & (rt->hcap - 1)) {
		uint32_t v = rt->hash[i];

		if (!v)
			return NULL;
		if (rt->v[v - 1].cookie == cookie)
			return &rt->v[v - 1];
	}
}

/* Inserts entry idx; returns 0, or -EEXIST when its cookie is there. */
static int insert(struct rates *rt, size_t idx)
{
	uint64_t cookie = rt->v[idx].cookie;
	size_t i;

	for (i = slot(cookie, rt->hcap);; i = (i + 1) & (rt->hcap - 1)) {
		uint32_t v = rt->hash[i];

		if (!v) {
			rt->hash[i] = (uint32_t)idx + 1;
			return 0;
		}
		if (rt->v[v - 1].cookie == cookie)
			return -EEXIST;
	}
}

static int counted(const struct snap *s, const struct sk_rec *r)
{
	return r->tc && r->tab == SKT_TCP && (r->has & SKR_HAS_COOKIE) &&
	       r->tc->ctr < s->n_ctr;
}

static void fill(struct rates_ent *e, const struct snap *s,
		 const struct sk_rec *r)
{
	const struct sk_ctr *c = &s->ctr[r->tc->ctr];

	memset(e, 0, sizeof(*e));
	e->cookie = r->cookie;
	e->has = c->has & (uint8_t)~SKC_RATES;
	if (rates_payload(c, &e->tx, &e->rx))
		e->tx = e->rx = 0;
	e->retrans = c->retrans;
	e->busy = (uint32_t)c->busy;
	e->rwnd = (uint32_t)c->rwnd;
	e->sndbuf = (uint32_t)c->sndbuf;
	e->segs_out = c->segs_out;
	e->segs_in = c->segs_in;
}

/* Share of us microseconds in an interval of dt_us, per 10000. */
static uint16_t share(double us, double dt_us)
{
	double v = us / dt_us * 10000.0 + 0.5;

	if (v <= 0)
		return 0;
	return v >= 10000 ? 10000 : (uint16_t)v;
}

/*
 * Sets c's rates from the previous counters o over dt seconds.  Returns 1,
 * or 0 (no rate) when the byte counters are missing on either side or
 * went down: the socket starts over.
 */
static int delta(const struct rates_ent *o, const struct rates_ent *n,
		 struct sk_tcpc *c, double dt)
{
	double dt_us = dt * 1e6;
	uint32_t busy, rwnd, sndbuf;

	if (!(o->has & n->has & SKC_BYTES) || n->tx < o->tx || n->rx < o->rx)
		return 0;
	c->tx = (float)((double)(n->tx - o->tx) / dt);
	c->rx = (float)((double)(n->rx - o->rx) / dt);
	c->has |= SKC_RATE;
	if ((o->has & n->has & SKC_RETRANS) && n->retrans >= o->retrans) {
		c->retx = (float)((double)(n->retrans - o->retrans) / dt);
		c->has |= SKC_RATE_RETX;
	}
	if (o->has & n->has & SKC_SEGS) {
		c->sout =
			(float)((double)(uint32_t)(n->segs_out - o->segs_out) /
				dt);
		c->sin = (float)((double)(uint32_t)(n->segs_in - o->segs_in) /
				 dt);
		c->has |= SKC_RATE_SEGS;
	}
	if (o->has & n->has & SKC_CHRONO) {
		busy = n->busy - o->busy;
		rwnd = n->rwnd - o->rwnd;
		sndbuf = n->sndbuf - o->sndbuf;
		c->lim_rwnd = share(rwnd, dt_us);
		c->lim_sndbuf = share(sndbuf, dt_us);
		/* not busy: nothing to send, the application's doing */
		c->lim_app = share(dt_us - busy, dt_us);
		c->has |= SKC_RATE_LIM;
	}
	return 1;
}

size_t rates_update(struct rates *rt, struct snap *s, double now)
{
	double dt = now - rt->t;
	size_t got = 0, n = 0, need;

	/* no counters dumped (no tcp_info asked): no socket counted, and no
	 * pass over the records to find that out */
	if (!s->n_ctr) {
		if (rt->n)
			rates_reset(rt);
		rt->t = now;
		snap_ctr_release(s);
		return 0;
	}
	/* the rates, from the previous counters */
	for (size_t i = 0; i < s->n; i++) {
		struct sk_rec *r = &s->v[i];
		const struct rates_ent *o;
		struct rates_ent e;

		if (!counted(s, r))
			continue;
		n++;
		r->tc->has &= (uint8_t)~SKC_RATES;
		if (dt <= 0 || !(o = lookup(rt, r->cookie)))
			continue;
		fill(&e, s, r);
		got += (size_t)delta(o, &e, r->tc, dt);
	}
	/* then the fresh counters replace them */
	if (n > rt->cap)
		rt->v = xgrow(rt->v, &rt->cap, n, sizeof(*rt->v));
	for (need = 16; need < 2 * n; need *= 2)
		;
	if (need > rt->hcap) {
		free(rt->hash);
		rt->hash = xcalloc(need, sizeof(*rt->hash));
		rt->hcap = need;
	} else if (rt->hash) {
		memset(rt->hash, 0, rt->hcap * sizeof(*rt->hash));
	}
	rt->n = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct sk_rec *r = &s->v[i];

		if (!counted(s, r))
			continue;
		fill(&rt->v[rt->n], s, r);
		/* a cookie twice in one dump: the first one counts */
		if (!insert(rt, rt->n))
			rt->n++;
	}
	rt->t = now;
	snap_ctr_release(s);
	return got;
}
