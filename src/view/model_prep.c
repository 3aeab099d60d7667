/*
 * model_prep.c: the collector's side of a model update (see model.h's
 * struct mprep): identities, digest and order of a fresh snapshot, and,
 * against the model's rows as the dump began, the fresh rows merged, so
 * that the loop's thread only swaps them in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "model_int.h"
#include "xalloc.h"

void model_prep_init(struct mprep *p)
{
	memset(p, 0, sizeof(*p));
	hmap_init(&p->hash, sizeof(struct id_slot), 4);
}

void model_prep_free(struct mprep *p)
{
	free(p->ids);
	free(p->rows);
	free(p->order);
	free(p->gone);
	free(p->seen);
	free(p->ino_add);
	free(p->ino_del);
	hmap_free(&p->hash);
	mcol_sorter_free(&p->sorter);
	memset(p, 0, sizeof(*p));
}

/* One round of the digest: a bijection of h for each w, and of w for each h. */
static inline uint64_t dround(uint64_t h, uint64_t w)
{
	h ^= w * 0xc2b2ae3d27d4eb4fULL;
	h = h << 31 | h >> 33;
	return h * 0x9e3779b97f4a7c15ULL;
}

/*
 * What an unchanged refresh keeps: the columns' values without ext data.
 * Four rounds of a multiply and a rotation (an FNV byte loop over the same
 * 24 bytes was most of the cost of telling an unchanged dump).
 */
static uint64_t rec_digest(uint64_t h, uint64_t id, const struct sk_rec *r,
			   int timers)
{
	uint32_t flags = r->state | (uint32_t)r->shutdown << 8 |
			 (uint32_t)r->timer << 16 | (uint32_t)r->retrans << 24;

	h = dround(h, id);
	h = dround(h, (uint64_t)flags << 32 | r->rq);
	h = dround(h, (uint64_t)r->wq << 32 | r->uid);
	return dround(h,
		      (uint64_t)r->ifindex << 32 | (timers ? r->expires : 0));
}

static void prep_sort(struct mprep *p, const struct snap *s, enum mcol col,
		      int desc, const struct mfmt *f)
{
	struct model_ksrc ks = {.c = mcol_get(col), .f = f, .v = s->v};

	p->col = col;
	p->desc = desc;
	p->sorted = 1;
	p->order = xgrow(p->order, &p->cap_order, s->n + 1, sizeof(*p->order));
	/* the keys are computed as the sort needs them, never kept */
	mcol_sort_by(&p->sorter, model_src_key, &ks, s->n, p->desc, p->order);
}

static uint64_t digest(const struct snap *s, int timers)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ s->n;

	for (size_t i = 0; i < s->n; i++)
		h = rec_digest(h, model_key(&s->v[i]), &s->v[i], timers);
	return h;
}

int model_prep_same(struct mprep *p, const struct snap *s)
{
	if (s->n != p->n || digest(s, p->timers) != p->digest)
		return 0;
	return model_prep_keep(p);
}

int model_prep_keep(struct mprep *p)
{
	p->sorted = 0;
	p->ids_ok = 0;
	p->merged = 0;
	return 1;
}

void model_prepare(struct mprep *p, const struct snap *s, enum mcol col,
		   int desc, const struct mfmt *f)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ s->n;

	p->ids = xgrow(p->ids, &p->cap_ids, s->n + 1, sizeof(*p->ids));
	p->n = s->n;
	p->merged = 0;
	p->ids_ok = 1;
	for (size_t i = 0; i < s->n; i++) {
		const struct sk_rec *r = &s->v[i];

		p->ids[i] = model_key(r);
		h = rec_digest(h, p->ids[i], r, p->timers);
	}
	p->digest = h;
	prep_sort(p, s, col, desc, f);
}

void model_base(const struct model *m, struct mbase *b)
{
	b->rows = m->rows;
	b->n = m->hash_ok && m->cur ? m->cur->n : 0;
	b->ids = &m->ids;
	b->gen = m->gen;
	b->first = m->cur == NULL;
	b->t0 = m->t0;
	b->t0_ok = m->t0_ok;
	b->quiet = m->cur && !m->n_deltas && !model_sort_pending(m);
}

/*
 * The base's row that record key was (not yet matched), or -1: as the
 * model's own merge, a socket seen twice (no cookie) matches once.
 */
static long base_find(const struct mbase *b, const uint64_t *seen, uint64_t key)
{
	const struct id_slot *s = hmap_find(b->ids, hmap_key64(key));

	for (; s; s = hmap_next(b->ids, s)) {
		uint32_t o = s->row;

		if (o < b->n && b->rows[o].key == key &&
		    !(seen[o / 64] & (1ULL << (o % 64))))
			return o;
	}
	return -1;
}

/* Appends a nonzero inode to a list (the owners' delta). */
static void ino_note(uint32_t **v, size_t *n, size_t *cap, uint32_t ino)
{
	if (!ino)
		return;
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = ino;
}

/* A list the first merge filled with every inode is not kept for good. */
static void ino_trim(uint32_t **v, size_t *n, size_t *cap)
{
	if (*cap > 65536) {
		free(*v);
		*v = NULL;
		*cap = 0;
	}
	*n = 0;
}

void model_prepare_merge(struct mprep *p, const struct snap *s,
			 const struct mbase *b, double now, enum mcol col,
			 int desc, const struct mfmt *f)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ s->n;
	size_t words = b->n / 64 + 1;
	double t0 = b->t0_ok ? b->t0 : now;
	float since_now = model_rel_time(t0, now);

	/*
	 * The sort first, its scratch freed before the rows and the table
	 * are built: the two never hold memory at the same time.
	 */
	prep_sort(p, s, col, desc, f);
	mcol_sorter_free(&p->sorter);
	p->rows =
		xgrow(p->rows, &p->cap_rows, s->n + b->n + 1, sizeof(*p->rows));
	p->seen = xgrow(p->seen, &p->cap_seen, words, sizeof(*p->seen));
	memset(p->seen, 0, words * sizeof(*p->seen));
	p->n = s->n;
	p->ids_ok = 0;
	p->n_new = 0;
	p->took = 0;
	ino_trim(&p->ino_add, &p->n_ino_add, &p->cap_ino_add);
	ino_trim(&p->ino_del, &p->n_ino_del, &p->cap_ino_del);
	memset(&p->counts, 0, sizeof(p->counts));
	for (size_t i = 0; i < s->n; i++) {
		const struct sk_rec *r = &s->v[i];
		struct mrow *row = &p->rows[i];
		long o;

		row->r = r;
		row->key = model_key(r);
		h = rec_digest(h, row->key, r, p->timers);
		o = b->n ? base_find(b, p->seen, row->key) : -1;
		if (o >= 0) {
			uint32_t ino = b->rows[o].r->ino;

			p->seen[o / 64] |= 1ULL << (o % 64);
			row->since = b->rows[o].since;
			row->flags = 0;
			if (ino != r->ino) {
				ino_note(&p->ino_del, &p->n_ino_del,
					 &p->cap_ino_del, ino);
				ino_note(&p->ino_add, &p->n_ino_add,
					 &p->cap_ino_add, r->ino);
			}
		} else {
			row->since = since_now;
			row->flags = b->first ? 0 : MROW_NEW;
			p->n_new += !b->first;
			ino_note(&p->ino_add, &p->n_ino_add, &p->cap_ino_add,
				 r->ino);
		}
		if (r->tab < SKT_COUNT)
			p->counts.tab[r->tab]++;
		if (r->tab == SKT_TCP && r->state < SKS_MAX)
			p->counts.tcp_state[r->state]++;
		if (sk_rates(r)) {
			p->counts.tx += sk_rates(r)->tx;
			p->counts.rx += sk_rates(r)->rx;
		}
	}
	p->counts.total = (uint32_t)s->n;
	p->digest = h;
	p->n_gone = 0;
	for (size_t o = 0; o < b->n; o++) {
		if (p->seen[o / 64] & (1ULL << (o % 64)))
			continue;
		p->gone = xgrow(p->gone, &p->cap_gone, p->n_gone + 1,
				sizeof(*p->gone));
		p->gone[p->n_gone++] = (uint32_t)o;
		ino_note(&p->ino_del, &p->n_ino_del, &p->cap_ino_del,
			 b->rows[o].r->ino);
	}
	/* the tombstones join the table at the take */
	hmap_reset(&p->hash, s->n + p->n_gone);
	for (size_t i = 0; i < s->n; i++) {
		struct id_slot *sl =
			hmap_put(&p->hash, hmap_key64(p->rows[i].key));

		sl->row = (uint32_t)i;
	}
	p->gen = b->gen;
	p->t0 = t0;
	p->merged = 1;
}

size_t model_prep_mem(const struct mprep *p)
{
	return p->cap_ids * sizeof(*p->ids) + p->cap_rows * sizeof(*p->rows) +
	       p->cap_order * sizeof(*p->order) +
	       p->cap_gone * sizeof(*p->gone) + p->cap_seen * sizeof(*p->seen) +
	       (p->cap_ino_add + p->cap_ino_del) * sizeof(uint32_t) +
	       (size_t)p->hash.cap * p->hash.size + mcol_sorter_mem(&p->sorter);
}
