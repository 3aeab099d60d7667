/*
 * file.c: whole files read into memory (see file.h).  The buffer doubles
 * as it fills, so a recorded dump of 100k sockets takes a few reads; a
 * named file is opened without blocking (a FIFO would wait for a writer)
 * and must be a regular file.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "i18n.h"
#include "xalloc.h"

static int open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = errno;

		e = fstat(fd, &st) < 0	  ? -e
		    : S_ISDIR(st.st_mode) ? -EISDIR
					  : FILE_ENOTREG;
		close(fd);
		return e;
	}
	/* a regular file never blocks; reads go on normally */
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int file_read(const char *path, int flags, size_t max, void **out, size_t *len)
{
	int fd = (flags & FILE_STDIN_DASH) && !strcmp(path, "-")
			 ? STDIN_FILENO
			 : open_regular(path);
	int err;

	if (fd < 0)
		return fd;
	err = file_read_fd(fd, flags, max, out, len);
	if (fd != STDIN_FILENO)
		close(fd);
	return err;
}

int file_read_fd(int fd, int flags, size_t max, void **out, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf, *nul;
	int err = 0;

	if (cap > max)
		cap = max;
	buf = malloc(cap + 1);
	if (!buf)
		err = -ENOMEM;
	while (!err) {
		ssize_t r;

		if (n == cap) {
			size_t ncap = cap > max / 2 ? max : cap * 2;
			char *nb;

			/* one byte past max tells a file of max bytes apart */
			if (cap == max) {
				char c;

				while ((r = read(fd, &c, 1)) < 0 &&
				       errno == EINTR)
					;
				if (r > 0)
					err = FILE_ETOOBIG;
				else if (r < 0)
					err = -errno;
				break;
			}
			nb = realloc(buf, ncap + 1);
			if (!nb) {
				err = -ENOMEM;
				break;
			}
			buf = nb;
			cap = ncap;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = -errno;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	if (!err && (flags & FILE_TEXT) && (nul = memchr(buf, '\0', n))) {
		*len = (size_t)(nul - buf);
		err = FILE_ENUL;
	}
	if (err) {
		free(buf);
		return err;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

const char *file_strerror(int err, size_t max, char *buf, size_t n)
{
	switch (err) {
	case FILE_ENOTREG:
		return _("not a regular file");
	case FILE_ETOOBIG:
		if (max >= (1u << 20))
			snprintf(buf, n, _("larger than the limit of %zu MiB"),
				 max >> 20);
		else
			snprintf(buf, n, _("larger than the limit of %zu KiB"),
				 max >> 10);
		return buf;
	case FILE_ENUL:
		return _("a NUL byte: not a text file");
	default:
		return strerror(-err);
	}
}

long file_line(FILE *f, char **buf, size_t *cap, size_t max)
{
	size_t len = 0;
	int c, big = 0;

	*buf = xgrow(*buf, cap, 128, 1);
	while ((c = getc(f)) != EOF && c != '\n') {
		if (len >= max) {
			big = 1;
			continue;
		}
		*buf = xgrow(*buf, cap, len + 2, 1);
		(*buf)[len++] = (char)c;
	}
	(*buf)[len] = '\0';
	if (c == EOF && !len && !big)
		return -1;
	return big ? FILE_ETOOBIG : (long)len;
}
