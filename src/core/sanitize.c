/*
 * sanitize.c: escaping of control characters in untrusted strings
 * (see sanitize.h).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "sanitize.h"

/*
 * Length of the valid, printable UTF-8 sequence at s, or 0 if the byte at
 * s must be escaped.  C1 controls (U+0080..U+009F) count as controls.
 */
static size_t utf8_ok(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	uint32_t cp;

	if (c >= 0x20 && c < 0x7f)
		return 1;
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
	if (cp >= 0x80 && cp <= 0x9f)
		return 0;
	return n;
}

/* Walks s and hands each piece (kept text or an escape) to emit(). */
static size_t walk(const char *s, size_t len,
		   void (*emit)(void *ctx, const char *p, size_t n), void *ctx)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, total = 0;

	while (i < len) {
		size_t ok = utf8_ok(u + i, len - i);

		if (ok) {
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

static void emit_file(void *ctx, const char *p, size_t n)
{
	fwrite(p, 1, n, ctx);
}

void san_fwrite(FILE *f, const char *s, size_t len)
{
	walk(s, len, emit_file, f);
}

int san_needed(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		size_t ok = utf8_ok(u + i, len - i);

		if (!ok)
			return 1;
		i += ok;
	}
	return 0;
}
