/*
 * file.c: whole files read into memory (see file.h).  The buffer doubles
 * as it fills, so a recorded dump of 100k sockets takes a few reads.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "xalloc.h"

int file_read(const char *path, int stdin_dash, void **out, size_t *len)
{
	int fd = stdin_dash && !strcmp(path, "-")
			 ? STDIN_FILENO
			 : open(path, O_RDONLY | O_CLOEXEC);
	size_t cap = 65536, n = 0;
	char *buf;

	if (fd < 0)
		return -errno;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r;

		if (n == cap)
			buf = xgrow(buf, &cap, cap * 2 + 1, 1);
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = -errno;

			free(buf);
			if (fd != STDIN_FILENO)
				close(fd);
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}
