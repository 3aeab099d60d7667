/*
 * batch_summary.c: -s, ss's summary, counted from a dump of every table of
 * this namespace (and /proc/net/sockstat's fragments), as text or for the
 * JSON document.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "batch_int.h"
#include "diag.h"
#include "json.h"
#include "snap.h"

static unsigned frag_inuse(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[256];
	unsigned v = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    sscanf(line + strlen(key), " inuse %u", &v) == 1)
			break;
	fclose(f);
	return v;
}

int batch_summary_count(struct batch *b, struct json_summary *sm)
{
	struct diag_req req;
	struct snap s;

	memset(sm, 0, sizeof(*sm));
	memset(&req, 0, sizeof(req));
	req.tabs = ~0u & ((1u << SKT_COUNT) - 1) & ~SKT_BIT(SKT_UDPLITE) &
		   ~SKT_BIT(SKT_DCCP);
	req.states = SKS_ALL;
	snap_init(&s);
	if (batch_collect(b, &req, &s)) {
		snap_free(&s);
		return -1;
	}
	for (size_t i = 0; i < s.n; i++) {
		const struct sk_rec *r = &s.v[i];
		int v6 = r->family == AF_INET6;

		switch (r->tab) {
		case SKT_RAW:
			sm->raw[v6]++;
			break;
		case SKT_UDP:
			sm->udp[v6]++;
			break;
		case SKT_TCP:
			sm->tcp_all++;
			if (r->state == SKS_ESTABLISHED)
				sm->estab++;
			if (r->state == SKS_TIME_WAIT) {
				sm->timewait++;
				break;
			}
			if (r->state == SKS_SYN_RECV ||
			    r->state == SKS_NEW_SYN_RECV)
				break;
			/*
			 * An orphan: closed by its program (no inode), still
			 * shutting down.  A connection waiting in an accept
			 * queue has no inode either, and is no orphan: ss's
			 * count (the kernel's, /proc/net/sockstat) has none.
			 */
			if (!r->ino && (r->state == SKS_FIN_WAIT1 ||
					r->state == SKS_FIN_WAIT2 ||
					r->state == SKS_CLOSING ||
					r->state == SKS_LAST_ACK))
				sm->orphaned++;
			sm->tcp[v6]++;
			break;
		default:
			break;
		}
	}
	sm->frag[0] = frag_inuse("/proc/net/sockstat", "FRAG:");
	sm->frag[1] = frag_inuse("/proc/net/sockstat6", "FRAG6:");
	sm->total = s.n;
	snap_free(&s);
	return 0;
}

void batch_summary_text(const struct json_summary *sm)
{
	const unsigned *raw = sm->raw, *udp = sm->udp, *tcp = sm->tcp;
	const unsigned *frag = sm->frag;

	printf("Total: %lu\n", sm->total);
	printf("TCP:   %u (estab %u, closed %u, orphaned %u, timewait %u)\n",
	       sm->tcp_all, sm->estab, sm->closed, sm->orphaned, sm->timewait);
	printf("\nTransport Total     IP        IPv6\n");
	printf("RAW\t  %-9u %-9u %-9u\n", raw[0] + raw[1], raw[0], raw[1]);
	printf("UDP\t  %-9u %-9u %-9u\n", udp[0] + udp[1], udp[0], udp[1]);
	printf("TCP\t  %-9u %-9u %-9u\n", tcp[0] + tcp[1], tcp[0], tcp[1]);
	printf("INET\t  %-9u %-9u %-9u\n",
	       raw[0] + udp[0] + tcp[0] + raw[1] + udp[1] + tcp[1],
	       raw[0] + udp[0] + tcp[0], raw[1] + udp[1] + tcp[1]);
	printf("FRAG\t  %-9u %-9u %-9u\n", frag[0] + frag[1], frag[0], frag[1]);
	printf("\n");
}
