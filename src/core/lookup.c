/*
 * lookup.c: the user and services databases through the C library's
 * reentrant calls, their buffer grown on ERANGE, and where cgroup2 is
 * mounted (see lookup.h).
 */
#include "config.h"

#include <errno.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "lookup.h"
#include "xalloc.h"

/* A lookup's buffer: 1 KiB first, doubled on each ERANGE. */
struct grow {
	char *buf;
	size_t n;
};

/* 1 when the buffer grew (try again); 0 past LOOKUP_MAX. */
static int grow(struct grow *g)
{
	if (g->n >= LOOKUP_MAX)
		return 0;
	g->n = g->n ? g->n * 2 : 1024;
	g->buf = xrealloc(g->buf, g->n);
	return 1;
}

/* The calls' answer (an errno, a result or NULL) as ours. */
static int answer(struct grow *g, int rc, const void *res)
{
	free(g->buf);
	if (rc)
		return -rc;
	return res ? 0 : -ENOENT;
}

int lookup_user_name(uint32_t uid, char **name)
{
	struct passwd pw, *res = NULL;
	struct grow g = {0};
	int rc = ERANGE;

	while (rc == ERANGE && grow(&g))
		rc = getpwuid_r((uid_t)uid, &pw, g.buf, g.n, &res);
	if (!rc && res)
		*name = xstrdup(res->pw_name ? res->pw_name : "");
	return answer(&g, rc, res);
}

int lookup_user_uid(const char *name, uint32_t *uid)
{
	struct passwd pw, *res = NULL;
	struct grow g = {0};
	int rc = ERANGE;

	while (rc == ERANGE && grow(&g))
		rc = getpwnam_r(name, &pw, g.buf, g.n, &res);
	if (!rc && res)
		*uid = (uint32_t)res->pw_uid;
	return answer(&g, rc, res);
}

int lookup_serv_port(const char *name, const char *proto, int *port)
{
	struct servent se, *res = NULL;
	struct grow g = {0};
	int rc = ERANGE;

	while (rc == ERANGE && grow(&g))
		rc = getservbyname_r(name, proto, &se, g.buf, g.n, &res);
	if (!rc && res)
		*port = ntohs((uint16_t)res->s_port);
	return answer(&g, rc, res);
}

int lookup_serv_name(int port, const char *proto, char **name)
{
	struct servent se, *res = NULL;
	struct grow g = {0};
	int rc = ERANGE;

	while (rc == ERANGE && grow(&g))
		rc = getservbyport_r(htons((uint16_t)port), proto, &se, g.buf,
				     g.n, &res);
	if (!rc && res)
		*name = xstrdup(res->s_name ? res->s_name : "");
	return answer(&g, rc, res);
}

/* A mountinfo field's octal escapes ("\\040" for a space) undone in place. */
static void unoctal(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 3;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

char *lookup_cgroup2_mount(void)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, *mnt = NULL;
	size_t cap = 0;
	long len;

	if (!f)
		return NULL;
	while (!mnt &&
	       (len = file_line(f, &line, &cap, LOOKUP_MOUNTINFO_LINE)) != -1) {
		char *p = line;

		if (len < 0 || !strstr(line, " - cgroup2 "))
			continue;
		/* id parent major:minor root MOUNT-POINT options ... */
		for (int i = 0; i < 4 && p; i++)
			if ((p = strchr(p, ' ')))
				p++;
		if (!p)
			continue;
		p[strcspn(p, " ")] = '\0';
		unoctal(p);
		mnt = xstrdup(p);
	}
	free(line);
	fclose(f);
	return mnt;
}
