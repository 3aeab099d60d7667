/*
 * file.h: whole files read into memory (a filter file, a recorded dump for
 * --replay), opened with the caller's rights.
 */
#ifndef SSTOP_FILE_H
#define SSTOP_FILE_H

#include <stddef.h>

/*
 * Reads path whole ("-" is standard input when stdin_dash is set).  On
 * success *out holds the *len bytes and a NUL after them (owned by the
 * caller, free()).  Returns 0 or a negative errno.
 */
int file_read(const char *path, int stdin_dash, void **out, size_t *len);

#endif
