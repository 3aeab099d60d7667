/*
 * hist_test.c: the detail pane's history (view/hist.c).  The 16-bit
 * samples (exact below 2048, within 0.1% up to 2^41, none kept apart),
 * the ring of HIST_N samples per socket (oldest first, the newest kept),
 * a socket not sampled at a refresh dropped, one sample per refresh, the
 * size of an entry (<= 1 KB), and sparklines in block characters and in
 * ASCII with their lowest and highest values.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hist.h"
#include "check.h"

static void test_encode(void)
{
	for (double v = 0; v < 2048; v++)
		CHECK(hist_decode(hist_encode(v)) == v);
	for (double v = 2048; v < 1e12; v *= 1.37) {
		double d = hist_decode(hist_encode(v));

		CHECK(fabs(d - v) <= v / 1000);
	}
	CHECK(isnan(hist_decode(hist_encode(NAN))));
	CHECK(hist_encode(NAN) == HIST_NONE);
	CHECK(hist_encode(1e30) != HIST_NONE);
	CHECK(hist_encode(-5) == 0);
}

static void test_ring(void)
{
	struct hist h;
	struct sk_rec r;
	double v[HIST_N];
	const struct hist_ent *e;

	CHECK(sizeof(struct hist_ent) <= 1024);
	hist_init(&h);
	memset(&r, 0, sizeof(r));
	r.has = SKR_HAS_QUEUES;
	for (int i = 0; i < 100; i++) {
		hist_begin(&h);
		r.rq = (uint32_t)i;
		hist_add(&h, 1, &r);
		hist_add(&h, 1, &r); /* twice: one sample */
		if (i < 3)
			hist_add(&h, 2, &r);
		hist_end(&h);
	}
	/* socket 2 was not sampled after the third refresh: gone */
	CHECK(hist_get(&h, 2) == NULL);
	e = hist_get(&h, 1);
	CHECK(e && e->n == HIST_N);
	CHECK(e && hist_values(e, HS_RQ, v, HIST_N) == HIST_N);
	/* oldest first: 40..99 */
	CHECK(v[0] == 40 && v[HIST_N - 1] == 99);
	CHECK(e && hist_values(e, HS_RQ, v, 5) == 5 && v[0] == 95 &&
	      v[4] == 99);
	/* no rates, no tcp_info: those series have no value */
	CHECK(e && hist_values(e, HS_TX, v, 3) == 3 && isnan(v[2]));
	CHECK(e && hist_values(e, HS_RTT, v, 3) == 3 && isnan(v[0]));
	hist_free(&h);
}

static void test_rates_sampled(void)
{
	struct hist h;
	struct sk_rec r;
	struct sk_tcpc c;
	double v[2];

	hist_init(&h);
	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	r.tc = &c;
	c.has = SKC_BYTES;
	hist_begin(&h);
	hist_add(&h, 7, &r);
	hist_end(&h);
	c.has |= SKC_RATE;
	c.tx = 4000000;
	c.rx = 12;
	hist_begin(&h);
	hist_add(&h, 7, &r);
	hist_end(&h);
	CHECK(hist_values(hist_get(&h, 7), HS_TX, v, 2) == 2);
	CHECK(isnan(v[0]) && fabs(v[1] - 4e6) <= 4e3);
	CHECK(hist_values(hist_get(&h, 7), HS_RX, v, 2) == 2 && v[1] == 12);
	hist_free(&h);
}

static void test_spark(void)
{
	double v[] = {0, 1, 2, 3, 4, 5, 6, 7, NAN, 7};
	double flat[] = {5, 5, 5}, zero[] = {0, 0};
	double none[] = {NAN, NAN};
	char buf[128];
	double lo, hi;

	CHECK(hist_spark(v, 10, 0, buf, sizeof(buf), &lo, &hi) == 10);
	CHECK(!strcmp(buf, "_.-:=+*# #"));
	CHECK(lo == 0 && hi == 7);
	hist_spark(v, 10, 1, buf, sizeof(buf), &lo, &hi);
	CHECK(!strcmp(buf, "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588 "
			   "\u2588"));
	hist_spark(flat, 3, 0, buf, sizeof(buf), &lo, &hi);
	CHECK(!strcmp(buf, ":::") && lo == 5 && hi == 5);
	hist_spark(zero, 2, 0, buf, sizeof(buf), &lo, &hi);
	CHECK(!strcmp(buf, "__"));
	hist_spark(none, 2, 0, buf, sizeof(buf), &lo, &hi);
	CHECK(!strcmp(buf, "  ") && isnan(lo) && isnan(hi));
	/* a short buffer: whole characters only */
	hist_spark(v, 10, 1, buf, 8, &lo, &hi);
	CHECK(strlen(buf) == 6);
}

int main(void)
{
	test_encode();
	test_ring();
	test_rates_sampled();
	test_spark();
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
