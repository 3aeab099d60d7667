/*
 * rcfile_test.c: the settings file round-trips; a missing file is fine; a
 * broken one (unknown key, bad column, bad interval, binary junk, an
 * endless line) gives a message with its line and leaves the defaults.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void expect_broken(const char *text, size_t len, int line)
{
	struct rc_conf c;
	struct rc_result r;

	put(text, len);
	CHECK(rc_load(&c, path, &r) < 0);
	CHECK(!r.ok && r.msg[0] && r.line == line);
	CHECK(c.sort[0] == '\0' && c.columns[0] == '\0' && c.interval == 0 &&
	      c.color == 1 && c.n_hist == 0);
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
	CHECK(rc_save(&c, path, &r) == 0 && r.ok);
	CHECK(rc_load(&d, path, &r) == 0 && r.ok);
	CHECK(!strcmp(d.sort, "recv-q:desc"));
	CHECK(!strcmp(d.columns, "netid,local,peer,rtt"));
	CHECK(d.interval == 0.5 && d.color == 0 && d.n_hist == 2);
	CHECK(!strcmp(d.hist[1], "dport = :443"));

	/* XDG_CONFIG_HOME is honoured */
	setenv("XDG_CONFIG_HOME", dir, 1);
	CHECK(rc_save(&c, NULL, &r) == 0);
	CHECK(strstr(r.path, "/sstop/sstoprc") && !strncmp(r.path, dir, strlen(dir)));

	/* comments, blank lines, history capped at RC_HIST */
	{
		char text[4096] = "# comment\n\n  sort=rtt\n";

		for (int i = 0; i < RC_HIST + 5; i++)
			snprintf(text + strlen(text),
				 sizeof(text) - strlen(text), "filter=f%d\n", i);
		put(text, strlen(text));
		CHECK(rc_load(&d, path, &r) == 0);
		CHECK(!strcmp(d.sort, "rtt") && d.n_hist == RC_HIST);
		CHECK(!strcmp(d.hist[RC_HIST - 1], "f24"));
		CHECK(!strcmp(d.hist[0], "f5"));
	}

	expect_broken("sort=rtt\nbogus=1\n", 17, 2);
	expect_broken("columns=netid,nonsense\n", 23, 1);
	expect_broken("sort=rtt:sideways\n", 18, 1);
	expect_broken("interval=-3\n", 12, 1);
	expect_broken("interval=2x\n", 12, 1);
	expect_broken("color=maybe\n", 12, 1);
	expect_broken("\x01\x02\xff\n", 4, 1);
	big = malloc(5000);
	memset(big, 'a', 5000);
	memcpy(big, "sort=", 5);
	expect_broken(big, 5000, 1);
	free(big);

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
