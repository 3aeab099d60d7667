/*
 * hmap.c: the shared open-addressing hash table (see hmap.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "xalloc.h"

static uint32_t key_of(const void *slot)
{
	uint32_t k;

	memcpy(&k, slot, sizeof(k));
	return k;
}

static uint32_t home(const struct hmap *h, uint32_t key)
{
	/* Fibonacci hashing: consecutive keys spread over the table. */
	return (uint32_t)(key * 2654435769u) >> (32 - h->bits);
}

static uint32_t index_of(const struct hmap *h, const void *slot)
{
	return (uint32_t)(((const unsigned char *)slot - h->s) / h->size);
}

void hmap_init(struct hmap *h, size_t size, uint32_t bits)
{
	h->size = size;
	h->bits = bits;
	h->cap = 1u << bits;
	h->n = 0;
	h->s = xcalloc(h->cap, size);
}

void hmap_free(struct hmap *h)
{
	free(h->s);
	h->s = NULL;
	h->cap = h->n = 0;
}

void hmap_reset(struct hmap *h, size_t n)
{
	uint32_t bits = 4;

	while (((size_t)1 << bits) < 2 * n)
		bits++;
	if (bits > h->bits || !h->s) {
		free(h->s);
		hmap_init(h, h->size, bits);
		return;
	}
	memset(h->s, 0, (size_t)h->cap * h->size);
	h->n = 0;
}

static void *probe(const struct hmap *h, uint32_t i, uint32_t key)
{
	uint32_t mask = h->cap - 1;

	for (;; i = (i + 1) & mask) {
		uint32_t k = key_of(hmap_slot(h, i));

		if (k == key)
			return hmap_slot(h, i);
		if (!k)
			return NULL;
	}
}

void *hmap_find(const struct hmap *h, uint32_t key)
{
	if (!key || !h->s)
		return NULL;
	return probe(h, home(h, key), key);
}

void *hmap_next(const struct hmap *h, const void *slot)
{
	uint32_t key = key_of(slot);

	return probe(h, (index_of(h, slot) + 1) & (h->cap - 1), key);
}

/* Puts a copy of slot v in the first empty slot of its chain. */
static void *place(struct hmap *h, const void *v)
{
	uint32_t mask = h->cap - 1;
	uint32_t i = home(h, key_of(v));

	while (key_of(hmap_slot(h, i)))
		i = (i + 1) & mask;
	memcpy(hmap_slot(h, i), v, h->size);
	h->n++;
	return hmap_slot(h, i);
}

/* Moves every key into a table of 1 << bits slots. */
static void resize(struct hmap *h, uint32_t bits)
{
	struct hmap old = *h;

	hmap_init(h, old.size, bits);
	for (uint32_t i = 0; i < old.cap; i++)
		if (key_of(hmap_slot(&old, i)))
			place(h, hmap_slot(&old, i));
	free(old.s);
}

static void grow(struct hmap *h)
{
	resize(h, h->bits + 1);
}

void hmap_reserve(struct hmap *h, size_t n)
{
	uint32_t bits = h->bits;

	while (((size_t)1 << bits) < 2 * n)
		bits++;
	if (bits > h->bits)
		resize(h, bits);
}

void *hmap_put(struct hmap *h, uint32_t key)
{
	uint32_t mask, i;

	if ((h->n + 1) * 2 > h->cap)
		grow(h);
	mask = h->cap - 1;
	for (i = home(h, key); key_of(hmap_slot(h, i)); i = (i + 1) & mask)
		;
	/* an empty slot is all zeroes (hmap_init, hmap_reset, hmap_del) */
	memcpy(hmap_slot(h, i), &key, sizeof(key));
	h->n++;
	return hmap_slot(h, i);
}

void *hmap_add(struct hmap *h, uint32_t key, int *added)
{
	void *s = hmap_find(h, key);

	if (added)
		*added = !s;
	return s ? s : hmap_put(h, key);
}

void hmap_del(struct hmap *h, void *slot)
{
	uint32_t mask = h->cap - 1;
	uint32_t i = index_of(h, slot), j = i, k;

	for (;;) {
		j = (j + 1) & mask;
		if (!key_of(hmap_slot(h, j)))
			break;
		k = home(h, key_of(hmap_slot(h, j)));
		/* move j back to i unless its home lies cyclically in (i, j] */
		if (i <= j ? (k <= i || k > j) : (k <= i && k > j)) {
			memcpy(hmap_slot(h, i), hmap_slot(h, j), h->size);
			i = j;
		}
	}
	memset(hmap_slot(h, i), 0, h->size);
	h->n--;
}
