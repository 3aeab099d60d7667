/*
 * diag_proc.c: records from /proc/net/{raw,udp,tcp}{,6} (see diag_proc.h),
 * for the tables a kernel cannot dump over sock_diag.
 *
 * Addresses are printed by the kernel as native-endian hex words of the
 * network-order address: reading each word back with strtoul into a
 * native uint32_t restores the bytes.  Lines come from the kernel, but
 * are still parsed defensively: bounded fields, every conversion checked.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "diag_proc.h"

/* USER_HZ: /proc prints timer expiry in clock ticks of 1/100 s. */
#define PROC_TICK_MS 10u

/* "0100007F" (4 bytes) or 32 hex digits (16 bytes) into addr. */
static int parse_addr(const char *hex, size_t len, uint8_t *addr)
{
	size_t words = len / 8, i;

	if (len % 8 || (words != 1 && words != 4))
		return -EINVAL;
	for (i = 0; i < words; i++) {
		char w[9], *end;
		uint32_t v;

		memcpy(w, hex + i * 8, 8);
		w[8] = '\0';
		v = (uint32_t)strtoul(w, &end, 16);
		if (*end)
			return -EINVAL;
		memcpy(addr + i * 4, &v, 4);
	}
	return 0;
}

/* "ADDR:PORT" */
static int parse_endpoint(const char *s, uint8_t *addr, uint16_t *port)
{
	const char *colon = strchr(s, ':');
	unsigned long p;
	char *end;

	if (!colon || parse_addr(s, (size_t)(colon - s), addr))
		return -EINVAL;
	p = strtoul(colon + 1, &end, 16);
	if (*end || end == colon + 1 || p > 0xffff)
		return -EINVAL;
	*port = (uint16_t)p;
	return 0;
}

static int keep(const struct diag_req *q, enum sk_tab tab, int family,
		unsigned int state)
{
	uint32_t fams =
		q->families ? q->families : (1u << AF_INET) | (1u << AF_INET6);
	uint32_t states = q->states ? q->states : SKS_ALL;

	return (q->tabs & SKT_BIT(tab)) && (fams & (1u << family)) &&
	       state < 32 && (states & SKS_BIT(state));
}

static int parse_line(const char *line, int family, enum sk_tab tab,
		      const struct diag_req *req, struct snap *out)
{
	char loc[80], rem[80];
	unsigned int st, tx, rx, tr, when, retr, uid, ino;
	uint8_t src[16] = {0}, dst[16] = {0};
	uint16_t sport, dport;
	struct sk_rec *r;
	int timeout;

	if (sscanf(line, " %*u: %79s %79s %x %x:%x %x:%x %x %u %d %u", loc, rem,
		   &st, &tx, &rx, &tr, &when, &retr, &uid, &timeout,
		   &ino) != 11)
		return -EINVAL;
	if (strcspn(loc, ":") != (family == AF_INET ? 8u : 32u) ||
	    parse_endpoint(loc, src, &sport) ||
	    parse_endpoint(rem, dst, &dport))
		return -EINVAL;
	if (!keep(req, tab, family, st))
		return 0;
	r = snap_push(out);
	r->tab = (uint8_t)tab;
	r->family = (uint8_t)family;
	r->state = (uint8_t)st;
	r->timer = (uint8_t)tr;
	r->retrans = (uint8_t)retr;
	r->expires = when * PROC_TICK_MS;
	r->sport = sport;
	r->dport = dport;
	memcpy(r->a.in.src, src, 16);
	memcpy(r->a.in.dst, dst, 16);
	r->rq = rx;
	r->wq = tx;
	r->uid = uid;
	r->ino = ino;
	r->has = SKR_HAS_UID | SKR_HAS_INO | SKR_HAS_TIMER | SKR_HAS_QUEUES;
	if (req->accept && !req->accept(r, req->accept_arg))
		snap_pop(out);
	return 0;
}

int diag_proc_parse(FILE *f, int family, enum sk_tab tab,
		    const struct diag_req *req, struct snap *out)
{
	char line[512];
	int first = 1;

	while (fgets(line, sizeof(line), f)) {
		/* A line longer than any the kernel writes is not ours. */
		if (!strchr(line, '\n') && !feof(f))
			return -EINVAL;
		if (first) {
			first = 0;
			continue; /* the column titles */
		}
		if (parse_line(line, family, tab, req, out))
			return -EINVAL;
	}
	return 0;
}
