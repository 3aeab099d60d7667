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
