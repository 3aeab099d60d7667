/*
 * sockstat.c: the namespace's socket totals (see sockstat.h).  Each file
 * is a few lines of "PROTO: key value key value..."; a figure is found by
 * its protocol and key, so that fields the kernel adds do not matter.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "netstat.h"
#include "sockstat.h"

/* proto's (e.g. "TCP6:") value after key in line, added to *v. */
static void field(const char *line, const char *proto, const char *key,
		  unsigned *v)
{
	size_t n = strlen(proto);
	char *save, buf[256], *t;

	if (strncmp(line, proto, n) != 0)
		return;
	snprintf(buf, sizeof(buf), "%s", line + n);
	for (t = strtok_r(buf, " \n", &save); t;
	     t = strtok_r(NULL, " \n", &save)) {
		char *val = strtok_r(NULL, " \n", &save);

		if (!val)
			break;
		if (!strcmp(t, key)) {
			*v += (unsigned)strtoul(val, NULL, 10);
			return;
		}
	}
}

static FILE *open_in(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "/proc/net", name);
	return fopen(path, "re");
}

/* "protocol size sockets ...": the UNIX lines' third field. */
static void unix_count(struct sockstat *s, const char *dir)
{
	FILE *f = open_in(dir, "protocols");
	char line[512], name[64];
	unsigned size, n;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %u %u", name, &size, &n) == 3 &&
		    (!strcmp(name, "UNIX") || !strcmp(name, "UNIX-STREAM")))
			s->unx += n;
	fclose(f);
}

int sockstat_read(struct sockstat *s, const char *dir)
{
	static const char *const files[] = {"sockstat", "sockstat6"};
	struct netstat ns;
	char line[512];

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < 2; i++) {
		FILE *f = open_in(dir, files[i]);

		if (!f) {
			if (!i)
				return -errno;
			continue;
		}
		while (fgets(line, sizeof(line), f)) {
			field(line, i ? "TCP6:" : "TCP:", "inuse", &s->tcp);
			field(line, "TCP:", "tw", &s->tw);
			field(line, i ? "UDP6:" : "UDP:", "inuse", &s->udp);
			field(line, i ? "RAW6:" : "RAW:", "inuse", &s->raw);
		}
		fclose(f);
	}
	s->tcp += s->tw;
	unix_count(s, dir);
	if (!netstat_read(&ns, dir))
		s->estab = (unsigned)ns.tcp_curr_estab;
	return 0;
}
