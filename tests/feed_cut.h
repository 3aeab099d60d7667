/*
 * feed_cut.h: a kernel played by a test (struct diag_feed's recv): one
 * stream of answers, cut into receive buffers at the offsets in cut[], is
 * handed out a buffer per call.  Shared by diag_cache_test and the
 * fuzz_cache target.
 */
#ifndef SSTOP_TESTS_FEED_CUT_H
#define SSTOP_TESTS_FEED_CUT_H

#include <errno.h>
#include <string.h>
#include <sys/types.h>

/*
 * The next buffer of stream (ends at cut[*next]) into buf, at most len
 * bytes; -1 with EIO once every buffer is out (the kernel would block:
 * nothing more comes).
 */
static inline ssize_t feed_cut_recv(const unsigned char *stream,
				    const size_t *cut, size_t n_cut,
				    size_t *next, void *buf, size_t len)
{
	size_t from, n;

	if (*next >= n_cut) {
		errno = EIO;
		return -1;
	}
	from = *next ? cut[*next - 1] : 0;
	n = cut[(*next)++] - from;
	if (n > len)
		n = len;
	memcpy(buf, stream + from, n);
	return (ssize_t)n;
}

#endif
