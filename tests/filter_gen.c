/*
 * filter_gen.c: random filter expressions (see filter_gen.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "filter_gen.h"

unsigned fgen_rnd(struct fgen *g, unsigned n)
{
	g->rng = g->rng * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((g->rng >> 33) % n);
}

static void leaf(struct fgen *g, char *buf, size_t sz)
{
	size_t len = strlen(buf);
	const char *l = g->leaves[fgen_rnd(g, (unsigned)g->n_leaves)];
	const char *pct = strstr(l, "%d");

	if (pct && g->n_ports) {
		int port = g->ports[fgen_rnd(g, (unsigned)g->n_ports)];

		snprintf(buf + len, sz - len, "%.*s%d%s", (int)(pct - l), l,
			 port, pct + 2);
	} else {
		snprintf(buf + len, sz - len, "%s", l);
	}
}

static void expr(struct fgen *g, char *buf, size_t sz, int depth)
{
	unsigned k = depth > 3 ? 0 : fgen_rnd(g, 7);
	size_t len;

	if (k <= 2) {
		leaf(g, buf, sz);
		return;
	}
	len = strlen(buf);
	if (k == 3) {
		snprintf(buf + len, sz - len, "! ");
		expr(g, buf, sz, depth + 1);
		return;
	}
	snprintf(buf + len, sz - len, "( ");
	expr(g, buf, sz, depth + 1);
	len = strlen(buf);
	snprintf(buf + len, sz - len, "%s",
		 k == 4 ? " and " : k == 5 ? " or " : " ");
	expr(g, buf, sz, depth + 1);
	len = strlen(buf);
	snprintf(buf + len, sz - len, " )");
}

void fgen_expr(struct fgen *g, char *buf, size_t sz)
{
	expr(g, buf, sz, 0);
}
