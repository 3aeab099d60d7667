/*
 * group.h: the screen's rows grouped under their owning process (F5).
 *
 * Grouping is a pass over the model's sorted order: each row goes to the
 * group of its first owner's process (ss's first owner: the highest pid),
 * or to "(no owner)" or "(pending)"; rows keep their sorted order within a
 * group, and the groups are ordered by the sort column applied to their
 * totals (Recv-Q and Send-Q sums, tx-rate and rx-rate sums, the
 * process's name and pid, else where the group's first row sorted).  The
 * model's order is rewritten so that each group's rows are contiguous; the
 * screen's lines are then each group's header followed by its rows, and the two
 * numberings convert with group_line_of() / group_row_at().  No curses here.
 */
#ifndef SSTOP_GROUP_H
#define SSTOP_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "model.h"

struct own_map;

enum group_kind {
	GROUP_PROC,    /* owned by a known process */
	GROUP_NOOWNER, /* no owner found (or owners unknown) */
	GROUP_PENDING, /* owners not searched yet */
};

struct group_head {
	enum group_kind kind;
	int pid;
	char name[64];	 /* sanitized (from the owners' map), copied */
	uint32_t first;	 /* position of the group's first row in the order */
	uint32_t n;	 /* its rows */
	uint64_t rq, wq; /* Recv-Q and Send-Q sums (a listener's Send-Q is
			    its backlog, not bytes: left out) */
	uint32_t state[SKS_MAX]; /* sockets per state */
	uint32_t n_health;	 /* sockets with a health code */
	uint64_t drops;		 /* skmem drops summed (when dumped) */
	double tx, rx;		 /* rates' sums (bytes/s), over n_rated rows */
	uint32_t n_rated;
};

struct group {
	const struct own_map *own; /* NULL: every row is "(no owner)" */
	int threads;
	struct group_head *v; /* in screen order; owned */
	size_t n, cap;
	/* scratch, kept between passes */
	uint32_t *row_grp; /* group of each visible row */
	size_t cap_row;
	struct hmap pids; /* pid -> group (group.c's pid_slot) */
	uint32_t *rank, *tmp;
	size_t cap_rank, cap_tmp;
};

void group_init(struct group *g, const struct own_map *own, int threads);
void group_free(struct group *g);

/*
 * The model's post-sort hook (model.h, model_order_fn): arg is a struct
 * group.  Rewrites m->order group by group and fills g->v.
 */
void group_apply(struct model *m, void *arg);

/* Screen lines: one header per group plus the rows. */
size_t group_lines(const struct group *g, size_t n_rows);
/* The line of row position pos. */
size_t group_line_of(const struct group *g, size_t pos);
/*
 * What line `line` shows: the row position (>= 0), or -1 - k for the
 * header of group k.
 */
long group_row_at(const struct group *g, size_t line);

#endif
