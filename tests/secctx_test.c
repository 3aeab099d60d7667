/*
 * secctx_test.c: SELinux contexts are read from a fixture /proc tree as
 * from the real one: the value without the kernel's trailing NUL or
 * newline, "unavailable" with an error for a missing process, an empty
 * value or a file without the attribute (a socket link that leads nowhere).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "check.h"
#include "secctx.h"

#define LABEL "system_u:object_r:sock_t:s0"

static void put(const char *root, const char *rel, const char *data, size_t len)
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
	int rc, procfd, self, labelled;

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
	/* fd 5 leads to a file labelled as the kernel labels sockets. */
	put(root, "file", "", 0);
	snprintf(path, sizeof(path), "%s/file", root);
	labelled = !setxattr(path, "security.selinux", LABEL, sizeof(LABEL), 0);
	snprintf(path, sizeof(path), "%s/42/fd/5", root);
	if (symlink("../../file", path))
		return 99;

	procfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	self = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0 || self < 0)
		return 99;
	rc = secctx_pid(procfd, 42, buf, sizeof(buf));
	/* process context read */
	CHECK_INT(rc, 0);
	CHECK_STR(buf, "system_u:system_r:sshd_t:s0");
	rc = secctx_pid(procfd, 43, buf, sizeof(buf));
	/* empty context is unavailable */
	CHECK_INT(rc, -ENODATA);
	CHECK_STR(buf, SECCTX_UNAVAILABLE);
	rc = secctx_pid(procfd, 44, buf, sizeof(buf));
	/* missing process is unavailable */
	CHECK_INT(rc, -ENOENT);
	CHECK_STR(buf, SECCTX_UNAVAILABLE);
	rc = secctx_pid(procfd, 42, small, sizeof(small));
	/* a value too long for the buffer is not shown cut */
	CHECK_INT(rc, -ERANGE);
	CHECK_STR(small, SECCTX_UNAVAILABLE);
	rc = secctx_fd(procfd, 42, 3, buf, sizeof(buf));
	/* dangling socket link is unavailable */
	CHECK_MSG(rc < 0, "got %d", rc);
	CHECK_STR(buf, SECCTX_UNAVAILABLE);
	if (labelled) {
		rc = secctx_fd(procfd, 42, 5, buf, sizeof(buf));
		/* socket context read through the fd link */
		CHECK_INT(rc, 0);
		CHECK_STR(buf, "system_u:object_r:sock_t:s0");
	} else {
		printf("note: no security.* xattr here, fd label not "
		       "checked\n");
	}
	rc = secctx_fd(procfd, 42, 4, buf, sizeof(buf));
	/* missing fd is unavailable */
	CHECK_INT(rc, -ENOENT);
	CHECK_STR(buf, SECCTX_UNAVAILABLE);
	/* Enabled as libselinux decides: selinuxfs and the config file. */
	snprintf(path, sizeof(path), "%s/selinuxfs", root);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/config", root);
	/* no selinuxfs, no config: off */
	CHECK_INT(secctx_enabled_at(root, path), 0);
	put(root, "selinuxfs/enforce", "0", 1);
	snprintf(buf, sizeof(buf), "%s/selinuxfs", root);
	/* selinuxfs without /etc/selinux/config: off (as ss) */
	CHECK_INT(secctx_enabled_at(buf, path), 0);
	put(root, "config", "SELINUX=permissive\n", 19);
	/* selinuxfs and config: on */
	CHECK_INT(secctx_enabled_at(buf, path), 1);
	snprintf(buf, sizeof(buf), "%s/nothing", root);
	/* config without selinuxfs: off */
	CHECK_INT(secctx_enabled_at(buf, path), 0);
	/* On the real /proc: this process's own context, or unavailable. */
	rc = secctx_pid(self, (int)getpid(), buf, sizeof(buf));
	if (secctx_enabled())
		CHECK_INT(rc, 0); /* own context with SELinux on */
	CHECK_MSG(rc == 0 || !strcmp(buf, SECCTX_UNAVAILABLE),
		  "own context or unavailable: %d \"%s\"", rc, buf);

	snprintf(path, sizeof(path), "rm -rf '%s'", root);
	CHECK_INT(system(path), 0);
	return check_done();
}
