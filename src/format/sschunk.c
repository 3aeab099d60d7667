/*
 * sschunk.c: ss 6.1's output chunks, counted (see sschunk.h).  Only the
 * offsets matter: a chunk is 1 MB less its two-pointer header, a field
 * is a 16-bit length word then its bytes, padded to an even offset; a
 * field that does not fit moves whole to a new chunk.  Writing a field in
 * one piece or in several ends in the same state, so whole fields do.
 */
#include "config.h"

#include "sschunk.h"

#define CHUNK_DATA SSCHUNK_DATA
#define LEN_WORD 2
#define FIELD_MAX 65535u

static void chunk_new(struct sschunk *b)
{
	b->chunks++;
	b->cur = 0;
	b->curlen = 0;
	b->end = LEN_WORD;
}

void sschunk_init(struct sschunk *b)
{
	b->chunks = 0;
	b->cur = b->curlen = b->end = 0;
}

void sschunk_write(struct sschunk *b, size_t len)
{
	size_t avail;

	if (!b->chunks)
		chunk_new(b);
	avail = CHUNK_DATA - b->end;
	if (len >= avail && b->cur != 0) {
		/* The open field moves to a chunk of its own. */
		size_t keep = b->curlen;

		chunk_new(b);
		b->curlen = keep;
		b->end = LEN_WORD + keep;
		avail = CHUNK_DATA - b->end;
	}
	if (len > avail)
		len = avail;
	if (len > FIELD_MAX - b->curlen)
		len = FIELD_MAX - b->curlen;
	b->end += len;
	b->curlen += len;
}

void sschunk_flush(struct sschunk *b)
{
	size_t pad = b->curlen % 2;

	if (!b->chunks)
		chunk_new(b);
	if (CHUNK_DATA - b->end < pad + LEN_WORD) {
		b->end += pad;
		chunk_new(b);
		return;
	}
	b->cur += LEN_WORD + b->curlen + pad;
	b->curlen = 0;
	b->end = b->cur + LEN_WORD;
}

int sschunk_full(const struct sschunk *b)
{
	return b->chunks >= SSCHUNK_MAX;
}
