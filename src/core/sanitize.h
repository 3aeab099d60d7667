/*
 * sanitize.h: make untrusted strings safe for a terminal.
 *
 * Unix socket paths, process names and command lines come from whoever
 * created them.  Before any of them reaches a terminal (batch output, JSON,
 * the screen), control characters (C0, DEL, C1) become visible escapes
 * ("\x1b" for ESC), bytes that are not valid UTF-8 become "\xHH", and
 * invisible format characters that could disguise text (bidi overrides
 * and isolates U+202A-202E and U+2066-2069, zero-width U+200B-200F, BOM...)
 * become "\u202e".  Printable text, UTF-8 included, passes unchanged.
 */
#ifndef SSTOP_SANITIZE_H
#define SSTOP_SANITIZE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Writes the escaped form of s[0..len) to dst (at most dstsz bytes,
 * NUL-terminated when dstsz > 0).  Returns the length of the full escaped
 * string, as snprintf does, so a caller can size its buffer.
 */
size_t san_escape(char *dst, size_t dstsz, const char *s, size_t len);
/* Non-zero if s[0..len) would be changed by san_escape(). */
int san_needed(const char *s, size_t len);
/*
 * Length (1-4) of the valid UTF-8 sequence at s[0..len), its code point in
 * *cp; 0 if the byte at s is not the start of one.
 */
size_t san_utf8(const char *s, size_t len, uint32_t *cp);
/* Non-zero for C0, DEL and C1 controls. */
int san_control(uint32_t cp);
/* Non-zero for the invisible format characters san_escape() shows. */
int san_invisible(uint32_t cp);

#endif
