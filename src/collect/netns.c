/*
 * netns.c: entering a network namespace (see netns.h).
 *
 * The user names the file, so it is opened as any file the user names:
 * with the user's rights, never with CAP_DAC_READ_SEARCH, which would let
 * -N probe files the user cannot read.  Only a file on nsfs is accepted
 * (a FIFO, a device or a regular file is refused before any read), and
 * setns() itself checks that it is a network namespace.
 *
 * Root itself (real user id 0, not a set-id or file-capability run) is
 * the one user whose own rights include the capabilities: another
 * process's /proc/PID/ns/net needs CAP_SYS_PTRACE, so a refused open is
 * tried again with them raised.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "caps.h"
#include "netns.h"
#include "secenv.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

int netns_enter(const char *name)
{
	char path[4096];
	struct statfs sf;
	int fd, rc = 0, raised, n;

	if (strchr(name, '/'))
		n = snprintf(path, sizeof(path), "%s", name);
	else if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	else
		n = snprintf(path, sizeof(path), "/run/netns/%s", name);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && (errno == EACCES || errno == EPERM) && getuid() == 0 &&
	    !secenv_secure()) {
		raised = caps_raise();
		fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		caps_lower(raised);
	}
	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &sf) < 0) {
		rc = -errno;
	} else if (sf.f_type != NSFS_MAGIC) {
		rc = -EINVAL;
	} else {
		raised = caps_raise();
		if (setns(fd, CLONE_NEWNET) < 0)
			rc = -errno;
		caps_lower(raised);
	}
	close(fd);
	return rc;
}
