/*
 * mcol_sort.c: the table's sort (mcol_sort in mcol.h): the rows' keys,
 * computed once by the columns (mcol.c), compared (mcol_cmp) or radix
 * sorted on the few bytes that vary.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcol.h"
#include "xalloc.h"

static int cmp_u64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

int mcol_desc_first(enum mcol c)
{
	return (unsigned)c < MC_COUNT && (mcol_get(c)->right || c == MC_HEALTH);
}

/* Compares the column's value only; the row tie-break is the caller's. */
int mcol_cmp(const struct mkey *x, const struct mkey *y)
{
	int c;
	size_t n;

	if ((c = cmp_u64(x->a, y->a)) || (c = cmp_u64(x->b, y->b)) ||
	    (c = cmp_u64(x->c, y->c)) || (c = cmp_u64(x->d, y->d)))
		return c;
	n = x->slen < y->slen ? x->slen : y->slen;
	if (n && (c = memcmp(x->s, y->s, n)))
		return c;
	return cmp_u64(x->slen, y->slen);
}

/*
 * Sorting.  A column's key is up to 33 bytes (last, a..d) plus a string,
 * but across the rows of one table few of those bytes vary: the netid is
 * one byte, 127.x.y.z:port a handful.  Those bytes, packed big-endian into
 * 64 or 128 bits (inverted when descending, `last` above them all), sort by LSD
 * radix: each pass is stable, so equal keys stay in index order (descending
 * when the order is: packed from the last index), which is the model's
 * tie-break.  glibc's qsort took 40-250 ms for 100-200k rows,
 * mostly in comparisons that tie on the value and go on to the row.
 */
/*
 * A radix buffer: the packed keys as arrays (the low 64 bits, the high
 * ones only for keys of more than 8 varying bytes) and their indices:
 * 12 bytes a row for most columns, 20 for the widest.
 */
struct rk_buf {
	uint64_t *lo, *hi; /* hi: NULL when every key fits in lo */
	uint32_t *i;
};

struct sort_ctx {
	const struct mkey *keys;
	int desc;
	int pos; /* indices are positions in an order made already: ties
		    keep it (ascending), whatever the direction */
};

void mcol_sorter_free(struct mcol_sorter *s)
{
	free(s->a);
	free(s->b);
	free(s->keys);
	free(s->run);
	memset(s, 0, sizeof(*s));
}

size_t mcol_sorter_mem(const struct mcol_sorter *s)
{
	return 2 * s->cap + s->cap_keys * sizeof(*s->keys) +
	       s->cap_run * sizeof(*s->run);
}

/* The whole order on indices (the fallback, and runs that tie on a..d). */
static int idx_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *x = arg;
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct mkey *a = &x->keys[ia], *b = &x->keys[ib];
	int c = (int)a->last - (int)b->last;

	if (c)
		return c;
	c = mcol_cmp(a, b);
	if (c)
		return x->desc ? -c : c;
	c = (ia > ib) - (ia < ib);
	return x->desc && !x->pos ? -c : c;
}

/* The 5 fields in order of significance: last, a, b, c, d. */
static uint64_t field(const struct mkey *k, int f)
{
	switch (f) {
	case 0:
		return k->last;
	case 1:
		return k->a;
	case 2:
		return k->b;
	case 3:
		return k->c;
	default:
		return k->d;
	}
}

/* The varying bytes of diff (per field), most significant first, as
 * field * 8 + byte; returns how many (more than 16: no radix sort). */
static int vary_sel(const uint64_t diff[5], uint8_t sel[16])
{
	int v = 0;

	for (int f = 0; f < 5; f++) {
		for (int b = 7; b >= 0; b--) {
			if (!((diff[f] >> (8 * b)) & 0xff))
				continue;
			if (v == 16)
				return 17;
			sel[v++] = (uint8_t)(f * 8 + b);
		}
	}
	return v;
}

/*
 * The varying bytes, most significant first (vary_sel); *str tells
 * whether any key has a string.
 */
static int vary(const struct mkey *keys, size_t n, uint8_t sel[16], int *str)
{
	uint64_t diff[5] = {0};

	*str = 0;
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < 5; f++)
			diff[f] |= field(&keys[i], f) ^ field(&keys[0], f);
		*str |= keys[i].slen != 0;
	}
	return vary_sel(diff, sel);
}

static unsigned rk_byte(const struct rk_buf *x, size_t i, int p)
{
	return (unsigned)((p < 8 ? x->lo[i] >> (8 * p)
				 : x->hi[i] >> (8 * (p - 8))) &
			  0xff);
}

/*
 * Packs k's varying bytes as row i of x (index i; descending, index i at
 * row n - 1 - i: the passes are stable, so ties come out in descending
 * index order); counts its bytes.
 */
static void rk_pack(struct rk_buf *x, size_t n, size_t i, const struct mkey *k,
		    const uint8_t *sel, int v, int desc, uint32_t cnt[16][256])
{
	size_t at = desc ? n - 1 - i : i;

	uint64_t hi = 0, lo = 0;

	for (int j = 0; j < v; j++) {
		int f = sel[j] >> 3;
		unsigned b =
			(unsigned)(field(k, f) >> (8 * (sel[j] & 7))) & 0xff;

		if (desc && f)
			b ^= 0xff;
		hi = hi << 8 | lo >> 56;
		lo = lo << 8 | b;
	}
	x->lo[at] = lo;
	if (x->hi)
		x->hi[at] = hi;
	x->i[at] = (uint32_t)i;
	for (int p = 0; p < v; p++)
		cnt[p][(p < 8 ? lo >> (8 * p) : hi >> (8 * (p - 8))) & 0xff]++;
}

/* Sets x (in s->a) and y (in s->b) up for n keys of v varying bytes. */
static void rk_bufs(struct mcol_sorter *s, size_t n, int v, struct rk_buf *x,
		    struct rk_buf *y)
{
	int wide = v > 8;
	size_t need = n * (wide ? 20 : 12);
	struct rk_buf *b[2] = {x, y};

	if (s->cap < need) {
		free(s->a);
		free(s->b);
		s->cap = need;
		s->a = xmalloc(need);
		s->b = xmalloc(need);
	}
	for (int k = 0; k < 2; k++) {
		unsigned char *m = k ? s->b : s->a;

		b[k]->lo = (uint64_t *)m;
		b[k]->hi = wide ? (uint64_t *)(m + 8 * n) : NULL;
		b[k]->i = (uint32_t *)(m + (wide ? 16 : 8) * n);
	}
}

static int rk_eq(const struct rk_buf *x, size_t a, size_t b)
{
	return x->lo[a] == x->lo[b] && (!x->hi || x->hi[a] == x->hi[b]);
}

/* LSD passes over the packed keys in src; writes the order to out and
 * returns the buffer that holds the sorted keys. */
static struct rk_buf radix(struct rk_buf src, struct rk_buf dst, size_t n,
			   int v, uint32_t cnt[16][256], uint32_t *out)
{
	for (int p = 0; p < v; p++) {
		uint32_t sum = 0;
		struct rk_buf t;

		if (cnt[p][rk_byte(&src, 0, p)] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			uint32_t c = cnt[p][b];

			cnt[p][b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++) {
			uint32_t d = cnt[p][rk_byte(&src, i, p)]++;

			dst.lo[d] = src.lo[i];
			if (src.hi)
				dst.hi[d] = src.hi[i];
			dst.i[d] = src.i[i];
		}
		t = src;
		src = dst;
		dst = t;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = src.i[i];
	return src;
}

/* Runs of equal packed keys where a string decides: sorted by qsort. */
static void fix_strings(const struct rk_buf *v, size_t n, uint32_t *out,
			struct sort_ctx *ctx)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;
		int str = ctx->keys[v->i[i]].slen != 0;

		while (j < n && rk_eq(v, i, j))
			str |= ctx->keys[v->i[j++]].slen != 0;
		if (j - i > 1 && str)
			qsort_r(out + i, j - i, sizeof(*out), idx_cmp, ctx);
		i = j;
	}
}

void mcol_sort(struct mcol_sorter *s, const struct mkey *keys, size_t n,
	       int desc, uint32_t *out)
{
	struct sort_ctx ctx = {.keys = keys, .desc = desc};
	uint32_t cnt[16][256];
	struct rk_buf x, y;
	uint8_t sel[16];
	int v, str;

	if (!n)
		return;
	v = vary(keys, n, sel, &str);
	if (v > 16) {
		for (size_t i = 0; i < n; i++)
			out[i] = (uint32_t)i;
		qsort_r(out, n, sizeof(*out), idx_cmp, &ctx);
		return;
	}
	rk_bufs(s, n, v, &x, &y);
	memset(cnt, 0, sizeof(cnt[0]) * (size_t)v);
	for (size_t i = 0; i < n; i++)
		rk_pack(&x, n, i, &keys[i], sel, v, desc, cnt);
	x = radix(x, y, n, v, cnt, out);
	if (str)
		fix_strings(&x, n, out, &ctx);
}

static void key_at(mcol_key_at fn, void *arg, size_t i, struct mkey *k)
{
	memset(k, 0, sizeof(*k));
	fn(i, k, arg);
}

/*
 * mcol_sort_by's runs of equal packed keys where a string decides: the
 * run's keys computed into s->keys, sorted by qsort on the run's own
 * positions (in the radix's order, so ties still go by index).
 */
static void fix_strings_by(struct mcol_sorter *s, const struct rk_buf *v,
			   size_t n, uint32_t *out, mcol_key_at fn, void *arg,
			   int desc)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1, len;
		struct sort_ctx ctx = {.desc = desc, .pos = 1};
		int str = 0;

		while (j < n && rk_eq(v, i, j))
			j++;
		len = j - i;
		if (len < 2) {
			i = j;
			continue;
		}
		s->keys = xgrow(s->keys, &s->cap_keys, len, sizeof(*s->keys));
		s->run = xgrow(s->run, &s->cap_run, 2 * len, sizeof(*s->run));
		for (size_t t = 0; t < len; t++) {
			key_at(fn, arg, out[i + t], &s->keys[t]);
			str |= s->keys[t].slen != 0;
			s->run[t] = (uint32_t)t;
			s->run[len + t] = out[i + t];
		}
		if (str) {
			ctx.keys = s->keys;
			qsort_r(s->run, len, sizeof(*s->run), idx_cmp, &ctx);
			for (size_t t = 0; t < len; t++)
				out[i + t] = s->run[len + s->run[t]];
		}
		i = j;
	}
}

void mcol_sort_by(struct mcol_sorter *s, mcol_key_at fn, void *arg, size_t n,
		  int desc, uint32_t *out)
{
	uint64_t diff[5] = {0}, f0[5];
	uint32_t cnt[16][256];
	struct rk_buf x, y;
	struct mkey k;
	uint8_t sel[16];
	int v, str;

	if (!n)
		return;
	/* first pass: which bytes vary, whether a string shows up */
	key_at(fn, arg, 0, &k);
	for (int f = 0; f < 5; f++)
		f0[f] = field(&k, f);
	str = k.slen != 0;
	for (size_t i = 1; i < n; i++) {
		key_at(fn, arg, i, &k);
		for (int f = 0; f < 5; f++)
			diff[f] |= field(&k, f) ^ f0[f];
		str |= k.slen != 0;
	}
	v = vary_sel(diff, sel);
	if (v > 16) {
		/* too many: the keys are kept for qsort */
		s->keys = xgrow(s->keys, &s->cap_keys, n, sizeof(*s->keys));
		for (size_t i = 0; i < n; i++)
			key_at(fn, arg, i, &s->keys[i]);
		mcol_sort(s, s->keys, n, desc, out);
		return;
	}
	/* second pass: the packed keys */
	rk_bufs(s, n, v, &x, &y);
	memset(cnt, 0, sizeof(cnt[0]) * (size_t)v);
	for (size_t i = 0; i < n; i++) {
		key_at(fn, arg, i, &k);
		rk_pack(&x, n, i, &k, sel, v, desc, cnt);
	}
	x = radix(x, y, n, v, cnt, out);
	if (str)
		fix_strings_by(s, &x, n, out, fn, arg, desc);
}
