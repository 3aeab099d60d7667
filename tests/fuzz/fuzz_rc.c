/*
 * fuzz_rc.c: libFuzzer target for the rc file's parser (rc_parse_text,
 * what rc_load applies to ~/.config/sstop/sstoprc).
 *
 * A bad line costs only itself (843191f): any text either applies whole
 * (0, res.ok), or returns -EINVAL with the first bad line inside the text,
 * a message and a count of bad lines.  Either way every value that applied
 * stays inside its rules: the interval 0 or 0.1 to 3600, a sort column, a
 * column list, a grouping and a collapsed list that parse again,
 * closed_log, colours and health thresholds in range, the history within
 * RC_HIST, each entry a string.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"
#include "mcol.h"
#include "rcfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rc_conf c;
	struct rc_result res;
	enum mcol col;
	int desc, rc, lines = 1;
	char *text;

	if (size > 65536 || memchr(data, '\0', size))
		return 0; /* file_read refuses these before the parser */
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size; i++)
		lines += text[i] == '\n';
	rc_defaults(&c);
	memset(&res, 0, sizeof(res));
	rc = rc_parse_text(&c, text, &res);
	if (rc < 0) {
		if (rc != -EINVAL || res.ok || res.line < 1 ||
		    res.line > lines || !res.msg[0] || res.bad < 1 ||
		    res.bad > lines)
			abort();
	} else if (rc != 0 || !res.ok) {
		abort();
	}
	if (c.n_hist < 0 || c.n_hist > RC_HIST)
		abort();
	if (c.interval != 0 &&
	    !(c.interval >= RC_INTERVAL_MIN && c.interval <= RC_INTERVAL_MAX))
		abort();
	if (c.sort[0] && mcol_parse_sort(c.sort, &col, &desc))
		abort();
	if (c.columns[0] && mcol_parse_list(c.columns, NULL, 0) < 0)
		abort();
	if (c.group[0] && group_view_by_id(c.group) < 0)
		abort();
	if (c.collapsed[0] && group_keep_check(c.collapsed) < 0)
		abort();
	if (c.closed_log < 0 || c.closed_log > 10000000 ||
	    (c.color != 0 && c.color != 1))
		abort();
	if (!(c.health.close_wait_s >= 0 && c.health.close_wait_s <= 86400) ||
	    !(c.health.syn_sent_s >= 0 && c.health.syn_sent_s <= 86400) ||
	    c.health.rmem_pct < 1 || c.health.rmem_pct > 100 ||
	    c.health.rwnd_pct < 1 || c.health.rwnd_pct > 100)
		abort();
	for (int i = 0; i < c.n_hist; i++)
		if (!memchr(c.hist[i], '\0', sizeof(c.hist[i])))
			abort();
	free(text);
	return 0;
}
