/*
 * snap.c: snapshots of sockets and the arena they live in (see snap.h).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "i18n.h"
#include "snap.h"
#include "xalloc.h"

struct arena_chunk {
	struct arena_chunk *next;
	size_t size, used;
	unsigned char data[];
};

#define ARENA_CHUNK (256u * 1024u)

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *c = a->head;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (!c || c->size - c->used < n) {
		if (a->free && a->free->size >= n) {
			c = a->free;
			a->free = c->next;
		} else {
			size_t sz = n > ARENA_CHUNK ? n : ARENA_CHUNK;

			c = xmalloc(sizeof(*c) + sz);
			c->size = sz;
		}
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = c->data + c->used;
	c->used += n;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const void *s, size_t n)
{
	char *d = arena_alloc(a, n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void arena_reset(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		c->next = a->free;
		a->free = c;
	}
	a->head = NULL;
	a->used = 0;
}

static void chunks_free(struct arena_chunk *c)
{
	struct arena_chunk *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
}

void arena_free(struct arena *a)
{
	chunks_free(a->head);
	chunks_free(a->free);
	memset(a, 0, sizeof(*a));
}

void snap_init(struct snap *s)
{
	memset(s, 0, sizeof(*s));
}

void snap_clear(struct snap *s)
{
	snap_ctr_release(s);
	s->mark_n = 0;
	s->n = 0;
	s->n_notes = 0;
	s->n_ns = 0;
	s->n_shared = 0;
	s->next_shared = 0;
	arena_reset(&s->arena);
}

void snap_free(struct snap *s)
{
	snap_ctr_release(s);
	free(s->v);
	free(s->notes);
	free(s->ns);
	arena_free(&s->arena);
	memset(s, 0, sizeof(*s));
}

struct sk_ctr *snap_ctr(struct snap *s, uint32_t *idx)
{
	struct sk_ctr *c;

	if (s->n_ctr == s->cap_ctr) {
		size_t cap = s->cap_ctr ? s->cap_ctr * 2 : 4096;
		void *p = s->ctr ? mremap(s->ctr, s->cap_ctr * sizeof(*c),
					  cap * sizeof(*c), MREMAP_MAYMOVE)
				 : mmap(NULL, cap * sizeof(*c),
					PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			xalloc_oom(cap * sizeof(*c));
		s->ctr = p;
		s->cap_ctr = cap;
	}
	c = &s->ctr[s->n_ctr];
	memset(c, 0, sizeof(*c));
	*idx = (uint32_t)s->n_ctr++;
	return c;
}

void snap_ctr_release(struct snap *s)
{
	if (s->ctr)
		munmap(s->ctr, s->cap_ctr * sizeof(*s->ctr));
	s->ctr = NULL;
	s->n_ctr = s->cap_ctr = 0;
}

struct sk_rec *snap_push(struct snap *s)
{
	struct sk_rec *r;

	s->mark_chunk = s->arena.head;
	s->mark_used = s->arena.head ? s->arena.head->used : 0;
	s->mark_total = s->arena.used;
	s->mark_shared = s->shared_made;
	s->mark_n = s->n + 1;
	s->mark_ctr = s->n_ctr;

	s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
	r = &s->v[s->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* Gives back what the arena handed out since the last snap_push. */
static void arena_rewind(struct snap *s)
{
	struct arena *a = &s->arena;

	while (a->head && a->head != s->mark_chunk) {
		struct arena_chunk *c = a->head;

		a->head = c->next;
		c->next = a->free;
		a->free = c;
	}
	if (a->head)
		a->head->used = s->mark_used;
	a->used = s->mark_total;
}

void snap_pop(struct snap *s)
{
	if (!s->n)
		return;
	/* Shared blocks are remembered by later records: keep them. */
	if (s->n == s->mark_n && s->shared_made == s->mark_shared)
		arena_rewind(s);
	/* its counters too (nothing else points at them) */
	if (s->n == s->mark_n)
		s->n_ctr = s->mark_ctr;
	s->mark_n = 0;
	s->n--;
}

static size_t chunks_mem(const struct arena_chunk *c)
{
	size_t n = 0;

	for (; c; c = c->next)
		n += sizeof(*c) + c->size;
	return n;
}

size_t snap_mem(const struct snap *s)
{
	return s->cap * sizeof(*s->v) + chunks_mem(s->arena.head) +
	       chunks_mem(s->arena.free) + s->cap_ctr * sizeof(*s->ctr) +
	       s->cap_notes * sizeof(*s->notes) + s->cap_ns * sizeof(*s->ns);
}

struct sk_ext *snap_ext(struct snap *s, struct sk_rec *r)
{
	if (!r->x)
		r->x = arena_alloc(&s->arena, sizeof(*r->x));
	return r->x;
}

struct sk_ext *snap_ext_shared(struct snap *s, const struct sk_ext *x)
{
	struct sk_ext *b;
	unsigned int i;

	for (i = 0; i < s->n_shared; i++)
		if (!memcmp(s->shared[i], x, sizeof(*x)))
			return s->shared[i];
	b = arena_alloc(&s->arena, sizeof(*b));
	s->shared_made++;
	memcpy(b, x, sizeof(*b));
	/* A few distinct values at most: replace round robin beyond that. */
	s->shared[s->next_shared] = b;
	s->next_shared = (s->next_shared + 1) % SNAP_SHARED;
	if (s->n_shared < SNAP_SHARED)
		s->n_shared++;
	return b;
}

void snap_note(struct snap *s, enum sk_tab tab, int family, int err)
{
	struct snap_note *n;

	s->notes = xgrow(s->notes, &s->cap_notes, s->n_notes + 1,
			 sizeof(*s->notes));
	n = &s->notes[s->n_notes++];
	n->tab = (uint8_t)tab;
	n->family = (uint8_t)family;
	n->err = err;
}

/* Whether a note means the kernel lacks the table (no diag module). */
static int note_absent(const struct snap_note *n)
{
	return n->err == ENOENT || n->err == EOPNOTSUPP ||
	       n->err == EPROTONOSUPPORT || n->err == EAFNOSUPPORT;
}

int snap_note_next(const struct snap *s, uint32_t *said, char *buf, size_t n)
{
	for (size_t i = 0; i < s->n_notes; i++) {
		const struct snap_note *t = &s->notes[i];
		const char *name = sk_tab_name((enum sk_tab)t->tab);

		if (*said & SKT_BIT(t->tab))
			continue;
		*said |= SKT_BIT(t->tab);
		if (note_absent(t))
			snprintf(buf, n,
				 _("%s sockets are not available in this "
				   "kernel"),
				 name);
		else
			snprintf(buf, n, _("cannot list %s sockets: %s"), name,
				 strerror(t->err));
		return 1;
	}
	return 0;
}

struct snap_ns *snap_ns_begin(struct snap *s, uint64_t ino)
{
	struct snap_ns *ns;

	if (s->n_ns == s->cap_ns)
		s->ns = xgrow(s->ns, &s->cap_ns, s->n_ns + 1, sizeof(*s->ns));
	ns = &s->ns[s->n_ns++];
	memset(ns, 0, sizeof(*ns));
	ns->first = s->n;
	ns->ino = ino;
	ns->label = ns->container = ns->runtime = ns->path = "";
	return ns;
}

/* The last range whose first is <= i (empty ranges come before it). */
static const struct snap_ns *range_of(const struct snap *s, size_t i)
{
	size_t lo = 0, hi = s->n_ns;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s->ns[mid].first <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &s->ns[lo - 1] : NULL;
}

uint64_t snap_ns_of(const struct snap *s, size_t i)
{
	const struct snap_ns *ns = range_of(s, i);

	return ns ? ns->ino : 0;
}

const struct snap_ns *snap_ns_rec(const struct snap *s, const struct sk_rec *r)
{
	if (!s || !s->n_ns || r < s->v || r >= s->v + s->n)
		return NULL;
	return range_of(s, (size_t)(r - s->v));
}
