/*
 * sanitize.c: escaping of control characters in untrusted strings
 * (see sanitize.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sanitize.h"

size_t san_utf8(const char *str, size_t len, uint32_t *cp_out)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c < 0x80) {
		*cp_out = c;
		return 1;
	}
	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (len < n)
		return 0;
	cp = c & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	*cp_out = cp;
	return n;
}

int san_invisible(uint32_t cp)
{
	/* Bidi controls, zero-width and other format characters. */
	return cp == 0xad || cp == 0x61c || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) ||
	       (cp >= 0xe0000 && cp <= 0xe007f);
}

int san_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

/* Walks s and hands each piece (kept text or an escape) to emit(). */
static size_t walk(const char *s, size_t len,
		   void (*emit)(void *ctx, const char *p, size_t n), void *ctx)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, total = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t ok = san_utf8(s + i, len - i, &cp);

		if (ok && san_invisible(cp)) {
			/* Shown by number: "\u202e", "\U000e0041". */
			char esc[12];
			int n = snprintf(esc, sizeof(esc),
					 cp > 0xffff ? "\\U%08x" : "\\u%04x",
					 (unsigned)cp);

			emit(ctx, esc, (size_t)n);
			total += (size_t)n;
			i += ok;
		} else if (ok && !san_control(cp)) {
			emit(ctx, s + i, ok);
			total += ok;
			i += ok;
		} else {
			static const char hex[] = "0123456789abcdef";
			char esc[4] = {'\\', 'x', hex[u[i] >> 4],
				       hex[u[i] & 15]};

			emit(ctx, esc, 4);
			total += 4;
			i++;
		}
	}
	return total;
}

struct buf {
	char *dst;
	size_t size, len;
};

static void emit_buf(void *ctx, const char *p, size_t n)
{
	struct buf *b = ctx;

	if (b->size && b->len < b->size - 1) {
		size_t room = b->size - 1 - b->len;

		memcpy(b->dst + b->len, p, n < room ? n : room);
	}
	b->len += n;
}

size_t san_escape(char *dst, size_t dstsz, const char *s, size_t len)
{
	struct buf b = {dst, dstsz, 0};
	size_t total = walk(s, len, emit_buf, &b);

	if (dstsz)
		dst[b.len < dstsz ? b.len : dstsz - 1] = '\0';
	return total;
}

int san_needed(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp = 0;
		size_t ok = san_utf8(s + i, len - i, &cp);

		if (!ok || san_control(cp) || san_invisible(cp))
			return 1;
		i += ok;
	}
	return 0;
}
