/*
 * model_prep_test.c: the collector's side of a model update (model_prep.c)
 * against the model's own update: prepared and merged rows, order, marks
 * and counts, the digest, and the time both take at 100k rows (printed,
 * not asserted).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model.h"
#include "check.h"
#include "model_util.h"

/* What the loop does when the rows are not in the sort asked for. */
static void settle(struct model *m)
{
	struct mjob j;

	if (!model_sort_pending(m) || model_invert(m))
		return;
	model_job_init(&j);
	model_job_begin(m, &j);
	model_job_run(&j);
	CHECK(model_job_end(m, &j) == 1);
	model_job_free(&j);
}

/*
 * The collector's work (model_prepare) gives the same rows, order and
 * marks as a model that sorts by itself, with tombstones, a row filter
 * and a sort that changed while the dump was prepared for another.
 */
static void test_prepared(void)
{
	static const enum mcol cols[] = {MC_RECVQ, MC_LOCAL, MC_PEER, MC_NETID};
	struct model a, b;
	struct mprep p;

	model_prep_init(&p);
	for (size_t ci = 0; ci < sizeof(cols) / sizeof(cols[0]); ci++) {
		model_init(&a);
		model_init(&b);
		for (int round = 0; round < 4; round++) {
			struct snap *sa = churn_snap(round),
				    *sb = churn_snap(round);
			int desc = round & 1;

			if (round == 2) {
				model_set_match(&a, odd_port, NULL);
				model_set_match(&b, odd_port, NULL);
			}
			model_sort(&a, cols[ci], desc);
			model_sort(&b, cols[ci], desc);
			/* round 3: prepared for another column: b sorts itself
			 */
			model_prepare(&p, sb, round == 3 ? MC_STATE : cols[ci],
				      desc, NULL);
			drop(model_update(&a, sa, 1.0 + round));
			drop(model_update_prep(&b, sb, &p, 1.0 + round));
			settle(&b);
			CHECK(a.n_rows == b.n_rows && a.n_order == b.n_order);
			CHECK(model_has_deltas(&a) == (round > 0));
			CHECK(model_has_deltas(&b) == model_has_deltas(&a));
			for (size_t i = 0; i < a.n_order && i < b.n_order;
			     i++) {
				CHECK(model_row(&a, i)->key ==
				      model_row(&b, i)->key);
				CHECK(model_row(&a, i)->flags ==
				      model_row(&b, i)->flags);
			}
		}
		model_free(&a);
		model_free(&b);
	}
	model_prep_free(&p);
}

static void add_count(struct model_counts *c, const struct sk_rec *r)
{
	c->tab[r->tab]++;
	if (r->tab == SKT_TCP)
		c->tcp_state[r->state]++;
	c->total++;
}

static int same_counts(const struct model_counts *a,
		       const struct model_counts *b)
{
	return !memcmp(a->tab, b->tab, sizeof(a->tab)) &&
	       !memcmp(a->tcp_state, b->tcp_state, sizeof(a->tcp_state)) &&
	       a->total == b->total;
}

/*
 * model_n_live, model_n_tagged and the header's counts (every live row,
 * the shown ones) against a count of the rows' marks: a row marked gone
 * has left them all.
 */
static void check_counts(const struct model *m)
{
	struct model_counts all = {0}, shown = {0};
	size_t live = 0, tagged = 0;

	for (size_t i = 0; i < m->n_order; i++) {
		const struct mrow *row = model_row(m, i);

		if (row->flags & MROW_GONE)
			continue;
		live++;
		add_count(&shown, row->r);
	}
	for (size_t i = 0; i < m->n_rows; i++) {
		tagged += !!(m->rows[i].flags & MROW_TAGGED);
		if (!(m->rows[i].flags & MROW_GONE))
			add_count(&all, m->rows[i].r);
	}
	CHECK(model_n_live(m) == live);
	CHECK(model_n_tagged(m) == tagged);
	CHECK(same_counts(&m->counts, &all));
	CHECK(same_counts(&m->shown, &shown));
}

/*
 * The collector's merge (model_prepare_merge against the rows as the dump
 * began, then the take) gives the same rows, marks, "since", counts and
 * order as the model's own update, with the loop's changes made while the
 * dump ran: a selection (kept on its socket by the take), a tag, sockets
 * marked gone by closed events (out of the counts at once; back in the
 * dump, so new again; or not, so dropped), a filter.
 */
static void test_merged(void)
{
	struct model a, b;
	struct mprep p;
	struct mbase base;
	uint64_t sel;

	model_prep_init(&p);
	model_init(&a);
	model_init(&b);
	for (int round = 0; round < 6; round++) {
		struct snap *sa = churn_snap(round), *sb = churn_snap(round);
		double now = 1.0 + round;
		struct model *ms[2] = {&a, &b};

		if (round == 3) {
			model_set_match(&a, odd_port, NULL);
			model_set_match(&b, odd_port, NULL);
		}
		model_sort(&a, MC_LOCAL, round & 1);
		model_sort(&b, MC_LOCAL, round & 1);
		model_base(&b, &base);
		model_prepare_merge(&p, sb, &base, now, MC_LOCAL, round & 1,
				    NULL);
		/* the loop's changes while the dump ran */
		for (int k = 0; k < 2 && round; k++) {
			struct model *m = ms[k];
			int marked = 0;

			model_select(m, (size_t)round * 5);
			model_tag_toggle(m);
			/* live rows marked gone by closed connections, one
			 * shown and one the filter hides (from round 3) */
			for (size_t i = 0; i < m->n_rows && marked != 3; i++) {
				struct mrow *row = &m->rows[i];

				if (!(row->flags & MROW_GONE) &&
				    row->r->cookie % 10 == (uint64_t)round &&
				    !(marked & (odd_port(row->r, NULL) + 1))) {
					model_mark_gone(m, row);
					marked |= odd_port(row->r, NULL) + 1;
				}
			}
			check_counts(m);
		}
		/* the take puts the selection back on its socket */
		sel = model_sel_row(&b) ? model_sel_row(&b)->key : 0;
		drop(model_update(&a, sa, now));
		drop(model_update_prep(&b, sb, &p, now));
		if (round && model_row_by_key(&b, sel))
			CHECK(model_sel_row(&b)->key == sel);
		CHECK(b.old == NULL);
		CHECK(a.n_rows == b.n_rows && a.n_order == b.n_order);
		CHECK(a.n_deltas == b.n_deltas);
		CHECK(!memcmp(&a.counts, &b.counts, sizeof(a.counts)));
		CHECK(model_sel(&a) == model_sel(&b));
		CHECK(model_n_tagged(&a) == model_n_tagged(&b));
		CHECK(model_n_tagged(&a) > 0 || round == 0);
		check_counts(&a);
		check_counts(&b);
		for (size_t i = 0; i < a.n_order && i < b.n_order; i++) {
			const struct mrow *ra = model_row(&a, i),
					  *rb = model_row(&b, i);

			CHECK(ra->key == rb->key && ra->flags == rb->flags &&
			      model_since(&a, ra) == model_since(&b, rb));
			CHECK(ra->r->cookie == rb->r->cookie);
		}
		for (size_t i = 0; i < b.n_rows; i++)
			CHECK(model_row_by_key(&b, b.rows[i].key) != NULL);
	}
	model_free(&a);
	model_free(&b);
	model_prep_free(&p);
}

/* The digest sees a changed queue or a changed socket, nothing else. */
static void test_digest(void)
{
	struct snap *s = churn_snap(0), *t = churn_snap(0);
	struct mprep p;
	uint64_t d;

	model_prep_init(&p);
	model_prepare(&p, s, MC_LOCAL, 0, NULL);
	d = p.digest;
	model_prepare(&p, t, MC_RECVQ, 1, NULL);
	CHECK(p.digest == d);
	t->v[5].rq++;
	model_prepare(&p, t, MC_LOCAL, 0, NULL);
	CHECK(p.digest != d);
	t->v[5].rq--;
	t->v[9].cookie = 99999;
	model_prepare(&p, t, MC_LOCAL, 0, NULL);
	CHECK(p.digest != d);
	t->v[9].cookie = s->v[9].cookie;
	t->v[3].expires = 1234; /* timers not shown: not part of it */
	model_prepare(&p, t, MC_LOCAL, 0, NULL);
	CHECK(p.digest == d);
	p.timers = 1;
	model_prepare(&p, t, MC_LOCAL, 0, NULL);
	CHECK(p.digest != d);
	model_prep_free(&p);
	drop(s);
	drop(t);
}

/* Sets field f (0-7) of r to another value. */
static void change(struct sk_rec *r, int f)
{
	switch (f) {
	case 0:
		r->rq++;
		break;
	case 1:
		r->wq += 1000;
		break;
	case 2:
		r->state = r->state == SKS_ESTABLISHED ? SKS_CLOSE_WAIT
						       : SKS_ESTABLISHED;
		break;
	case 3:
		r->uid ^= 1;
		break;
	case 4:
		r->timer = (uint8_t)(r->timer + 1);
		break;
	case 5:
		r->shutdown ^= 2;
		break;
	case 6:
		r->ifindex++;
		break;
	default:
		r->cookie += 100000; /* another socket in its place */
		break;
	}
}

/*
 * The collector's shortcut (model_prep_same): the same sockets, states
 * and queues again are told before anything is prepared for them; any one
 * value of any one record changed, a socket more or less, or one gone and
 * another in its place, never are.  Then p tells the model nothing that
 * is not true of the new snapshot: an update with it is a full one.
 */
static void test_same(void)
{
	struct snap *s = churn_snap(0), *t;
	struct model a, b;
	struct mprep p;
	struct mbase base;

	model_prep_init(&p);
	model_init(&b);
	model_base(&b, &base);
	model_prepare_merge(&p, s, &base, 1.0, MC_LOCAL, 0, NULL);
	drop(model_update_prep(&b, s, &p, 1.0));
	/* every value of every record, one at a time */
	t = churn_snap(0);
	for (size_t i = 0; i < t->n; i++) {
		for (int f = 0; f < 8; f++) {
			struct sk_rec keep = t->v[i];

			change(&t->v[i], f);
			CHECK(!model_prep_same(&p, t));
			t->v[i] = keep;
		}
	}
	CHECK(p.sorted && !p.ids_ok); /* untouched by a "no" */
	/* a socket more, a socket less, one for another */
	add_tcp(t, 777777, 4242, 0);
	CHECK(!model_prep_same(&p, t));
	t->n--;
	t->n--;
	CHECK(!model_prep_same(&p, t));
	t->n++;
	CHECK(model_prep_same(&p, t));
	/* what p had was s's: dropped, so that an update with it is the
	 * same as one without */
	CHECK(!p.sorted && !p.ids_ok && !p.merged);
	model_init(&a);
	drop(model_update(&a, churn_snap(0), 1.0));
	drop(model_update(&a, churn_snap(0), 2.0));
	drop(model_update_prep(&b, t, &p, 2.0));
	CHECK(a.n_rows == b.n_rows && a.n_order == b.n_order);
	CHECK(!model_has_deltas(&b));
	for (size_t i = 0; i < a.n_order && i < b.n_order; i++) {
		CHECK(model_row(&a, i)->key == model_row(&b, i)->key);
		CHECK(model_row(&a, i)->flags == model_row(&b, i)->flags);
	}
	model_free(&a);
	model_free(&b);
	model_prep_free(&p);
}

/* The same, with the collector's part done first (not timed here). */
static void time_100k_prepared(void)
{
	struct model m;
	struct mprep p;
	struct mbase b;
	struct snap *s;
	double t0, t1 = 0, tp = 0;
	const size_t n = 100000;

	for (int merge = 0; merge < 2; merge++) {
		model_init(&m);
		model_prep_init(&p);
		for (int round = 0; round < 2; round++) {
			s = new_snap();
			for (size_t i = 0; i < n; i++)
				add_tcp(s, i + 1 + round * 7,
					(uint16_t)(i * 7919),
					(uint32_t)(i * 2654435761u) % 100000);
			t0 = now_ms();
			model_base(&m, &b);
			if (merge)
				model_prepare_merge(&p, s, &b, 1.0 + round,
						    m.sort_col, m.desc, NULL);
			else
				model_prepare(&p, s, m.sort_col, m.desc, NULL);
			tp = now_ms() - t0;
			t0 = now_ms();
			drop(model_update_prep(&m, s, &p, 1.0 + round));
			t1 = now_ms() - t0;
		}
		printf("100k rows %s: collector %.1f ms, loop's update %.1f "
		       "ms\n",
		       merge ? "merged" : "prepared", tp, t1);
		CHECK(m.n_rows == n + 7);
		model_prep_free(&p);
		model_free(&m);
	}
}

int main(void)
{
	test_prepared();
	test_merged();
	test_digest();
	test_same();
	time_100k_prepared();
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
