/*
 * hcode.c: the health codes' names (see hcode.h).  One table, most urgent
 * first, so that every output lists codes in the same order.
 */
#include "config.h"

#include <string.h>

#include "hcode.h"

static const struct hcode_def defs[SKH_COUNT] = {
	{.bit = SKH_ZERO_WINDOW,
	 .id = "zero-window",
	 .word = "zero-win",
	 .metric = "zero_window"},
	{.bit = SKH_ACCEPTQ_FULL,
	 .id = "accept-queue-full",
	 .word = "accept-q",
	 .metric = "accept_queue_full"},
	{.bit = SKH_RCVBUF_FULL,
	 .id = "rcvbuf-full",
	 .word = "rcvbuf",
	 .metric = "rcvbuf_full"},
	{.bit = SKH_CLOSE_WAIT,
	 .id = "close-wait",
	 .word = "close-wt",
	 .metric = "close_wait"},
	{.bit = SKH_SYN_STUCK,
	 .id = "syn-stuck",
	 .word = "syn-stuck",
	 .metric = "syn_stuck"},
	{.bit = SKH_RETRANS,
	 .id = "retransmitting",
	 .word = "retrans",
	 .metric = "retransmitting"},
};

const struct hcode_def *hcode_get(unsigned i)
{
	return i < SKH_COUNT ? &defs[i] : NULL;
}

int hcode_index(uint32_t bit)
{
	for (unsigned i = 0; i < SKH_COUNT; i++)
		if (defs[i].bit == bit)
			return (int)i;
	return -1;
}

/* Appends l bytes of s at buf[at], truncated to fit n, NUL-terminated. */
static void put(char *buf, size_t n, size_t at, const char *s, size_t l)
{
	size_t k;

	if (at + 1 >= n)
		return;
	k = l < n - 1 - at ? l : n - 1 - at;
	memcpy(buf + at, s, k);
	buf[at + k] = '\0';
}

static size_t join(uint32_t bits, int ids, char *buf, size_t n)
{
	size_t len = 0;

	if (n)
		buf[0] = '\0';
	for (unsigned i = 0; i < SKH_COUNT; i++) {
		const char *w = ids ? defs[i].id : defs[i].word;
		size_t l = strlen(w);

		if (!(bits & defs[i].bit))
			continue;
		if (len)
			put(buf, n, len++, ",", 1);
		put(buf, n, len, w, l);
		len += l;
	}
	return len;
}

size_t hcode_words(uint32_t bits, char *buf, size_t n)
{
	return join(bits, 0, buf, n);
}

size_t hcode_ids(uint32_t bits, char *buf, size_t n)
{
	return join(bits, 1, buf, n);
}
