/*
 * mcol_rate.c: the throughput columns (tx-rate, rx-rate) of the column
 * table (mcol.c), how a rate is written ("1.9M/s") and a size ("1.5M",
 * mcol_human).  The rates come
 * with the records (sk_rec.tc, set by view/rates.c): a row without one
 * (not TCP, or seen for the first time) shows "-", never a number.
 */
#include "config.h"

#include <stdio.h>

#include "mcol.h"
#include "mcol_int.h"

void mcol_human(uint64_t v, char *buf, size_t n)
{
	static const char units[] = "KMGTPE";
	double d = (double)v;
	int u = -1;

	if (v < 1024) {
		snprintf(buf, n, "%llu", (unsigned long long)v);
		return;
	}
	while (d >= 1024 && u < 5) {
		d /= 1024;
		u++;
	}
	snprintf(buf, n, d < 10 ? "%.1f%c" : "%.0f%c", d, units[u]);
}

void mcol_rate_human(double v, int exact, char *buf, size_t n)
{
	char num[32];

	if (v < 0)
		v = 0;
	if (exact)
		snprintf(num, sizeof(num), "%.0f", v);
	else
		mcol_human((uint64_t)(v + 0.5), num, sizeof(num));
	snprintf(buf, n, "%s/s", num);
}

static void fmt_rate(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n, int rx)
{
	const struct sk_tcpc *c = sk_rates(r);

	if (!c)
		snprintf(buf, n, "-");
	else
		mcol_rate_human(rx ? c->rx : c->tx, f && f->exact, buf, n);
}

void mcol_fmt_txrate(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n)
{
	fmt_rate(r, f, buf, n, 0);
}

void mcol_fmt_rxrate(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n)
{
	fmt_rate(r, f, buf, n, 1);
}

/* Whole bytes per second; a row without a rate sorts after the others. */
static void key_rate(const struct sk_rec *r, struct mkey *k, int rx)
{
	const struct sk_tcpc *c = sk_rates(r);

	if (!c)
		k->last = 1;
	else
		k->a = (uint64_t)((rx ? c->rx : c->tx) + 0.5f);
}

void mcol_key_txrate(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k)
{
	(void)f;
	key_rate(r, k, 0);
}

void mcol_key_rxrate(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k)
{
	(void)f;
	key_rate(r, k, 1);
}
