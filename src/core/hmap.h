/*
 * hmap.h: the open-addressing hash table that the owners map (inodes,
 * tasks), the model (row identities), the groups (pids) and the health
 * history (socket identities) share.
 *
 * Slots are the caller's structs, all of one size, each beginning with a
 * uint32_t key; key 0 marks an empty slot, so 0 is never a key.  Linear
 * probing from a Fibonacci hash of the key, a power-of-two size kept at
 * most half full, deletion by backward shift (no tombstones).  A key may
 * be put several times (hmap_put): hmap_find and hmap_next then walk its
 * slots in the order they were put.  Adding may move every slot: a slot
 * pointer is good until the next hmap_add, hmap_put or hmap_del.
 */
#ifndef SSTOP_HMAP_H
#define SSTOP_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap {
	unsigned char *s; /* cap slots (owned) */
	size_t size;	  /* bytes of a slot */
	uint32_t cap, n, bits;
};

/* An empty table of 1 << bits slots of size bytes (a uint32_t key first). */
void hmap_init(struct hmap *h, size_t size, uint32_t bits);
void hmap_free(struct hmap *h);
/*
 * Empties the table, with room for n keys at most half full (16 slots at
 * least); its memory is kept when it is large enough already.
 */
void hmap_reset(struct hmap *h, size_t n);

/*
 * Room for n keys in all at most half full: the table grows once now
 * (moving what it holds) instead of doubling again and again as they come.
 */
void hmap_reserve(struct hmap *h, size_t n);

/* Slot i (i < h->cap), empty or not. */
static inline void *hmap_slot(const struct hmap *h, uint32_t i)
{
	return h->s + (size_t)i * h->size;
}

/* A 64-bit identity folded into a key (never 0). */
static inline uint32_t hmap_key64(uint64_t key)
{
	uint32_t k = (uint32_t)(key ^ key >> 32);

	return k ? k : 1;
}

/* The first slot holding key, or NULL (always for key 0). */
void *hmap_find(const struct hmap *h, uint32_t key);
/* The next slot holding the same key as slot, or NULL. */
void *hmap_next(const struct hmap *h, const void *slot);
/*
 * The slot holding key, added (zeroed but for the key) when there is none;
 * *added (may be NULL) tells which.
 */
void *hmap_add(struct hmap *h, uint32_t key, int *added);
/* A new slot for key (zeroed but for the key), even if key has one. */
void *hmap_put(struct hmap *h, uint32_t key);
/* Empties slot (from hmap_find/next/add/put). */
void hmap_del(struct hmap *h, void *slot);

#endif
