/*
 * hist.c: per-socket history for the detail pane's sparklines (hist.h).
 *
 * The entries are few (the rows on screen and the selection), so they sit
 * in a plain array searched linearly; an entry not sampled at the last
 * refresh is dropped by hist_end().
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hist.h"
#include "xalloc.h"

void hist_init(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

void hist_free(struct hist *h)
{
	free(h->v);
	hist_init(h);
}

uint16_t hist_encode(double v)
{
	uint64_t x;
	unsigned e = 0;

	if (isnan(v))
		return HIST_NONE;
	if (v <= 0)
		return 0;
	if (v >= 2047.0 * 1073741824.0) /* 2047 << 30: the largest */
		return (uint16_t)(30u << 11 | 2047u);
	x = (uint64_t)(v + 0.5);
	while ((x >> e) >= 2048)
		e++;
	return (uint16_t)(e << 11 | (unsigned)(x >> e));
}

double hist_decode(uint16_t c)
{
	unsigned e = c >> 11;
	double m = c & 2047u;

	if (c == HIST_NONE)
		return NAN;
	/* the middle of the values that round down to this code */
	return e ? (m + 0.5) * (double)(1ull << e) : m;
}

void hist_begin(struct hist *h)
{
	h->tick++;
}

static struct hist_ent *find(const struct hist *h, uint64_t key)
{
	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].key == key)
			return &h->v[i];
	return NULL;
}

const struct hist_ent *hist_get(const struct hist *h, uint64_t key)
{
	return find(h, key);
}

void hist_add(struct hist *h, uint64_t key, const struct sk_rec *r)
{
	struct hist_ent *e = find(h, key);
	const struct sk_tcpc *c = sk_rates(r);
	const struct tcp_info *t =
		r->x && (r->x->present & SKX_TCPINFO) ? r->x->tcpi : NULL;
	double v[HS_COUNT];

	if (!e) {
		h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof(*h->v));
		e = &h->v[h->n++];
		memset(e, 0, sizeof(*e));
		e->key = key;
	} else if (e->tick == h->tick) {
		return;
	}
	e->tick = h->tick;
	v[HS_TX] = c ? c->tx : NAN;
	v[HS_RX] = c ? c->rx : NAN;
	v[HS_RQ] = r->has & SKR_HAS_QUEUES ? r->rq : NAN;
	v[HS_WQ] = r->has & SKR_HAS_QUEUES ? r->wq : NAN;
	v[HS_RTT] = t ? t->tcpi_rtt : NAN;
	v[HS_CWND] = t ? t->tcpi_snd_cwnd : NAN;
	for (int s = 0; s < HS_COUNT; s++)
		e->v[s][e->head] = hist_encode(v[s]);
	e->head = (uint8_t)((e->head + 1) % HIST_N);
	if (e->n < HIST_N)
		e->n++;
}

void hist_end(struct hist *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->n; i++)
		if (h->v[i].tick == h->tick)
			h->v[k++] = h->v[i];
	h->n = k;
}

size_t hist_values(const struct hist_ent *e, enum hist_series s, double *out,
		   size_t max)
{
	size_t n = e->n < max ? e->n : max;

	/* the newest n, oldest first: they end just before head */
	for (size_t i = 0; i < n; i++) {
		size_t at = (e->head + HIST_N - n + i) % HIST_N;

		out[i] = hist_decode(e->v[s][at]);
	}
	return n;
}

size_t hist_spark(const double *v, size_t n, int utf8, char *buf, size_t len,
		  double *lo, double *hi)
{
	static const char *const blocks[8] = {"\u2581", "\u2582", "\u2583",
					      "\u2584", "\u2585", "\u2586",
					      "\u2587", "\u2588"};
	static const char ascii[] = "_.-:=+*#";
	double mn = NAN, mx = NAN;
	size_t used = 0;

	for (size_t i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (isnan(mn) || v[i] < mn)
			mn = v[i];
		if (isnan(mx) || v[i] > mx)
			mx = v[i];
	}
	*lo = mn;
	*hi = mx;
	for (size_t i = 0; i < n; i++) {
		char one[2] = {0, 0};
		const char *ch = one;
		size_t k;
		int level;

		if (isnan(v[i]))
			level = -1;
		else if (mx > mn)
			level = (int)((v[i] - mn) / (mx - mn) * 7.0 + 0.5);
		else
			level = mx > 0 ? 3
				       : 0; /* flat: halfway, or the floor */
		if (level < 0)
			one[0] = ' ';
		else if (utf8)
			ch = blocks[level];
		else
			one[0] = ascii[level];
		k = strlen(ch);
		if (used + k + 1 > len)
			break;
		memcpy(buf + used, ch, k);
		used += k;
	}
	if (len)
		buf[used] = '\0';
	return used;
}
