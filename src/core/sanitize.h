/*
 * sanitize.h: make untrusted strings safe for a terminal.
 *
 * Unix socket paths, process names and command lines come from whoever
 * created them.  Before any of them reaches a terminal (batch output, JSON,
 * the screen), control characters (C0, DEL, C1) become visible escapes
 * ("\x1b" for ESC), and bytes that are not valid UTF-8
 * become "\xHH".  Printable text, UTF-8 included, passes unchanged.
 */
#ifndef SSTOP_SANITIZE_H
#define SSTOP_SANITIZE_H

#include <stddef.h>
#include <stdio.h>

/*
 * Writes the escaped form of s[0..len) to dst (at most dstsz bytes,
 * NUL-terminated when dstsz > 0).  Returns the length of the full escaped
 * string, as snprintf does, so a caller can size its buffer.
 */
size_t san_escape(char *dst, size_t dstsz, const char *s, size_t len);
/* Writes the escaped form of s[0..len) to f. */
void san_fwrite(FILE *f, const char *s, size_t len);
/* Non-zero if s[0..len) would be changed by san_escape(). */
int san_needed(const char *s, size_t len);

#endif
