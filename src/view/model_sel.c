/*
 * model_sel.c: the table model's selection, tags and marks (see model.h):
 * the selected row, tagged rows, rows marked gone by a closed event, the
 * live rows and rates shown, and the search (`/`) over the shown rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "xalloc.h"

size_t model_sel(const struct model *m)
{
	return m->n_order ? m->sel_pos : 0;
}

void model_select(struct model *m, size_t pos)
{
	if (!m->n_order) {
		m->sel_pos = 0;
		return;
	}
	if (pos >= m->n_order)
		pos = m->n_order - 1;
	m->sel_pos = pos;
	m->sel_key = model_row(m, pos)->key;
	m->has_sel = 1;
	m->sel_gen++;
}

struct mrow *model_sel_row(const struct model *m)
{
	return m->n_order ? model_row(m, m->sel_pos) : NULL;
}

void model_tag_set(struct model *m, struct mrow *row, int on)
{
	if (!on == !(row->flags & MROW_TAGGED))
		return;
	row->flags ^= MROW_TAGGED;
	if (on)
		m->n_tagged++;
	else
		m->n_tagged--;
}

void model_tag_toggle(struct model *m)
{
	struct mrow *row = model_sel_row(m);

	if (row && !(row->flags & MROW_GONE))
		model_tag_set(m, row, !(row->flags & MROW_TAGGED));
}

void model_untag_all(struct model *m)
{
	for (size_t i = 0; i < m->n_rows; i++)
		m->rows[i].flags &= ~MROW_TAGGED;
	m->n_tagged = 0;
}

size_t model_n_tagged(const struct model *m)
{
	return m->n_tagged;
}

/* A live socket of c's counts (its table and TCP state) goes. */
static void counts_drop(struct model_counts *c, const struct sk_rec *r)
{
	if (r->tab < SKT_COUNT)
		c->tab[r->tab]--;
	if (r->tab == SKT_TCP && r->state < SKS_MAX)
		c->tcp_state[r->state]--;
	c->total--;
}

/*
 * The row leaves the header's counts at once, not at the next refilter:
 * the dump's, and the shown rows' if the last refilter counted it.
 */
void model_mark_gone(struct model *m, struct mrow *row)
{
	if (row->flags & MROW_GONE)
		return;
	row->flags |= MROW_GONE;
	m->n_gone_live++;
	counts_drop(&m->counts, row->r);
	if (!(row->flags & MROW_HIDDEN))
		counts_drop(&m->shown, row->r);
}

size_t model_n_live(const struct model *m)
{
	size_t n = 0;

	/* every row shown: the live rows less those marked gone since */
	if (m->n_order == m->n_rows)
		return (m->cur ? m->cur->n : 0) - m->n_gone_live;
	for (size_t i = 0; i < m->n_order; i++)
		n += !(m->rows[m->order[i]].flags & MROW_GONE);
	return n;
}

int model_rates_sum(const struct model *m, double *tx, double *rx)
{
	if (m->n_order != m->n_rows || m->n_gone_live)
		return 0;
	*tx = m->counts.tx;
	*rx = m->counts.rx;
	return 1;
}

static const enum mcol find_cols[] = {
	MC_LOCAL, MC_PEER, MC_NETID, MC_STATE, MC_PROCESS,
};

long model_find(const struct model *m, size_t from, const char *needle,
		const struct mfmt *f)
{
	char stack[2048], *cell;
	struct mfmt num;
	size_t n;

	if (!m->n_order || !needle || !*needle)
		return -1;
	num = *f;
	num.numeric = 1;
	for (size_t k = 1; k <= m->n_order; k++) {
		size_t pos = (from + k) % m->n_order;
		const struct sk_rec *r = model_row(m, pos)->r;
		int hit = 0;

		/* a replayed dump's unix name can be longer: cells its size */
		n = mcol_end_size(r);
		cell = n > sizeof(stack) ? xmalloc(n) : stack;
		if (cell == stack)
			n = sizeof(stack);
		for (size_t c = 0;
		     !hit && c < sizeof(find_cols) / sizeof(find_cols[0]);
		     c++) {
			mcol_get(find_cols[c])->fmt(r, f, cell, n);
			hit = strcasestr(cell, needle) != NULL;
			/* names shown: the numbers match too (5432 finds
			 * :postgresql) */
			if (!hit && !f->numeric &&
			    (find_cols[c] == MC_LOCAL ||
			     find_cols[c] == MC_PEER)) {
				mcol_get(find_cols[c])->fmt(r, &num, cell, n);
				hit = strcasestr(cell, needle) != NULL;
			}
		}
		if (cell != stack)
			free(cell);
		if (hit)
			return (long)pos;
	}
	return -1;
}
