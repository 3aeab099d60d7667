/*
 * ui_own.c: the owners' map on the screen's loop.  The loop is the map's
 * only writer: it tells the map of each snapshot it takes (ui_own_take) and
 * runs the owners' scan in steps (ui_own_step), each step under the map's
 * lock, which the workers hold while they compute the Process column's
 * keys (the step then comes back a millisecond later).
 *
 * The first snapshot brings every inode at once (505k additions to an
 * empty map at 500k sockets: 60-140 ms on the loop), so it is told in
 * slices, one a step, keys and drawing going on between them.  Until it
 * is all told no pass begins (an inode told after a pass began would stay
 * pending until the next one) and the next dump waits (its changes are
 * told against this snapshot); the inodes not told yet are pending, as
 * every inode is before the first pass: no owner shows wrong meanwhile.
 */
#include "config.h"

#include <stdlib.h>

#include "owners.h"
#include "ui_int.h"
#include "ui_work.h"

/*
 * A step tells the map at most UI_OWN_SLICE inodes and stops after about
 * UI_OWN_SLICE_MS (the first slices also fault in the map's fresh table:
 * 16384 inodes took 38 ms there on a loaded machine, 12 ms later on).
 */
#define UI_OWN_SLICE 65536
#define UI_OWN_SLICE_MS 4.0
/*
 * Fds of a large table read a step: the map's default (1024) took 15-85
 * ms at 500k sockets on a loaded machine (a readlink of /proc/PID/fd/N
 * each), 256 still 15-57 ms.
 */
#define UI_OWN_STEP_FDS 64

void ui_own_init(struct ui *u, const char *slice)
{
	char *end;
	unsigned long v;

	u->own_slice = UI_OWN_SLICE;
	if (u->own)
		own_set_step_fds(u->own, UI_OWN_STEP_FDS);
	if (!slice || !*slice)
		return;
	v = strtoul(slice, &end, 10);
	if (!*end && v > 0 && v <= 1ul << 30)
		u->own_slice = (size_t)v;
}

/* Owners processes on the screen's rows are re-read: no stale owner shows. */
static void verify_visible(struct ui *u)
{
	for (int i = 0; i < u->table_h; i++) {
		long pos = ui_line_row(u, u->top + (size_t)i);
		const struct sk_rec *r;

		if (pos < 0)
			continue;
		if ((size_t)pos >= u->m.n_order)
			break;
		r = model_row(&u->m, (size_t)pos)->r;
		if (r->ino)
			own_verify(u->own, r->ino);
	}
}

void ui_own_take(struct ui *u, const struct mprep *p, uint64_t gen)
{
	if (!u->own)
		return;
	if (!u->own_gen) {
		/*
		 * The map has never been told (nor scanned): it is empty.  Its
		 * table is made large enough at once (no rehash half-way),
		 * then the inodes go in by slices (ui_own_step).
		 */
		own_sync_begin(u->own);
		own_reserve(u->own, u->m.cur->n);
		u->own_told = 0;
		u->own_slicing = 1;
		return;
	}
	/*
	 * A merge made against the snapshot the map was last told of (the
	 * model's update then) knows the inodes that came and went: only
	 * those are told, not every socket's
	 */
	if (p->took && u->own_gen == gen + 1)
		own_sync_delta(u->own, p->ino_add, p->n_ino_add, p->ino_del,
			       p->n_ino_del);
	else
		own_sync(u->own, u->m.cur);
	u->own_gen = u->m.gen + 1;
	u->own_busy = 1;
}

/* One slice of the first snapshot's inodes (the map's lock held). */
static void tell_slice(struct ui *u)
{
	const struct snap *s = u->m.cur;
	size_t end = s->n - u->own_told > u->own_slice
			     ? u->own_told + u->own_slice
			     : s->n;
	double t0 = ui_mono_ms();

	while (u->own_told < end) {
		own_want(u->own, s->v[u->own_told++].ino);
		/* the clock read every 256 inodes */
		if (!(u->own_told & 255) && ui_mono_ms() - t0 > UI_OWN_SLICE_MS)
			break;
	}
	u->own_slices++;
	if (u->own_told < s->n)
		return;
	own_sync_end(u->own);
	u->own_slicing = 0;
	u->own_gen = u->m.gen + 1;
	u->own_busy = 1;
}

unsigned ui_own_step(struct ui *u, int *held)
{
	int rc;

	*held = 0;
	if (!u->own || !(u->own_busy || u->own_slicing))
		return 0;
	if (own_trylock(u->own)) {
		*held = 1;
		return 0;
	}
	if (u->own_slicing) {
		tell_slice(u);
		own_unlock(u->own);
		return 0;
	}
	/* one process a step, or UI_OWN_STEP_FDS fds of a large table */
	rc = own_scan_step(u->own, 1);
	if (rc > 0)
		verify_visible(u);
	own_unlock(u->own);
	if (rc == 0)
		return 0;
	u->own_busy = 0;
	/*
	 * groups, the Process column's order and a filter's `proc` follow the
	 * owners (an unchanged refresh will not re-sort for them)
	 */
	if ((u->grouped &&
	     (u->grp.view == GV_PROC || u->grp.view == GV_PROG)) ||
	    u->m.sort_col == MC_PROCESS || u->flt || u->flt_preview)
		return UI_RESORT;
	return UI_DRAW;
}
