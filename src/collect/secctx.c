/*
 * secctx.c: SELinux security contexts without libselinux.
 *
 * libselinux's getpidcon() reads /proc/PID/attr/current and getfilecon()
 * the security.selinux attribute; both are plain kernel interfaces, so
 * sstop reads them itself and needs no extra library.  Contexts are
 * untrusted text: callers escape them before they reach a terminal.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/xattr.h>

#include "secctx.h"

#define SELINUX_MNT "/sys/fs/selinux"
#define SELINUX_CONFIG "/etc/selinux/config"

int secctx_enabled_at(const char *mnt, const char *config)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof(path), "%s/enforce", mnt) >=
	    sizeof(path))
		return 0;
	return access(path, F_OK) == 0 && access(config, F_OK) == 0;
}

int secctx_enabled(void)
{
	return secctx_enabled_at(SELINUX_MNT, SELINUX_CONFIG);
}

/* Drops what the kernel appends (NUL, newline), and fails empty values. */
static int finish(char *buf, size_t len, ssize_t n)
{
	while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == '\n'))
		n--;
	if (n <= 0) {
		snprintf(buf, len, "%s", SECCTX_UNAVAILABLE);
		return -ENODATA;
	}
	buf[n] = '\0';
	return 0;
}

static int read_file(int dirfd, const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd, err;

	if (len < sizeof(SECCTX_UNAVAILABLE))
		return -ERANGE;
	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		snprintf(buf, len, "%s", SECCTX_UNAVAILABLE);
		return err;
	}
	n = read(fd, buf, len - 1);
	err = n < 0 ? -errno : 0;
	close(fd);
	/* A value that may not have fit is not shown cut. */
	if (!err && (size_t)n == len - 1)
		err = -ERANGE;
	if (err) {
		snprintf(buf, len, "%s", SECCTX_UNAVAILABLE);
		return err;
	}
	return finish(buf, len, n);
}

int secctx_netlink(int32_t portid, char *buf, size_t len)
{
	char path[64];

	if (portid == 0)
		return read_file(AT_FDCWD,
				 SELINUX_MNT "/initial_contexts/kernel", buf,
				 len);
	if (portid < 0) {
		if (len < sizeof(SECCTX_UNAVAILABLE))
			return -ERANGE;
		snprintf(buf, len, "%s", SECCTX_UNAVAILABLE);
		return -ENOENT;
	}
	snprintf(path, sizeof(path), "/proc/%d/attr/current", (int)portid);
	return read_file(AT_FDCWD, path, buf, len);
}

int secctx_pid(int procfd, int pid, char *buf, size_t len)
{
	char path[64];

	snprintf(path, sizeof(path), "%d/attr/current", pid);
	return read_file(procfd, path, buf, len);
}

int secctx_fd(int procfd, int pid, int fd, char *buf, size_t len)
{
	char path[96];
	ssize_t n;
	int err;

	if (len < sizeof(SECCTX_UNAVAILABLE))
		return -ERANGE;
	/* No getxattrat() in libc: reach procfd through our own fd table. */
	snprintf(path, sizeof(path), "/proc/self/fd/%d/%d/fd/%d", procfd, pid,
		 fd);
	n = getxattr(path, "security.selinux", buf, len - 1);
	if (n < 0) {
		err = -errno;
		snprintf(buf, len, "%s", SECCTX_UNAVAILABLE);
		return err;
	}
	return finish(buf, len, n);
}
