/*
 * model_test.c: the table model without a screen.  Sort order (numeric,
 * addresses by family then value, descending), stability, the selection
 * following its socket across re-sorts and refreshes, new and gone rows
 * (tombstones for one refresh), tags carried over, search, and the time a
 * re-sort of 100k rows takes (printed, not asserted); grouping's line
 * numbering and order when owners are unknown.  mcol_sort (radix and
 * fallback) against a plain stable sort of random keys; the instant
 * inversion and the sort job against a sort done in place, by Netns too
 * (the job reads the labels the column shows).  The
 * collector's side (model_prep.c) is tested in model_prep_test.c.
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
#include "model_util.h"

static uint64_t cookie_at(const struct model *m, size_t i)
{
	return model_row(m, i)->r->cookie;
}

static void test_sort(void)
{
	struct model m;
	struct snap *s = new_snap();
	static const uint32_t rq[] = {5, 100, 5, 0, 7};

	model_init(&m);
	for (int i = 0; i < 5; i++)
		add_tcp(s, 1 + i, 1000 + i, rq[i]);
	drop(model_update(&m, s, 1.0));
	CHECK(m.n_order == 5);

	model_sort(&m, MC_RECVQ, 0);
	/* 0, 5 (cookie 1), 5 (cookie 3: stable), 7, 100 */
	CHECK(cookie_at(&m, 0) == 4);
	CHECK(cookie_at(&m, 1) == 1);
	CHECK(cookie_at(&m, 2) == 3);
	CHECK(cookie_at(&m, 3) == 5);
	CHECK(cookie_at(&m, 4) == 2);

	model_sort(&m, MC_RECVQ, 1);
	/* descending: the ascending order turned over, equal keys too */
	CHECK(cookie_at(&m, 0) == 2);
	CHECK(cookie_at(&m, 1) == 5);
	CHECK(cookie_at(&m, 2) == 3);
	CHECK(cookie_at(&m, 3) == 1);
	CHECK(cookie_at(&m, 4) == 4);
	model_free(&m);
}

static void test_address_sort(void)
{
	struct model m;
	struct snap *s = new_snap();
	struct sk_rec *r;

	model_init(&m);
	r = add_tcp(s, 1, 1, 0);
	r->family = AF_INET6;
	inet_pton(AF_INET6, "::1", r->a.in.src);
	r = add_tcp(s, 2, 1, 0);
	inet_pton(AF_INET, "10.0.0.10", r->a.in.src);
	r = add_tcp(s, 3, 1, 0);
	inet_pton(AF_INET, "10.0.0.9", r->a.in.src);
	r = add_tcp(s, 4, 2, 0);
	inet_pton(AF_INET, "10.0.0.9", r->a.in.src);
	drop(model_update(&m, s, 1.0));
	model_sort(&m, MC_LOCAL, 0);
	/* v4 before v6; 10.0.0.9 before 10.0.0.10; then by port */
	CHECK(cookie_at(&m, 0) == 3);
	CHECK(cookie_at(&m, 1) == 4);
	CHECK(cookie_at(&m, 2) == 2);
	CHECK(cookie_at(&m, 3) == 1);
	model_free(&m);
}

static void test_selection_and_deltas(void)
{
	struct model m;
	struct snap *s = new_snap(), *spare;

	model_init(&m);
	for (int i = 0; i < 4; i++)
		add_tcp(s, 10 + i, 2000 + i, (uint32_t)i);
	drop(model_update(&m, s, 1.0));
	model_sort(&m, MC_RECVQ, 0);
	/* nothing is "new" on the first refresh */
	for (size_t i = 0; i < m.n_order; i++)
		CHECK(model_row(&m, i)->flags == 0);

	model_select(&m, 1); /* cookie 11 */
	CHECK(model_sel_row(&m)->r->cookie == 11);
	model_tag_toggle(&m);
	model_sort(&m, MC_RECVQ, 1);
	CHECK(model_sel(&m) == 2);
	CHECK(model_sel_row(&m)->r->cookie == 11);

	/* refresh: 10 gone, 14 new, 11's queue grows to the top */
	s = new_snap();
	add_tcp(s, 14, 2004, 1);
	add_tcp(s, 13, 2003, 3);
	add_tcp(s, 12, 2002, 2);
	add_tcp(s, 11, 2001, 50);
	spare = model_update(&m, s, 2.0);
	CHECK(spare == NULL);
	CHECK(m.n_rows == 5);
	CHECK(model_sel_row(&m)->r->cookie == 11);
	CHECK(model_sel(&m) == 0);
	CHECK(model_sel_row(&m)->flags == MROW_TAGGED);
	CHECK(model_since(&m, model_sel_row(&m)) == 1.0);
	CHECK(sizeof(struct mrow) == 24);
	CHECK(model_n_tagged(&m) == 1);
	for (size_t i = 0; i < m.n_order; i++) {
		struct mrow *row = model_row(&m, i);

		if (row->r->cookie == 14)
			CHECK(row->flags == MROW_NEW &&
			      model_since(&m, row) == 2.0);
		else if (row->r->cookie == 10)
			CHECK(row->flags == MROW_GONE);
		else if (row->r->cookie != 11)
			CHECK(row->flags == 0);
	}
	CHECK(m.counts.total == 4 && m.counts.tab[SKT_TCP] == 4);
	CHECK(m.counts.tcp_state[SKS_ESTABLISHED] == 4);

	/* select the tombstone: when it leaves, the selection stays put */
	for (size_t i = 0; i < m.n_order; i++)
		if (model_row(&m, i)->r->cookie == 10)
			model_select(&m, i);
	CHECK(model_sel_row(&m)->flags == MROW_GONE);
	s = new_snap();
	add_tcp(s, 14, 2004, 1);
	add_tcp(s, 13, 2003, 3);
	add_tcp(s, 11, 2001, 50);
	spare = model_update(&m, s, 3.0);
	/* the first snapshot comes back, cleared, for reuse */
	CHECK(spare && spare->n == 0);
	drop(spare);
	/* 10 left; 12 is now a tombstone; 14 is no longer new */
	CHECK(m.n_rows == 4);
	CHECK(model_sel(&m) < m.n_order);
	for (size_t i = 0; i < m.n_order; i++) {
		struct mrow *row = model_row(&m, i);

		CHECK(row->r->cookie != 10);
		if (row->r->cookie == 12)
			CHECK(row->flags == MROW_GONE);
		if (row->r->cookie == 14)
			CHECK(row->flags == 0);
	}
	model_untag_all(&m);
	CHECK(model_n_tagged(&m) == 0);
	model_free(&m);
}

/* Without cookies, identity is table, addresses, ports and inode. */
static void test_identity(void)
{
	struct model m;
	struct snap *s = new_snap();
	struct sk_rec *r;

	model_init(&m);
	r = add_tcp(s, 0, 5000, 0);
	r->has &= ~SKR_HAS_COOKIE;
	r = add_tcp(s, 0, 5001, 0);
	r->has &= ~SKR_HAS_COOKIE;
	drop(model_update(&m, s, 1.0));
	model_sort(&m, MC_LOCAL, 1);
	model_select(&m, 1);
	CHECK(model_sel_row(&m)->r->sport == 5000);
	s = new_snap();
	r = add_tcp(s, 0, 5001, 0);
	r->has &= ~SKR_HAS_COOKIE;
	r = add_tcp(s, 0, 5000, 9);
	r->has &= ~SKR_HAS_COOKIE;
	drop(model_update(&m, s, 2.0));
	model_sort(&m, MC_RECVQ, 1);
	CHECK(model_sel(&m) == 0);
	CHECK(model_sel_row(&m)->r->sport == 5000);
	CHECK(model_sel_row(&m)->flags == 0);
	model_free(&m);
}

static int only_port_2(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->sport % 10 == 2;
}

static void test_find_and_match(void)
{
	struct model m;
	struct snap *s = new_snap();
	struct mfmt f = {.numeric = 1};

	model_init(&m);
	for (int i = 0; i < 5; i++)
		add_tcp(s, 1 + i, 3000 + i, 0);
	drop(model_update(&m, s, 1.0));
	model_sort(&m, MC_LOCAL, 0);
	CHECK(model_find(&m, 0, "10.0.0.1:3003", &f) == 3);
	CHECK(model_find(&m, 3, "10.0.0.1:300", &f) == 4);
	CHECK(model_find(&m, 4, "10.0.0.1:300", &f) == 0); /* wraps */
	CHECK(model_find(&m, 0, "estab", &f) == 1);
	CHECK(model_find(&m, 0, "nowhere", &f) == -1);
	CHECK(m.shown.total == 5 && m.shown.tcp_state[SKS_ESTABLISHED] == 5);
	model_set_match(&m, only_port_2, NULL);
	CHECK(m.n_order == 1 && model_row(&m, 0)->r->sport == 3002);
	CHECK(m.shown.total == 1 && m.shown.tab[SKT_TCP] == 1);
	model_set_match(&m, NULL, NULL);
	CHECK(m.n_order == 5);
	/* every row shown: the counts the dump's, less a row marked gone */
	CHECK(m.shown.total == 5 && m.shown.tab[SKT_TCP] == 5);
	model_mark_gone(&m, model_row(&m, 0)); /* hidden by the filter */
	CHECK(m.shown.total == 4);
	model_refilter(&m);
	CHECK(m.n_order == 5 && m.shown.total == 4 &&
	      m.shown.tcp_state[SKS_ESTABLISHED] == 4);
	model_free(&m);
}

static void test_columns(void)
{
	char buf[32];

	CHECK(mcol_by_id("recv-q") == MC_RECVQ);
	CHECK(mcol_by_id("iface") == MC_IFACE);
	CHECK(mcol_by_id("Recv-Q") == -1);
	for (int c = 0; c < MC_COUNT; c++)
		CHECK(mcol_by_id(mcol_get(c)->id) == c);
	mcol_human(1023, buf, sizeof(buf));
	CHECK(!strcmp(buf, "1023"));
	mcol_human(4u << 20, buf, sizeof(buf));
	CHECK(!strcmp(buf, "4.0M"));
	mcol_human(150u << 10, buf, sizeof(buf));
	CHECK(!strcmp(buf, "150K"));
}

/*
 * The Timer column writes ss -o's whole timer:(kind,expiry,retransmits)
 * and sorts by expiry, sockets without a timer last in either direction.
 */
static void test_timer_column(void)
{
	static const struct {
		uint8_t timer;
		uint32_t expires;
		uint8_t retrans;
		const char *text;
	} t[] = {
		{1, 12, 0, "timer:(on,012ms,0)"},
		{2, 61000, 3, "timer:(keepalive,1min1sec,3)"},
		{0, 0, 0, ""},
		{4, 6220, 1, "timer:(persist,6.220sec,1)"},
		{9, 500, 0, "timer:(unknown,500ms,0)"},
	};
	static const int asc[] = {0, 4, 3, 1, 2}, dsc[] = {1, 3, 4, 0, 2};
	const struct mfmt f = {.numeric = 1};
	struct snap *s = new_snap();
	struct model m;
	char buf[64];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct sk_rec *r = add_tcp(s, i + 1, (uint16_t)(1000 + i), 0);

		r->has |= SKR_HAS_TIMER;
		r->timer = t[i].timer;
		r->expires = t[i].expires;
		r->retrans = t[i].retrans;
		mcol_get(MC_TIMER)->fmt(r, &f, buf, sizeof(buf));
		CHECK(!strcmp(buf, t[i].text));
	}
	model_init(&m);
	drop(model_update(&m, s, 1.0));
	model_sort(&m, MC_TIMER, 0);
	for (size_t i = 0; i < 5; i++)
		CHECK(cookie_at(&m, i) == (uint64_t)asc[i] + 1);
	m.desc = 1;
	CHECK(model_invert(&m) == 1);
	for (size_t i = 0; i < 5; i++)
		CHECK(cookie_at(&m, i) == (uint64_t)dsc[i] + 1);
	model_free(&m);
}

/*
 * Without owners every row is in one "(no owner)" group: its header is
 * line 0, the rows follow in the sort's order, the selection stays on its
 * socket; the Process column sorts unknown owners as equal (by row,
 * turned over when descending).
 */
static void test_group_no_owners(void)
{
	struct model m;
	struct group g;
	struct snap *s = new_snap();
	static const uint32_t rq[] = {5, 100, 7};

	model_init(&m);
	group_init(&g, NULL, 0);
	group_set_view(&g, GV_PROC);
	for (int i = 0; i < 3; i++)
		add_tcp(s, 1 + i, 1000 + i, rq[i]);
	drop(model_update(&m, s, 1.0));
	model_select(&m, 2); /* cookie 3 */
	m.reorder = group_apply;
	m.reorder_arg = &g;
	model_sort(&m, MC_RECVQ, 1);
	CHECK(g.n == 1 && g.v[0].kind == GROUP_NOOWNER);
	CHECK(g.v[0].n == 3 && g.v[0].rq == 112 && g.v[0].first == 0);
	CHECK(group_lines(&g, m.n_order) == 4);
	CHECK(group_row_at(&g, 0) == -1);
	CHECK(group_row_at(&g, 1) == 0 && group_row_at(&g, 3) == 2);
	CHECK(group_line_of(&g, 0) == 1 && group_line_of(&g, 2) == 3);
	CHECK(cookie_at(&m, 0) == 2 && cookie_at(&m, 1) == 3 &&
	      cookie_at(&m, 2) == 1);
	CHECK(model_sel_row(&m)->r->cookie == 3);
	model_sort(&m, MC_PROCESS, 0);
	CHECK(cookie_at(&m, 0) == 1 && cookie_at(&m, 2) == 3);
	model_sort(&m, MC_PROCESS, 1);
	CHECK(cookie_at(&m, 0) == 3 && cookie_at(&m, 2) == 1);
	model_free(&m);
	group_free(&g);
}

static const struct mkey *ref_keys;
static int ref_desc;

/* The model's order, written plainly: known first, value, index (the
 * last two descending when the order is). */
static int ref_cmp(const void *pa, const void *pb)
{
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct mkey *a = &ref_keys[ia], *b = &ref_keys[ib];
	int c = (int)a->last - (int)b->last;

	if (c)
		return c;
	c = mcol_cmp(a, b);
	if (c)
		return ref_desc ? -c : c;
	c = (ia > ib) - (ia < ib);
	return ref_desc ? -c : c;
}

/* mcol_sort_by's keys: copies of an array's. */
static void copy_key(size_t i, struct mkey *k, void *arg)
{
	*k = ((const struct mkey *)arg)[i];
}

/*
 * mcol_sort, and mcol_sort_by on keys computed when asked, against qsort
 * of the same keys: few varying bytes (radix, up to 8 and 9 to 16), more
 * than 16 (qsort), strings deciding ties (with few varying bytes and with
 * many), unknown values, both directions, many equal keys.
 */
static void test_mcol_sort(void)
{
	static const char *const names[] = {"b", "a", "ab", "", "a\0"};
	struct mcol_sorter so = {0};
	const size_t n = 3000;
	struct mkey *k = xcalloc(n, sizeof(*k));
	uint32_t *got = xcalloc(n, sizeof(*got)),
		 *want = xcalloc(n, sizeof(*want));
	unsigned seed = 12345;

	for (int shape = 0; shape < 8; shape++) {
		for (int desc = 0; desc < 2; desc++) {
			for (size_t i = 0; i < n; i++) {
				memset(&k[i], 0, sizeof(k[i]));
				seed = seed * 1103515245u + 12345u;
				k[i].a = (seed >> 16) % 5;
				if (shape >= 1)
					k[i].d = (seed >> 8) % 300;
				if (shape == 2)
					k[i].last = (seed >> 4) % 3 == 0;
				if (shape == 3 || shape == 6) {
					const char *nm =
						names[(seed >> 20) % 5];

					k[i].s = nm;
					k[i].slen = (uint32_t)strlen(nm);
				}
				if (shape == 4 || shape == 6) { /* > 16 bytes */
					k[i].b = (uint64_t)seed *
						 0x9e3779b97f4a7c15ULL;
					k[i].c = ~k[i].b * 31;
				}
				if (shape == 5)
					k[i].a = (uint64_t)1 << 40;
				if (shape == 7) /* 9-16 bytes: wide radix */
					k[i].b = (uint64_t)seed *
						 0x9e3779b97f4a7c15ULL;
				k[i].row = (uint32_t)i;
				want[i] = (uint32_t)i;
			}
			ref_keys = k;
			ref_desc = desc;
			qsort(want, n, sizeof(*want), ref_cmp);
			mcol_sort(&so, k, n, desc, got);
			CHECK(!memcmp(got, want, n * sizeof(*got)));
			memset(got, 0, n * sizeof(*got));
			mcol_sort_by(&so, copy_key, k, n, desc, got);
			CHECK(!memcmp(got, want, n * sizeof(*got)));
		}
	}
	mcol_sorter_free(&so);
	free(k);
	free(got);
	free(want);
}

/*
 * `I` turns the order over at once, and a sort job gives what a sort in
 * place gives; a job over rows that a refresh replaced is dropped.
 */
static void test_invert_and_job(void)
{
	static const enum mcol cols[] = {MC_RECVQ, MC_LOCAL, MC_PEER,
					 MC_NETID, MC_STATE, MC_PROCESS};
	struct model a, b;
	struct mjob j;

	for (size_t ci = 0; ci < sizeof(cols) / sizeof(cols[0]); ci++) {
		model_init(&a);
		model_init(&b);
		model_job_init(&j);
		drop(model_update(&a, churn_snap(0), 1.0));
		drop(model_update(&a, churn_snap(1), 2.0)); /* tombstones */
		drop(model_update(&b, churn_snap(0), 1.0));
		drop(model_update(&b, churn_snap(1), 2.0));
		/* every row shown, or a filter */
		model_set_match(&a, ci % 2 ? odd_port : NULL, NULL);
		model_set_match(&b, ci % 2 ? odd_port : NULL, NULL);
		for (int desc = 0; desc < 2; desc++) {
			model_sort(&a, cols[ci], !desc);
			model_sort(&b, cols[ci], desc);
			b.desc = !desc;
			CHECK(model_sort_pending(&b));
			if (cols[ci] != MC_PROCESS) {
				/* the job's way: a copy turned over elsewhere
				 */
				model_job_begin(&b, &j);
				CHECK(j.invert);
				model_job_run(&j);
				CHECK(model_job_end(&b, &j) == 1);
			} else {
				CHECK(model_invert(&b) == 1);
			}
			CHECK(!model_sort_pending(&b));
			CHECK(a.n_order == b.n_order);
			for (size_t i = 0; i < a.n_order && i < b.n_order; i++)
				CHECK(model_row(&a, i)->key ==
				      model_row(&b, i)->key);
		}
		/* from another column, by a job */
		model_sort(&b, MC_INODE, 1);
		b.sort_col = cols[ci];
		b.desc = 0;
		model_sort(&a, cols[ci], 0);
		CHECK(!model_invert(&b));
		model_job_begin(&b, &j);
		model_job_run(&j);
		CHECK(model_job_end(&b, &j) == 1);
		CHECK(!model_sort_pending(&b));
		for (size_t i = 0; i < a.n_order && i < b.n_order; i++)
			CHECK(model_row(&a, i)->key == model_row(&b, i)->key);
		/* stale: the rows changed under the job */
		b.sort_col = MC_INODE;
		model_job_begin(&b, &j);
		model_job_run(&j);
		drop(model_update(&b, churn_snap(2), 3.0));
		CHECK(model_job_end(&b, &j) == 0);
		model_job_free(&j);
		model_free(&a);
		model_free(&b);
	}
}

/* Three namespaces' rows, labelled out of order (--all-netns). */
static struct snap *ns_snap(void)
{
	static const char *const labels[] = {"zeta", "alpha", "mid"};
	struct snap *s = new_snap();

	for (int k = 0; k < 3; k++) {
		snap_ns_begin(s, 100 + (uint64_t)k)->label = labels[k];
		for (int i = 0; i < 4; i++)
			add_tcp(s, (uint64_t)(1 + k * 10 + i),
				(uint16_t)(3000 - k * 10 - i), 0);
	}
	return s;
}

static const char *ns_label(const struct model *m, size_t i)
{
	const struct snap_ns *ns = snap_ns_rec(m->cur, model_row(m, i)->r);

	return ns ? ns->label : "";
}

/*
 * --all-netns: a re-sort job by the Netns column (the sorter thread's)
 * sorts by the labels the column shows, as a sort on the loop's thread
 * does; turned over too.
 */
static void test_netns_job(void)
{
	struct model a, b;
	struct mfmt fa = {0}, fb = {0};
	struct mjob j;

	model_init(&a);
	model_init(&b);
	model_job_init(&j);
	drop(model_update(&a, ns_snap(), 1.0));
	drop(model_update(&b, ns_snap(), 1.0));
	fa.snap = a.cur;
	fb.snap = b.cur;
	a.fmt = &fa;
	b.fmt = &fb;
	for (int desc = 0; desc < 2; desc++) {
		model_sort(&a, MC_NETNS, desc);
		if (!desc)
			model_sort(&b, MC_LOCAL, 0);
		b.sort_col = MC_NETNS;
		b.desc = desc;
		model_job_begin(&b, &j);
		CHECK(j.invert == desc);
		model_job_run(&j);
		CHECK(model_job_end(&b, &j) == 1);
		CHECK(a.n_order == 12 && b.n_order == 12);
		CHECK(!strcmp(ns_label(&b, 0), desc ? "zeta" : "alpha"));
		CHECK(!strcmp(ns_label(&b, 11), desc ? "alpha" : "zeta"));
		for (size_t i = 0; i < a.n_order && i < b.n_order; i++)
			CHECK(model_row(&a, i)->key == model_row(&b, i)->key);
	}
	model_job_free(&j);
	model_free(&a);
	model_free(&b);
}

/*
 * Turning an order over equals sorting the other way, with unknown values
 * (no timer) among known ones and many ties: by model_invert and by a
 * job, both ways, every row shown and filtered.
 */
static void test_invert_unknown(void)
{
	unsigned seed = 77;

	for (int round = 0; round < 8; round++) {
		struct snap *s = new_snap();
		struct model a, b;
		struct mjob j;

		for (uint64_t c = 1; c <= 500; c++) {
			struct sk_rec *r = add_tcp(s, c, (uint16_t)c, 0);

			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 3) {
				r->has |= SKR_HAS_TIMER;
				r->timer = (uint8_t)(1 + (seed >> 8) % 2);
				r->expires = (seed >> 20) % 4;
			}
		}
		model_init(&a);
		model_init(&b);
		model_job_init(&j);
		drop(model_update(&b, s, 1.0));
		s = new_snap();
		for (size_t i = 0; i < b.cur->n; i++)
			*snap_push(s) = b.cur->v[i];
		drop(model_update(&a, s, 1.0));
		model_set_match(&a, round % 2 ? odd_port : NULL, NULL);
		model_set_match(&b, round % 2 ? odd_port : NULL, NULL);
		for (int d = 0; d < 2; d++) {
			model_sort(&b, MC_TIMER, d);
			model_sort(&a, MC_TIMER, !d);
			b.desc = !d;
			if (round < 4) {
				CHECK(model_invert(&b) == 1);
			} else {
				model_job_begin(&b, &j);
				CHECK(j.invert);
				model_job_run(&j);
				CHECK(model_job_end(&b, &j) == 1);
			}
			CHECK(a.n_order == b.n_order);
			for (size_t i = 0; i < a.n_order && i < b.n_order; i++)
				CHECK(model_row(&a, i)->key ==
				      model_row(&b, i)->key);
		}
		model_job_free(&j);
		model_free(&a);
		model_free(&b);
	}
}

/* Timing at 100k rows: printed for the report, never asserted. */
static void time_100k(void)
{
	struct model m;
	struct snap *s;
	double t0, t1, t2, t3;
	const size_t n = 100000;

	model_init(&m);
	for (int round = 0; round < 2; round++) {
		s = new_snap();
		for (size_t i = 0; i < n; i++) {
			struct sk_rec *r = add_tcp(
				s, i + 1 + round * 7, (uint16_t)(i * 7919),
				(uint32_t)(i * 2654435761u) % 100000);

			r->a.in.dst[3] = (uint8_t)i;
		}
		t0 = now_ms();
		drop(model_update(&m, s, 1.0 + round));
		t1 = now_ms();
	}
	model_sort(&m, MC_RECVQ, 1);
	t2 = now_ms();
	model_sort(&m, MC_PEER, 0);
	t3 = now_ms();
	printf("100k rows: update (keys, deltas, sort by netid) %.1f ms, "
	       "re-sort by recv-q %.1f ms, by peer %.1f ms\n",
	       t1 - t0, t2 - t1, t3 - t2);
	m.desc = 1;
	t0 = now_ms();
	CHECK(model_invert(&m) == 1);
	t1 = now_ms();
	model_refilter(&m);
	t2 = now_ms();
	printf("100k rows: invert (I) %.1f ms, re-filter %.1f ms\n", t1 - t0,
	       t2 - t1);
	CHECK(m.n_rows == n + 7);
	model_free(&m);
}

int main(void)
{
	test_sort();
	test_address_sort();
	test_selection_and_deltas();
	test_identity();
	test_find_and_match();
	test_columns();
	test_timer_column();
	test_group_no_owners();
	test_mcol_sort();
	test_invert_and_job();
	test_netns_job();
	test_invert_unknown();
	time_100k();
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
