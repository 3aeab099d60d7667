/*
 * group_test.c: the grouping views on a synthetic model (no kernel, no
 * owners).  By remote host, by local listening port (a listener's accept
 * queue and backlog kept apart from the byte sums, a filter hiding the
 * listener keeps its port's group, the same port in two namespaces is two
 * groups), by namespace; collapsing a group leaves its rows out of the
 * order and the line numbering skips them, `all` and its exceptions; the
 * selection on a header follows its group across passes.  100k rows over
 * 1000 hosts: one pass, its groups' sums (the time printed, not asserted).
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "group.h"
#include "model.h"
#include "xalloc.h"
#include "check.h"

static uint64_t next_cookie = 1;

/* A TCP socket src:sport -> dst:dport in state st with queues rq, wq. */
static struct sk_rec *add(struct snap *s, int st, const char *src,
			  uint16_t sport, const char *dst, uint16_t dport,
			  uint32_t rq, uint32_t wq)
{
	struct sk_rec *r = snap_push(s);

	r->tab = SKT_TCP;
	r->family = AF_INET;
	r->state = (uint8_t)st;
	r->has = SKR_HAS_COOKIE | SKR_HAS_INO | SKR_HAS_QUEUES;
	r->cookie = next_cookie++;
	r->ino = (uint32_t)r->cookie;
	r->sport = sport;
	r->dport = dport;
	r->rq = rq;
	r->wq = wq;
	inet_pton(AF_INET, src, r->a.in.src);
	inet_pton(AF_INET, dst, r->a.in.dst);
	return r;
}

static struct snap *new_snap(void)
{
	struct snap *s = xmalloc(sizeof(*s));

	snap_init(s);
	return s;
}

static void drop(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

/* The scene: a listener on :80 (accept queue 3 of 128), four connections
 * to it from two hosts, a client of another host's :80, a UDP socket. */
static struct snap *scene(void)
{
	struct snap *s = new_snap();
	struct sk_rec *u;

	add(s, SKS_LISTEN, "0.0.0.0", 80, "0.0.0.0", 0, 3, 128);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 80, "10.0.0.2", 4001, 10, 1);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 80, "10.0.0.2", 4002, 20, 2);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 80, "10.0.0.3", 4003, 30, 0);
	add(s, SKS_CLOSE_WAIT, "10.0.0.1", 80, "10.0.0.3", 4004, 1, 0);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 5000, "10.0.0.9", 80, 0, 500);
	u = add(s, SKS_CLOSE, "0.0.0.0", 53, "0.0.0.0", 0, 7, 0);
	u->tab = SKT_UDP;
	return s;
}

static const struct group_head *find(const struct group *g,
				     enum group_kind kind, const char *addr,
				     uint16_t port)
{
	uint8_t a[16] = {0};

	if (addr)
		inet_pton(AF_INET, addr, a);
	for (size_t k = 0; k < g->n; k++) {
		const struct group_head *h = &g->v[k];

		if (h->kind != kind)
			continue;
		if (kind != GROUP_KEYED)
			return h;
		if (addr && !memcmp(h->addr, a, 4))
			return h;
		if (!addr && h->port == port)
			return h;
	}
	return NULL;
}

static void setup(struct model *m, struct group *g, enum group_view v,
		  struct snap *s)
{
	model_init(m);
	group_init(g, NULL, 0);
	group_set_view(g, v);
	m->reorder = group_apply;
	m->reorder_arg = g;
	drop(model_update(m, s, 1.0));
	model_sort(m, MC_RECVQ, 1);
}

static void test_host(void)
{
	struct model m;
	struct group g;
	const struct group_head *h;

	setup(&m, &g, GV_RHOST, scene());
	CHECK_INT(g.n, 4);
	h = find(&g, GROUP_KEYED, "10.0.0.2", 0);
	CHECK(h && h->n == 2 && h->rq == 30 && h->wq == 3);
	h = find(&g, GROUP_KEYED, "10.0.0.3", 0);
	CHECK(h && h->n == 2 && h->rq == 31 && h->state[SKS_CLOSE_WAIT] == 1);
	/* the biggest Recv-Q first, the catch-all last */
	CHECK(g.v[0].kind == GROUP_KEYED && g.v[0].rq == 31);
	CHECK(g.v[3].kind == GROUP_OTHER);
	/* the listener and the UDP socket have no peer; the listener's
	 * queues are its accept queue and backlog, not bytes */
	h = &g.v[3];
	CHECK(h->n == 2 && h->n_listen == 1 && h->acc == 3 &&
	      h->acc_max == 128 && h->rq == 7 && h->wq == 0);
	model_free(&m);
	group_free(&g);
}

static int no_listen(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->state != SKS_LISTEN;
}

static void test_port(void)
{
	struct model m;
	struct group g;
	const struct group_head *h;

	setup(&m, &g, GV_LPORT, scene());
	CHECK_INT(g.n, 2);
	h = find(&g, GROUP_KEYED, NULL, 80);
	CHECK(h && h->n == 5 && h->n_listen == 1 && h->acc == 3 &&
	      h->acc_max == 128);
	CHECK(h && h->rq == 61 && h->wq == 3 &&
	      h->state[SKS_ESTABLISHED] == 3 && h->state[SKS_LISTEN] == 1);
	/* the client of 10.0.0.9:80 and the UDP socket on 53: no listener */
	h = find(&g, GROUP_OTHER, NULL, 0);
	CHECK(h && h->n == 2 && h->wq == 500);
	/* a filter hiding the listener keeps its port's group */
	model_set_match(&m, no_listen, NULL);
	h = find(&g, GROUP_KEYED, NULL, 80);
	CHECK(h && h->n == 4 && h->n_listen == 0);
	model_free(&m);
	group_free(&g);
}

/* The same listening port in two namespaces, labelled. */
static void test_netns(void)
{
	struct snap *s = new_snap();
	struct snap_ns *ns;
	struct model m;
	struct group g;

	ns = snap_ns_begin(s, 1001);
	ns->label = "red";
	add(s, SKS_LISTEN, "0.0.0.0", 80, "0.0.0.0", 0, 0, 16);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 80, "10.0.0.2", 4001, 5, 0);
	ns = snap_ns_begin(s, 1002);
	ns->label = "blue";
	add(s, SKS_LISTEN, "0.0.0.0", 80, "0.0.0.0", 0, 0, 32);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 80, "10.0.0.2", 4001, 9, 0);
	add(s, SKS_ESTABLISHED, "10.0.0.1", 6000, "10.0.0.2", 80, 1, 0);
	setup(&m, &g, GV_LPORT, s);
	CHECK_INT(g.n, 3);
	CHECK(g.v[0].kind == GROUP_KEYED && !strcmp(g.v[0].name, "blue") &&
	      g.v[0].rq == 9 && g.v[0].acc_max == 32 && g.v[0].ino == 1002);
	CHECK(g.v[1].kind == GROUP_KEYED && !strcmp(g.v[1].name, "red") &&
	      g.v[1].rq == 5 && g.v[1].acc_max == 16);
	CHECK(g.v[2].kind == GROUP_OTHER && g.v[2].n == 1);
	CHECK_INT(g.n_ns, 2);
	/* by namespace */
	group_set_view(&g, GV_NETNS);
	model_refilter(&m);
	CHECK_INT(g.n, 2);
	CHECK(!strcmp(g.v[0].name, "blue") && g.v[0].n == 3 && g.v[0].rq == 10);
	CHECK(!strcmp(g.v[1].name, "red") && g.v[1].n == 2);
	model_free(&m);
	group_free(&g);
}

/* Collapsed groups: their rows leave the order, their headers stay. */
static void test_collapse(void)
{
	struct model m;
	struct group g;
	uint64_t k80;

	setup(&m, &g, GV_LPORT, scene());
	CHECK(g.v[0].port == 80);
	k80 = g.v[0].key;
	g.hsel_key = g.v[1].key;
	group_collapse(&g, k80, 1);
	model_refilter(&m);
	CHECK(group_collapsed(&g, k80));
	CHECK_INT(m.n_order, 2);
	CHECK_INT(g.n_hidden, 5);
	CHECK(g.v[0].shown == 0 && g.v[0].n == 5 && g.v[1].shown == 2);
	CHECK_INT(group_lines(&g, m.n_order), 4);
	/* line 0: the collapsed header, 1: the next header, 2-3: its rows */
	CHECK(group_row_at(&g, 0) == -1 && group_row_at(&g, 1) == -2);
	CHECK(group_row_at(&g, 2) == 0 && group_row_at(&g, 3) == 1);
	CHECK(group_line_of(&g, 0) == 2 && group_line_of(&g, 1) == 3);
	CHECK(group_head_line(&g, 0) == 0 && group_head_line(&g, 1) == 1);
	/* the header's selection found its group again */
	CHECK_INT(g.hsel, 1);
	/* all collapsed, then one expanded: the exception */
	group_collapse_all(&g, 1);
	model_refilter(&m);
	CHECK_INT(m.n_order, 0);
	CHECK_INT(group_lines(&g, m.n_order), 2);
	CHECK(group_row_at(&g, 1) == -2);
	group_collapse(&g, g.v[1].key, 0);
	model_refilter(&m);
	CHECK_INT(m.n_order, 2);
	CHECK(group_collapsed(&g, k80) && !group_collapsed(&g, g.v[1].key));
	group_collapse_all(&g, 0);
	model_refilter(&m);
	CHECK_INT(m.n_order, 7);
	CHECK_INT(g.n_hidden, 0);
	/* a new view starts expanded */
	group_collapse(&g, k80, 1);
	group_set_view(&g, GV_RHOST);
	CHECK(!group_collapsed(&g, k80));
	model_free(&m);
	group_free(&g);
}

static void test_ids(void)
{
	for (int v = 0; v < GV_COUNT; v++)
		CHECK_INT(group_view_by_id(group_view_id((enum group_view)v)),
			  v);
	CHECK_INT(group_view_by_id("port"), GV_LPORT);
	CHECK_INT(group_view_by_id("ports"), -1);
	CHECK_INT(group_view_by_id(""), -1);
}

/* The collapsed groups as the rc file keeps them (group_keep.c). */
static void test_keep(void)
{
	char t[GROUP_KEEP_LEN], big[2 * GROUP_KEEP_LEN];
	struct group g;
	size_t len = 0;

	CHECK_INT(group_keep_check(""), 0);
	CHECK_INT(group_keep_check("port:1f,host:*,netns:ffffffffffffffff"), 0);
	CHECK(group_keep_check("none:1") < 0);	   /* not a view */
	CHECK(group_keep_check("ports:1") < 0);	   /* unknown view */
	CHECK(group_keep_check("port:") < 0);	   /* no key */
	CHECK(group_keep_check("port:1,") < 0);	   /* trailing comma */
	CHECK(group_keep_check(",port:1") < 0);	   /* empty entry */
	CHECK(group_keep_check("port:1G") < 0);	   /* not hex */
	CHECK(group_keep_check("port:-1") < 0);	   /* no sign */
	CHECK(group_keep_check("port:A") < 0);	   /* lower case only */
	CHECK(group_keep_check("port:**") < 0);	   /* one star */
	CHECK(group_keep_check("port:10000000000000000") < 0); /* 17 */
	for (int i = 0; i < GROUP_KEEP_MAX + 1; i++)
		len += (size_t)snprintf(big + len, sizeof(big) - len, "%sport:%x",
					i ? "," : "", i + 1);
	CHECK(group_keep_check(big) < 0); /* one entry too many */
	*strrchr(big, ',') = '\0';
	CHECK_INT(group_keep_check(big), 0);

	group_init(&g, NULL, 0);
	/* the view's entries apply, the other views' wait */
	group_set_view(&g, GV_LPORT);
	group_keep_load(&g, "host:5,port:2a,port:7");
	CHECK(group_collapsed(&g, 0x2a) && group_collapsed(&g, 7));
	CHECK(!group_collapsed(&g, 5) && !group_collapsed(&g, 6));
	/* stored in one order, whatever the file's: unchanged, the same */
	snprintf(t, sizeof(t), "port:7,host:5,port:2a");
	group_keep_store(&g, t, sizeof(t));
	CHECK_STR(t, "host:5,port:7,port:2a");
	group_collapse(&g, 7, 0);
	group_keep_store(&g, t, sizeof(t));
	CHECK_STR(t, "host:5,port:2a");
	/* VIEW:*: every group, its keys the ones expanded */
	group_collapse_all(&g, 1);
	group_collapse(&g, 9, 0);
	group_keep_store(&g, t, sizeof(t));
	CHECK_STR(t, "host:5,port:*,port:9");
	group_set_view(&g, GV_RHOST);
	CHECK(!group_collapsed(&g, 9) && !g.coll_all);
	group_keep_load(&g, t);
	CHECK(group_collapsed(&g, 5) && !group_collapsed(&g, 9));
	group_set_view(&g, GV_LPORT);
	group_keep_load(&g, t);
	CHECK(g.coll_all && !group_collapsed(&g, 9) && group_collapsed(&g, 1));
	/* flat: nothing to store; a bad text is not applied */
	group_set_view(&g, GV_NONE);
	group_keep_store(&g, t, sizeof(t));
	CHECK_STR(t, "host:5,port:*,port:9");
	group_set_view(&g, GV_LPORT);
	group_keep_load(&g, "port:1,bad");
	CHECK(!group_collapsed(&g, 1));
	/* bounded: this view's groups first, the others' dropped */
	group_keep_load(&g, big);
	CHECK_INT(group_flips(&g, (uint64_t[4]){0}, 4), 4);
	for (uint64_t k = 100; k < 110; k++)
		group_collapse(&g, k, 1);
	snprintf(t, sizeof(t), "host:5,netns:3");
	group_keep_store(&g, t, sizeof(t));
	CHECK(!strstr(t, "host:") && !strstr(t, "netns:"));
	CHECK_INT(group_keep_check(t), 0);
	group_free(&g);
}

/* 100k rows over 1000 remote hosts, 100 listening ports. */
static void test_big(void)
{
	const size_t n = 100000;
	struct snap *s = new_snap();
	struct model m;
	struct group g;
	struct timespec a, b;
	uint64_t sum = 0, want = 0;
	size_t rows = 0;

	for (size_t i = 0; i < 100; i++)
		add(s, SKS_LISTEN, "0.0.0.0", (uint16_t)(1000 + i), "0.0.0.0",
		    0, 0, 128);
	for (size_t i = 0; i < n; i++) {
		char dst[32];
		struct sk_rec *r;

		snprintf(dst, sizeof(dst), "10.1.%zu.%zu", i % 1000 / 250,
			 i % 250 + 1);
		r = add(s, SKS_ESTABLISHED, "10.0.0.1",
			(uint16_t)(1000 + i % 150), dst, 40000, 0, 0);
		r->rq = (uint32_t)(i % 97);
		want += r->rq;
	}
	setup(&m, &g, GV_NONE, s);
	clock_gettime(CLOCK_MONOTONIC, &a);
	model_refilter(&m);
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("flat, %zu rows: %.1f ms\n", n + 100,
	       (double)(b.tv_sec - a.tv_sec) * 1e3 +
		       (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	group_set_view(&g, GV_RHOST);
	model_refilter(&m); /* the scratch memory made once */
	clock_gettime(CLOCK_MONOTONIC, &a);
	model_refilter(&m);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK_INT(g.n, 1001);
	for (size_t k = 0; k < g.n; k++) {
		sum += g.v[k].rq;
		rows += g.v[k].n;
	}
	CHECK(sum == want && rows == n + 100);
	printf("by host, %zu rows: %.1f ms\n", n + 100,
	       (double)(b.tv_sec - a.tv_sec) * 1e3 +
		       (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	group_set_view(&g, GV_LPORT);
	model_refilter(&m);
	clock_gettime(CLOCK_MONOTONIC, &a);
	model_refilter(&m);
	clock_gettime(CLOCK_MONOTONIC, &b);
	/* 100 ports listened on, the rest (ports 1100-1149) without */
	CHECK_INT(g.n, 101);
	CHECK(g.v[g.n - 1].kind == GROUP_OTHER &&
	      g.v[g.n - 1].n ==
		      n / 150 * 50 + (n % 150 > 100 ? n % 150 - 100 : 0));
	printf("by port, %zu rows: %.1f ms\n", n + 100,
	       (double)(b.tv_sec - a.tv_sec) * 1e3 +
		       (double)(b.tv_nsec - a.tv_nsec) / 1e6);
	model_free(&m);
	group_free(&g);
}

int main(void)
{
	test_ids();
	test_host();
	test_port();
	test_netns();
	test_collapse();
	test_keep();
	test_big();
	return check_done();
}
