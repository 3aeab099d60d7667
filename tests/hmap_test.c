/*
 * hmap_test.c: the shared hash table (core/hmap.c) against a plain array
 * of what it should hold: 200 000 random adds, puts and deletes over a
 * small key range (long probe chains, wrap-around, growth), every key's
 * slots checked after each thousand; a key put several times is walked
 * in the order it was put; a new slot is zeroed but for its key; reset
 * empties and keeps the memory.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "hmap.h"

struct slot {
	uint32_t key;
	uint32_t val;
};

#define KEYS 3000

static unsigned long long rng = 88172645463325252ull;

static uint32_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

/* Every key in the table holds the value the model says, and no other. */
static int agrees(const struct hmap *h, const uint32_t *want)
{
	size_t n = 0;

	for (uint32_t k = 1; k <= KEYS; k++) {
		const struct slot *s = hmap_find(h, k);

		if (!want[k] != !s || (s && s->val != want[k]))
			return 0;
		if (s && hmap_next(h, s))
			return 0;
		n += s != NULL;
	}
	return n == h->n;
}

int main(void)
{
	static uint32_t want[KEYS + 1];
	struct hmap h;
	int bad = 0;

	hmap_init(&h, sizeof(struct slot), 4);
	for (int i = 0; i < 200000; i++) {
		uint32_t k = 1 + next_rand() % KEYS;
		struct slot *s;
		int added;

		if (next_rand() % 3) {
			s = hmap_add(&h, k, &added);
			/* a new slot is zeroed but for its key */
			if (added != !want[k] || (added && s->val))
				bad++;
			s->val = want[k] = (uint32_t)i + 1;
		} else if ((s = hmap_find(&h, k))) {
			hmap_del(&h, s);
			want[k] = 0;
		}
		if (i % 1000 == 999 && !agrees(&h, want))
			bad++;
	}
	CHECK_INT(bad, 0);
	CHECK(h.n * 2 <= h.cap);
	CHECK(hmap_find(&h, 0) == NULL);

	/* duplicates, walked in the order they were put */
	hmap_reset(&h, 10);
	CHECK_INT(h.n, 0);
	CHECK(h.cap > 32); /* memory kept */
	for (uint32_t v = 1; v <= 5; v++) {
		((struct slot *)hmap_put(&h, 7))->val = v;
		((struct slot *)hmap_put(&h, 7 + h.cap))->val = 10 + v;
	}
	{
		uint32_t got = 0;

		for (struct slot *s = hmap_find(&h, 7); s; s = hmap_next(&h, s))
			got = got * 10 + s->val;
		CHECK_INT(got, 12345);
	}
	hmap_free(&h);

	/*
	 * Reserved room: the keys already in stay (duplicates too, in their
	 * order), and adding up to the room asked for moves nothing (the
	 * table keeps its slots).
	 */
	{
		unsigned char *slots;
		uint32_t cap, lost = 0, got = 0;

		hmap_init(&h, sizeof(struct slot), 4);
		for (uint32_t k = 1; k <= 5; k++)
			((struct slot *)hmap_put(&h, k))->val = k;
		((struct slot *)hmap_put(&h, 3))->val = 33;
		hmap_reserve(&h, 1000);
		CHECK(h.cap >= 2000);
		CHECK_INT(h.n, 6);
		for (struct slot *s = hmap_find(&h, 3); s; s = hmap_next(&h, s))
			got = got * 100 + s->val;
		CHECK_INT(got, 333);
		slots = h.s;
		cap = h.cap;
		for (uint32_t k = 6; k <= 1000; k++)
			((struct slot *)hmap_add(&h, k, NULL))->val = k;
		CHECK(h.s == slots && h.cap == cap);
		for (uint32_t k = 1; k <= 1000; k++) {
			const struct slot *s = hmap_find(&h, k);

			lost += !s || s->val != (k == 3 ? 3 : k);
		}
		CHECK_INT(lost, 0);
		/* less room than it has: nothing changes */
		hmap_reserve(&h, 10);
		CHECK(h.s == slots && h.cap == cap);
		hmap_free(&h);
	}

	/*
	 * Chains that wrap around the end of a 16-slot table: 7 keys whose
	 * homes are 12..15, each deleted in turn from a fresh table; the
	 * others must all stay found.
	 */
	{
		uint32_t keys[7], n = 0, lost = 0;

		for (uint32_t k = 1; n < 7; k++)
			if ((uint32_t)(k * 2654435769u) >> 28 >= 12)
				keys[n++] = k;
		for (uint32_t d = 0; d < 7; d++) {
			hmap_init(&h, sizeof(struct slot), 4);
			for (uint32_t i = 0; i < 7; i++)
				hmap_put(&h, keys[i]);
			hmap_del(&h, hmap_find(&h, keys[d]));
			for (uint32_t i = 0; i < 7; i++)
				lost += !hmap_find(&h, keys[i]) != (i == d);
			hmap_free(&h);
		}
		CHECK_INT(lost, 0);
	}
	return check_done();
}
