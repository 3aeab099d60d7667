/*
 * diag_cache.c: diag_dump_cached (see diag.h), the refresh that parses
 * only what changed since the last dump.  An idle screen gets the same
 * answer from the kernel at every refresh, byte for byte but for each
 * message's sequence number and port id; parsing it again into records
 * was most of sstop's own share of such a refresh.
 *
 * Each buffer received is hashed (dc_hash) and compared with the buffer
 * at the same place of the last dump of the same request into the same
 * snapshot.  While they match nothing is parsed: the snapshot still holds
 * the last dump's records, counted per buffer.  At the first buffer that
 * differs, the records of the buffers before it are kept (a both-family
 * TCP dump, whose IPv4 records diag.c's v4_first moved before the IPv6
 * ones, has its two prefixes put back together) and the rest is parsed as
 * diag_dump does.  Anything the bytes do not tell (a retried dump, raw
 * sockets read from /proc, a filter the kernel refused) keeps nothing for
 * the next dump, and so do TCP counters (tcp_info: rates_update releases
 * them and writes to the records' sk_tcpc).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>

#include "diag.h"
#include "diag_int.h"
#include "xalloc.h"

#define K1 0xc2b2ae3d27d4eb4fULL
/* where idiag_expires is in an inet_diag_msg, and ends */
#define EXP_AT offsetof(struct inet_diag_msg, idiag_expires)
#define EXP_END (EXP_AT + sizeof(uint32_t))
#define K2 0x9e3779b97f4a7c15ULL

/* One round: a bijection of h for each w, and of w for each h. */
static inline uint64_t dc_round(uint64_t h, uint64_t w)
{
	h ^= w * K1;
	h = h << 31 | h >> 33;
	return h * K2;
}

/* The n bytes at p, two words at a time in two lanes. */
static uint64_t dc_bytes(uint64_t h, const unsigned char *p, size_t n)
{
	uint64_t a = h, b = h ^ K1, w1, w2 = 0;

	for (; n >= 16; p += 16, n -= 16) {
		memcpy(&w1, p, 8);
		memcpy(&w2, p + 8, 8);
		a = dc_round(a, w1);
		b = dc_round(b, w2);
	}
	if (n >= 8) {
		memcpy(&w1, p, 8);
		a = dc_round(a, w1);
		p += 8;
		n -= 8;
	}
	if (n) {
		w2 = 0;
		memcpy(&w2, p, n);
		b = dc_round(b, w2 ^ (uint64_t)n << 56);
	}
	return dc_round(a, b);
}

uint64_t dc_hash(const void *buf, size_t n, int no_expires)
{
	const unsigned char *p = buf, *end = p + n;
	uint64_t h = K2 ^ n;

	while ((size_t)(end - p) >= NLMSG_HDRLEN) {
		struct nlmsghdr nh;
		size_t len, step;

		memcpy(&nh, p, sizeof(nh));
		len = nh.nlmsg_len;
		h = dc_round(h, (uint64_t)nh.nlmsg_len |
					(uint64_t)nh.nlmsg_type << 32 |
					(uint64_t)nh.nlmsg_flags << 48);
		if (len < NLMSG_HDRLEN || len > (size_t)(end - p))
			break; /* the rest, as bytes */
		if (no_expires && len >= NLMSG_HDRLEN + EXP_END) {
			/* inet_diag_msg's idiag_expires left out */
			h = dc_bytes(h, p + NLMSG_HDRLEN, EXP_AT);
			h = dc_bytes(h, p + NLMSG_HDRLEN + EXP_END,
				     len - NLMSG_HDRLEN - EXP_END);
		} else {
			h = dc_bytes(h, p + NLMSG_HDRLEN, len - NLMSG_HDRLEN);
		}
		step = NLMSG_ALIGN(len);
		p += step < (size_t)(end - p) ? step : (size_t)(end - p);
	}
	return dc_bytes(h, p, (size_t)(end - p));
}

/* What the request asks, and what decides how diag.c splits it. */
static uint64_t req_key(const struct diag *d, const struct diag_req *req)
{
	uint64_t h = dc_round(K2, (uint64_t)req->tabs << 32 | req->families);

	h = dc_round(h, (uint64_t)req->states << 32 | req->ext);
	h = dc_round(h, (uint64_t)req->bytecode_len << 3 |
				(uint64_t) !!d->dc.no_expires << 2 |
				(uint64_t) !!d->bc_rejected << 1 |
				(d->record_fd >= 0));
	if (req->bytecode && req->bytecode_len)
		h = dc_bytes(h, req->bytecode, req->bytecode_len);
	return h;
}

void dc_free(struct diag_cache *dc)
{
	free(dc->buf);
	free(dc->pbuf);
	free(dc->sub);
	free(dc->psub);
	memset(dc, 0, sizeof(*dc));
}

/* The record count, with the arena's last push forgotten (snap_pop). */
static void set_n(struct snap *out, size_t n)
{
	out->n = n;
	out->mark_n = 0;
}

/* The last dump's buffers of request j end here. */
static size_t plim(const struct diag_cache *dc, size_t j)
{
	return j + 1 < dc->n_psub ? dc->psub[j + 1].first_buf : dc->n_pbuf;
}

/* Whether x points at nothing: a copy of its bytes is a copy of it. */
static int ext_flat(const struct sk_ext *x)
{
	return !x->tcpi && !x->cong && !x->ulp && !x->icons && !x->pk.bpf &&
	       !x->nl.groups && !x->mptcpi && !x->locals && !x->peers &&
	       !x->sctpi;
}

/* Whether s's records can be copied into another snapshot (unborrow). */
static int copyable(const struct snap *s)
{
	const struct sk_ext *last = NULL;

	for (size_t i = 0; i < s->n; i++) {
		const struct sk_rec *r = &s->v[i];

		if (r->tc)
			return 0;
		if (r->x && r->x != last) {
			if (!ext_flat(r->x))
				return 0;
			last = r->x;
		}
	}
	return 1;
}

/* Copies of blocks, by the block copied: shared ones are copied once. */
#define XMAP 64

static struct sk_ext *x_copy(struct snap *out, const struct sk_ext *x,
			     const struct sk_ext **src, struct sk_ext **dst)
{
	size_t k = (size_t)(((uint64_t)(uintptr_t)x >> 3) * K2 >> 58);

	if (src[k] != x) {
		src[k] = x;
		dst[k] = arena_alloc(&out->arena, sizeof(*dst[k]));
		memcpy(dst[k], x, sizeof(*x));
	}
	return dst[k];
}

/*
 * out stood for the snapshot shown's records (its first out->n): they are
 * copied now, with what they point to (a block shared by many records
 * copied once, unix names), and all of from's beyond (materialize may
 * move an IPv6 prefix from there).
 */
static void unborrow(struct diag_cache *dc, struct snap *out)
{
	const struct snap *from = dc->from;
	const struct sk_ext *src[XMAP] = {NULL};
	struct sk_ext *dst[XMAP];
	size_t n = out->n;

	if (!from)
		return;
	dc->from = NULL;
	if (!from->n)
		return;
	out->v = xgrow(out->v, &out->cap, from->n, sizeof(*out->v));
	memcpy(out->v, from->v, from->n * sizeof(*out->v));
	for (size_t i = 0; i < from->n; i++) {
		struct sk_rec *r = &out->v[i];

		if (r->x)
			r->x = x_copy(out, r->x, src, dst);
		if ((SKT_BIT(r->tab) & SKT_UNIX_MASK) && r->a.un.name)
			r->a.un.name = arena_strndup(&out->arena, r->a.un.name,
						     r->a.un.name_len);
	}
	set_n(out, n);
}

/*
 * A buffer differs (or the request ended early): out gets back the
 * records the last dump had from the buffers of this request before it,
 * and the parse goes on from there.
 */
static void materialize(struct diag *d, struct snap *out)
{
	struct diag_cache *dc = &d->dc;
	size_t j = dc->n_sub - 1, k4 = 0, k6 = 0, n4 = 0;
	const struct dc_sub *s = &dc->sub[j];

	dc->matching = 0;
	for (size_t i = s->first_buf; i < dc->n_buf; i++) {
		k4 += dc->buf[i].n4;
		k6 += dc->buf[i].n6;
	}
	for (size_t i = dc->psub[j].first_buf; i < plim(dc, j); i++)
		n4 += dc->pbuf[i].n4;
	if (!s->start && !k4 && !k6) {
		/* nothing kept: the arena starts over too */
		dc->from = NULL;
		snap_clear(out);
		dc->refilled = 1;
		return;
	}
	unborrow(dc, out);
	/* the IPv6 prefix right after the IPv4 one: v4_first keeps both */
	if (k6 && n4 != k4)
		memmove(out->v + s->start + k4, out->v + s->start + n4,
			k6 * sizeof(*out->v));
	set_n(out, s->start + k4 + k6);
}

void dc_unclean(struct diag *d, struct snap *out)
{
	struct diag_cache *dc = &d->dc;

	if (!dc->on)
		return;
	if (dc->matching && dc->n_sub && !dc->sub_kept)
		materialize(d, out);
	unborrow(dc, out);
	dc->matching = 0;
	dc->clean = 0;
}

void dc_sub_begin(struct diag *d, struct snap *out, int both, int inet)
{
	struct diag_cache *dc = &d->dc;
	struct dc_sub *s;
	size_t j = dc->n_sub;

	if (!dc->on)
		return;
	/* the records of the requests before are right: drop the rest */
	if (dc->matching &&
	    (j >= dc->n_psub || dc->psub[j].first_buf != dc->n_buf ||
	     dc->psub[j].start != out->n || dc->psub[j].both != both)) {
		dc->matching = 0;
		unborrow(dc, out);
	}
	dc->sub = xgrow(dc->sub, &dc->cap_sub, j + 1, sizeof(*dc->sub));
	s = &dc->sub[dc->n_sub++];
	s->first_buf = dc->n_buf;
	s->start = out->n;
	s->ret = 0;
	s->both = both;
	s->inet = inet;
	dc->sub_kept = 0;
}

static struct dc_buf *buf_push(struct diag_cache *dc)
{
	dc->buf = xgrow(dc->buf, &dc->cap_buf, dc->n_buf + 1, sizeof(*dc->buf));
	return &dc->buf[dc->n_buf++];
}

int dc_buffer(struct diag *d, struct snap *out, const void *buf, size_t n,
	      int *end, int *ret)
{
	struct diag_cache *dc = &d->dc;
	size_t j = dc->n_sub - 1, lim;
	uint64_t h;

	if (!dc->on || !dc->n_sub)
		return 0;
	h = dc_hash(buf, n, dc->no_expires && dc->sub[j].inet);
	if (dc->matching) {
		lim = plim(dc, j);
		*end = diag_ends_dump(buf, n);
		if (dc->pos < lim && dc->pbuf[dc->pos].hash == h &&
		    (*end == 0) == (dc->pos + 1 < lim)) {
			*buf_push(dc) = dc->pbuf[dc->pos++];
			dc->n_skipped++;
			if (*end) {
				size_t k = 0;

				for (size_t i = dc->sub[j].first_buf;
				     i < dc->n_buf; i++)
					k += dc->buf[i].n4 + dc->buf[i].n6;
				set_n(out, dc->sub[j].start + k);
				*ret = dc->psub[j].ret;
				dc->sub_kept = 1;
			}
			return 1;
		}
		materialize(d, out);
	}
	buf_push(dc)->hash = h;
	dc->n_parsed++;
	return 0;
}

void dc_parsed(struct diag *d, const struct snap *out, size_t before)
{
	struct diag_cache *dc = &d->dc;
	struct dc_buf *b;
	uint32_t n6 = 0;

	if (!dc->on || !dc->n_buf)
		return;
	b = &dc->buf[dc->n_buf - 1];
	if (out->n < before) {
		/* cannot happen: a parse only appends */
		dc->clean = 0;
		return;
	}
	if (dc->sub[dc->n_sub - 1].both)
		for (size_t i = before; i < out->n; i++)
			n6 += out->v[i].family == AF_INET6;
	b->n6 = n6;
	b->n4 = (uint32_t)(out->n - before) - n6;
}

void dc_sub_end(struct diag *d, struct snap *out, int ret)
{
	struct diag_cache *dc = &d->dc;

	if (!dc->on || !dc->n_sub)
		return;
	/* an error or a retry: the caller drops or keeps what it has */
	if (ret < 0 || ret == RECV_INTR) {
		dc_unclean(d, out);
		return;
	}
	if (dc->matching && !dc->sub_kept)
		materialize(d, out);
	dc->sub[dc->n_sub - 1].ret = ret;
}

#define SWAP(a, b)                                                             \
	do {                                                                   \
		__typeof__(a) t_ = (a);                                        \
		(a) = (b);                                                     \
		(b) = t_;                                                      \
	} while (0)

/*
 * The kernel sizes a dump's buffers by the longest read its socket has
 * done yet (netlink's max_recvmsg_len, up to 32 KB): a fresh socket's
 * first dump comes in smaller buffers than the next ones, which would all
 * differ from it at their first buffer.  One read of the answer to a
 * no-op makes the first dump's buffers the size of every later one's.
 */
static void prime(struct diag *d)
{
	struct nlmsghdr nh = {
		.nlmsg_len = NLMSG_HDRLEN,
		.nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
	};
	int fd;

	d->primed = 1;
	if (d->feed)
		return;
	nh.nlmsg_seq = ++d->seq;
	fd = mnl_socket_get_fd(d->nl);
	if (send(fd, &nh, nh.nlmsg_len, 0) == (ssize_t)nh.nlmsg_len)
		(void)recv(fd, d->buf, DIAG_BUFSZ, MSG_DONTWAIT);
}

int diag_dump_beside(struct diag *d, const struct diag_req *req,
		     struct snap *out, const struct snap *shown, int *same)
{
	struct diag_cache *dc = &d->dc;
	int bc = d->bc_rejected, reuse, rc, fresh, borrow;
	uint64_t key = req_key(d, req);

	*same = 0;
	dc->from = NULL;
	/* a snapshot grown by partial re-parses (its arena is never
	 * rewound) is filled afresh */
	reuse = dc->valid && key == dc->key && out == dc->out &&
		out->n == dc->n && !out->n_ns && !out->n_ctr &&
		out->arena.used <= 2 * dc->arena_fresh + 65536;
	/* or the last dump's snapshot is the one shown, read from there */
	borrow = !reuse && dc->valid && key == dc->key && shown &&
		 shown == dc->out && shown != out && shown->n == dc->n &&
		 !shown->n_ns && !shown->n_ctr && dc->flat;
	if (!reuse && (out->n || out->n_notes || out->n_ns))
		snap_clear(out);
	dc->valid = 0;
	if (req->accept || (req->ext & DIAG_X_RATE))
		return diag_dump(d, req, out);
	if (!d->primed)
		prime(d);
	fresh = !reuse && !borrow;
	dc->kept = borrow ? dc->n : out->n;
	dc->from = borrow ? shown : NULL;
	set_n(out, 0);
	out->n_notes = 0;
	dc->on = 1;
	dc->matching = reuse || borrow;
	dc->clean = 1;
	dc->pos = 0;
	dc->n_buf = 0;
	dc->n_sub = 0;
	dc->sub_kept = 0;
	dc->refilled = 0;
	rc = diag_dump(d, req, out);
	dc->on = 0;
	if (rc == 0 && dc->matching && dc->pos == dc->n_pbuf &&
	    dc->n_sub == dc->n_psub && out->n == dc->kept)
		*same = 1;
	/* told the same: out stays empty, the records are shown's */
	if (dc->from && *same) {
		*same = 2;
		set_n(out, 0);
		/* an array a changed dump filled, not needed: given back */
		free(out->v);
		out->v = NULL;
		out->cap = 0;
	} else {
		unborrow(dc, out);
	}
	/*
	 * Records pointing at TCP counters (tcp_info) are not kept: their
	 * caller releases the counters (rates_update) and may write to them
	 */
	if (rc || !dc->clean || d->bc_rejected != bc || out->n_ctr)
		return rc;
	SWAP(dc->buf, dc->pbuf);
	SWAP(dc->n_buf, dc->n_pbuf);
	SWAP(dc->cap_buf, dc->cap_pbuf);
	SWAP(dc->sub, dc->psub);
	SWAP(dc->n_sub, dc->n_psub);
	SWAP(dc->cap_sub, dc->cap_psub);
	dc->valid = 1;
	dc->key = key;
	if (*same == 2) {
		/* shown still holds the last dump's records */
		dc->from = shown;
		return 0;
	}
	if (!*same)
		dc->flat = copyable(out);
	dc->out = out;
	dc->n = out->n;
	if (fresh || dc->refilled)
		dc->arena_fresh = out->arena.used;
	return 0;
}

int diag_dump_cached(struct diag *d, const struct diag_req *req,
		     struct snap *out, int *same)
{
	return diag_dump_beside(d, req, out, NULL, same);
}

void diag_cache_unborrow(struct diag *d, struct snap *out)
{
	struct diag_cache *dc = &d->dc;

	if (!dc->from)
		return;
	snap_clear(out);
	set_n(out, dc->n);
	unborrow(dc, out);
	/* out holds the last dump's records now, and is compared next */
	dc->out = out;
	dc->arena_fresh = out->arena.used;
}

void diag_cache_expires(struct diag *d, int need)
{
	d->dc.no_expires = !need;
}

void diag_cache_stats(const struct diag *d, unsigned long *kept,
		      unsigned long *parsed)
{
	*kept = d->dc.n_skipped;
	*parsed = d->dc.n_parsed;
}
