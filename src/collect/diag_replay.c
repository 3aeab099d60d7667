/*
 * diag_replay.c: recorded dumps back into records (diag_replay in diag.h).
 * Walks a file of netlink messages, as --record or `ss -D` wrote it:
 * markers set the table of the inet messages that follow (and a retry
 * marker discards an interrupted dump), NLMSG_DONE and NLMSG_ERROR are
 * passed over rather than taken for the end, and every message header is
 * bounds-checked before the parser sees it.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "diag_parse.h"
#include "xalloc.h"

#ifndef TCPDIAG_GETSOCK
#define TCPDIAG_GETSOCK 18
#define DCCPDIAG_GETSOCK 19
#endif

static int is_marker(const struct nlmsghdr *nlh, struct diag_marker *mk)
{
	if (nlh->nlmsg_type != NLMSG_NOOP ||
	    mnl_nlmsg_get_payload_len(nlh) < sizeof(*mk))
		return 0;
	memcpy(mk, mnl_nlmsg_get_payload(nlh), sizeof(*mk));
	return mk->magic == DIAG_MARKER_MAGIC;
}

static int replay_aligned(const unsigned char *p, size_t len,
			  const struct diag_req *req, struct snap *out)
{
	struct diag_pctx c = {.req = req, .out = out, .tab = -1};
	size_t since = out->n; /* first record after the last marker */
	struct diag_marker mk;
	int err = 0;

	while (len >= sizeof(struct nlmsghdr)) {
		const struct nlmsghdr *nlh = (const void *)p;
		size_t adv;

		if (nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len)
			return -EINVAL;
		switch (nlh->nlmsg_type) {
		case NLMSG_NOOP:
			if (!is_marker(nlh, &mk))
				break;
			if (mk.flags & DIAG_MARK_RETRY)
				while (out->n > since)
					snap_pop(out);
			since = out->n;
			/* TIPC's answers, like inet ones, need their table. */
			c.tab = (mk.tab < SKT_COUNT &&
				 (SKT_BIT(mk.tab) &
				  (SKT_INET_MASK | SKT_BIT(SKT_TIPC))))
					? mk.tab
					: -1;
			break;
		case SOCK_DIAG_BY_FAMILY:
		case TCPDIAG_GETSOCK:
		case DCCPDIAG_GETSOCK:
			err = diag_parse_msg(nlh, &c);
			if (err)
				return err;
			break;
		default: /* NLMSG_DONE, NLMSG_ERROR: not the end of a file */
			break;
		}
		adv = NLMSG_ALIGN(nlh->nlmsg_len);
		if (adv > len)
			adv = len;
		p += adv;
		len -= adv;
	}
	return len ? -EINVAL : 0;
}

int diag_replay(const void *buf, size_t len, const struct diag_req *req,
		struct snap *out)
{
	void *copy;
	int err;

	/* Headers are read in place: they need 4-byte alignment. */
	if (((uintptr_t)buf & 3) == 0)
		return replay_aligned(buf, len, req, out);
	copy = xmalloc(len ? len : 1);
	memcpy(copy, buf, len);
	err = replay_aligned(copy, len, req, out);
	free(copy);
	return err;
}

/* A refresh marker's time: mono_us alone in older recordings. */
#define REFRESH_MIN (NLMSG_HDRLEN + sizeof(struct diag_marker) + 8)

/*
 * Finds where refresh `step` of a recording starts and ends and when it
 * was dumped (rf: 0 when unknown); returns how many refreshes there are
 * (1 for a file without refresh markers: the whole file, time unknown).
 * Headers are copied before they are read, so buf may have any alignment.
 */
static unsigned find_step(const unsigned char *buf, size_t len, unsigned step,
			  size_t *start, size_t *end, struct diag_refresh *when)
{
	unsigned n = 0;
	size_t off = 0;

	*start = 0;
	*end = len;
	memset(when, 0, sizeof(*when));
	while (len - off >= sizeof(struct nlmsghdr)) {
		struct nlmsghdr h;
		struct diag_marker mk;
		struct diag_refresh rf;

		memcpy(&h, buf + off, sizeof(h));
		if (h.nlmsg_len < sizeof(h) || h.nlmsg_len > len - off)
			break; /* the parser says what is wrong */
		if (h.nlmsg_type == NLMSG_NOOP && h.nlmsg_len >= REFRESH_MIN) {
			memcpy(&mk, buf + off + NLMSG_HDRLEN, sizeof(mk));
			if (mk.magic == DIAG_MARKER_MAGIC &&
			    (mk.flags & DIAG_MARK_REFRESH)) {
				/* refresh n begins here (n 0: so does the
				 * file, whatever came before) */
				if (n == step + 1)
					*end = off;
				if (n <= step) {
					size_t k = h.nlmsg_len - NLMSG_HDRLEN -
						   sizeof(mk);

					*start = n ? off : 0;
					memset(&rf, 0, sizeof(rf));
					memcpy(&rf,
					       buf + off + NLMSG_HDRLEN +
						       sizeof(mk),
					       k < sizeof(rf) ? k : sizeof(rf));
					*when = rf;
				}
				n++;
			}
		}
		off += NLMSG_ALIGN(h.nlmsg_len) < len - off
			       ? NLMSG_ALIGN(h.nlmsg_len)
			       : len - off;
	}
	return n ? n : 1;
}

unsigned diag_replay_steps(const void *buf, size_t len)
{
	size_t a, b;
	struct diag_refresh t;

	return find_step(buf, len, 0, &a, &b, &t);
}

uint64_t diag_replay_time(const void *buf, size_t len, unsigned step)
{
	size_t a, b;
	struct diag_refresh t;
	unsigned n = find_step(buf, len, step, &a, &b, &t);

	if (step >= n)
		find_step(buf, len, n - 1, &a, &b, &t);
	return t.real_us;
}

int diag_replay_step(const void *buf, size_t len, unsigned step,
		     const struct diag_req *req, struct snap *out,
		     uint64_t *mono_us)
{
	size_t a, b;
	struct diag_refresh t;
	unsigned n = find_step(buf, len, step, &a, &b, &t);

	/* past the last refresh: the last one again */
	if (step >= n)
		find_step(buf, len, n - 1, &a, &b, &t);
	*mono_us = t.mono_us;
	return diag_replay((const unsigned char *)buf + a, b - a, req, out);
}
