/*
 * msgfit.c: messages shortened in their middle, never at their end (see
 * msgfit.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgfit.h"
#include "xalloc.h"

/* Bytes of s[0..n) that end on a UTF-8 character's boundary. */
static size_t head_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* The start of the last n bytes of s[0..len), on a character. */
static size_t tail_from(const char *s, size_t len, size_t n)
{
	size_t at = len - n;

	while (at < len && ((unsigned char)s[at] & 0xc0) == 0x80)
		at++;
	return at;
}

size_t msg_vfit(char *dst, size_t n, const char *fmt, va_list ap)
{
	va_list again;
	size_t len, head, tail;
	char *full;
	int k;

	va_copy(again, ap);
	k = vsnprintf(dst, n, fmt, ap);
	if (k < 0 || (size_t)k < n || n < 16) {
		va_end(again);
		if (k < 0 && n)
			dst[0] = '\0';
		return n ? strlen(dst) : 0;
	}
	len = (size_t)k;
	full = xmalloc(len + 1);
	vsnprintf(full, len + 1, fmt, again);
	va_end(again);
	/* a third for the start, the rest for the end (the reason) */
	head = head_cut(full, (n - 4) / 3);
	tail = tail_from(full, len, n - 4 - head - 1);
	memcpy(dst, full, head);
	memcpy(dst + head, "...", 3);
	memcpy(dst + head + 3, full + tail, len - tail);
	dst[head + 3 + (len - tail)] = '\0';
	free(full);
	return head + 3 + (len - tail);
}

size_t msg_fit(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	size_t k;

	va_start(ap, fmt);
	k = msg_vfit(dst, n, fmt, ap);
	va_end(ap);
	return k;
}
