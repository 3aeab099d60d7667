/*
 * clog_test.c: the closed-connection log without a kernel.  Events are
 * matched by cookie against the model's rows, live and tombstone (seen:
 * lifetime from the first sighting, inode and uid kept); an unseen socket
 * gets its lifetime from tcp_info's last-activity times when they fit
 * under the time since the last dump, and none when they do not; the ring
 * keeps the newest entries at its size; the filter callback drops events;
 * the lifetime's text; one JSON line per entry, control characters
 * escaped; a stream's take larger than the log emitted whole, each entry
 * once.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "clog.h"
#include "evl.h"
#include "model.h"
#include "names.h"
#include "xalloc.h"
#include "check.h"

static struct sk_rec *add_tcp(struct snap *s, uint64_t cookie, uint16_t sport,
			      uint16_t dport, int state)
{
	struct sk_rec *r = snap_push(s);

	r->tab = SKT_TCP;
	r->family = AF_INET;
	r->state = (uint8_t)state;
	r->has = SKR_HAS_COOKIE;
	r->cookie = cookie;
	r->sport = sport;
	r->dport = dport;
	inet_pton(AF_INET, "127.0.0.1", r->a.in.src);
	inet_pton(AF_INET, "127.0.0.1", r->a.in.dst);
	return r;
}

/* An event (destroyed socket) at time t, with a tcp_info. */
static struct sk_rec *add_event(struct evl_batch *b, uint64_t cookie,
				uint16_t sport, uint16_t dport, double t,
				uint32_t last_sent)
{
	struct sk_rec *r = add_tcp(&b->s, cookie, sport, dport, SKS_CLOSE);
	struct sk_ext *x = snap_ext(&b->s, r);

	x->present |= SKX_TCPINFO;
	x->tcpi = arena_alloc(&b->s.arena, sizeof(*x->tcpi));
	x->tcpi_len = sizeof(*x->tcpi);
	x->tcpi->tcpi_bytes_received = 20001;
	x->tcpi->tcpi_last_data_sent = last_sent;
	x->tcpi->tcpi_last_data_recv = 2;
	x->tcpi->tcpi_last_ack_recv = 1;
	b->t = xgrow(b->t, &b->cap_t, b->s.n, sizeof(*b->t));
	b->t[b->s.n - 1] = t;
	return r;
}

static int not_port_9(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->sport != 9;
}

static void test_match(void)
{
	struct model m;
	struct snap *s = xmalloc(sizeof(*s));
	struct evl_batch b;
	struct clog c;
	struct clog_known k = {.m = &m, .t_dump = 99.0};
	const struct clog_ent *e;
	struct sk_rec *r;
	char buf[64];

	model_init(&m);
	snap_init(s);
	r = add_tcp(s, 42, 5000, 80, SKS_ESTABLISHED);
	r->ino = 777;
	r->uid = 1000;
	r->has |= SKR_HAS_INO | SKR_HAS_UID;
	r = add_tcp(s, 1, 7301, 0, SKS_LISTEN);
	r->ino = 555;
	inet_pton(AF_INET, "0.0.0.0", r->a.in.src);
	CHECK(model_update(&m, s, 90.0) == NULL);

	evl_batch_init(&b);
	clog_init(&c, 3);
	/* seen: cookie 42 */
	add_event(&b, 42, 5000, 80, 100.0, 5);
	/* unseen, server end of the listener: age from last_data_sent */
	add_event(&b, 43, 7301, 40000, 100.0, 40);
	/* unseen, times past the bound (uninitialized): no lifetime */
	r = add_event(&b, 44, 40001, 7301, 100.0, 90000);
	r->x->tcpi->tcpi_last_data_recv = 80000;
	r->x->tcpi->tcpi_last_ack_recv = 70000;
	/* filtered out */
	add_event(&b, 45, 9, 7301, 100.0, 1);
	CHECK(clog_add_events(&c, &b, &k, not_port_9, NULL) == 3);
	CHECK(c.n == 3 && c.total == 3);

	e = clog_get(&c, 2); /* the oldest: cookie 42 */
	CHECK(e->r.cookie == 42 && e->seen && e->seq == 1);
	CHECK(e->lifetime > 9.99 && e->lifetime < 10.01);
	CHECK(e->r.ino == 777 && e->r.uid == 1000);
	CHECK(e->last_state == SKS_ESTABLISHED);
	CHECK(e->ti_len && e->ti.tcpi_bytes_received == 20001);
	CHECK(!strcmp(clog_lifetime(e, buf, sizeof(buf)), "10.0s"));

	e = clog_get(&c, 1);
	CHECK(e->r.cookie == 43 && !e->seen && e->life_est);
	CHECK(e->lifetime > 0.039 && e->lifetime < 0.041);
	CHECK(e->life_max > 0.99 && e->life_max < 1.01);
	/* no owners map: the listener is found, its owners unknown yet */
	CHECK(e->via == CLOG_VIA_LISTENER && e->own_ino == 555 && !e->n_own);
	CHECK(clog_owners_late(&c, 1, NULL) == 0);
	CHECK(!strcmp(clog_lifetime(e, buf, sizeof(buf)), "~40ms"));

	e = clog_get(&c, 0);
	CHECK(e->r.cookie == 44 && !e->seen && !e->life_est);
	CHECK(e->lifetime < 0);
	CHECK(!strcmp(clog_lifetime(e, buf, sizeof(buf)), "<1.0s"));

	/* the ring keeps the newest three */
	snap_clear(&b.s);
	add_event(&b, 46, 6000, 80, 101.0, 1);
	CHECK(clog_add_events(&c, &b, &k, NULL, NULL) == 1);
	CHECK(c.n == 3 && c.total == 4);
	CHECK(clog_get(&c, 0)->r.cookie == 46);
	CHECK(clog_get(&c, 2)->r.cookie == 43);
	CHECK(clog_get(&c, 0)->seq == 4);

	/* tombstones still count as seen */
	s = xmalloc(sizeof(*s));
	snap_init(s);
	add_tcp(s, 47, 6001, 80, SKS_ESTABLISHED);
	s = model_update(&m, s, 95.0);
	CHECK(s == NULL);
	snap_clear(&b.s);
	add_event(&b, 42, 5000, 80, 102.0, 1);
	clog_add_events(&c, &b, &k, NULL, NULL);
	e = clog_get(&c, 0);
	CHECK(e->seen && e->lifetime > 11.9 && e->lifetime < 12.1);

	clog_free(&c);
	evl_batch_free(&b);
	model_free(&m);
}

static void test_json(void)
{
	struct evl_batch b;
	struct clog c;
	struct clog_known k = {.t_dump = 0};
	struct clog_ent *e;
	struct names n;
	char out[8192];
	FILE *f = tmpfile();
	size_t len;

	evl_batch_init(&b);
	clog_init(&c, 0);
	CHECK(c.cap == CLOG_DEFAULT);
	names_init(&n);
	add_event(&b, 9, 1234, 80, 100.0, 3);
	clog_add_events(&c, &b, &k, NULL, NULL);
	/* an owner whose name holds control characters */
	e = (struct clog_ent *)clog_get(&c, 0);
	e->via = CLOG_VIA_LISTENER;
	e->n_own = 1;
	e->n_own_all = 1;
	e->own[0].pid = 12;
	e->own[0].fd = 3;
	snprintf(e->own[0].name, sizeof(e->own[0].name), "a\033b\"c");
	clog_json(f, e, &n);
	rewind(f);
	len = fread(out, 1, sizeof(out) - 1, f);
	out[len] = '\0';
	fclose(f);
	CHECK(len > 0 && out[len - 1] == '\n' && !strchr(out, '\033'));
	CHECK(strchr(out, '\n') == out + len - 1);
	CHECK(strstr(out, "\"event\":\"destroy\"") != NULL);
	CHECK(strstr(out, "\"bytes_received\":20001") != NULL);
	CHECK(strstr(out, "\"seen\":false") != NULL);
	CHECK(strstr(out, "\"lifetime\"") == NULL); /* no dump: no bound */
	CHECK(strstr(out, "\"owners_via\":\"listener\"") != NULL);
	CHECK(strstr(out, "\"name\":\"a\\u001bb\\\"c\"") != NULL);
	names_free(&n);
	clog_free(&c);
	evl_batch_free(&b);
}

/* What clog_add_stream emitted: each entry's cookie and seq, in order. */
struct emitted {
	struct {
		uint64_t cookie, seq;
	} * v;
	size_t n, cap;
};

static void collect(const struct clog_ent *e, void *arg)
{
	struct emitted *o = arg;

	o->v = xgrow(o->v, &o->cap, o->n + 1, sizeof(*o->v));
	o->v[o->n].cookie = e->r.cookie;
	o->v[o->n++].seq = e->seq;
}

static int not_seventh(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->cookie % 7 != 0;
}

/*
 * --json -E's stream: one take of 10 000 events into a log of 4 096
 * slots (as a take after a long dump under load), a seventh of them
 * filtered out.  Every kept event is emitted exactly once, in the order
 * the kernel sent them, with consecutive seq numbers, and the count is
 * right; the next take goes on from there.  Logged whole and printed
 * after, the oldest 4 476 were overwritten before they were printed.
 */
static void test_stream(void)
{
	struct evl_batch b;
	struct clog c;
	struct clog_known k = {.t_dump = 0};
	struct emitted o = {0};
	size_t kept = 0, n, bad = 0;
	uint64_t want = 0;

	evl_batch_init(&b);
	clog_init(&c, 4096);
	for (uint64_t i = 1; i <= 10000; i++) {
		add_event(&b, i, (uint16_t)(1000 + i % 5000), 80, 100.0, 3);
		kept += i % 7 != 0;
	}
	n = clog_add_stream(&c, &b, &k, not_seventh, NULL, collect, &o);
	CHECK_INT(n, kept);
	CHECK_INT(o.n, kept);
	CHECK_INT(c.total, kept);
	for (size_t i = 0; i < o.n; i++) {
		do
			want++;
		while (want % 7 == 0);
		bad += o.v[i].cookie != want || o.v[i].seq != i + 1;
	}
	CHECK_INT(bad, 0);

	/* the next take: three more, after the others */
	snap_clear(&b.s);
	for (uint64_t i = 10001; i <= 10003; i++)
		add_event(&b, i, 4000, 80, 101.0, 3);
	o.n = 0;
	CHECK_INT(clog_add_stream(&c, &b, &k, NULL, NULL, collect, &o), 3);
	CHECK_INT(o.n, 3);
	CHECK(o.n == 3 && o.v[0].cookie == 10001 && o.v[2].cookie == 10003);
	CHECK(o.n == 3 && o.v[0].seq == kept + 1 && o.v[2].seq == kept + 3);
	free(o.v);
	clog_free(&c);
	evl_batch_free(&b);
}

int main(void)
{
	test_match();
	test_json();
	test_stream();
	printf("sizeof(struct clog_ent) = %zu bytes\n",
	       sizeof(struct clog_ent));
	return failures ? 1 : 0;
}
