/*
 * secctx_test.c: SELinux contexts are read from a fixture /proc tree as
 * from the real one: the value without the kernel's trailing NUL or
 * newline, "unavailable" with an error for a missing process, an empty
 * value or a file without the attribute (a socket link that leads nowhere).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secctx.h"

static int failures;

static void expect(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL: %s\n", what);
		failures++;
	}
}

static void put(const char *root, const char *rel, const char *data,
		size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(99);
	}
}

int main(void)
{
	char root[] = "/tmp/secctx_test.XXXXXX";
	char path[4096], buf[256], small[16];
	int rc;

	if (!mkdtemp(root))
		return 99;
	snprintf(path, sizeof(path), "%s/42", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/42/attr", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/42/fd", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/43", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/43/attr", root);
	mkdir(path, 0755);
	/* The kernel ends the value with a NUL (and some LSMs a newline). */
	put(root, "42/attr/current", "system_u:system_r:sshd_t:s0\n", 29);
	put(root, "43/attr/current", "", 0);
	snprintf(path, sizeof(path), "%s/42/fd/3", root);
	if (symlink("socket:[12345]", path))
		return 99;

	rc = secctx_pid(root, 42, buf, sizeof(buf));
	expect(rc == 0 && !strcmp(buf, "system_u:system_r:sshd_t:s0"),
	       "process context read");
	rc = secctx_pid(root, 43, buf, sizeof(buf));
	expect(rc == -ENODATA && !strcmp(buf, SECCTX_UNAVAILABLE),
	       "empty context is unavailable");
	rc = secctx_pid(root, 44, buf, sizeof(buf));
	expect(rc == -ENOENT && !strcmp(buf, SECCTX_UNAVAILABLE),
	       "missing process is unavailable");
	rc = secctx_pid(root, 42, small, sizeof(small));
	expect(rc == -ERANGE && !strcmp(small, SECCTX_UNAVAILABLE),
	       "a value too long for the buffer is not shown cut");
	rc = secctx_fd(root, 42, 3, buf, sizeof(buf));
	expect(rc < 0 && !strcmp(buf, SECCTX_UNAVAILABLE),
	       "dangling socket link is unavailable");
	rc = secctx_fd(root, 42, 4, buf, sizeof(buf));
	expect(rc == -ENOENT && !strcmp(buf, SECCTX_UNAVAILABLE),
	       "missing fd is unavailable");
	/* On the real /proc: this process's own context, or unavailable. */
	rc = secctx_pid(NULL, (int)getpid(), buf, sizeof(buf));
	expect(secctx_enabled() ? rc == 0 : 1, "own context with SELinux on");
	expect(rc == 0 || !strcmp(buf, SECCTX_UNAVAILABLE),
	       "own context or unavailable");

	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	if (system(path))
		failures++;
	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
