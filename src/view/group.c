/*
 * group.c: rows grouped by owning process (see group.h).
 *
 * One pass finds each visible row's group (a pid hash over the first
 * owner), a second sums the groups, then the groups are ranked and the
 * order is rewritten by a stable counting sort on the rank, so the column
 * sort already done holds within each group.  Everything is O(rows) but
 * the ranking of the groups, and the scratch arrays are reused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "owners.h"
#include "xalloc.h"

/* A slot of the pid table: a process's pid, its group. */
struct pid_slot {
	uint32_t pid;
	uint32_t group;
};

void group_init(struct group *g, const struct own_map *own, int threads)
{
	memset(g, 0, sizeof(*g));
	g->own = own;
	g->threads = threads;
	hmap_init(&g->pids, sizeof(struct pid_slot), 4);
}

void group_free(struct group *g)
{
	free(g->v);
	free(g->row_grp);
	hmap_free(&g->pids);
	free(g->rank);
	free(g->tmp);
	memset(g, 0, sizeof(*g));
}

static uint32_t new_group(struct group *g, enum group_kind kind, int pid,
			  const char *name)
{
	struct group_head *h;

	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	h = &g->v[g->n];
	memset(h, 0, sizeof(*h));
	h->kind = kind;
	h->pid = pid;
	if (name)
		snprintf(h->name, sizeof(h->name), "%s", name);
	return (uint32_t)g->n++;
}

/* The group of a record, created on first sight. */
static uint32_t find_group(struct group *g, const struct sk_rec *r,
			   uint32_t special[2])
{
	struct own_owner o;
	struct pid_slot *s;
	enum own_state st = OWN_NONE;
	int added;

	if (g->own && (r->has & SKR_HAS_INO) && r->ino)
		st = own_lookup(g->own, r->ino);
	if (st == OWN_FOUND && !own_owners(g->own, r->ino, g->threads, &o, 1))
		st = OWN_NONE;
	if (st != OWN_FOUND) {
		int k = st == OWN_PENDING;

		if (special[k] == UINT32_MAX)
			special[k] = new_group(
				g, k ? GROUP_PENDING : GROUP_NOOWNER, 0, NULL);
		return special[k];
	}
	s = hmap_add(&g->pids, (uint32_t)o.pid, &added);
	if (added)
		s->group = new_group(g, GROUP_PROC, o.pid, o.name);
	return s->group;
}

static int cmp_u64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

/* Two groups in the order the sort column gives their totals. */
static int head_cmp(const struct group_head *a, const struct group_head *b,
		    enum mcol col, int desc)
{
	int c = 0;

	/* the unknown owners come last, whatever the order */
	if (a->kind != b->kind)
		return cmp_u64(a->kind, b->kind);
	switch (col) {
	case MC_RECVQ:
		c = cmp_u64(a->rq, b->rq);
		break;
	case MC_SENDQ:
		c = cmp_u64(a->wq, b->wq);
		break;
	case MC_TXRATE:
		c = (a->tx > b->tx) - (a->tx < b->tx);
		break;
	case MC_RXRATE:
		c = (a->rx > b->rx) - (a->rx < b->rx);
		break;
	case MC_PROCESS:
		c = strcmp(a->name, b->name);
		if (!c)
			c = cmp_u64((uint64_t)a->pid, (uint64_t)b->pid);
		break;
	default:
		break;
	}
	if (desc)
		c = -c;
	/* else, or on a tie: where the group's first row sorted */
	return c ? c : cmp_u64(a->first, b->first);
}

struct rank_ctx {
	const struct group_head *v;
	enum mcol col;
	int desc;
};

static int rank_cmp(const void *pa, const void *pb, void *arg)
{
	const struct rank_ctx *x = arg;

	return head_cmp(&x->v[*(const uint32_t *)pa],
			&x->v[*(const uint32_t *)pb], x->col, x->desc);
}

void group_apply(struct model *m, void *arg)
{
	struct group *g = arg;
	uint32_t special[2] = {UINT32_MAX, UINT32_MAX};
	size_t n = m->n_order;
	struct rank_ctx ctx;
	struct group_head *sorted;

	g->n = 0;
	hmap_reset(&g->pids, n + 2);
	g->row_grp = xgrow(g->row_grp, &g->cap_row, n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++) {
		const struct sk_rec *r = model_row(m, i)->r;
		uint32_t k = find_group(g, r, special);
		struct group_head *h = &g->v[k];

		if (!h->n)
			h->first = (uint32_t)i;
		h->n++;
		h->rq += r->rq;
		if (r->state != SKS_LISTEN)
			h->wq += r->wq;
		if (r->state < SKS_MAX && !(r->has & SKR_SCTP_ASSOC))
			h->state[r->state]++;
		h->n_health += r->health != 0;
		if (r->x && (r->x->present & SKX_SKMEM) &&
		    r->x->skmem_n > SK_MEMINFO_DROPS)
			h->drops += r->x->skmem[SK_MEMINFO_DROPS];
		if (sk_rates(r) && !(model_row(m, i)->flags & MROW_GONE)) {
			h->tx += r->tc->tx;
			h->rx += r->tc->rx;
			h->n_rated++;
		}
		g->row_grp[i] = k;
	}
	/* rank[k]: the screen position of group k */
	g->tmp = xgrow(g->tmp, &g->cap_tmp, g->n + n + 1, sizeof(uint32_t));
	g->rank = xgrow(g->rank, &g->cap_rank, g->n + 1, sizeof(uint32_t));
	for (size_t k = 0; k < g->n; k++)
		g->tmp[k] = (uint32_t)k;
	ctx = (struct rank_ctx){.v = g->v, .col = m->sort_col, .desc = m->desc};
	qsort_r(g->tmp, g->n, sizeof(uint32_t), rank_cmp, &ctx);
	for (size_t k = 0; k < g->n; k++)
		g->rank[g->tmp[k]] = (uint32_t)k;
	/* the heads in screen order, each with its start in the new order */
	sorted = xmalloc((g->n + 1) * sizeof(*sorted));
	for (size_t k = 0, start = 0; k < g->n; k++) {
		sorted[k] = g->v[g->tmp[k]];
		sorted[k].first = (uint32_t)start;
		start += sorted[k].n;
	}
	/* stable counting sort of the order by group rank */
	{
		uint32_t *out = g->tmp;

		for (size_t i = 0; i < n; i++) {
			struct group_head *h = &sorted[g->rank[g->row_grp[i]]];

			out[h->first++] = m->order[i];
		}
		memcpy(m->order, out, n * sizeof(*out));
	}
	for (size_t k = 0; k < g->n; k++)
		sorted[k].first -= sorted[k].n;
	free(g->v);
	g->v = sorted;
	g->cap = g->n + 1;
}

size_t group_lines(const struct group *g, size_t n_rows)
{
	return n_rows + g->n;
}

/* The group holding row position pos (binary search on the starts). */
static size_t group_of(const struct group *g, size_t pos)
{
	size_t lo = 0, hi = g->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->v[mid].first <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t group_line_of(const struct group *g, size_t pos)
{
	if (!g->n)
		return pos;
	return pos + group_of(g, pos) + 1;
}

long group_row_at(const struct group *g, size_t line)
{
	size_t lo = 0, hi = g->n;

	if (!g->n)
		return (long)line;
	/* the last group whose header line is at or before line */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->v[mid].first + mid <= line)
			lo = mid;
		else
			hi = mid;
	}
	if (line == g->v[lo].first + lo)
		return -1 - (long)lo;
	return (long)(line - lo - 1);
}
