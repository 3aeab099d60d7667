/*
 * netstat.c: /proc/net/netstat and /proc/net/snmp (see netstat.h).  Both
 * files hold pairs of lines, "Proto: Name1 Name2..." then "Proto: v1
 * v2...": each wanted counter is found by its protocol and name, so that
 * counters the kernel adds or moves do not matter.  Lines are bounded;
 * a malformed pair is skipped.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netstat.h"

struct want {
	const char *proto, *name;
	size_t off;
};

#define W(p, n, f)                                                             \
	{                                                                      \
		p, n, offsetof(struct netstat, f)                              \
	}

static const struct want wants[] = {
	W("TcpExt", "ListenOverflows", listen_overflows),
	W("TcpExt", "ListenDrops", listen_drops),
	W("TcpExt", "TCPTimeouts", tcp_timeouts),
	W("Tcp", "RetransSegs", tcp_retrans_segs),
	W("Tcp", "CurrEstab", tcp_curr_estab),
	W("Udp", "RcvbufErrors", udp_rcvbuf_errors),
	W("Udp", "InErrors", udp_in_errors),
};

#undef W

/* Lines of these files are a few kB; longer ones are cut and skipped. */
#define LINE_MAX_LEN 16384

/* One pair: the names line and the values line of one protocol. */
static void pair(struct netstat *ns, char *names, char *values)
{
	char *sn, *sv, *n, *v;
	char *pn = strchr(names, ':'), *pv = strchr(values, ':');

	if (!pn || !pv || pn - names != pv - values ||
	    memcmp(names, values, (size_t)(pn - names)) != 0)
		return;
	*pn = '\0';
	n = strtok_r(pn + 1, " \n", &sn);
	v = strtok_r(pv + 1, " \n", &sv);
	for (; n && v;
	     n = strtok_r(NULL, " \n", &sn), v = strtok_r(NULL, " \n", &sv)) {
		for (size_t i = 0; i < sizeof(wants) / sizeof(wants[0]); i++) {
			uint64_t *dst;

			if (strcmp(wants[i].proto, names) != 0 ||
			    strcmp(wants[i].name, n) != 0)
				continue;
			dst = (uint64_t *)((char *)ns + wants[i].off);
			/* counters are unsigned; a negative one reads as 0 */
			*dst = v[0] == '-' ? 0 : strtoull(v, NULL, 10);
		}
	}
}

static int read_file(struct netstat *ns, const char *path)
{
	char *a = malloc(LINE_MAX_LEN), *b = malloc(LINE_MAX_LEN);
	FILE *f;
	int rc = 0;

	if (!a || !b) {
		free(a);
		free(b);
		return -ENOMEM;
	}
	f = fopen(path, "re");
	if (!f) {
		rc = -errno;
		goto out;
	}
	while (fgets(a, LINE_MAX_LEN, f) && fgets(b, LINE_MAX_LEN, f)) {
		if (!strchr(a, '\n') || !strchr(b, '\n'))
			break; /* a line longer than we read: stop there */
		pair(ns, a, b);
	}
	fclose(f);
out:
	free(a);
	free(b);
	return rc;
}

int netstat_read(struct netstat *ns, const char *dir)
{
	char path[4096];
	int r1, r2;

	memset(ns, 0, sizeof(*ns));
	snprintf(path, sizeof(path), "%s/netstat", dir ? dir : "/proc/net");
	r1 = read_file(ns, path);
	snprintf(path, sizeof(path), "%s/snmp", dir ? dir : "/proc/net");
	r2 = read_file(ns, path);
	if (!r1)
		ns->have |= NETSTAT_HAVE_NETSTAT;
	if (!r2)
		ns->have |= NETSTAT_HAVE_SNMP;
	return ns->have ? 0 : r1;
}
