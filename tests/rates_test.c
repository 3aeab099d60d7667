/*
 * rates_test.c: the delta logic of view/rates.c on recorded dumps (netlink
 * messages as --record writes them, parsed by diag_replay): a socket seen
 * once has no rate, then the payload rates over the interval; counters
 * that go down (a reused cookie) start over; a shorter tcp_info (older
 * kernels) gives only the rates its fields allow; the SYN and FIN are not
 * payload; counters-only parsing keeps no tcp_info; a cookie twice in one
 * dump; the limited shares.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <libmnl/libmnl.h>

#include "diag.h"
#include "rates.h"
#include "snap.h"
#include "check.h"

/* A recorded dump being written: netlink messages back to back. */
struct dump {
	uint32_t words[1 << 18]; /* 1 MB */
	size_t len;
};

/* One TCP socket of a dump: its cookie and tcp_info's counters. */
struct tsock {
	uint64_t cookie;
	uint8_t state;
	uint64_t acked, received, retrans, busy, rwnd, sndbuf;
	uint32_t segs_out, segs_in;
	uint32_t info_len; /* bytes of tcp_info sent; 0: all */
};

static void put_sock(struct dump *d, const struct tsock *t)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)d->words + d->len);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
	struct tcp_info ti;

	nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh->nlmsg_flags = NLM_F_MULTI;
	m->idiag_family = AF_INET;
	m->idiag_state = SKS_ESTABLISHED;
	m->id.idiag_sport = htons(40000);
	m->id.idiag_dport = htons(80);
	m->id.idiag_cookie[0] = (uint32_t)t->cookie;
	m->id.idiag_cookie[1] = (uint32_t)(t->cookie >> 32);
	m->idiag_inode = (uint32_t)t->cookie;
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_state = t->state ? t->state : SKS_ESTABLISHED;
	ti.tcpi_bytes_acked = t->acked;
	ti.tcpi_bytes_received = t->received;
	ti.tcpi_bytes_retrans = t->retrans;
	ti.tcpi_busy_time = t->busy;
	ti.tcpi_rwnd_limited = t->rwnd;
	ti.tcpi_sndbuf_limited = t->sndbuf;
	ti.tcpi_segs_out = t->segs_out;
	ti.tcpi_segs_in = t->segs_in;
	mnl_attr_put(nlh, INET_DIAG_INFO,
		     t->info_len ? t->info_len : sizeof(ti), &ti);
	d->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void put_done(struct dump *d)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header((char *)d->words + d->len);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(int));

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	*e = 0;
	d->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static const struct diag_req req_rate = {
	.tabs = 1u << SKT_TCP,
	.states = SKS_ALL,
	.ext = DIAG_X_RATE,
};

/* Parses socks[0..n) as one dump into s (cleared first). */
static void load(struct snap *s, const struct tsock *socks, size_t n,
		 const struct diag_req *req)
{
	static struct dump d;

	d.len = 0;
	for (size_t i = 0; i < n; i++)
		put_sock(&d, &socks[i]);
	put_done(&d);
	snap_clear(s);
	CHECK(diag_replay(d.words, d.len, req, s) == 0);
	CHECK(s->n == n);
}

static const struct sk_rec *by_cookie(const struct snap *s, uint64_t cookie)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].cookie == cookie)
			return &s->v[i];
	return NULL;
}

static int near(double a, double b)
{
	return fabs(a - b) <= 1e-3 * (fabs(b) + 1);
}

static void test_first_then_rate(void)
{
	struct rates rt;
	struct snap s;
	struct tsock a = {.cookie = 7, .acked = 1, .received = 0};
	struct tsock b = {.cookie = 8, .acked = 1001, .received = 501};
	const struct sk_rec *r;

	rates_init(&rt);
	snap_init(&s);
	load(&s, &a, 1, &req_rate);
	/* counters only: no tcp_info block kept, counters there */
	r = by_cookie(&s, 7);
	CHECK(r && r->tc && (r->tc->has & SKC_BYTES));
	CHECK(r && (!r->x || !r->x->tcpi));
	CHECK(s.n_ctr == 1 && s.ctr[0].acked == 1);
	CHECK(rates_update(&rt, &s, 10.0) == 0);
	CHECK(r && !sk_rates(r));
	/* the counters are given back once the rates are known */
	CHECK(s.ctr == NULL && s.n_ctr == 0);

	/* 2 s later: 1 MB sent, 0.5 MB received; a new socket 8 */
	a.acked = 1 + 1000000;
	a.received = 500000;
	a.segs_out = 700;
	a.segs_in = 350;
	{
		struct tsock two[2] = {a, b};

		load(&s, two, 2, &req_rate);
	}
	CHECK(rates_update(&rt, &s, 12.0) == 1);
	r = by_cookie(&s, 7);
	CHECK(r && sk_rates(r));
	CHECK(r && near(r->tc->tx, 500000));
	CHECK(r && near(r->tc->rx, 250000));
	CHECK(r && (r->tc->has & SKC_RATE_SEGS) && near(r->tc->sout, 350) &&
	      near(r->tc->sin, 175));
	/* the new socket has no rate on its first refresh */
	r = by_cookie(&s, 8);
	CHECK(r && !sk_rates(r));

	/* nothing moved: rates drop to 0, not to "none" */
	{
		struct tsock two[2] = {a, b};

		load(&s, two, 2, &req_rate);
	}
	CHECK(rates_update(&rt, &s, 13.0) == 2);
	r = by_cookie(&s, 7);
	CHECK(r && sk_rates(r) && r->tc->tx == 0 && r->tc->rx == 0);

	/* the same time again (dt 0): no rate rather than a division by 0 */
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 13.0) == 0);
	snap_free(&s);
	rates_free(&rt);
}

static void test_reset_and_reuse(void)
{
	struct rates rt;
	struct snap s;
	struct tsock a = {.cookie = 9, .acked = 5000001, .received = 4000};
	const struct sk_rec *r;

	rates_init(&rt);
	snap_init(&s);
	load(&s, &a, 1, &req_rate);
	rates_update(&rt, &s, 1.0);
	/* the cookie comes back with smaller counters: another connection */
	a.acked = 101;
	a.received = 50;
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 2.0) == 0);
	r = by_cookie(&s, 9);
	CHECK(r && !sk_rates(r));
	/* and from there it counts again */
	a.acked = 201;
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 3.0) == 1);
	r = by_cookie(&s, 9);
	CHECK(r && sk_rates(r) && near(r->tc->tx, 100) && near(r->tc->rx, 0));
	/* a received counter going down alone restarts too */
	a.received = 10;
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 4.0) == 0);
	/* rates_reset forgets everything */
	rates_reset(&rt);
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 5.0) == 0);
	/* so does a dump without tcp_info (no counters: the record alone) */
	snap_clear(&s);
	{
		struct sk_rec *b = snap_push(&s);

		b->tab = SKT_TCP;
		b->has = SKR_HAS_COOKIE;
		b->cookie = 9;
	}
	CHECK(rates_update(&rt, &s, 6.0) == 0 && rt.n == 0);
	a.acked = 301;
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 7.0) == 0);
	r = by_cookie(&s, 9);
	CHECK(r && !sk_rates(r));
	snap_free(&s);
	rates_free(&rt);
}

static void test_short_info(void)
{
	struct rates rt;
	struct snap s;
	/* a 4.1-4.9 tcp_info: bytes, no segs (4.2 has them: cut before) */
	struct tsock a = {.cookie = 11,
			  .acked = 1,
			  .retrans = 5,
			  .info_len = offsetof(struct tcp_info, tcpi_segs_out)};
	/* 3.x: no byte counters at all */
	struct tsock b = {.cookie = 12,
			  .acked = 1,
			  .info_len =
				  offsetof(struct tcp_info, tcpi_bytes_acked)};
	const struct sk_rec *r;

	rates_init(&rt);
	snap_init(&s);
	{
		struct tsock two[2] = {a, b};

		load(&s, two, 2, &req_rate);
	}
	r = by_cookie(&s, 11);
	CHECK(r && r->tc && r->tc->has == SKC_BYTES &&
	      s.ctr[r->tc->ctr].has == SKC_BYTES);
	r = by_cookie(&s, 12);
	CHECK(r && r->tc && r->tc->has == 0 && s.ctr[r->tc->ctr].has == 0);
	rates_update(&rt, &s, 1.0);
	a.acked = 1001;
	a.retrans = 900;
	b.acked = 1001;
	{
		struct tsock two[2] = {a, b};

		load(&s, two, 2, &req_rate);
	}
	CHECK(rates_update(&rt, &s, 2.0) == 1);
	r = by_cookie(&s, 11);
	/* tx, rx only: retrans, segments and shares were not sent */
	CHECK(r && sk_rates(r) && near(r->tc->tx, 1000));
	CHECK(r &&
	      !(r->tc->has & (SKC_RATE_RETX | SKC_RATE_SEGS | SKC_RATE_LIM)));
	/* never invented */
	r = by_cookie(&s, 12);
	CHECK(r && !sk_rates(r));
	snap_free(&s);
	rates_free(&rt);
}

static void test_shares_and_retrans(void)
{
	struct rates rt;
	struct snap s;
	struct tsock a = {.cookie = 13, .acked = 1, .busy = 1000};
	const struct sk_rec *r;

	rates_init(&rt);
	snap_init(&s);
	load(&s, &a, 1, &req_rate);
	rates_update(&rt, &s, 1.0);
	/* over 2 s: busy 1.5 s, of which rwnd 0.5 s and sndbuf 0.2 s */
	a.busy += 1500000;
	a.rwnd += 500000;
	a.sndbuf += 200000;
	a.retrans += 4000;
	a.acked += 8000;
	load(&s, &a, 1, &req_rate);
	CHECK(rates_update(&rt, &s, 3.0) == 1);
	r = by_cookie(&s, 13);
	CHECK(r && (r->tc->has & SKC_RATE_LIM));
	CHECK(r && r->tc->lim_rwnd == 2500 && r->tc->lim_sndbuf == 1000 &&
	      r->tc->lim_app == 2500);
	CHECK(r && (r->tc->has & SKC_RATE_RETX) && near(r->tc->retx, 2000));
	CHECK(r && near(r->tc->tx, 4000));
	snap_free(&s);
	rates_free(&rt);
}

static void test_payload(void)
{
	struct sk_ctr c;
	uint64_t tx, rx;

	memset(&c, 0, sizeof(c));
	CHECK(rates_payload(&c, &tx, &rx) == -ENODATA);
	c.has = SKC_BYTES;
	c.state = SKS_ESTABLISHED;
	c.acked = 1;
	CHECK(rates_payload(&c, &tx, &rx) == 0 && tx == 0 && rx == 0);
	c.acked = 101;
	c.received = 50;
	CHECK(rates_payload(&c, &tx, &rx) == 0 && tx == 100 && rx == 50);
	/* our FIN acked, then the peer's in: both out of the payload */
	c.state = SKS_FIN_WAIT2;
	c.acked = 102;
	CHECK(rates_payload(&c, &tx, &rx) == 0 && tx == 100 && rx == 50);
	c.state = SKS_CLOSE_WAIT;
	c.acked = 101;
	c.received = 51;
	CHECK(rates_payload(&c, &tx, &rx) == 0 && tx == 100 && rx == 50);
	/* a FIN arriving between two refreshes is no payload */
	{
		struct rates rt;
		struct snap s;
		struct tsock a = {.cookie = 14, .acked = 101, .received = 50};
		const struct sk_rec *r;

		rates_init(&rt);
		snap_init(&s);
		load(&s, &a, 1, &req_rate);
		rates_update(&rt, &s, 1.0);
		a.state = SKS_CLOSE_WAIT;
		a.received = 51;
		load(&s, &a, 1, &req_rate);
		CHECK(rates_update(&rt, &s, 2.0) == 1);
		r = by_cookie(&s, 14);
		CHECK(r && sk_rates(r) && r->tc->rx == 0);
		snap_free(&s);
		rates_free(&rt);
	}
}

static void test_full_info_and_dups(void)
{
	struct diag_req full = req_rate;
	struct rates rt;
	struct snap s;
	struct tsock a = {.cookie = 15, .acked = 1};
	const struct sk_rec *r;

	/* -i as well: the whole tcp_info is kept, and the counters */
	full.ext |= DIAG_X_INFO;
	rates_init(&rt);
	snap_init(&s);
	load(&s, &a, 1, &full);
	r = by_cookie(&s, 15);
	CHECK(r && r->x && r->x->tcpi && r->tc);
	rates_update(&rt, &s, 1.0);
	/* the same cookie twice in a dump (a retried dump): the first one */
	a.acked = 2001;
	{
		struct tsock two[2] = {a, a};

		two[1].acked = 9001;
		load(&s, two, 2, &full);
	}
	CHECK(rates_update(&rt, &s, 2.0) == 2);
	CHECK(near(s.v[0].tc->tx, 2000) && near(s.v[1].tc->tx, 9000));
	load(&s, &a, 1, &full);
	CHECK(rates_update(&rt, &s, 3.0) == 1);
	CHECK(s.v[0].tc->tx == 0);
	snap_free(&s);
	rates_free(&rt);
}

/* Many sockets: every one found again (the hash grows and is reused). */
static void test_many(void)
{
	enum { N = 2000 };
	static struct tsock t[N];
	struct rates rt;
	struct snap s;
	size_t ok = 0;

	rates_init(&rt);
	snap_init(&s);
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < N; i++) {
			t[i].cookie = 1000 + i * 4096;
			t[i].acked = 1 + (uint64_t)round * i;
		}
		load(&s, t, round ? N : N / 2, &req_rate);
		ok = rates_update(&rt, &s, round);
	}
	CHECK(ok == N);
	for (size_t i = 0; i < N; i++)
		CHECK(near(s.v[i].tc->tx, (double)i));
	snap_free(&s);
	rates_free(&rt);
}

int main(void)
{
	test_first_then_rate();
	test_reset_and_reuse();
	test_short_info();
	test_shares_and_retrans();
	test_payload();
	test_full_info_and_dups();
	test_many();
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
