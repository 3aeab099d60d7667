/*
 * model_int.h: what model.c and model_prep.c share (not for other files).
 */
#ifndef SSTOP_MODEL_INT_H
#define SSTOP_MODEL_INT_H

#include <stddef.h>
#include <stdint.h>

#include "mcol.h"
#include "model.h"

static inline uint64_t mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

static inline uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 0x100000001b3ULL;
	return h;
}

/* A slot of the identity table: the identity folded to 32 bits, its row. */
struct id_slot {
	uint32_t key;
	uint32_t row;
};

/* Where mcol_sort_by finds the keys: rows' records, or a snapshot's. */
struct model_ksrc {
	const struct mcol_def *c;
	const struct mfmt *f;
	const struct mrow *rows; /* or NULL: */
	const struct sk_rec *v;
};

/* mcol_sort_by's key callback over a struct model_ksrc. */
void model_src_key(size_t i, struct mkey *k, void *arg);

#endif
