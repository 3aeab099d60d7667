/*
 * ui_setup.c: a monitor session's state from the command line and the rc
 * file (interval, sort, columns, history, the owners map), and back: what
 * changed on screen goes to the rc file, the loop's figures to
 * $SSTOP_UI_STATS.  Also what each dump asks the kernel for.
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "owners.h"
#include "rcfile.h"
#include "request.h"
#include "ui_int.h"
#include "xalloc.h"

/*
 * The filter's selection (the preview's while one is typed, else the kept
 * one's, the command line's by default), widened so
 * that tagged rows stay in the dump while the filter hides them (its
 * selection is checked again in sstop), so that F9 can say so.  0 in
 * families or states means all of them.
 */
static void dump_selection(const struct ui *u, struct sk_select *sel)
{
	uint32_t inet = (1u << AF_INET) | (1u << AF_INET6);

	*sel = u->flt_preview ? u->fsel_preview : u->fsel;
	/* no pass over every row at each dump when nothing is tagged */
	for (size_t i = 0; model_n_tagged(&u->m) && i < u->m.n_rows; i++) {
		const struct mrow *row = &u->m.rows[i];

		if (!(row->flags & MROW_TAGGED) || (row->flags & MROW_GONE))
			continue;
		if (row->r->tab < SKT_COUNT)
			sel->tabs |= SKT_BIT(row->r->tab);
		if ((row->r->family == AF_INET || row->r->family == AF_INET6) &&
		    (sel->families & inet))
			sel->families |= 1u << row->r->family;
		if (row->r->state < SKS_MAX && sel->states)
			sel->states |= SKS_BIT(row->r->state);
	}
}

/* What the next dump asks the kernel for. */
void ui_make_req(const struct ui *u, struct diag_req *req)
{
	/* unix details always; tcp_info and memory while the pane shows */
	uint32_t ext = DIAG_X_UNIX;
	struct sk_select sel;

	if (u->detail)
		ext |= DIAG_X_INFO | DIAG_X_MEM;
	for (int i = 0; i < u->n_cols; i++)
		ext |= mcol_get(u->cols[i])->need;
	/* sorted by health: the codes need tcp_info and memory */
	ext |= mcol_get(u->m.sort_col)->need & (DIAG_X_INFO | DIAG_X_MEM);
	dump_selection(u, &sel);
	/*
	 * the filter's program is a superset of it: rows are re-checked in
	 * sstop; no program while rows are tagged, so that a tag the filter
	 * hides is kept (and F9 can say so) rather than lost with its row
	 */
	if (u->flt_preview)
		request_build(req, u->o, &sel, u->flt_preview,
			      model_n_tagged(&u->m) ? NULL : &u->fl.bc_preview,
			      ext);
	else
		request_build(req, u->o, &sel, u->flt,
			      model_n_tagged(&u->m) ? NULL : &u->bc, ext);
}

/*
 * Columns: --columns exactly; else the rc file's list, or what ss shows,
 * with the columns of -o -e -i -m --cgroup added when the list lacks them.
 */
static void init_columns(struct ui *u, const char *rc_list)
{
	const struct sstop_opts *o = u->o;
	static const enum mcol base[] = {MC_NETID,  MC_STATE, MC_RECVQ,
					 MC_SENDQ,  MC_LOCAL, MC_PEER,
					 MC_PROCESS};

	u->n_cols = 0;
	/* both lists were checked: by cli.c and as the rc file was read */
	if (o->columns) {
		u->n_cols = mcol_parse_list(o->columns, u->cols, MC_COUNT);
		if (u->n_cols > 0)
			return;
	}
	if (rc_list && *rc_list)
		u->n_cols = mcol_parse_list(rc_list, u->cols, MC_COUNT);
	if (u->n_cols <= 0) {
		u->n_cols = 0;
		for (size_t i = 0; i < sizeof(base) / sizeof(base[0]); i++)
			u->cols[u->n_cols++] = base[i];
	}
	if (o->show.timers)
		ui_want_column(u, MC_TIMER);
	if (o->show.extended) {
		ui_want_column(u, MC_UID);
		ui_want_column(u, MC_INODE);
		ui_want_column(u, MC_COOKIE);
	}
	if (o->show.info) {
		ui_want_column(u, MC_RTT);
		ui_want_column(u, MC_CWND);
		ui_want_column(u, MC_RETRANS);
	}
	if (o->show.memory)
		ui_want_column(u, MC_MEM);
	if (o->show.cgroup)
		ui_want_column(u, MC_CGROUP);
	if (o->all_netns) {
		/* which namespace first: the rest reads as in one */
		int i;

		for (i = 0; i < u->n_cols && u->cols[i] != MC_NETNS; i++)
			;
		if (i == u->n_cols && u->n_cols < MC_COUNT) {
			memmove(&u->cols[1], &u->cols[0],
				(size_t)u->n_cols * sizeof(u->cols[0]));
			u->cols[0] = MC_NETNS;
			u->n_cols++;
		}
	}
}

/* "COLUMN[:asc|:desc]"; returns 0 or -EINVAL. */
static int parse_sort(struct ui *u, const char *spec)
{
	enum mcol c;
	int desc;

	if (mcol_parse_sort(spec, &c, &desc))
		return -EINVAL;
	u->m.sort_col = c;
	u->m.desc = desc;
	u->sort_chosen = 1;
	return 0;
}

static const char *const step_names[ST_COUNT] = {
	[ST_TAKE] = "take", [ST_KEYS] = "keys", [ST_OWNERS] = "owners",
	[ST_SORT] = "sort", [ST_DRAW] = "draw",
};

static const char *const mem_names[UMEM_COUNT] = {
	[UMEM_SNAPS] = "snapshots", [UMEM_ROWS] = "rows",
	[UMEM_ORDER] = "order",	    [UMEM_KEYS] = "sort_scratch",
	[UMEM_IDS] = "id_hash",	    [UMEM_PREP] = "collector_prep",
	[UMEM_JOB] = "sort_job",    [UMEM_RATES] = "rates_table",
	[UMEM_HIST] = "history",    [UMEM_OWNERS] = "owners",
};

void ui_write_stats(const struct ui *u)
{
	const char *path = u->env->stats_path;
	FILE *f;

	if (!path || !*path || !(f = fopen(path, "w")))
		return;
	fprintf(f,
		"max_step_ms %.1f\nlast_dump_ms %.1f\nlast_sort_ms %.1f\n"
		"rows %zu\ndumps %lu\nunchanged %lu\n"
		"hist_entries %zu\nhist_bytes %zu\n",
		u->max_step_ms, u->last_dump_ms, u->last_sort_ms, u->m.n_rows,
		u->n_dumps, u->n_same, u->samples.n,
		u->samples.cap * sizeof(*u->samples.v));
	fprintf(f, "max_step_late_ms %.1f\n", u->max_step_late_ms);
	fprintf(f,
		"unchanged_bytes %lu\nbuffers_kept %lu\nbuffers_parsed %lu\n",
		u->n_raw_same, u->bufs_kept, u->bufs_parsed);
	for (int i = 0; i < ST_COUNT; i++)
		fprintf(f, "max_%s_ms %.1f\n", step_names[i], u->part_ms[i]);
	for (int i = 0; i < UMEM_COUNT; i++)
		fprintf(f, "mem_%s %zu\n", mem_names[i], u->mem[i]);
	fprintf(f, "mem_total %zu\n", u->mem_total);
	if (u->own) {
		size_t passes, links;

		/* the loop is the map's only writer: no lock to read it */
		own_get_work(u->own, &passes, &links);
		fprintf(f, "owners_passes %zu\nowners_links %zu\n", passes,
			links);
		/* the steps that told the map of the first snapshot */
		fprintf(f, "owners_first_steps %lu\nowners_first_keys %lu\n",
			u->own_slices, u->own_slice_keys);
	}
	fclose(f);
}

void ui_init(struct ui *u, const struct sstop_opts *o, const struct ui_env *env,
	     struct rc_conf *rc)
{
	struct stat st;

	memset(u, 0, sizeof(*u));
	u->o = o;
	u->env = env;
	u->record_fd = -1;
	model_init(&u->m);
	u->fmt.numeric = o->show.numeric;
	u->interval = o->interval > 0 ? o->interval : 2;
	/* the rc file only supplies what the command line did not say */
	if (rc->interval > 0 && !o->interval_set)
		u->interval = rc->interval;
	u->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	u->can_color = !o->no_color && !env->no_color;
	u->color = u->can_color && rc->color;
	u->mouse = !o->no_mouse;
	init_columns(u, rc->columns);
	u->hconf = rc->health;
	health_sum_init(&u->hsum);
	if (o->sort	  ? parse_sort(u, o->sort)
	    : rc->sort[0] ? parse_sort(u, rc->sort)
			  : 0)
		snprintf(u->status, sizeof(u->status),
			 _("unknown sort column; sorting by netid"));
	u->interval0 = u->interval;
	/* sorted by a column not shown: it shows (for this run) */
	if (!o->columns)
		ui_want_column(u, u->m.sort_col);
	u->sort0 = u->m.sort_col;
	u->desc0 = u->m.desc;
	for (int i = 0; i < rc->n_hist && u->n_hist < UI_HIST; i++)
		u->hist[u->n_hist++] = xstrdup(rc->hist[i]);
	/* owners come from the host's /proc: none for a replayed dump */
	if (!o->replay &&
	    own_new(env->proc_root, o->show.threads ? OWN_THREADS : 0,
		    &u->own) < 0)
		u->own = NULL;
	u->fmt.own = u->own;
	ui_own_init(u, env->own_slice);
	u->fmt.threads = o->show.threads;
	names_init(&u->names);
	u->fmt.names = &u->names;
	u->m.fmt = &u->fmt; /* the Process column sorts by owner */
	group_init(&u->grp, u->own, o->show.threads);
	snprintf(u->keep, sizeof(u->keep), "%s", rc->collapsed);
	/* the rc file's grouping (checked as it was read) */
	if (rc->group[0] && group_view_by_id(rc->group) >= 0)
		ui_group_set(u, (enum group_view)group_view_by_id(rc->group));
	u->view0 = u->grp.view;
	ui_kill_init(u);
	ui_closed_init(u, rc->closed_log);
	/* a replay's time when the file does not say it: when it was
	 * written (the user's own file, stat only) */
	if (o->replay && stat(o->replay, &st) == 0)
		u->replay_mtime = (double)st.st_mtime;
	if (gethostname(u->host, sizeof(u->host) - 1) < 0)
		snprintf(u->host, sizeof(u->host), "?");
}

/*
 * The rc file as loaded, with what was changed on screen (sort, interval,
 * the columns and colours in setup) and the filter history: the command
 * line's choices (--sort, --columns, -o...) are for this run only, unless
 * setup changed the columns: then the list on screen is what was chosen.
 */
void ui_save(const struct ui *u, struct rc_conf *rc)
{
	if (u->cols_set) {
		size_t len = 0;

		rc->columns[0] = '\0';
		for (int i = 0; i < u->n_cols; i++) {
			const char *id = mcol_get(u->cols[i])->id;

			/* the filter line's columns last as long as it */
			if (u->fl.cols & (1ull << u->cols[i]))
				continue;
			/* every id fits: 21 of at most 8 bytes and a comma */
			len += (size_t)snprintf(rc->columns + len,
						sizeof(rc->columns) - len,
						"%s%s", len ? "," : "", id);
		}
	}
	if (u->color_set)
		rc->color = u->color;
	if (u->interval != u->interval0)
		rc->interval = u->interval;
	if (u->m.sort_col != u->sort0 || u->m.desc != u->desc0)
		snprintf(rc->sort, sizeof(rc->sort), "%s:%s",
			 mcol_get(u->m.sort_col)->id,
			 u->m.desc ? "desc" : "asc");
	if (u->grp.view != u->view0)
		snprintf(rc->group, sizeof(rc->group), "%s",
			 group_view_id(u->grp.view));
	snprintf(rc->collapsed, sizeof(rc->collapsed), "%s", u->keep);
	group_keep_store(&u->grp, rc->collapsed, sizeof(rc->collapsed));
	rc->n_hist = 0;
	/* the newest RC_HIST lines; one that does not fit is left out, never
	 * cut (a cut filter could still parse, and mean something else) */
	for (int i = u->n_hist > RC_HIST ? u->n_hist - RC_HIST : 0;
	     i < u->n_hist; i++)
		if (strlen(u->hist[i]) < sizeof(rc->hist[0]))
			strcpy(rc->hist[rc->n_hist++], u->hist[i]);
}

void ui_fini(struct ui *u)
{
	ui_closed_fini(u);
	ui_kill_fini(u);
	if (u->own)
		own_free(u->own);
	ui_filter_fini(u);
	model_free(&u->m);
	group_free(&u->grp);
	hist_free(&u->samples);
	health_sum_free(&u->hsum);
	names_free(&u->names);
	for (int i = 0; i < u->n_hist; i++)
		free(u->hist[i]);
}
