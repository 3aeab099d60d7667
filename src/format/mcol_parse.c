/*
 * mcol_parse.c: the column lists and sort keys the user writes
 * (--columns, --sort, the config file), read into column numbers with the
 * ids of the column table (mcol.c).
 */
#include "config.h"

#include <string.h>

#include "mcol.h"

int mcol_parse_sort(const char *spec, enum mcol *col, int *desc)
{
	char id[32];
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	int c;

	if (n >= sizeof(id))
		return -1;
	memcpy(id, spec, n);
	id[n] = '\0';
	if (colon && strcmp(colon, ":asc") && strcmp(colon, ":desc"))
		return -1;
	c = mcol_by_id(id);
	if (c < 0)
		return -1;
	*col = (enum mcol)c;
	*desc = colon && !strcmp(colon, ":desc");
	return 0;
}

int mcol_parse_list(const char *list, enum mcol *out, int max)
{
	const char *p = list;
	int n = 0;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char id[32];
		int c;

		if (len >= sizeof(id))
			return -1;
		memcpy(id, p, len);
		id[len] = '\0';
		c = mcol_by_id(id);
		if (c < 0)
			return -1;
		if (out && n < max)
			out[n] = (enum mcol)c;
		n++;
		if (!comma)
			return out && n > max ? max : n;
		p = comma + 1;
	}
}
