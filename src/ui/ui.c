/*
 * ui.c: the full-screen monitor's loop and the terminal's life-cycle.
 *
 * One poll() waits on three things: the terminal, a signalfd (SIGINT,
 * SIGTERM, SIGHUP end the session cleanly, the terminal restored) and a
 * pipe from the collector thread.  Dumps run in that thread, into a fresh
 * snapshot, so the screen keeps answering keys while the kernel sends 100k
 * sockets.  The thread also computes every record's identity and sort key
 * and sorts them (model_prepare), so the loop only merges the few
 * tombstones in (a few milliseconds at 100k rows).  A sort changed by a
 * key, or the owners a Process order depends on, is re-sorted by a second
 * thread as a job, even while a dump runs (the loop takes that dump only
 * once the job is over: the job reads the model's rows).  The Process
 * column's keys read the owners map: the threads hold own_mu while they
 * compute those keys (only those), and the loop, the map's only writer, skips
 * its owners' scan steps while it cannot take that lock.  Drawing goes through
 * curses' own diffing (werase + draw + doupdate, never clear), so an idle
 * refresh sends little more than the clock.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "owners.h"
#include "rcfile.h"
#include "tty.h"
#include "ui.h"
#include "ui_int.h"
#include "xalloc.h"

/* Held while a worker reads the owners map, which the loop writes. */
static pthread_mutex_t own_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * A worker thread (the collector, or the sorter when `sorting`) and what
 * it shares with the loop (under mu).
 */
struct coll {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int go, quit;
	struct diag *d;
	const void *replay; /* --replay: the whole file, or NULL */
	size_t replay_len;
	struct diag_req req;
	int sorting;	   /* the sorter: jobs are re-sorts, not dumps */
	struct mjob sort;  /* a re-sort; the thread's while busy */
	struct snap *work; /* being filled; the thread's while busy */
	struct mprep prep; /* worked out from work; the thread's while busy */
	enum mcol col; /* the sort the thread prepares (the loop's latest) */
	int desc;
	struct mfmt fmt;	 /* owners for the Process column's keys */
	pthread_mutex_t *own_mu; /* held while a thread reads the owners */
	int err;
	double ms;
	int pipe[2]; /* the thread writes one byte when a dump is done */
};

static double mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *coll_main(void *arg)
{
	struct coll *c = arg;

	/*
	 * Dumps are background work: on a busy machine the loop, the sorter
	 * and the terminal go first (a thread's nice value is its own).
	 */
	if (!c->sorting)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	pthread_mutex_lock(&c->mu);
	for (;;) {
		double t0;
		int err;

		while (!c->go && !c->quit)
			pthread_cond_wait(&c->cv, &c->mu);
		if (c->quit)
			break;
		c->go = 0;
		pthread_mutex_unlock(&c->mu);
		t0 = mono_ms();
		if (c->sorting) {
			/* an inverted order reads keys too */
			int own = mcol_get(c->sort.col)->owners;

			if (own)
				pthread_mutex_lock(c->own_mu);
			model_job_run(&c->sort);
			if (own)
				pthread_mutex_unlock(c->own_mu);
			err = 0;
		} else if (c->replay) {
			err = diag_replay(c->replay, c->replay_len, &c->req,
					  c->work);
		} else {
			err = diag_dump(c->d, &c->req, c->work);
		}
		if (!c->sorting) {
			enum mcol col;
			int desc;

			/* the sort asked for now, not when the dump began */
			pthread_mutex_lock(&c->mu);
			col = c->col;
			desc = c->desc;
			pthread_mutex_unlock(&c->mu);
			/* identities, sort keys and order: off the loop's
			 * thread */
			if (mcol_get(col)->owners)
				pthread_mutex_lock(c->own_mu);
			model_prepare(&c->prep, c->work, col, desc, &c->fmt);
			if (mcol_get(col)->owners)
				pthread_mutex_unlock(c->own_mu);
		}
		pthread_mutex_lock(&c->mu);
		c->err = err;
		c->ms = mono_ms() - t0;
		/* a full pipe only means a wake-up is already pending */
		if (write(c->pipe[1], "", 1) < 0 && errno != EAGAIN)
			c->err = -errno;
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void coll_start(struct coll *c, const struct diag_req *req,
		       struct snap *s, const struct ui *u)
{
	pthread_mutex_lock(&c->mu);
	c->req = *req;
	c->work = s;
	c->col = u->m.sort_col;
	c->desc = u->m.desc;
	memset(&c->fmt, 0, sizeof(c->fmt));
	c->fmt.own = u->own;
	c->fmt.threads = u->fmt.threads;
	c->prep.timers = 0;
	for (int i = 0; i < u->n_cols; i++)
		c->prep.timers |= u->cols[i] == MC_TIMER;
	c->go = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* Tells a running dump which sort to prepare. */
static void coll_want(struct coll *c, const struct model *m)
{
	pthread_mutex_lock(&c->mu);
	c->col = m->sort_col;
	c->desc = m->desc;
	pthread_mutex_unlock(&c->mu);
}

/* Starts a re-sort of the model's rows in the sorter. */
static void coll_sort(struct coll *c, const struct model *m)
{
	pthread_mutex_lock(&c->mu);
	model_job_begin(m, &c->sort);
	c->go = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
}

/* Takes the finished snapshot; returns it and the dump's status in *err. */
static struct snap *coll_take(struct coll *c, int *err, double *ms)
{
	struct snap *s;
	char b[16];

	while (read(c->pipe[0], b, sizeof(b)) > 0)
		;
	pthread_mutex_lock(&c->mu);
	s = c->sorting ? NULL : c->work;
	if (!c->sorting)
		c->work = NULL;
	*err = c->err;
	*ms = c->ms;
	pthread_mutex_unlock(&c->mu);
	return s;
}

static void snap_delete(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

/*
 * Starts a worker (sorting: the sorter) that reads owners under own_mu;
 * returns 0 or -errno.  Signals must be blocked already: it inherits the
 * mask.
 */
static int coll_open(struct coll *c, int sorting)
{
	int err;

	c->sorting = sorting;
	c->own_mu = &own_mu;
	if (pipe2(c->pipe, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	err = pthread_create(&c->th, NULL, coll_main, c);
	if (err) {
		close(c->pipe[0]);
		close(c->pipe[1]);
		c->pipe[0] = c->pipe[1] = -1;
		return -err;
	}
	return 0;
}

/* Ends the worker (a dump under way finishes first) and frees its parts. */
static void coll_close(struct coll *c)
{
	if (c->pipe[0] < 0)
		return;
	pthread_mutex_lock(&c->mu);
	c->quit = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->th, NULL);
	close(c->pipe[0]);
	close(c->pipe[1]);
	c->pipe[0] = c->pipe[1] = -1;
	snap_delete(c->work);
	c->work = NULL;
	model_prep_free(&c->prep);
	model_job_free(&c->sort);
}

/* What the next dump asks the kernel for. */
static void make_req(const struct ui *u, struct diag_req *req)
{
	const struct sstop_opts *o = u->o;
	uint32_t inet = (1u << AF_INET) | (1u << AF_INET6);

	memset(req, 0, sizeof(*req));
	/* the kept filter's selection (the command line's by default) */
	req->tabs = u->fsel.tabs;
	req->families = u->fsel.families & inet;
	if (!req->families)
		req->families = inet;
	req->states = u->fsel.states ? u->fsel.states : SKS_ALL;
	if (o->info)
		req->ext |= DIAG_X_INFO;
	if (o->memory)
		req->ext |= DIAG_X_MEM;
	if (o->tos)
		req->ext |= DIAG_X_TOS;
	req->ext |= DIAG_X_UNIX;
	/* tcp_info and memory only while something on screen shows them */
	if (u->detail)
		req->ext |= DIAG_X_INFO | DIAG_X_MEM;
	for (int i = 0; i < u->n_cols; i++)
		req->ext |= mcol_get(u->cols[i])->need;
	if (u->flt)
		req->ext |= filter_needs(u->flt);
	/* a superset of the kept filter: rows are re-checked in sstop */
	if (u->bc.code) {
		req->bytecode = u->bc.code;
		req->bytecode_len = u->bc.len;
	}
}

static int read_file(const char *path, void **buf, size_t *len)
{
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n = 0, got;
	char *b = NULL;

	if (!f)
		return -errno;
	do {
		b = xgrow(b, &cap, n + 65536, 1);
		got = fread(b + n, 1, cap - n, f);
		n += got;
	} while (got);
	if (ferror(f)) {
		fclose(f);
		free(b);
		return -EIO;
	}
	fclose(f);
	*buf = b;
	*len = n;
	return 0;
}

/* Adds column c if missing, before Process when that ends the list. */
static void want_column(struct ui *u, enum mcol c)
{
	int at = u->n_cols;

	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == c)
			return;
	if (u->n_cols >= MC_COUNT) /* a list naming a column twice */
		return;
	if (at && u->cols[at - 1] == MC_PROCESS)
		at--;
	memmove(&u->cols[at + 1], &u->cols[at],
		(size_t)(u->n_cols - at) * sizeof(u->cols[0]));
	u->cols[at] = c;
	u->n_cols++;
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
	if (o->timers)
		want_column(u, MC_TIMER);
	if (o->extended) {
		want_column(u, MC_UID);
		want_column(u, MC_INODE);
		want_column(u, MC_COOKIE);
	}
	if (o->info) {
		want_column(u, MC_RTT);
		want_column(u, MC_CWND);
		want_column(u, MC_RETRANS);
	}
	if (o->memory)
		want_column(u, MC_MEM);
	if (o->cgroup)
		want_column(u, MC_CGROUP);
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
	return 0;
}

static void term_start(struct ui *u)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (u->color && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_BLACK, COLOR_CYAN); /* bars, selection */
		init_pair(2, COLOR_GREEN, -1);	       /* new rows */
		init_pair(3, COLOR_RED, -1);	       /* gone rows */
		init_pair(4, COLOR_YELLOW, -1);	       /* tagged rows */
		init_pair(5, COLOR_CYAN, -1);	       /* header labels */
	} else {
		u->color = 0;
	}
	if (u->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED,
			  NULL);
	mouseinterval(0);
}

static const char *const step_names[ST_COUNT] = {
	[ST_TAKE] = "take", [ST_KEYS] = "keys", [ST_OWNERS] = "owners",
	[ST_SORT] = "sort", [ST_DRAW] = "draw",
};

static void write_stats(const struct ui *u)
{
	const char *path = getenv("SSTOP_UI_STATS");
	FILE *f;

	if (!path || !*path || !(f = fopen(path, "w")))
		return;
	fprintf(f,
		"max_step_ms %.1f\nlast_dump_ms %.1f\nlast_sort_ms %.1f\n"
		"rows %zu\ndumps %lu\nunchanged %lu\n",
		u->max_step_ms, u->last_dump_ms, u->last_sort_ms, u->m.n_rows,
		u->n_dumps, u->n_same);
	for (int i = 0; i < ST_COUNT; i++)
		fprintf(f, "max_%s_ms %.1f\n", step_names[i], u->part_ms[i]);
	fclose(f);
}

static void ui_init(struct ui *u, const struct sstop_opts *o,
		    struct rc_conf *rc)
{
	const char *nc = getenv("NO_COLOR");

	memset(u, 0, sizeof(*u));
	u->o = o;
	model_init(&u->m);
	u->fmt.numeric = o->numeric;
	u->interval = o->interval > 0 ? o->interval : 2;
	/* the rc file only supplies what the command line did not say */
	if (rc->interval > 0 && !o->interval_set)
		u->interval = rc->interval;
	u->utf8 = !strcmp(nl_langinfo(CODESET), "UTF-8");
	u->color = !o->no_color && !(nc && *nc) && rc->color;
	u->mouse = !o->no_mouse;
	init_columns(u, rc->columns);
	if (o->sort	  ? parse_sort(u, o->sort)
	    : rc->sort[0] ? parse_sort(u, rc->sort)
			  : 0)
		snprintf(u->status, sizeof(u->status),
			 _("unknown sort column; sorting by netid"));
	u->interval0 = u->interval;
	u->sort0 = u->m.sort_col;
	u->desc0 = u->m.desc;
	for (int i = 0; i < rc->n_hist && u->n_hist < UI_HIST; i++)
		u->hist[u->n_hist++] = xstrdup(rc->hist[i]);
	/* owners come from the host's /proc: none for a replayed dump */
	if (!o->replay && own_new(getenv("PROC_ROOT"),
				  o->threads ? OWN_THREADS : 0, &u->own) < 0)
		u->own = NULL;
	u->fmt.own = u->own;
	u->fmt.threads = o->threads;
	names_init(&u->names);
	u->fmt.names = &u->names;
	u->m.fmt = &u->fmt; /* the Process column sorts by owner */
	group_init(&u->grp, u->own, o->threads);
	ui_filter_init(u);
	ui_kill_init(u);
	if (gethostname(u->host, sizeof(u->host) - 1) < 0)
		snprintf(u->host, sizeof(u->host), "?");
}

/*
 * The rc file as loaded, with what was changed on screen (sort, interval)
 * and the filter history: the command line's choices (--sort, -o...) are
 * for this run only, and no key changes the columns.
 */
static void ui_save(const struct ui *u, struct rc_conf *rc)
{
	if (u->interval != u->interval0)
		rc->interval = u->interval;
	if (u->m.sort_col != u->sort0 || u->m.desc != u->desc0)
		snprintf(rc->sort, sizeof(rc->sort), "%s:%s",
			 mcol_get(u->m.sort_col)->id,
			 u->m.desc ? "desc" : "asc");
	rc->n_hist = 0;
	for (int i = 0; i < u->n_hist && i < RC_HIST; i++)
		snprintf(rc->hist[rc->n_hist++], sizeof(rc->hist[0]), "%s",
			 u->hist[i]);
}

static void ui_fini(struct ui *u)
{
	ui_kill_fini(u);
	if (u->own)
		own_free(u->own);
	ui_filter_fini(u);
	model_free(&u->m);
	group_free(&u->grp);
	names_free(&u->names);
	for (int i = 0; i < u->n_hist; i++)
		free(u->hist[i]);
}

static struct snap *snap_new(void)
{
	struct snap *s = xmalloc(sizeof(*s));

	snap_init(s);
	return s;
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

/*
 * A slice of the owners' scan, small enough that keys never wait long;
 * the loop calls it again at once until the pass is done, or, while a
 * worker reads the owners (*held set), a millisecond later.  Returns
 * UI_*.
 */
static unsigned scan_owners(struct ui *u, int *held)
{
	int rc;

	*held = 0;
	if (!u->own || !u->own_busy)
		return 0;
	if (pthread_mutex_trylock(&own_mu)) {
		*held = 1;
		return 0;
	}
	/* one process a step: sstop-gen's hold 20k fds each (60 ms a pid) */
	rc = own_scan_step(u->own, 1);
	if (rc > 0)
		verify_visible(u);
	pthread_mutex_unlock(&own_mu);
	if (rc == 0)
		return 0;
	u->own_busy = 0;
	/*
	 * groups, the Process column's order and a filter's `proc` follow the
	 * owners (an unchanged refresh will not re-sort for them)
	 */
	if (u->grouped || u->m.sort_col == MC_PROCESS || u->flt ||
	    u->flt_preview)
		return UI_RESORT;
	return UI_DRAW;
}

/* Reads every pending key; returns UI_* flags. */
static unsigned read_keys(struct ui *u)
{
	unsigned flags = 0;
	wint_t ch;
	int rc;

	while ((rc = get_wch(&ch)) != ERR) {
		flags |= ui_key(u, rc == KEY_CODE_YES, (unsigned)ch);
		if (flags & UI_QUIT)
			break;
	}
	return flags;
}

/*
 * A table named on the command line that the kernel cannot dump (no diag
 * module) is said once on the status line, as batch mode says it on
 * stderr; the default view (every table) stays quiet.
 */
static void note_missing(struct ui *u, const struct snap *s)
{
	if (!u->o->sel.tabs_set && !u->o->sel.saw_query)
		return;
	/* the last one stays on the status line */
	while (snap_note_next(s, &u->noted, u->status, sizeof(u->status)))
		;
}

/*
 * Swaps a finished dump into the model (the collector has sorted it).  A
 * refresh that changed nothing the table shows (same digest, no marks to
 * clear) keeps the model as it is: no merge, no owners' pass, and the
 * redraw sends only the clock.  Returns UI_* flags.
 */
static unsigned take_dump(struct ui *u, struct coll *c, struct snap **spare,
			  uint64_t *digest)
{
	int err, same;
	double ms;
	struct snap *s = coll_take(c, &err, &ms);

	u->busy = 0;
	u->last_dump_ms = ms;
	u->n_dumps++;
	/* tcp_info and memory change at every dump: no digest covers them */
	same = err >= 0 && u->m.cur && !u->detail && !u->o->info &&
	       !u->o->memory && c->prep.digest == *digest &&
	       c->prep.n == u->m.cur->n && !model_has_deltas(&u->m) &&
	       !model_sort_pending(&u->m);
	*digest = c->prep.digest;
	if (err < 0)
		snprintf(u->status, sizeof(u->status), _("dump failed: %s"),
			 strerror(-err));
	else
		note_missing(u, s);
	if (same) {
		u->n_same++;
		u->m.t_update = time(NULL);
		snap_clear(s);
		*spare = s;
		return UI_DRAW;
	}
	*spare = model_update_prep(&u->m, s, &c->prep, time(NULL));
	if (u->own) {
		own_sync(u->own, u->m.cur);
		u->own_busy = 1;
	}
	ui_scroll(u);
	return UI_DRAW;
}

/* Installs a finished re-sort (a stale one is simply dropped). */
static unsigned take_sort(struct ui *u, struct coll *s)
{
	int err;
	double ms;

	coll_take(s, &err, &ms);
	u->sorting = 0;
	model_job_end(&u->m, &s->sort);
	u->last_sort_ms = ms;
	ui_scroll(u);
	return UI_DRAW;
}

/*
 * Brings the rows to the sort asked for: as a job for the sorter when it
 * is free (a re-sort, or the order turned over when only the direction
 * changed), the screen keeping its order meanwhile; on the loop's thread
 * only for rows never sorted yet.  Tells a running dump the sort to
 * prepare.  Returns UI_* flags.
 */
static unsigned sort_settle(struct ui *u, struct coll *c, struct coll *s)
{
	struct model *m = &u->m;

	coll_want(c, m);
	if (!m->cur)
		return 0;
	if (!model_sort_pending(m) && m->ord_ok)
		return 0;
	if (!m->ord_ok) {
		model_sort(m, m->sort_col, m->desc);
		ui_scroll(u);
		return UI_DRAW;
	}
	if (!u->sorting) {
		coll_sort(s, m);
		u->sorting = 1;
	}
	return 0;
}

/* Keeps the longest time of each part of a step; returns the time now. */
static double lap(struct ui *u, int part, double t0)
{
	double t = mono_ms();

	if (t - t0 > u->part_ms[part])
		u->part_ms[part] = t - t0;
	return t;
}

/* The loop, with the collector c and the sorter s; returns the status. */
static int loop(struct ui *u, struct coll *c, struct coll *s, int sfd)
{
	struct snap *spare = NULL;
	uint64_t digest = 0;
	double next = 0, step_start = mono_ms();
	struct diag_req req;
	unsigned flags = UI_DRAW;
	int own_held = 0;

	for (;;) {
		struct pollfd pfd[5] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = sfd, .events = POLLIN},
			/* a dump waits while a re-sort reads the model's rows
			 */
			{.fd = u->sorting ? -1 : c->pipe[0], .events = POLLIN},
			/* a filter's host names being looked up (-1: none) */
			{.fd = ui_filter_fd(u), .events = POLLIN},
			{.fd = s->pipe[0], .events = POLLIN},
		};
		double now = mono_ms();
		int timeout = -1;

		double t = now;

		if (flags & UI_REFRESH)
			next = now;
		/* owners, groups, a filter's `proc`: re-filtered now; the
		 * Process column sorts again (a job) */
		if (flags & UI_RESORT) {
			model_refilter(&u->m);
			if (u->m.sort_col == MC_PROCESS)
				model_mark_stale(&u->m);
		}
		/* a re-sort goes before the next dump */
		flags |= sort_settle(u, c, s);
		t = lap(u, ST_SORT, t);
		/* the kill dialog holds records of the current snapshot */
		if (!u->busy && u->mode != UM_CONFIRM &&
		    (!u->paused || (flags & UI_REFRESH)) && now >= next) {
			make_req(u, &req);
			coll_start(c, &req, spare ? spare : snap_new(), u);
			spare = NULL;
			u->busy = 1;
			next = now + u->interval * 1000;
		}
		if (flags & UI_QUIT)
			break;
		if (flags & UI_CLEAR)
			clearok(curscr, TRUE);
		t = mono_ms();
		if (flags & (UI_DRAW | UI_RESORT | UI_CLEAR))
			ui_draw(u);
		lap(u, ST_DRAW, t);
		flags = 0;
		if (!u->busy && !u->paused)
			timeout = next > now ? (int)(next - now) + 1 : 0;
		if (u->own_busy)
			timeout = own_held ? 1 : 0;
		/* how long keys waited: from the last wake-up to this poll */
		if (mono_ms() - step_start > u->max_step_ms)
			u->max_step_ms = mono_ms() - step_start;
		if (poll(pfd, 5, timeout) < 0 && errno != EINTR) {
			u->err = -errno;
			break;
		}
		step_start = t = mono_ms();
		if (pfd[1].revents & POLLIN) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) > 0)
				break;
		}
		if (pfd[4].revents & POLLIN)
			flags |= take_sort(u, s);
		if (pfd[2].revents & POLLIN)
			flags |= take_dump(u, c, &spare, &digest);
		t = lap(u, ST_TAKE, t);
		if (pfd[3].revents & POLLIN)
			flags |= ui_filter_resolved(u);
		flags |= read_keys(u);
		t = lap(u, ST_KEYS, t);
		flags |= scan_owners(u, &own_held);
		lap(u, ST_OWNERS, t);
	}
	/* the collector may still be filling a snapshot: wait for it */
	coll_close(c);
	coll_close(s);
	snap_delete(spare);
	return 0;
}

int ui_run(const struct sstop_opts *o)
{
	struct ui u;
	struct coll c, srt;
	struct rc_conf rc;
	struct rc_result rr;
	sigset_t sigs, old;
	void *replay = NULL;
	int sfd, err, status = 1;

	rc_defaults(&rc);
	rc_load(&rc, NULL, &rr);
	ui_init(&u, o, &rc);
	if (!rr.ok)
		snprintf(u.status, sizeof(u.status),
			 _("%s: %s (defaults used)"), rr.path, rr.msg);
	memset(&c, 0, sizeof(c));
	memset(&srt, 0, sizeof(srt));
	c.pipe[0] = c.pipe[1] = srt.pipe[0] = srt.pipe[1] = -1;
	if (o->replay) {
		err = read_file(o->replay, &replay, &c.replay_len);
		if (err < 0) {
			fprintf(stderr, _("sstop: %s: %s\n"), o->replay,
				strerror(-err));
			ui_fini(&u);
			return 1;
		}
		c.replay = replay;
	} else if ((err = diag_open(&c.d)) < 0) {
		fprintf(stderr, _("sstop: cannot open sock_diag: %s\n"),
			strerror(-err));
		ui_fini(&u);
		return 1;
	}
	/* the workers inherit this mask: signals come to the signalfd */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sfd < 0 || (err = coll_open(&c, 0)) < 0 ||
	    (err = coll_open(&srt, 1)) < 0) {
		fprintf(stderr, _("sstop: cannot start: %s\n"),
			strerror(sfd < 0 ? errno : -err));
		if (sfd >= 0)
			close(sfd);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		coll_close(&c);
		goto out;
	}
	term_start(&u);
	status = loop(&u, &c, &srt, sfd);
	endwin();
	close(sfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (u.err < 0) {
		fprintf(stderr, "sstop: %s\n", strerror(-u.err));
		status = 1;
	}
	write_stats(&u);
	ui_save(&u, &rc);
	if (rc_save(&rc, NULL, &rr) < 0)
		fprintf(stderr, _("sstop: %s: %s\n"), rr.path, rr.msg);
out:
	if (c.d)
		diag_close(c.d);
	free(replay);
	ui_fini(&u);
	return status;
}
