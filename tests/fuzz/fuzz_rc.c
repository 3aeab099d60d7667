/*
 * fuzz_rc.c: libFuzzer target for the rc file's parser (rc_parse_text,
 * what rc_load applies to ~/.config/sstop/sstoprc).
 *
 * Any text either applies, leaving values inside their rules (the interval
 * 0 or 0.1 to 3600, a sort column and a column list that parse again, the
 * history within RC_HIST), or fails with a line inside the text, a
 * message, and every value back at its default.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mcol.h"
#include "rcfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_conf c, d;
	struct rc_result res;
	enum mcol col;
	int desc, lines = 1;
	char *text;

	if (size > 65536 || memchr(data, '\0', size))
		return 0; /* file_read refuses these before the parser */
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	rc_defaults(&c);
	rc_defaults(&d);
	memset(&res, 0, sizeof(res));
	if (rc_parse_text(&c, text, &res) < 0) {
		if (res.ok || res.line < 1 || res.line > lines || !res.msg[0] ||
		    memcmp(&c, &d, sizeof(c)))
			abort();
	} else {
		if (!res.ok || c.n_hist < 0 || c.n_hist > RC_HIST)
			abort();
		if (c.interval != 0 && !(c.interval >= RC_INTERVAL_MIN &&
					 c.interval <= RC_INTERVAL_MAX))
			abort();
		if (c.sort[0] && mcol_parse_sort(c.sort, &col, &desc))
			abort();
		if (c.columns[0] && mcol_parse_list(c.columns, NULL, 0) < 0)
			abort();
		for (int i = 0; i < c.n_hist; i++)
			if (!memchr(c.hist[i], '\0', sizeof(c.hist[i])))
				abort();
	}
	free(text);
	return 0;
}
