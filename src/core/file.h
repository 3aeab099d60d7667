/*
 * file.h: whole files read into memory (a filter file, a recorded dump for
 * --replay), opened with the caller's rights.
 *
 * Limits that say so: a named file must be a regular file (a FIFO, a
 * device such as /dev/zero or a directory is refused before anything is
 * read, so nothing blocks or reads forever), and no file is read past
 * its limit (FILE_MAX_*); "-" (standard input, where the caller allows
 * it) is read up to the same limit.
 */
#ifndef SSTOP_FILE_H
#define SSTOP_FILE_H

#include <stddef.h>
#include <stdio.h>

/* -F FILE: 4 MiB of filter text. */
#define FILE_MAX_FILTER (4u << 20)
/* --replay FILE: 512 MiB of recorded dumps (some 2 million sockets). */
#define FILE_MAX_DUMP (512u << 20)
/* The rc file: 64 KiB. */
#define FILE_MAX_RC (64u << 10)

enum {
	FILE_STDIN_DASH = 1, /* "-" is standard input */
	FILE_TEXT = 2,	     /* text: a NUL byte is an error */
};

/* What file_read() says beyond errno's words. */
#define FILE_ENOTREG (-4096) /* not a regular file */
#define FILE_ETOOBIG (-4097) /* larger than max */
#define FILE_ENUL (-4098)    /* a NUL byte in a text file */

/*
 * Reads path whole, at most max bytes (flags: FILE_*).  On success *out
 * holds the *len bytes and a NUL after them (owned by the caller, free()).
 * Returns 0, a negative errno (-ENOMEM when memory runs out: never an
 * abort), or one of FILE_E* (for FILE_ENUL, *len is the NUL's offset).
 */
int file_read(const char *path, int flags, size_t max, void **out, size_t *len);

/* The same for an open file descriptor (not closed; no type check). */
int file_read_fd(int fd, int flags, size_t max, void **out, size_t *len);

/*
 * Reads the next line of f, however long up to max bytes, into *buf
 * without its '\n' (NUL-terminated; *buf and *cap, its size, start NULL
 * and 0, grow as needed and are the caller's to free).  Returns the
 * line's length, -1 at the end of f, or FILE_ETOOBIG for a line longer
 * than max: *buf then holds its first max bytes, and the rest of the
 * line is skipped (the next call reads the next line).
 */
long file_line(FILE *f, char **buf, size_t *cap, size_t max);

/*
 * The translated reason for a file_read() error: FILE_ETOOBIG names
 * max in MiB or KiB.  Points into buf (n bytes) or to a constant.
 */
const char *file_strerror(int err, size_t max, char *buf, size_t n);

#endif
