/*
 * group.c: rows grouped by process, program, remote host, listening port
 * or network namespace (see group.h).
 *
 * One pass finds each visible row's group (a hash of the view's key), a
 * second sums the groups, then the groups are ranked and the order is
 * rewritten by a stable counting sort on the rank, so the column sort
 * already done holds within each group; a collapsed group's rows are left
 * out as they are placed.  The listening-port view first hashes every
 * listener of the model (a filter may hide them, not their ports).
 * Everything is O(rows) but the ranking of the groups, and the scratch
 * arrays are reused.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "group.h"
#include "hcode.h"
#include "i18n.h"
#include "owners.h"
#include "xalloc.h"

/* A slot of the key table: the 32 bits hashed, the group. */
struct key_slot {
	uint32_t k32;
	uint32_t group;
};

/* A slot of the collapsed set and of the pids counted (GV_PROG). */
struct flip_slot {
	uint32_t k32;
	uint32_t pad;
	uint64_t key;
};

/* A slot of the listening ports (GV_LPORT). */
struct lsn_slot {
	uint32_t k32;
	uint16_t port;
	uint8_t tab;
	uint64_t ino;
};

/* The catch-all groups' keys: no process, program or host has them. */
#define KEY_SPECIAL(kind) (0xfff0000000000000ull | (uint64_t)(kind))

static const struct {
	const char *id, *title;
} views[GV_COUNT] = {
	[GV_NONE] = {"none", N_("none")},
	[GV_PROC] = {"process", N_("process")},
	[GV_PROG] = {"program", N_("program (all its processes)")},
	[GV_RHOST] = {"host", N_("remote host")},
	[GV_LPORT] = {"port", N_("local listening port")},
	[GV_NETNS] = {"netns", N_("network namespace / container")},
};

const char *group_view_id(enum group_view v)
{
	return views[v < GV_COUNT ? v : GV_NONE].id;
}

const char *group_view_title(enum group_view v)
{
	return views[v < GV_COUNT ? v : GV_NONE].title;
}

int group_view_by_id(const char *id)
{
	for (int v = 0; v < GV_COUNT; v++)
		if (!strcmp(id, views[v].id))
			return v;
	return -1;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ull;
	return h;
}

#define FNV0 0xcbf29ce484222325ull

/* A 64-bit mix (splitmix64's finalizer): words hashed in a few steps. */
static uint64_t mix(uint64_t h, uint64_t w)
{
	h ^= w + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	return h ^ (h >> 31);
}

static uint32_t k32_of(uint64_t key)
{
	uint32_t k = (uint32_t)(key ^ (key >> 32));

	return k ? k : 1;
}

void group_init(struct group *g, const struct own_map *own, int threads)
{
	memset(g, 0, sizeof(*g));
	g->own = own;
	g->threads = threads;
	g->hsel = -1;
	g->last = GV_PROC;
	hmap_init(&g->keys, sizeof(struct key_slot), 4);
	hmap_init(&g->flip, sizeof(struct flip_slot), 4);
	hmap_init(&g->procs, sizeof(struct flip_slot), 4);
	hmap_init(&g->lsn, sizeof(struct lsn_slot), 4);
}

void group_free(struct group *g)
{
	free(g->v);
	free(g->row_grp);
	hmap_free(&g->keys);
	hmap_free(&g->flip);
	hmap_free(&g->procs);
	hmap_free(&g->lsn);
	free(g->rank);
	free(g->tmp);
	free(g->names);
	memset(g, 0, sizeof(*g));
}

const char *group_head_name(const struct group *g, const struct group_head *h)
{
	return h->name_at ? g->names + h->name_at - 1 : h->name;
}

void group_set_view(struct group *g, enum group_view v)
{
	g->view = v < GV_COUNT ? v : GV_NONE;
	hmap_reset(&g->flip, 0);
	g->coll_all = 0;
	g->hsel = -1;
	g->hsel_on = 0;
	g->n = 0;
	g->names_len = 0;
}

/* Finds key in a table of flip_slots: the slot or NULL. */
static struct flip_slot *flip_find(const struct hmap *h, uint64_t key)
{
	struct flip_slot *s;

	for (s = hmap_find(h, k32_of(key)); s; s = hmap_next(h, s))
		if (s->key == key)
			return s;
	return NULL;
}

int group_collapsed(const struct group *g, uint64_t key)
{
	return g->coll_all ^ (flip_find(&g->flip, key) != NULL);
}

void group_collapse(struct group *g, uint64_t key, int on)
{
	struct flip_slot *s;

	if (group_collapsed(g, key) == !!on)
		return;
	s = flip_find(&g->flip, key);
	if (s) {
		hmap_del(&g->flip, s);
	} else {
		s = hmap_put(&g->flip, k32_of(key));
		s->key = key;
	}
}

void group_collapse_all(struct group *g, int on)
{
	hmap_reset(&g->flip, 0);
	g->coll_all = !!on;
}

size_t group_flips(const struct group *g, uint64_t *out, size_t max)
{
	size_t n = 0;

	for (uint32_t i = 0; i < g->flip.cap && n < max; i++) {
		const struct flip_slot *s = hmap_slot(&g->flip, i);

		if (s->k32)
			out[n++] = s->key;
	}
	return n;
}

/* What a row's group is, before it is looked up. */
struct gkey {
	enum group_kind kind;
	uint64_t key;
	int pid;
	const char *name;
	uint8_t family, tab;
	const uint8_t *addr;
	uint16_t port;
	uint64_t ino;
};

static int head_is(const struct group *g, const struct group_head *h,
		   const struct gkey *k, enum group_view v)
{
	if (h->kind != k->kind || h->key != k->key)
		return 0;
	if (k->kind != GROUP_KEYED)
		return 1;
	switch (v) {
	case GV_PROC:
		return h->pid == k->pid;
	case GV_PROG:
		return !strcmp(group_head_name(g, h), k->name);
	case GV_RHOST:
		return h->family == k->family && !memcmp(h->addr, k->addr, 16);
	case GV_LPORT:
		return h->ino == k->ino && h->tab == k->tab &&
		       h->port == k->port;
	default:
		return h->ino == k->ino;
	}
}

static uint32_t new_group(struct group *g, const struct gkey *k)
{
	struct group_head *h;

	g->v = xgrow(g->v, &g->cap, g->n + 1, sizeof(*g->v));
	h = &g->v[g->n];
	memset(h, 0, sizeof(*h));
	h->kind = k->kind;
	h->key = k->key;
	h->pid = k->pid;
	if (k->name)
		snprintf(h->name, sizeof(h->name), "%s", k->name);
	if (k->name && strlen(k->name) >= sizeof(h->name)) {
		size_t len = strlen(k->name) + 1;

		g->names =
			xgrow(g->names, &g->cap_names, g->names_len + len, 1);
		memcpy(g->names + g->names_len, k->name, len);
		h->name_at = (uint32_t)g->names_len + 1;
		g->names_len += len;
	}
	h->family = k->family;
	h->tab = k->tab;
	if (k->addr)
		memcpy(h->addr, k->addr, 16);
	h->port = k->port;
	h->ino = k->ino;
	return (uint32_t)g->n++;
}

/* The group of k, created on first sight. */
static uint32_t lookup(struct group *g, const struct gkey *k)
{
	uint32_t k32 = k32_of(k->key);
	struct key_slot *s;
	uint32_t id;

	for (s = hmap_find(&g->keys, k32); s; s = hmap_next(&g->keys, s))
		if (head_is(g, &g->v[s->group], k, g->view))
			return s->group;
	id = new_group(g, k);
	s = hmap_put(&g->keys, k32);
	s->group = id;
	return id;
}

static void special(struct gkey *k, enum group_kind kind)
{
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->key = KEY_SPECIAL(kind);
}

/* The namespace of a row's record (its snapshot's range), or NULL. */
static const struct snap_ns *ns_of(const struct model *m,
				   const struct sk_rec *r)
{
	const struct snap_ns *ns = snap_ns_rec(m->cur, r);

	return ns ? ns : snap_ns_rec(m->prev, r);
}

static int is_inet(const struct sk_rec *r)
{
	return r->family == AF_INET || r->family == AF_INET6;
}

static int is_listener_tab(unsigned tab)
{
	return tab == SKT_TCP || tab == SKT_SCTP || tab == SKT_DCCP ||
	       tab == SKT_MPTCP;
}

static uint64_t port_key(uint64_t ino, uint8_t tab, uint16_t port)
{
	return mix(mix(FNV0, ino), (uint64_t)tab << 16 | port);
}

/* The key of a peer address (family, 16 bytes). */
static uint64_t host_key(uint8_t family, const uint8_t *a)
{
	uint64_t w0, w1;

	memcpy(&w0, a, 8);
	memcpy(&w1, a + 8, 8);
	return mix(mix(mix(FNV0, family), w0), w1);
}

static struct lsn_slot *lsn_find(const struct group *g, uint64_t key,
				 uint64_t ino, uint8_t tab, uint16_t port)
{
	struct lsn_slot *s;

	for (s = hmap_find(&g->lsn, k32_of(key)); s; s = hmap_next(&g->lsn, s))
		if (s->ino == ino && s->tab == tab && s->port == port)
			return s;
	return NULL;
}

/* GV_LPORT: every listener of the model, shown or not. */
static void find_listeners(struct group *g, const struct model *m)
{
	hmap_reset(&g->lsn, 16);
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct sk_rec *r = m->rows[i].r;
		const struct snap_ns *ns;
		struct lsn_slot *s;
		uint64_t ino, key;

		if (r->state != SKS_LISTEN || !is_inet(r) ||
		    !is_listener_tab(r->tab) || (r->has & SKR_SCTP_ASSOC) ||
		    (m->rows[i].flags & MROW_GONE))
			continue;
		ns = ns_of(m, r);
		ino = ns ? ns->ino : 0;
		key = port_key(ino, r->tab, r->sport);
		if (lsn_find(g, key, ino, r->tab, r->sport))
			continue;
		s = hmap_put(&g->lsn, k32_of(key));
		s->port = r->sport;
		s->tab = r->tab;
		s->ino = ino;
	}
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The owner's part of a row's key (GV_PROC, GV_PROG). */
static void owner_key(const struct group *g, const struct sk_rec *r,
		      struct gkey *k)
{
	struct own_owner o;
	enum own_state st = OWN_NONE;

	if (g->own && (r->has & SKR_HAS_INO) && r->ino)
		st = own_lookup(g->own, r->ino);
	if (st == OWN_FOUND && !own_owners(g->own, r->ino, g->threads, &o, 1))
		st = OWN_NONE;
	if (st != OWN_FOUND) {
		special(k, st == OWN_PENDING ? GROUP_PENDING : GROUP_NOOWNER);
		return;
	}
	memset(k, 0, sizeof(*k));
	k->kind = GROUP_KEYED;
	k->pid = o.pid;
	k->name = o.name ? o.name : "";
	if (g->view == GV_PROC)
		k->key = (uint64_t)(uint32_t)o.pid;
	else
		k->key = fnv(FNV0, k->name, strlen(k->name));
}

/* A row's group in the current view. */
static uint32_t find_group(struct group *g, const struct model *m,
			   const struct sk_rec *r, int *pid)
{
	const struct snap_ns *ns;
	struct gkey k;

	switch (g->view) {
	case GV_PROC:
	case GV_PROG:
		owner_key(g, r, &k);
		*pid = k.pid;
		break;
	case GV_RHOST:
		special(&k, GROUP_OTHER);
		if (is_inet(r) &&
		    !all_zero(r->a.in.dst, r->family == AF_INET ? 4 : 16)) {
			k.kind = GROUP_KEYED;
			k.family = r->family;
			k.addr = r->a.in.dst;
			k.key = host_key(k.family, k.addr);
		}
		break;
	case GV_LPORT:
		special(&k, GROUP_OTHER);
		if (is_inet(r) && is_listener_tab(r->tab) && g->lsn.n) {
			uint64_t ino, key;

			ns = ns_of(m, r);
			ino = ns ? ns->ino : 0;
			key = port_key(ino, r->tab, r->sport);
			if (lsn_find(g, key, ino, r->tab, r->sport)) {
				k.kind = GROUP_KEYED;
				k.key = key;
				k.ino = ino;
				k.tab = r->tab;
				k.port = r->sport;
				k.name = ns ? ns->label : NULL;
			}
		}
		break;
	default: /* GV_NETNS */
		ns = ns_of(m, r);
		special(&k, GROUP_OTHER);
		if (ns) {
			k.kind = GROUP_KEYED;
			k.ino = ns->ino;
			k.key = ns->ino;
			k.name = ns->label;
		}
		break;
	}
	return lookup(g, &k);
}

/* GV_PROG: counts pid in group h once. */
static void count_proc(struct group *g, struct group_head *h, int pid)
{
	uint64_t key = (uint64_t)(uint32_t)pid;
	struct flip_slot *s;

	if (h->kind != GROUP_KEYED || flip_find(&g->procs, key))
		return;
	s = hmap_put(&g->procs, k32_of(key));
	s->key = key;
	h->n_proc++;
}

static void add_row(struct group *g, struct group_head *h,
		    const struct mrow *row)
{
	const struct sk_rec *r = row->r;

	h->n++;
	if (r->state == SKS_LISTEN && !(r->has & SKR_SCTP_ASSOC) &&
	    r->tab != SKT_UDP) {
		/* a listener's queues count connections, not bytes */
		h->n_listen++;
		h->acc += r->rq;
		h->acc_max += r->wq;
	} else {
		h->rq += r->rq;
		h->wq += r->wq;
	}
	if (r->state < SKS_MAX && !(r->has & SKR_SCTP_ASSOC))
		h->state[r->state]++;
	if (r->health) {
		h->n_health++;
		for (unsigned i = 0; i < SKH_COUNT; i++)
			if (r->health & hcode_get(i)->bit)
				h->health[i]++;
	}
	if (r->x && (r->x->present & SKX_SKMEM) &&
	    r->x->skmem_n > SK_MEMINFO_DROPS)
		h->drops += r->x->skmem[SK_MEMINFO_DROPS];
	if (sk_rates(r) && !(row->flags & MROW_GONE)) {
		h->tx += r->tc->tx;
		h->rx += r->tc->rx;
		h->n_rated++;
	}
	(void)g;
}

static int cmp_u64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

/* Two groups in the order the sort column gives their totals. */
static int head_cmp(const struct group *g, const struct group_head *a,
		    const struct group_head *b, enum mcol col, int desc)
{
	int c = 0;

	/* the catch-all groups come last, whatever the order */
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
	case MC_HEALTH:
		c = cmp_u64(a->n_health, b->n_health);
		break;
	case MC_PROCESS:
	case MC_NETNS:
		c = strcmp(group_head_name(g, a), group_head_name(g, b));
		if (!c)
			c = cmp_u64((uint64_t)a->pid, (uint64_t)b->pid);
		break;
	case MC_PEER:
		c = cmp_u64(a->family, b->family);
		if (!c)
			c = memcmp(a->addr, b->addr, 16);
		break;
	case MC_LOCAL:
		c = cmp_u64(a->port, b->port);
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
	const struct group *g;
	const struct group_head *v;
	enum mcol col;
	int desc;
};

static int rank_cmp(const void *pa, const void *pb, void *arg)
{
	const struct rank_ctx *x = arg;

	return head_cmp(x->g, &x->v[*(const uint32_t *)pa],
			&x->v[*(const uint32_t *)pb], x->col, x->desc);
}

/* Ranks the groups (g->rank, g->tmp) and puts them in screen order. */
static void rank_groups(struct group *g, const struct model *m)
{
	struct rank_ctx ctx;
	struct group_head *sorted;

	for (size_t k = 0; k < g->n; k++)
		g->tmp[k] = (uint32_t)k;
	ctx = (struct rank_ctx){
		.g = g, .v = g->v, .col = m->sort_col, .desc = m->desc};
	qsort_r(g->tmp, g->n, sizeof(uint32_t), rank_cmp, &ctx);
	for (size_t k = 0; k < g->n; k++)
		g->rank[g->tmp[k]] = (uint32_t)k;
	/* the heads in screen order, each with its start in the new order */
	sorted = xmalloc((g->n + 1) * sizeof(*sorted));
	for (size_t k = 0, start = 0; k < g->n; k++) {
		sorted[k] = g->v[g->tmp[k]];
		sorted[k].shown =
			group_collapsed(g, sorted[k].key) ? 0 : sorted[k].n;
		sorted[k].first = (uint32_t)start;
		start += sorted[k].shown;
	}
	free(g->v);
	g->v = sorted;
	g->cap = g->n + 1;
}

void group_apply(struct model *m, void *arg)
{
	struct group *g = arg;
	size_t n = m->n_order, n_shown = 0, n_last = g->n;

	g->n = 0;
	g->names_len = 0;
	g->hsel = -1;
	g->n_hidden = 0;
	if (g->view == GV_NONE)
		return;
	/* sized for the last pass's groups and pids (they grow as needed):
	 * sized for the rows, a pass cleared megabytes of empty slots */
	hmap_reset(&g->keys, n_last + 2);
	if (g->view == GV_PROG)
		hmap_reset(&g->procs, g->procs.n + 2);
	if (g->view == GV_LPORT)
		find_listeners(g, m);
	g->row_grp = xgrow(g->row_grp, &g->cap_row, n + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++) {
		const struct mrow *row = model_row(m, i);
		int pid = 0;
		uint32_t k = find_group(g, m, row->r, &pid);
		struct group_head *h = &g->v[k];

		if (!h->n)
			h->first = (uint32_t)i;
		if (g->view == GV_PROG && pid)
			count_proc(g, h, pid);
		add_row(g, h, row);
		g->row_grp[i] = k;
	}
	g->n_ns = m->cur ? (unsigned)m->cur->n_ns : 0;
	/* rank[k]: the screen position of group k */
	g->tmp = xgrow(g->tmp, &g->cap_tmp, g->n + n + 1, sizeof(uint32_t));
	g->rank = xgrow(g->rank, &g->cap_rank, g->n + 1, sizeof(uint32_t));
	rank_groups(g, m);
	/* stable counting sort of the order by group rank, collapsed
	 * groups' rows left out */
	{
		uint32_t *out = g->tmp;

		for (size_t i = 0; i < n; i++) {
			struct group_head *h = &g->v[g->rank[g->row_grp[i]]];

			if (h->shown)
				out[h->first++] = m->order[i];
			else if (!(m->rows[m->order[i]].flags & MROW_GONE))
				g->n_hidden++;
		}
		for (size_t k = 0; k < g->n; k++) {
			g->v[k].first -= g->v[k].shown;
			n_shown += g->v[k].shown;
		}
		memcpy(m->order, out, n_shown * sizeof(*out));
		m->n_order = n_shown;
	}
	for (size_t k = 0; k < g->n; k++)
		if (g->v[k].key == g->hsel_key)
			g->hsel = (long)k;
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

size_t group_head_line(const struct group *g, size_t k)
{
	return k < g->n ? g->v[k].first + k : 0;
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
