/*
 * sschunk.h: when ss 6.1 renders.  ss keeps its output in 1 MB chunks of
 * length-prefixed fields and renders (column widths, then text) each time
 * a row starts with 5 chunks or more in use, and once at the end; the
 * widths only ever grow.  Printing byte for byte what ss prints, without
 * holding every row, means rendering at exactly the same rows, so this
 * replays ss's accounting of its chunks from the fields' lengths alone.
 */
#ifndef SSTOP_SSCHUNK_H
#define SSTOP_SSCHUNK_H

#include <stddef.h>

struct sschunk {
	int chunks;    /* chunks in use; 0 when nothing is buffered */
	size_t cur;    /* offset of the open field's length word */
	size_t curlen; /* bytes in the open field */
	size_t end;    /* end of the data in the last chunk */
};

/* Chunks at which ss renders before the next row. */
#define SSCHUNK_MAX 5

/* Nothing buffered (the start, and after each render). */
void sschunk_init(struct sschunk *b);
/* len bytes appended to the open field (ss's out()). */
void sschunk_write(struct sschunk *b, size_t len);
/* The open field is done; a new, empty one opens (ss's field_flush()). */
void sschunk_flush(struct sschunk *b);
/* 1 when ss would render now, at the start of a row. */
int sschunk_full(const struct sschunk *b);

/* A chunk's data: 1 MB less its header (next and end pointers). */
#define SSCHUNK_DATA ((size_t)1024 * 1024 - 2 * sizeof(void *))

/*
 * sschunk_flush(), with a few additions when the chunk has room to spare
 * (the same condition as sschunk_flush()'s own).
 */
static inline void sschunk_end(struct sschunk *b)
{
	size_t pad = b->curlen & 1;

	if (b->chunks && b->end + pad + 2 <= SSCHUNK_DATA) {
		b->cur += 2 + b->curlen + pad;
		b->curlen = 0;
		b->end = b->cur + 2;
		return;
	}
	sschunk_flush(b);
}

/*
 * A whole field of len bytes, then a new one opens: sschunk_write() (when
 * len) and sschunk_flush(), in the same state, with a few additions when
 * the field opens empty and fits in the chunk with room to spare (the
 * common case: once per cell of a listing).
 */
static inline void sschunk_field(struct sschunk *b, size_t len)
{
	size_t pad = len & 1;

	if (b->chunks && b->curlen == 0 &&
	    b->end + len + pad + 2 <= SSCHUNK_DATA && len <= 65535) {
		b->cur += 2 + len + pad;
		b->end = b->cur + 2;
		return;
	}
	if (len)
		sschunk_write(b, len);
	sschunk_flush(b);
}

#endif
