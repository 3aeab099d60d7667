/*
 * dwidth.h: display columns of UTF-8 text, as the screen draws it.
 *
 * One rule for every place that measures, cuts or wraps text for a
 * terminal (table cells, the detail pane, dialogs, help, prompts, the
 * filter's caret): a character takes wcwidth() columns in the current
 * locale; a byte that does not start a valid character, and a character
 * that has no width (wcwidth() < 0), take one column and are drawn as '?'.
 * Functions here keep no state; any thread may call them.
 */
#ifndef SSTOP_DWIDTH_H
#define SSTOP_DWIDTH_H

#include <stddef.h>
#include <wchar.h>

/*
 * The character at s[0..len) (len > 0): its length in bytes in *bytes
 * (at least 1), the character drawn in *wc when wc is not NULL ('?' for a
 * bad byte or a character with no width); returns its columns (>= 0).
 */
int dw_char(const char *s, size_t len, wchar_t *wc, size_t *bytes);
/* Columns of s[0..len). */
size_t dw_cols(const char *s, size_t len);
/*
 * Bytes of the NUL-terminated s that fit in w columns, broken after the
 * last space that fits when the rest does not fit (else after the last
 * character that fits); at least one character when s is not empty, so a
 * wrapping loop never stalls.
 */
size_t dw_fit(const char *s, int w);

#endif
