/*
 * rcfile_test.c: the settings file round-trips; a missing file is fine; a
 * bad line (unknown key, bad column, bad interval, binary junk, an endless
 * line) gives a message with its line and costs only that line; saving
 * rewrites only the changed keys in place and keeps every other line byte
 * for byte, de-duplicates the history, leaves a read-only file alone and
 * no temporary file behind.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rcfile.h"
#include "check.h"

static char dir[] = "/tmp/sstop-rc-XXXXXX";
static char path[256];

static void put(const char *text, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		printf("FAIL: cannot write %s\n", path);
		exit(1);
	}
	fwrite(text, 1, len, f);
	fclose(f);
}

/* text has one bad line, at line: reported, the other lines applied. */
static void expect_broken(const char *text, size_t len, int line)
{
	struct rc_conf c;
	struct rc_result r;

	put(text, len);
	CHECK(rc_load(&c, path, &r) < 0);
	CHECK(!r.ok && r.msg[0] && r.line == line && r.bad == 1);
	CHECK(c.interval == 0 && c.n_hist == 0);
}

static char *slurp(void)
{
	static char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n = 0;

	buf[0] = '\0';
	if (f) {
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

/* Nothing but the rc file in its directory (no temporary file left). */
static int alone(void)
{
	char d[256];
	struct dirent *e;
	DIR *dp;
	int n = 0;

	snprintf(d, sizeof(d), "%s", path);
	*strrchr(d, '/') = '\0';
	dp = opendir(d);
	if (!dp)
		return 0;
	while ((e = readdir(dp)))
		n += e->d_name[0] != '.' || !strncmp(e->d_name, ".sstoprc", 8);
	closedir(dp);
	return n == 1;
}

/* Loads before, applies change, saves: the file must be after. */
static void rewrite(const char *before, void (*change)(struct rc_conf *),
		    const char *after)
{
	struct rc_conf c, base;
	struct rc_result r;

	put(before, strlen(before));
	rc_load(&base, path, &r);
	c = base;
	if (change)
		change(&c);
	CHECK(rc_save(&c, &base, path, &r) == 0 && r.ok);
	if (strcmp(slurp(), after))
		printf("FAIL: rewrite of\n%s---gave\n%s---want\n%s---\n",
		       before, slurp(), after);
	CHECK(!strcmp(slurp(), after));
	CHECK(alone());
}

static void sort_desc(struct rc_conf *c)
{
	strcpy(c->sort, "recv-q:desc");
}

static void interval_3(struct rc_conf *c)
{
	c->interval = 3;
}

static void collapse_host(struct rc_conf *c)
{
	strcpy(c->collapsed, "host:5,port:2a");
}

static void reuse_a(struct rc_conf *c)
{
	strcpy(c->hist[c->n_hist++], "a");
}

int main(void)
{
	struct rc_conf c, d;
	struct rc_result r;
	char *big;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/sub/dir/sstoprc", dir);

	/* missing file: defaults, no error */
	CHECK(rc_load(&c, path, &r) == 0 && r.ok);
	CHECK(c.color == 1 && c.interval == 0);

	/* round trip, directories created */
	rc_defaults(&c);
	strcpy(c.sort, "recv-q:desc");
	strcpy(c.columns, "netid,local,peer,rtt");
	c.interval = 0.5;
	c.color = 0;
	c.n_hist = 2;
	strcpy(c.hist[0], "-t state established");
	strcpy(c.hist[1], "dport = :443");
	CHECK(rc_save(&c, NULL, path, &r) == 0 && r.ok);
	CHECK(rc_load(&d, path, &r) == 0 && r.ok);
	CHECK(!strcmp(d.sort, "recv-q:desc"));
	CHECK(!strcmp(d.columns, "netid,local,peer,rtt"));
	CHECK(d.interval == 0.5 && d.color == 0 && d.n_hist == 2);
	CHECK(!strcmp(d.hist[1], "dport = :443"));

	/* XDG_CONFIG_HOME is honoured */
	setenv("XDG_CONFIG_HOME", dir, 1);
	CHECK(rc_save(&c, NULL, NULL, &r) == 0);
	CHECK(strstr(r.path, "/sstop/sstoprc") &&
	      !strncmp(r.path, dir, strlen(dir)));

	/* comments, blank lines, history capped at RC_HIST */
	{
		char text[4096] = "# comment\n\n  sort=rtt\n";

		for (int i = 0; i < RC_HIST + 5; i++)
			snprintf(text + strlen(text),
				 sizeof(text) - strlen(text), "filter=f%d\n",
				 i);
		put(text, strlen(text));
		CHECK(rc_load(&d, path, &r) == 0);
		CHECK(!strcmp(d.sort, "rtt") && d.n_hist == RC_HIST);
		CHECK(!strcmp(d.hist[RC_HIST - 1], "f24"));
		CHECK(!strcmp(d.hist[0], "f5"));
	}

	expect_broken("sort=rtt\nbogus=1\n", 17, 2);
	CHECK(rc_load(&c, path, &r) < 0 && !strcmp(c.sort, "rtt"));
	expect_broken("columns=netid,nonsense\n", 23, 1);
	expect_broken("sort=rtt:sideways\n", 18, 1);
	expect_broken("interval=-3\n", 12, 1);
	expect_broken("interval=2x\n", 12, 1);
	expect_broken("color=maybe\n", 12, 1);
	expect_broken("closed_log=0\n", 13, 1);
	expect_broken("collapsed=port:1,\n", 18, 1);
	expect_broken("collapsed=port:xyz\n", 19, 1);
	expect_broken("\x01\x02\xff\n", 4, 1);
	big = malloc(5000);
	memset(big, 'a', 5000);
	memcpy(big, "sort=", 5);
	expect_broken(big, 5000, 1);
	free(big);

	/* one bad value costs only its line; several are counted */
	{
		const char *t = "# mine\ncolor=no\ninterval=0.05\nsort=rtt\n"
				"closed_log=x\nfilter=a\n";

		put(t, strlen(t));
		CHECK(rc_load(&c, path, &r) < 0 && r.line == 3 && r.bad == 2);
		CHECK(strstr(r.msg, "line 3") && strstr(r.msg, "1 more"));
		CHECK(c.color == 0 && !strcmp(c.sort, "rtt") &&
		      c.interval == 0 && c.closed_log == 0 && c.n_hist == 1);
	}

	/* history de-duplicated on load: the last use counts */
	put("filter=a\nfilter=b\nfilter=a\n", 27);
	CHECK(rc_load(&c, path, &r) == 0 && c.n_hist == 2);
	CHECK(!strcmp(c.hist[0], "b") && !strcmp(c.hist[1], "a"));

	/* saving: nothing changed, nothing moves, bad lines and all */
	{
		const char *t =
			"# my comment\n\nfoo=bar\ninterval=0.05\n"
			"color=no\n  sort=rtt\nfilter=a\n# x\nfilter=b\n";

		rewrite(t, NULL, t);
		/* a changed key is rewritten in place, the rest kept */
		rewrite(t, sort_desc,
			"# my comment\n\nfoo=bar\ninterval=0.05\n"
			"color=no\nsort=recv-q:desc\nfilter=a\n# x\n"
			"filter=b\n");
		/* the bad interval line is the interval's: replaced */
		rewrite(t, interval_3,
			"# my comment\n\nfoo=bar\ninterval=3\n"
			"color=no\n  sort=rtt\nfilter=a\n# x\nfilter=b\n");
		/* history: once each, where the first filter line was */
		rewrite(t, reuse_a,
			"# my comment\n\nfoo=bar\ninterval=0.05\n"
			"color=no\n  sort=rtt\nfilter=b\nfilter=a\n# x\n");
	}
	/* history lines repeated in the file: the last one kept */
	rewrite("filter=a\nfilter=b\n#\nfilter=a\n", NULL,
		"filter=b\n#\nfilter=a\n");
	/* a key set twice: the first line takes the value, the other goes */
	rewrite("sort=rtt\ncolor=no\nsort=local\n", sort_desc,
		"sort=recv-q:desc\ncolor=no\n");
	/* a key not in the file is added at its end, newline or not */
	rewrite("color=no", interval_3, "color=no\ninterval=3\n");
	/* the collapsed groups: their line in place, the rest untouched */
	rewrite("# x\ncollapsed=port:2a\ncolor=no\n", collapse_host,
		"# x\ncollapsed=host:5,port:2a\ncolor=no\n");
	rewrite("color=no\n", collapse_host,
		"color=no\ncollapsed=host:5,port:2a\n");
	rewrite("color=no\n", interval_3, "color=no\ninterval=3\n");
	/* a new file: a header and what changed only */
	remove(path);
	{
		struct rc_conf base;

		rc_defaults(&base);
		c = base;
		interval_3(&c);
		CHECK(rc_save(&c, &base, path, &r) == 0);
		CHECK(!strcmp(
			slurp(),
			"# sstop settings, written on quit\ninterval=3\n"));
	}

	/* a read-only file is left alone, with a message */
	put("color=no\n", 9);
	chmod(path, 0444);
	rc_load(&d, path, &r);
	c = d;
	interval_3(&c);
	CHECK(rc_save(&c, &d, path, &r) == -EROFS && !r.ok && r.msg[0]);
	CHECK(!strcmp(slurp(), "color=no\n") && alone());
	chmod(path, 0644);

	remove(path);
	snprintf(path, sizeof(path), "%s/sstop/sstoprc", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/sstop", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/sub/dir", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
