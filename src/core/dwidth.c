/* dwidth.c: display columns of UTF-8 text (see dwidth.h). */
#include "config.h"

#include <string.h>

#include "dwidth.h"

int dw_char(const char *s, size_t len, wchar_t *wc, size_t *bytes)
{
	mbstate_t st;
	wchar_t c;
	size_t k;
	int w;

	memset(&st, 0, sizeof(st));
	k = mbrtowc(&c, s, len, &st);
	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		k = 1;
		c = L'?';
	}
	w = wcwidth(c);
	if (w < 0) {
		c = L'?';
		w = 1;
	}
	*bytes = k;
	if (wc)
		*wc = c;
	return w;
}

size_t dw_cols(const char *s, size_t len)
{
	size_t cols = 0, k;

	for (; len; s += k, len -= k)
		cols += (size_t)dw_char(s, len, NULL, &k);
	return cols;
}

size_t dw_fit(const char *s, int w)
{
	size_t off = 0, brk = 0, len = strlen(s), k;
	int width = 0;

	while (off < len) {
		int cw = dw_char(s + off, len - off, NULL, &k);

		if (width + cw > w)
			return brk ? brk : off ? off : k;
		width += cw;
		off += k;
		if (s[off - 1] == ' ')
			brk = off;
	}
	return off;
}
