/*
 * model.c: the table model (see model.h).
 *
 * The life-cycle of rows follows htop's scan: every refresh builds the rows
 * of the fresh snapshot and looks each socket up, by identity, among the
 * rows of the previous refresh.  A socket seen before keeps its tags and
 * its "since"; one never seen is marked new; one not seen again becomes a
 * tombstone: its record is copied into the previous snapshot's arena,
 * which the model keeps for exactly one refresh (what the record points
 * to is there), while that snapshot's record array goes to the next dump.
 * So only the few gone records are copied, two record arrays live instead
 * of three, and a steady refresh loop reuses all of its memory.
 *
 * Sorting works on index arrays: each row's key is computed once (mcol.h),
 * then the keys are sorted with the row index as the last criterion
 * (mcol_sort), which makes the order stable.  `all` holds every row in
 * that order, and `order` the rows the predicate keeps: a new filter is a
 * pass over `all`, not a sort.  A re-sort can run as a job off the loop's
 * thread; an inverted order is computed at once from the current one.
 * The selection, tags, marks and search are in model_sel.c.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "model.h"
#include "model_int.h"
#include "xalloc.h"

/* Scratch bit while matching old rows against new ones. */
#define MROW_SEEN (1u << 31)

/*
 * The kernel's socket cookie names a socket for its whole life; records
 * without one (replayed dumps of old kernels) fall back to what ss would
 * print: table, addresses, ports, inode.
 */
uint64_t model_key(const struct sk_rec *r)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	if ((r->has & SKR_HAS_COOKIE) && r->cookie)
		return mix64(r->cookie ^ ((uint64_t)r->tab << 56));
	h = fnv(h, &r->tab, 1);
	h = fnv(h, &r->family, 1);
	h = fnv(h, &r->sport, sizeof(r->sport));
	h = fnv(h, &r->dport, sizeof(r->dport));
	h = fnv(h, &r->ino, sizeof(r->ino));
	if (r->family == AF_UNIX) {
		if ((r->has & SKR_HAS_NAME) && r->a.un.name)
			h = fnv(h, r->a.un.name, r->a.un.name_len);
		return fnv(h, &r->a.un.peer, sizeof(r->a.un.peer));
	}
	return fnv(h, &r->a, sizeof(r->a.in));
}

void model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	m->sort_col = MC_NETID;
	hmap_init(&m->ids, sizeof(struct id_slot), 4);
}

static void snap_drop(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

void model_free(struct model *m)
{
	snap_drop(m->cur);
	snap_drop(m->prev);
	free(m->rows);
	free(m->old);
	free(m->all);
	free(m->order);
	free(m->keys);
	free(m->idx);
	hmap_free(&m->ids);
	mcol_sorter_free(&m->sorter);
	memset(m, 0, sizeof(*m));
}

/*
 * Builds the identity table over the rows of one update (tombstones
 * included, for model_row_by_key; the next update skips them), right
 * after the update, so that the next one finds it ready for its old rows.
 */
static void hash_build(struct model *m, const struct mrow *old, size_t n)
{
	hmap_reset(&m->ids, n);
	for (size_t i = 0; i < n; i++) {
		struct id_slot *s = hmap_put(&m->ids, hmap_key64(old[i].key));

		s->row = (uint32_t)i;
	}
}

static struct mrow *hash_find(struct model *m, struct mrow *old, uint64_t key)
{
	const struct id_slot *s = hmap_find(&m->ids, hmap_key64(key));

	for (; s; s = hmap_next(&m->ids, s)) {
		struct mrow *o = &old[s->row];

		/* a socket seen twice (no cookie, same identity) matches once
		 */
		if (o->key == key && !(o->flags & (MROW_SEEN | MROW_GONE)))
			return o;
	}
	return NULL;
}

struct mrow *model_row_by_key(const struct model *m, uint64_t key)
{
	const struct id_slot *s;

	if (!m->hash_ok)
		return NULL;
	for (s = hmap_find(&m->ids, hmap_key64(key)); s;
	     s = hmap_next(&m->ids, s))
		if (m->rows[s->row].key == key)
			return &m->rows[s->row];
	return NULL;
}

static void count(struct model *m)
{
	memset(&m->counts, 0, sizeof(m->counts));
	for (size_t i = 0; i < m->cur->n; i++) {
		const struct sk_rec *r = &m->cur->v[i];

		if (r->tab < SKT_COUNT)
			m->counts.tab[r->tab]++;
		if (r->tab == SKT_TCP && r->state < SKS_MAX)
			m->counts.tcp_state[r->state]++;
		if (sk_rates(r)) {
			m->counts.tx += sk_rates(r)->tx;
			m->counts.rx += sk_rates(r)->rx;
		}
	}
	m->counts.total = (uint32_t)m->cur->n;
}

static void sort_rows(struct model *m, const struct mprep *p);

/*
 * The snapshot going out of view keeps only its arena, where its
 * tombstones' records were copied: its record array goes to the snapshot
 * the model gives back for the next dump (which has none, since it was
 * in this state itself), or is freed.  So two record arrays live, not
 * three: the one shown and the one being filled.
 */
static void tomb_only(struct snap *old, struct snap *retired)
{
	if (retired) {
		free(retired->v);
		retired->v = old->v;
		retired->cap = old->cap;
	} else {
		free(old->v);
	}
	old->v = NULL;
	old->cap = 0;
	old->n = 0;
	old->mark_n = 0;
}

struct snap *model_update(struct model *m, struct snap *fresh, double now)
{
	return model_update_prep(m, fresh, NULL, now);
}

/* The fresh row (not new) that the base's row o was matched to, or NULL. */
static struct mrow *matched(struct model *m, size_t n, const struct mrow *o)
{
	const struct id_slot *s = hmap_find(&m->ids, hmap_key64(o->key));

	for (; s; s = hmap_next(&m->ids, s)) {
		struct mrow *row = &m->rows[s->row];

		if (s->row < n && row->key == o->key &&
		    !(row->flags & MROW_NEW) && row->since == o->since)
			return row;
	}
	return NULL;
}

/*
 * Installs p's merge: its rows and identity table become the model's (the
 * old ones p's scratch), then the loop's own changes since the dump began
 * are carried over: tags, and the rows a closed connection marked gone
 * (their socket, if dumped again, is new, as model_update would have it);
 * the records that went are copied as tombstones.  O(rows) only in a
 * sequential pass over the old rows' flags.
 */
static void take_merged(struct model *m, struct mprep *p, double now)
{
	struct mrow *old = m->rows;
	size_t n_live = m->hash_ok && m->cur ? m->cur->n : 0, n = p->n, c;
	struct hmap h = m->ids;

	c = m->cap_rows;
	m->rows = p->rows;
	m->cap_rows = p->cap_rows;
	p->rows = old;
	p->cap_rows = c;
	m->ids = p->hash;
	p->hash = h;
	free(m->old);
	m->old = NULL;
	m->cap_old = 0;
	p->merged = 0;
	p->took = 1;
	m->n_deltas = p->n_new;
	if (!m->t0_ok) {
		m->t0 = p->t0;
		m->t0_ok = 1;
	}
	for (size_t i = 0; i < n_live; i++) {
		const struct mrow *o = &old[i];
		struct mrow *row;

		if (!(o->flags & (MROW_TAGGED | MROW_GONE)) ||
		    !(row = matched(m, n, o)))
			continue;
		if (o->flags & MROW_GONE) {
			row->since = model_rel_time(m->t0, now);
			row->flags = MROW_NEW;
			m->n_deltas++;
		} else {
			row->flags |= MROW_TAGGED;
			m->n_tagged++;
		}
	}
	for (size_t i = 0; i < p->n_gone; i++) {
		const struct mrow *o = &old[p->gone[i]];
		struct sk_rec *t;
		struct id_slot *s;

		if (o->flags & MROW_GONE)
			continue;
		/* as model_update: the record moves to the arena */
		t = arena_alloc(&m->cur->arena, sizeof(*t));
		*t = *o->r;
		m->rows[n] = *o;
		m->rows[n].r = t;
		m->rows[n].flags = MROW_GONE;
		s = hmap_put(&m->ids, hmap_key64(o->key));
		s->row = (uint32_t)n++;
		m->n_deltas++;
	}
	m->n_rows = n;
	m->counts = p->counts;
	/* the old rows and table are not needed until the next merge */
	free(p->rows);
	p->rows = NULL;
	p->cap_rows = 0;
	hmap_free(&p->hash);
}

struct snap *model_update_prep(struct model *m, struct snap *fresh,
			       struct mprep *p, double now)
{
	struct mrow *old = m->rows, *o;
	size_t n_old = m->n_rows, n = 0;
	struct snap *retired = m->prev;
	int first = m->cur == NULL;
	const uint64_t *ids =
		p && p->ids_ok && p->n == fresh->n ? p->ids : NULL;
	int counted = 0;

	m->n_tagged = 0;
	m->n_gone_live = 0;
	m->n_hidden = 0; /* the rows are made again, none hidden */
	if (p)
		p->took = 0;
	if (p && p->merged && p->gen == m->gen && p->n == fresh->n &&
	    (!p->n || p->rows[0].r == fresh->v)) {
		take_merged(m, p, now);
		counted = 1;
		goto installed;
	}

	/* the two row arrays take turns, as the snapshots do */
	m->rows = m->old;
	m->old = old;
	{
		size_t c = m->cap_rows;

		m->cap_rows = m->cap_old;
		m->cap_old = c;
	}
	m->rows = xgrow(m->rows, &m->cap_rows, fresh->n + n_old + 1,
			sizeof(*m->rows));
	if (!m->hash_ok)
		hash_build(m, old, n_old);
	m->n_deltas = 0;
	if (!m->t0_ok) {
		m->t0 = now;
		m->t0_ok = 1;
	}
	for (size_t i = 0; i < fresh->n; i++) {
		struct mrow *row = &m->rows[n++];

		row->r = &fresh->v[i];
		row->key = ids ? ids[i] : model_key(row->r);
		o = n_old ? hash_find(m, old, row->key) : NULL;
		if (o) {
			o->flags |= MROW_SEEN;
			row->since = o->since;
			row->flags = o->flags & MROW_TAGGED;
			m->n_tagged += !!row->flags;
		} else {
			row->since = model_rel_time(m->t0, now);
			row->flags = first ? 0 : MROW_NEW;
			m->n_deltas += !first;
		}
	}
	for (size_t i = 0; i < n_old; i++) {
		o = &old[i];
		if (!(o->flags & (MROW_GONE | MROW_SEEN))) {
			struct sk_rec *t =
				arena_alloc(&m->cur->arena, sizeof(*t));

			/* the record moves to the arena, which the
			 * tombstone keeps (what it points to is there) */
			*t = *o->r;
			m->rows[n] = *o;
			m->rows[n].r = t;
			m->rows[n++].flags = MROW_GONE;
			m->n_deltas++;
		}
		o->flags &= ~MROW_SEEN;
	}
	m->n_rows = n;
	hash_build(m, m->rows, n);
installed:
	m->hash_ok = 1;
	m->gen++;
	if (m->cur)
		tomb_only(m->cur, retired);
	m->prev = m->cur;
	m->cur = fresh;
	m->t_update = now;
	if (!counted)
		count(m);
	sort_rows(m, p);
	if (retired)
		snap_clear(retired);
	return retired;
}

static int key_cmp(const struct mkey *a, const struct mkey *b, int desc)
{
	int c = (int)a->last - (int)b->last;

	if (c)
		return c;
	c = mcol_cmp(a, b);
	if (c)
		return desc ? -c : c;
	c = (a->row > b->row) - (a->row < b->row);
	return desc ? -c : c;
}

/*
 * Puts the selection back on its socket, or at its old position.  The row
 * is found by its identity, then its position by a pass over order: a
 * sequential read instead of one through the order's indirection, which
 * misses the cache at every row past 100k.
 */
static void sel_restore(struct model *m)
{
	if (m->has_sel) {
		const struct mrow *r = model_row_by_key(m, m->sel_key);
		size_t row = r ? (size_t)(r - m->rows) : m->n_rows;

		for (size_t i = 0; row < m->n_rows && i < m->n_order; i++) {
			if (m->order[i] == row) {
				m->sel_pos = i;
				return;
			}
		}
	}
	if (m->sel_pos >= m->n_order)
		m->sel_pos = m->n_order ? m->n_order - 1 : 0;
	if (m->has_sel && m->n_order)
		m->sel_key = model_row(m, m->sel_pos)->key;
}

/* The keys of rows [from, to) for column col into keys[0..), row set. */
static void row_keys(const struct mrow *rows, size_t from, size_t to,
		     enum mcol col, const struct mfmt *f, struct mkey *keys)
{
	const struct mcol_def *c = mcol_get(col);

	for (size_t i = from; i < to; i++) {
		struct mkey *k = &keys[i - from];

		memset(k, 0, sizeof(*k));
		c->key(rows[i].r, f, k);
		k->row = (uint32_t)i;
	}
}

void model_src_key(size_t i, struct mkey *k, void *arg)
{
	const struct model_ksrc *ks = arg;

	ks->c->key(ks->rows ? ks->rows[i].r : &ks->v[i], ks->f, k);
}

/* Sorts rows[0..n) by col into out, the keys computed as needed. */
static void sort_rows_by(struct mcol_sorter *so, const struct mrow *rows,
			 size_t n, enum mcol col, int desc,
			 const struct mfmt *f, uint32_t *out)
{
	struct model_ksrc ks = {.c = mcol_get(col), .f = f, .rows = rows};

	mcol_sort_by(so, model_src_key, &ks, n, desc, out);
}

void model_refilter(struct model *m)
{
	size_t n = 0, hidden = 0;

	m->order = xgrow(m->order, &m->cap_order, m->n_rows + 1,
			 sizeof(*m->order));
	if (!m->ord_ok) {
		/* nothing sorted yet: dump order */
		m->all = xgrow(m->all, &m->cap_all, m->n_rows + 1,
			       sizeof(*m->all));
		for (size_t i = 0; i < m->n_rows; i++)
			m->all[i] = (uint32_t)i;
	}
	memset(&m->shown, 0, sizeof(m->shown));
	if (!m->match && !m->n_gone_live && !m->n_hidden) {
		/*
		 * every row shows, and the live ones are the snapshot's, none
		 * marked hidden: no pass through the rows (two cache misses a
		 * row past 100k)
		 */
		memcpy(m->order, m->all, m->n_rows * sizeof(*m->order));
		n = m->n_rows;
		m->shown = m->counts;
		m->shown.tx = m->shown.rx = 0;
		m->n_order = n;
		goto listed;
	}
	for (size_t i = 0; i < m->n_rows; i++) {
		uint32_t row = m->all[i];
		const struct sk_rec *r = m->rows[row].r;

		if (m->match && !m->match(r, m->match_arg)) {
			m->rows[row].flags |= MROW_HIDDEN;
			hidden++;
			continue;
		}
		m->rows[row].flags &= ~MROW_HIDDEN;
		m->order[n++] = row;
		if (m->rows[row].flags & MROW_GONE)
			continue;
		m->shown.total++;
		if (r->tab < SKT_COUNT)
			m->shown.tab[r->tab]++;
		if (r->tab == SKT_TCP && r->state < SKS_MAX)
			m->shown.tcp_state[r->state]++;
	}
	m->n_order = n;
	m->n_hidden = hidden;
listed:
	if (m->reorder)
		m->reorder(m, m->reorder_arg);
	sel_restore(m);
}

/*
 * With the fresh rows' keys sorted by the collector, only the tombstones
 * (few) are sorted here, then merged in: the same order as a full sort,
 * since the fresh rows come first in m->rows and ties go by row index
 * (descending in a descending order).
 * A collector that prepared another sort than the one now asked for still
 * gives a consistent order (its own); the loop re-sorts after.
 */
/* Whether the fresh row at p's position pos sorts before key t. */
static int fresh_before(const struct model *m, const struct mprep *p,
			size_t pos, const struct mkey *t)
{
	struct mkey k;
	uint32_t row = p->order[pos];

	memset(&k, 0, sizeof(k));
	mcol_get(p->col)->key(m->rows[row].r, m->fmt, &k);
	k.row = row;
	return key_cmp(&k, t, p->desc) < 0;
}

static void sort_rows(struct model *m, const struct mprep *p)
{
	size_t n_fresh = m->cur ? m->cur->n : 0, nt, i = 0, j, n = 0;

	if (!p || !p->sorted || p->n != n_fresh) {
		model_sort(m, m->sort_col, m->desc);
		return;
	}
	nt = m->n_rows - n_fresh;
	m->keys = xgrow(m->keys, &m->cap_keys, nt + 1, sizeof(*m->keys));
	m->idx = xgrow(m->idx, &m->cap_idx, nt + 1, sizeof(*m->idx));
	row_keys(m->rows, n_fresh, m->n_rows, p->col, m->fmt, m->keys);
	mcol_sort(&m->sorter, m->keys, nt, p->desc, m->idx);
	m->all = xgrow(m->all, &m->cap_all, m->n_rows + 1, sizeof(*m->all));
	/*
	 * Each tombstone goes before the first fresh row that does not sort
	 * before it: found by bisection, the fresh rows' keys computed for
	 * the few rows it looks at (the collector keeps none).
	 */
	for (j = 0; j < nt; j++) {
		const struct mkey *t = &m->keys[m->idx[j]];
		size_t lo = i, hi = n_fresh;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (fresh_before(m, p, mid, t))
				lo = mid + 1;
			else
				hi = mid;
		}
		memcpy(m->all + n, p->order + i, (lo - i) * sizeof(*m->all));
		n += lo - i;
		i = lo;
		m->all[n++] = t->row;
	}
	memcpy(m->all + n, p->order + i, (n_fresh - i) * sizeof(*m->all));
	n += n_fresh - i;
	m->ord_col = p->col;
	m->ord_desc = p->desc;
	m->ord_ok = 1;
	/* the collector read the owners as they were when it sorted */
	m->ord_stale = 0;
	model_refilter(m);
}

void model_sort(struct model *m, enum mcol col, int desc)
{
	size_t n = m->n_rows;

	m->sort_col = col;
	m->desc = desc;
	m->all = xgrow(m->all, &m->cap_all, n + 1, sizeof(*m->all));
	/* keys are in row order: their indices are the rows */
	sort_rows_by(&m->sorter, m->rows, n, col, desc, m->fmt, m->all);
	m->ord_col = col;
	m->ord_desc = desc;
	m->ord_ok = 1;
	m->ord_stale = 0;
	model_refilter(m);
}

int model_sort_pending(const struct model *m)
{
	return m->ord_ok && (m->ord_stale || m->ord_col != m->sort_col ||
			     m->ord_desc != m->desc);
}

void model_mark_stale(struct model *m)
{
	m->ord_stale = 1;
	m->stale_seq++;
}

static void reverse(uint32_t *v, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		uint32_t t = v[i];

		v[i] = v[n - 1 - i];
		v[n - 1 - i] = t;
	}
}

/*
 * v[0..n) in the other direction: ties go by row in the order's own
 * direction (key_cmp), so each part, the known values and the unknown
 * ones after them, is simply turned over.  The parts' boundary is found
 * by bisection: a few keys computed, O(log n), and no key per row.
 */
static void invert_all(const struct mrow *rows, enum mcol col,
		       const struct mfmt *f, uint32_t *v, size_t n)
{
	const struct mcol_def *c = mcol_get(col);
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct mkey k;

		memset(&k, 0, sizeof(k));
		c->key(rows[v[mid]].r, f, &k);
		if (k.last)
			hi = mid;
		else
			lo = mid + 1;
	}
	reverse(v, lo);
	reverse(v + lo, n - lo);
}

int model_invert(struct model *m)
{
	if (!m->ord_ok || m->ord_stale || m->ord_col != m->sort_col ||
	    m->ord_desc == m->desc)
		return 0;
	invert_all(m->rows, m->ord_col, m->fmt, m->all, m->n_rows);
	m->ord_desc = m->desc;
	model_refilter(m);
	return 1;
}

void model_job_init(struct mjob *j)
{
	memset(j, 0, sizeof(*j));
}

void model_job_free(struct mjob *j)
{
	free(j->order);
	mcol_sorter_free(&j->sorter);
	memset(j, 0, sizeof(*j));
}

void model_job_begin(const struct model *m, struct mjob *j)
{
	j->rows = m->rows;
	j->n = m->n_rows;
	j->col = m->sort_col;
	j->desc = m->desc;
	j->gen = m->gen;
	j->stale_seq = m->stale_seq;
	memset(&j->fmt, 0, sizeof(j->fmt));
	if (m->fmt) {
		j->fmt.own = m->fmt->own;
		j->fmt.threads = m->fmt->threads;
		/* --all-netns: the labels the Netns column shows (the
		 * snapshot stays while the job runs: the take waits) */
		j->fmt.snap = m->fmt->snap;
	}
	/* only the direction changed: the job turns a copy of `all` over */
	j->invert = m->ord_ok && !m->ord_stale && m->ord_col == m->sort_col &&
		    m->ord_desc != m->desc;
	if (j->invert) {
		j->order = xgrow(j->order, &j->cap_order, j->n + 1,
				 sizeof(*j->order));
		memcpy(j->order, m->all, j->n * sizeof(*j->order));
	}
}

void model_job_run(struct mjob *j)
{
	if (j->invert) {
		invert_all(j->rows, j->col, &j->fmt, j->order, j->n);
		return;
	}
	j->order = xgrow(j->order, &j->cap_order, j->n + 1, sizeof(*j->order));
	sort_rows_by(&j->sorter, j->rows, j->n, j->col, j->desc, &j->fmt,
		     j->order);
	/* re-sorts are rare: their scratch goes back */
	mcol_sorter_free(&j->sorter);
}

int model_job_end(struct model *m, struct mjob *j)
{
	uint32_t *t;
	size_t cap;

	if (j->gen != m->gen || j->n != m->n_rows || j->col != m->sort_col)
		return 0;
	/* the job's result becomes `all`; the old array is its next scratch */
	t = m->all;
	cap = m->cap_all;
	m->all = j->order;
	m->cap_all = j->cap_order;
	j->order = t;
	j->cap_order = cap;
	m->ord_col = j->col;
	m->ord_desc = j->desc;
	m->ord_ok = 1;
	/* keys that changed after the job began still want a sort */
	if (m->stale_seq == j->stale_seq)
		m->ord_stale = 0;
	model_refilter(m);
	return 1;
}

int model_has_deltas(const struct model *m)
{
	return m->n_deltas != 0;
}

void model_mem(const struct model *m, struct model_mem *mm)
{
	mm->rows = (m->cap_rows + m->cap_old) * sizeof(struct mrow);
	mm->order = (m->cap_all + m->cap_order) * sizeof(uint32_t);
	mm->keys = m->cap_keys * sizeof(*m->keys) +
		   m->cap_idx * sizeof(*m->idx) + mcol_sorter_mem(&m->sorter);
	mm->ids = (size_t)m->ids.cap * m->ids.size;
}

size_t model_job_mem(const struct mjob *j)
{
	return j->cap_order * sizeof(*j->order) + mcol_sorter_mem(&j->sorter);
}

void model_set_match(struct model *m, model_match_fn fn, void *arg)
{
	m->match = fn;
	m->match_arg = arg;
	model_refilter(m);
}
