/*
 * msgfit.h: a message that fits its buffer whole in meaning.  Messages
 * name what the user gave (a path, an argument) and end with why; in a
 * fixed buffer a long path used to push the reason out unseen.  Here a
 * message too long for its buffer loses the middle instead, where "..."
 * says so: its start (what failed) and its end (why) both stay.
 */
#ifndef SSTOP_MSGFIT_H
#define SSTOP_MSGFIT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Formats fmt into dst (n bytes, NUL-terminated when n > 0); when the
 * text is longer than n - 1 bytes, keeps its first and last bytes around
 * "..." (a third and two thirds of n; n below 16 just cuts).  Returns the
 * length written.
 */
size_t msg_vfit(char *dst, size_t n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
size_t msg_fit(char *dst, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
