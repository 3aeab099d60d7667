/*
 * hcode.h: the health codes' names (see sock.h, enum sk_health), for
 * every output: the ids that --json, --metrics and the rc file use (never
 * translated), the short words of the screen's Health column, and a
 * code's one-line meaning for the help and the header.  No I/O.
 */
#ifndef SSTOP_HCODE_H
#define SSTOP_HCODE_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

struct hcode_def {
	uint32_t bit;	    /* SKH_* */
	const char *id;	    /* "zero-window": JSON, metrics; not translated */
	const char *word;   /* "zero-win": the column's short word */
	const char *metric; /* "zero_window": a Prometheus label value */
};

/*
 * The codes, most urgent first (index 0 .. SKH_COUNT-1); the same order
 * everywhere: header counts, the column, the detail pane, JSON arrays.
 */
const struct hcode_def *hcode_get(unsigned i);
/* Index of a code's bit (exactly one bit set), or -1. */
int hcode_index(uint32_t bit);
/*
 * Writes the short words of the codes in bits, most urgent first, joined
 * by ',' into buf (n bytes, always NUL-terminated; empty when healthy).
 * Returns the length it needed.
 */
size_t hcode_words(uint32_t bits, char *buf, size_t n);
/* The same with the ids ("zero-window,close-wait"). */
size_t hcode_ids(uint32_t bits, char *buf, size_t n);

#endif
