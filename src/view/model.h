/*
 * model.h: the table model behind the full-screen monitor.
 *
 * Rows are built from a snapshot without copying records: a row points
 * into the current snapshot, or, for a socket that has just gone, to a
 * copy of its record in the previous snapshot's arena (a tombstone, shown
 * dimmed until the next refresh; that snapshot keeps no record array).  The
 * model sorts an index array by the keys of mcol.h's columns, keeps the
 * selection on the same socket (cookie, then identity) across refreshes and
 * re-sorts, and marks rows new or gone.
 * It knows nothing about curses.
 */
#ifndef SSTOP_MODEL_H
#define SSTOP_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "mcol.h"
#include "snap.h"
#include "sock.h"

enum {
	MROW_NEW = 1u << 0,  /* not in the previous refresh */
	MROW_GONE = 1u << 1, /* tombstone: points into the previous snapshot */
	MROW_TAGGED = 1u << 2, /* tagged by the user (kept across refreshes) */
	/* left out by the last refilter: not in the model's shown counts */
	MROW_HIDDEN = 1u << 3,
};

/*
 * One row: 24 bytes, as a million of them are kept (and, while a dump is
 * merged, a second array).  r->ino is the inode the owners' map was told
 * of for the row (a row is made again whenever r changes, and a tombstone's
 * record is a copy).
 */
struct mrow {
	const struct sk_rec
		*r;	/* owned by the model's current or previous snap */
	uint64_t key;	/* identity (cookie, else addresses and inode) */
	float since;	/* when the socket was first seen: seconds after the
			   model's epoch (model_since gives the clock) */
	uint32_t flags; /* MROW_* */
};

_Static_assert(sizeof(struct mrow) == 24, "a row is 24 bytes");

/*
 * Counts for the header, as ss -s: per table, and TCP per state; the TCP
 * sockets' rates summed (sk_rates: bytes/s sent and received).
 */
struct model_counts {
	uint32_t tab[SKT_COUNT];
	uint32_t tcp_state[SKS_MAX];
	uint32_t total;
	double tx, rx;
};

/* A predicate that hides rows (the live filter, grouping...). */
typedef int (*model_match_fn)(const struct sk_rec *r, void *arg);
/* Rearranges m->order after each sort (grouping by process). */
struct model;
typedef void (*model_order_fn)(struct model *m, void *arg);

struct model {
	struct snap *cur, *prev; /* owned; prev: the tombstones' records, in its
				    arena (no record array) */
	struct mrow *rows; /* current rows in dump order, then tombstones */
	size_t n_rows, cap_rows;
	struct mrow *old; /* scratch: the previous refresh's rows */
	size_t cap_old;
	uint32_t *all; /* every row (indices into rows), sorted by ord_col */
	size_t cap_all;
	uint32_t *order; /* visible rows: all's rows that match, regrouped */
	size_t n_order, cap_order;
	struct mkey *keys; /* scratch for sorting */
	size_t cap_keys;
	uint32_t *idx; /* scratch: sorted positions in keys */
	size_t cap_idx;
	struct mcol_sorter sorter;
	struct hmap
		ids; /* identity -> row (model_int.h's id_slot), over rows */
	int hash_ok; /* ids is built over rows (after the first update) */

	/* the sort asked for; `all` may still be in the previous one */
	enum mcol sort_col;
	int desc;
	/* the sort `all` is in (ord_ok: all holds every row) */
	enum mcol ord_col;
	int ord_desc;
	int ord_ok;
	int ord_stale; /* the keys changed (owners): sort again, same column */
	uint64_t stale_seq; /* counts model_mark_stale() calls */
	uint64_t gen; /* bumped when rows are rebuilt (a sort job goes stale) */

	/* the selection: a socket, and the position it had */
	uint64_t sel_key;
	size_t sel_pos;
	int has_sel;
	uint64_t sel_gen; /* bumped by each model_select() */

	model_match_fn match;
	void *match_arg;
	model_order_fn reorder; /* NULL: the order is the sort's */
	void *reorder_arg;
	const struct mfmt
		*fmt; /* for the columns' keys (owners); may be NULL */

	size_t n_tagged;    /* rows with MROW_TAGGED */
	size_t n_gone_live; /* live rows marked gone (model_mark_gone) */
	size_t n_hidden;    /* rows the last refilter marked MROW_HIDDEN */
	double t_update;    /* time of the last model_update() */
	/* the rows' epoch: the time of the first update (t0_ok) */
	double t0;
	int t0_ok;
	size_t n_deltas; /* rows marked new or gone by the last update */
	struct model_counts counts;
	struct model_counts
		shown; /* the same over the rows that match (live) */
};

void model_init(struct model *m);
void model_free(struct model *m);

/* When row (a row of m) was first seen, on the model's clock. */
static inline double model_since(const struct model *m, const struct mrow *row)
{
	return m->t0 + (double)row->since;
}

/* now as a row's "since" relative to epoch t0 (never negative). */
static inline float model_rel_time(double t0, double now)
{
	return now > t0 ? (float)(now - t0) : 0.0f;
}

/*
 * What the collector thread works out from a fresh snapshot before the
 * loop takes it, so that the loop only merges: every record's identity,
 * the records sorted by one column (their keys computed as the sort needs
 * them, not kept), and a digest that tells an unchanged refresh.  It reads the
 * snapshot, the column table and, for the Process column, the owners map (which
 * must not change meanwhile), so it can run while the loop reads the model.
 *
 * With the model's rows as they were when the dump began (struct mbase,
 * model_prepare_merge), it also builds the fresh rows themselves: each
 * record matched by identity to the row it had (its "since" kept), the new
 * ones marked, the identity table over them, the rows that went, and the
 * counts; the loop then swaps arrays (model_update_prep) and only copies
 * the few gone records and the tags.
 */
struct mprep {
	uint64_t *ids;	   /* identity per record (model_key), dump order; or */
	struct mrow *rows; /* merged: the fresh rows (flags 0 or MROW_NEW) */
	uint32_t *order;   /* the records, sorted */
	size_t n, cap_ids, cap_order, cap_rows;
	struct mcol_sorter sorter;
	enum mcol col; /* the column the keys are for */
	int desc;
	unsigned sorted : 1; /* order valid */
	unsigned timers : 1; /* the digest covers timer expiry (shown) */
	unsigned merged : 1; /* rows, hash, gone and counts valid */
	unsigned ids_ok : 1; /* ids valid (model_prepare) */
	uint64_t digest;     /* over identities, states, queues, timers */
	/* merged: */
	uint64_t gen;	  /* the model's update it was matched against */
	struct hmap hash; /* identity -> row, over rows[0..n) */
	uint32_t *gone;	  /* the base's rows no fresh record matched */
	size_t n_gone, cap_gone;
	size_t n_new;	/* rows marked MROW_NEW */
	uint64_t *seen; /* scratch: a bit per row of the base */
	size_t cap_seen;
	struct model_counts counts;
	/*
	 * merged: the inodes of the records that came (new, or matched with
	 * another inode: a socket orphaned) and of those that went, for the
	 * owners' map (own_sync_delta); valid after the update that installed
	 * the merge (took) until the next merge begins
	 */
	uint32_t *ino_add, *ino_del;
	size_t n_ino_add, n_ino_del, cap_ino_add, cap_ino_del;
	unsigned took : 1; /* the last model_update_prep installed this merge */
	double t0;	   /* merged: the epoch of the rows' "since" */
};

/*
 * What model_prepare_merge reads of the model: its live rows' identities
 * and "since" and its identity table, none of which changes until the
 * next update (the loop may still tag rows or mark them gone: flags are
 * not read).  Taken on the loop's thread (model_base); the model must not
 * be updated while a merge that uses it runs.
 */
struct mbase {
	const struct mrow *rows;
	size_t n; /* live rows: rows[0..n) (tombstones follow) */
	const struct hmap *ids;
	uint64_t gen;
	int first; /* no update yet: nothing is new */
	int quiet; /* no marks to clear, no sort pending: an unchanged dump
		      leaves the model as it is */
	double t0; /* the rows' epoch (t0_ok; else the merge's now is) */
	int t0_ok;
};

void model_prep_init(struct mprep *p);
void model_prep_free(struct mprep *p);
/*
 * Fills p for snapshot s, sorting by col (safe off the loop's thread); f
 * gives the Process column its owners (may be NULL: owners unknown).
 */
void model_prepare(struct mprep *p, const struct snap *s, enum mcol col,
		   int desc, const struct mfmt *f);
/*
 * Whether s is the snapshot p was last prepared for, or the same again:
 * its digest (identities, states, queues, timers, in dump order) and size
 * are p's.  A snapshot that differs from it in one value of one record is
 * never taken as the same (each value goes through a bijection of the
 * digest).  When it is the same, p keeps its digest but drops its order,
 * identities and merge (another snapshot's: an update given p then sorts
 * and matches by itself), so the caller that keeps what it made of the
 * last snapshot does no more work; otherwise p is unchanged.
 */
int model_prep_same(struct mprep *p, const struct snap *s);
/*
 * model_prep_same's answer for a snapshot known to hold the very records
 * of the last one (the kernel sent the same bytes): the same, without
 * the digest's pass.  Returns 1.
 */
int model_prep_keep(struct mprep *p);
/* The model's side of a merge, now (the loop's thread). */
void model_base(const struct model *m, struct mbase *b);
/*
 * As model_prepare, and the fresh rows merged with b's (new rows' "since"
 * is now); p->ids is not filled.
 */
void model_prepare_merge(struct mprep *p, const struct snap *s,
			 const struct mbase *b, double now, enum mcol col,
			 int desc, const struct mfmt *f);
/*
 * As model_update, with the work already done in p for this snapshot
 * (p may be NULL, or prepared for another column: then the model sorts).
 * A merge made against the model as it is now is installed by swapping
 * arrays with p (which then holds scratch for the next one).
 */
struct snap *model_update_prep(struct model *m, struct snap *fresh,
			       struct mprep *p, double now);
/* Non-zero when the last update marked rows new or gone. */
int model_has_deltas(const struct model *m);

/*
 * Takes ownership of `fresh`, a new snapshot, at time `now` (seconds): rows
 * are rebuilt, new and gone sockets marked, tags and the selection carried
 * over, then sorted.  Returns a snapshot the model no longer needs (cleared,
 * for the caller to reuse or free), or NULL.
 */
struct snap *model_update(struct model *m, struct snap *fresh, double now);

/* Re-sorts (and re-filters) the rows; the selection stays on its socket. */
void model_sort(struct model *m, enum mcol col, int desc);
/*
 * Re-filters the sorted rows (the predicate's answers or the owners
 * changed) and regroups them; no sort.
 */
void model_refilter(struct model *m);
/* Sets the row predicate (NULL: show all) and re-filters. */
void model_set_match(struct model *m, model_match_fn fn, void *arg);
/* Non-zero while the rows are not yet in the sort asked for. */
int model_sort_pending(const struct model *m);
/*
 * The sort column's keys changed (the owners of the Process column): the
 * rows stay as they are until a sort (model_sort or a job) re-sorts them.
 */
void model_mark_stale(struct model *m);
/*
 * When only the direction asked for differs from the rows' order, turns
 * the order over at once, in O(rows) without a key per row: ties go by
 * row index in the order's direction (ascending, or descending when
 * desc), so the known values and the unknown ones (last in both
 * directions) are each reversed, as a sort would order them.  Returns 1
 * when it did, 0 when a real sort is needed.
 */
int model_invert(struct model *m);

/*
 * A re-sort run off the loop's thread: begun from the model (which must
 * not be updated meanwhile: the job reads its rows), run anywhere, ended
 * on the model's thread.  The Process column's keys read the owners map,
 * which must not change while the job runs.
 */
struct mjob {
	const struct mrow *rows; /* the model's, read-only while running */
	size_t n;
	enum mcol col;
	int desc;
	uint64_t gen;
	int invert;	 /* turns the model's order over instead of sorting */
	struct mfmt fmt; /* the model's, for owners */
	uint64_t stale_seq; /* the model's when begun */
	uint32_t *order;    /* result: row indices, sorted */
	size_t cap_order;
	struct mcol_sorter sorter;
};

void model_job_init(struct mjob *j);
void model_job_free(struct mjob *j);
/*
 * Prepares j to sort m's rows in the sort asked for (m->sort_col,
 * m->desc), or, when only the direction changed, to turn a copy of the
 * order over as model_invert() would.
 */
void model_job_begin(const struct model *m, struct mjob *j);
/* The keys and the sort (any thread). */
void model_job_run(struct mjob *j);
/*
 * Installs j's order when the model's rows are still those it sorted and
 * its column is still the one asked for; returns 1 then, else 0.
 */
int model_job_end(struct model *m, struct mjob *j);

/* The visible row at position i (0 <= i < m->n_order). */
static inline struct mrow *model_row(const struct model *m, size_t i)
{
	return &m->rows[m->order[i]];
}

/* Position of the selection in the visible rows (0 when empty). */
size_t model_sel(const struct model *m);
/* Moves the selection to position pos (clamped). */
void model_select(struct model *m, size_t pos);
/* The selected row, or NULL when there are no rows. */
struct mrow *model_sel_row(const struct model *m);

/*
 * Tags or untags (toggle) the selected row; untags all with model_untag_all.
 * Tags are set through these and model_tag_set (which keep the count).
 */
void model_tag_toggle(struct model *m);
void model_untag_all(struct model *m);
void model_tag_set(struct model *m, struct mrow *row, int on);
size_t model_n_tagged(const struct model *m);
/*
 * Marks a row gone before the next update (a closed connection); it leaves
 * counts and shown at once.
 */
void model_mark_gone(struct model *m, struct mrow *row);
/*
 * Visible rows that are sockets now, tombstones left out (the Rows: count);
 * O(1) when every row is visible.
 */
size_t model_n_live(const struct model *m);
/*
 * The visible live rows' rates summed, in O(1) when every row is visible
 * and none was marked gone since the update (then 1); else 0.
 */
int model_rates_sum(const struct model *m, double *tx, double *rx);

/*
 * Finds the next visible row after `from` (wrapping) whose formatted
 * local, peer, netid, state or process text contains `needle`
 * (case-insensitive); with service names shown, the addresses with port
 * numbers are searched too.  Returns its position, or -1.
 */
long model_find(const struct model *m, size_t from, const char *needle,
		const struct mfmt *f);

/*
 * The row (live or tombstone) of the socket whose identity is key
 * (model_key), or NULL.  Valid until the next update.
 */
struct mrow *model_row_by_key(const struct model *m, uint64_t key);

/* Bytes held by the model's parts (its snapshots apart: snap_mem). */
struct model_mem {
	size_t rows;  /* the rows and the previous refresh's */
	size_t order; /* the sorted and the visible index arrays */
	size_t keys;  /* sort scratch: keys, indices, radix buffers */
	size_t ids;   /* the identity hash */
};

void model_mem(const struct model *m, struct model_mem *mm);
/* Bytes of a preparation's and of a job's arrays. */
size_t model_prep_mem(const struct mprep *p);
size_t model_job_mem(const struct mjob *j);

/* The identity key of a record (what the selection and deltas follow). */
uint64_t model_key(const struct sk_rec *r);

#endif
