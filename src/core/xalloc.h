/*
 * xalloc.h: allocation that cannot return NULL.
 *
 * sstop cannot do anything useful once memory is exhausted, so these abort
 * with a message instead of making every caller handle NULL.  Callers own
 * what they get and release it with free().
 */
#ifndef SSTOP_XALLOC_H
#define SSTOP_XALLOC_H

#include <stddef.h>

/* Says that n bytes could not be had and aborts. */
_Noreturn void xalloc_oom(size_t n);
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array to at least `need` elements of `size` bytes; *cap updated. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
