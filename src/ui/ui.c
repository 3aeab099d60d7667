/*
 * ui.c: the full-screen monitor's loop.
 *
 * One poll() waits on the terminal, a signalfd (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT end the session cleanly, the terminal restored), a filter's host-name
 * lookup and the pipes of two worker threads (ui_work.h).  Dumps run in
 * the collector, into a fresh snapshot, so the screen keeps answering keys
 * while the kernel sends 100k sockets; the collector also computes every
 * record's identity and sort key and sorts them (model_prepare), so the
 * loop only merges the few tombstones in (a few milliseconds at 100k rows).
 * A sort changed by a key, or the owners a Process order depends on, is
 * re-sorted by the sorter as a job, even while a dump runs (the loop takes
 * that dump only once the job is over: the job reads the model's rows).
 * The Process column's keys read the owners map: the workers hold its lock
 * while they compute those keys (only those), and the loop, the map's only
 * writer, skips its owners' scan steps while it cannot take that lock.
 * Drawing goes through curses' own diffing (werase + draw + doupdate, never
 * clear), so an idle refresh sends little more than the clock.  The
 * session's state is set up in ui_setup.c, the terminal in ui_term.c.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "file.h"
#include "i18n.h"
#include "msgfit.h"
#include "nsset.h"
#include "owners.h"
#include "rcfile.h"
#include "tty.h"
#include "ui.h"
#include "ui_int.h"
#include "ui_work.h"
#include "xalloc.h"

static void snap_delete(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

/* Unix time with its fraction: the model's clock (lifetimes of closed
 * connections are measured against it). */
static double real_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct snap *snap_new(void)
{
	struct snap *s = xmalloc(sizeof(*s));

	snap_init(s);
	return s;
}

/* Reads every pending key; returns UI_* flags, and *n the keys read. */
static unsigned read_keys(struct ui *u, unsigned *n)
{
	unsigned flags = 0;
	wint_t ch;
	int rc;

	*n = 0;
	while ((rc = get_wch(&ch)) != ERR) {
		++*n;
		flags |= ui_key(u, rc == KEY_CODE_YES, (unsigned)ch);
		if (flags & UI_QUIT)
			break;
	}
	return flags;
}

/*
 * A terminal that went away without a SIGHUP (sstop in a session of its
 * own, the pane or the connection gone) reports a hang-up or an error, or
 * stays readable while every read finds nothing (end of file): polling it
 * again would spin.  A live terminal with input always has a byte to give;
 * 32 empty wake-ups in a row leave no doubt.
 */
#define UI_EMPTY_WAKEUPS 32

static int tty_lost(short revents, unsigned keys, unsigned *empty)
{
	if (revents & (POLLHUP | POLLERR | POLLNVAL))
		return 1;
	if (!(revents & POLLIN) || keys)
		*empty = 0;
	else if (++*empty >= UI_EMPTY_WAKEUPS)
		return 1;
	return 0;
}

/*
 * A table named on the command line that the kernel cannot dump (no diag
 * module) is said once on the status line, as batch mode says it on
 * stderr; the default view (every table) stays quiet.
 */
static void note_missing(struct ui *u, const struct snap *s)
{
	/* tables only implied (-A all, the default) count as said */
	uint32_t said = u->noted | ~u->o->sel.named;

	/* the last one stays on the status line */
	while (snap_note_next(s, &said, u->status, sizeof(u->status)))
		;
	u->noted |= said & u->o->sel.named;
}

/*
 * One sample of history per refresh for the rows on screen and the
 * selected one (the detail pane's sparklines); the others lose theirs.
 */
static void sample_history(struct ui *u)
{
	const struct mrow *sel = model_sel_row(&u->m);

	hist_begin(&u->samples);
	for (int i = 0; i < u->table_h; i++) {
		long pos = ui_line_row(u, u->top + (size_t)i);
		const struct mrow *row;

		if (pos < 0)
			continue;
		if ((size_t)pos >= u->m.n_order)
			break;
		row = model_row(&u->m, (size_t)pos);
		if (!(row->flags & MROW_GONE))
			hist_add(&u->samples, row->key, row->r);
	}
	if (sel && !(sel->flags & MROW_GONE))
		hist_add(&u->samples, sel->key, sel->r);
	hist_end(&u->samples);
}

/*
 * Swaps a finished dump into the model (the collector has sorted it).  A
 * refresh that changed nothing the table shows (same digest, no marks to
 * clear) keeps the model as it is: no merge, no owners' pass, and the
 * redraw sends only the clock.  Returns UI_* flags.
 */
static unsigned take_dump(struct ui *u, struct ui_collector *c,
			  struct snap **spare, uint64_t *digest)
{
	int err, same;
	double ms;
	struct snap *s = ui_collector_take(c, &err, &ms);
	uint64_t gen;

	u->busy = 0;
	u->last_dump_ms = ms;
	u->n_dumps++;
	if (c->replay) {
		u->replay_step = c->step;
		u->replay_steps = c->steps;
		u->replay_t = (double)c->real_us / 1e6;
	}
	/* a recording of several refreshes stops at its last one (even
	 * when it is the same as the one before) */
	if (c->replay && c->steps > 1 && c->step >= c->steps && !u->paused) {
		u->paused = 1;
		snprintf(u->status, sizeof(u->status),
			 _("end of the recording (%u refreshes)"), c->steps);
	}
	/* the namespace's totals change even when the rows shown do not */
	u->host_ok = err >= 0 && c->host_ok;
	u->host_counts = c->host;
	/* tcp_info and memory change at every dump: no digest covers them */
	same = err >= 0 && u->m.cur && !u->detail && !u->o->show.info &&
	       !c->health_ran && !(c->req.ext & DIAG_X_RATE) &&
	       !u->o->show.memory && c->prep.digest == *digest &&
	       c->prep.n == u->m.cur->n && !model_has_deltas(&u->m) &&
	       !model_sort_pending(&u->m);
	*digest = c->prep.digest;
	if (err < 0)
		snprintf(u->status, sizeof(u->status), _("dump failed: %s"),
			 strerror(-err));
	else
		note_missing(u, s);
	/* --record: a file that cannot be written ends the screen, said */
	if (c->d && u->record_fd >= 0 && diag_record_error(c->d) < 0) {
		u->record_err = diag_record_error(c->d);
		snap_clear(s);
		*spare = s;
		return UI_QUIT;
	}
	/* --iterations: this dump is drawn, then the screen ends */
	if (u->o->iterations > 0 &&
	    u->n_dumps >= (unsigned long)u->o->iterations)
		u->last_dump = 1;
	u->n_raw_same += !!c->raw_same;
	u->bufs_kept = c->bufs_kept;
	u->bufs_parsed = c->bufs_parsed;
	if (same) {
		u->n_same++;
		u->m.t_update = real_now();
		/*
		 * Given back as it is: the next dump keeps the records of
		 * whatever the kernel sends the same (diag_dump_cached)
		 */
		*spare = s;
		sample_history(u);
		return UI_DRAW;
	}
	/* told the same as the snapshot shown: its records, copied */
	if (c->raw_same == 2) {
		diag_cache_unborrow(c->d, s);
		c->raw_same = 1;
	}
	gen = u->m.gen;
	/*
	 * The netns column reads the labels of the snapshot shown, and so
	 * does the update's own sort (a dump the collector did not sort)
	 */
	if (c->nss)
		u->fmt.snap = s;
	*spare = model_update_prep(&u->m, s, &c->prep, real_now());
	if (c->nss) {
		pthread_mutex_lock(&c->w.mu);
		u->ns_n = c->nss_n;
		pthread_mutex_unlock(&c->w.mu);
	}
	u->t_dump = u->t_dump_next;
	u->health_ok = ui_collector_take_health(c, &u->hsum);
	ui_own_take(u, &c->prep, gen);
	ui_scroll(u);
	sample_history(u);
	return UI_DRAW;
}

/*
 * Right after a take, when every snapshot is the loop's: what holds the
 * memory, kept when the total is the largest yet (SSTOP_UI_STATS).
 */
static void mem_account(struct ui *u, const struct ui_collector *c,
			const struct ui_sorter *s, const struct snap *spare)
{
	size_t v[UMEM_COUNT] = {0}, total = 0;
	struct model_mem mm;

	if (!u->env->stats_path)
		return;
	model_mem(&u->m, &mm);
	v[UMEM_SNAPS] = (u->m.cur ? snap_mem(u->m.cur) : 0) +
			(u->m.prev ? snap_mem(u->m.prev) : 0) +
			(spare ? snap_mem(spare) : 0);
	v[UMEM_ROWS] = mm.rows;
	v[UMEM_ORDER] = mm.order;
	v[UMEM_KEYS] = mm.keys;
	v[UMEM_IDS] = mm.ids;
	v[UMEM_PREP] = model_prep_mem(&c->prep);
	/* a job under way is the sorter's */
	v[UMEM_JOB] = u->sorting ? u->mem[UMEM_JOB] : model_job_mem(&s->job);
	v[UMEM_RATES] = rates_mem(&c->rates);
	v[UMEM_HIST] = u->samples.cap * sizeof(*u->samples.v);
	/* the loop is the map's only writer (a pass in threads adds its
	 * entries on the loop) */
	v[UMEM_OWNERS] = u->own ? own_mem(u->own) : 0;
	for (int i = 0; i < UMEM_COUNT; i++)
		total += v[i];
	if (total > u->mem_total) {
		memcpy(u->mem, v, sizeof(v));
		u->mem_total = total;
	}
}

/* Installs a finished re-sort (a stale one is simply dropped). */
static unsigned take_sort(struct ui *u, struct ui_sorter *s)
{
	double ms;

	ui_sorter_take(s, &ms);
	u->sorting = 0;
	model_job_end(&u->m, &s->job);
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
static unsigned sort_settle(struct ui *u, struct ui_collector *c,
			    struct ui_sorter *s)
{
	struct model *m = &u->m;

	ui_collector_want(c, m);
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
		ui_sorter_start(s, m, u->own);
		u->sorting = 1;
	}
	return 0;
}

/* Keeps the longest time of each part of a step; returns the time now. */
static double lap(struct ui *u, int part, double t0)
{
	double t = ui_mono_ms();

	if (t - t0 > u->part_ms[part])
		u->part_ms[part] = t - t0;
	return t;
}

/* Whether a Timer column shows (the dump then works out timer keys). */
static int shows_timers(const struct ui *u)
{
	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == MC_TIMER)
			return 1;
	return 0;
}

/* The loop, with the collector c and the sorter s; returns the status. */
static int loop(struct ui *u, struct ui_collector *c, struct ui_sorter *s,
		int sfd)
{
	struct snap *spare = NULL;
	uint64_t digest = 0;
	double next = 0, step_start = ui_mono_ms();
	struct diag_req req;
	unsigned flags = UI_DRAW, keys, empty = 0;
	int own_held = 0;

	for (;;) {
		struct pollfd pfd[6] = {
			{.fd = STDIN_FILENO, .events = POLLIN},
			{.fd = sfd, .events = POLLIN},
			/* [2]: the collector, [5]: closed connections (set
			 * below, once this step's re-sort has started) */
			{.fd = -1, .events = POLLIN},
			/* a filter's host names being looked up (-1: none) */
			{.fd = ui_filter_fd(u), .events = POLLIN},
			{.fd = ui_worker_fd(&s->w), .events = POLLIN},
			{.fd = -1, .events = POLLIN},
		};
		double now = ui_mono_ms();
		int timeout = -1;

		double t = now;

		/* a preview's dump or lookup, once the typing paused */
		flags |= ui_filter_due(u, now);
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
			ui_make_req(u, &req);
			ui_filter_sent(u, &req);
			u->t_dump_next = real_now();
			ui_collector_start(c, &req, spare ? spare : snap_new(),
					   &u->m, u->own, u->fmt.threads,
					   shows_timers(u),
					   shows_timers(u) || u->detail);
			spare = NULL;
			u->busy = 1;
			next = now + u->interval * 1000;
		}
		if (flags & UI_QUIT)
			break;
		if (flags & UI_CLEAR)
			clearok(curscr, TRUE);
		t = ui_mono_ms();
		if (flags & (UI_DRAW | UI_RESORT | UI_CLEAR))
			ui_draw(u);
		lap(u, ST_DRAW, t);
		if (u->last_dump)
			break;
		flags = 0;
		if (!u->busy && !u->paused)
			timeout = next > now ? (int)(next - now) + 1 : 0;
		if (ui_filter_wait(u, now) >= 0 &&
		    (timeout < 0 || ui_filter_wait(u, now) < timeout))
			timeout = ui_filter_wait(u, now);
		if (u->own_busy || u->own_slicing)
			timeout = own_held ? 1 : 0;
		/* events waiting for their take's time */
		if (ui_closed_wait(u, now) >= 0 &&
		    (timeout < 0 || ui_closed_wait(u, now) < timeout))
			timeout = ui_closed_wait(u, now);
		/* how long keys waited: from the last wake-up to this poll */
		if (ui_mono_ms() - step_start > u->max_step_ms)
			u->max_step_ms = ui_mono_ms() - step_start;
		/* the same once the first dumps (every row new) are taken */
		if (u->n_dumps > 2 &&
		    ui_mono_ms() - step_start > u->max_step_late_ms)
			u->max_step_late_ms = ui_mono_ms() - step_start;
		/*
		 * A dump waits while a re-sort reads the model's rows and
		 * their records (the take frees or recycles them), and so
		 * do closed connections (a take rewrites rows' records), at
		 * most every UI_CLOSED_TAKE_MS.  A dump waits too while the
		 * owners' map is told of the first snapshot (ui_own.c).
		 * Decided here, after sort_settle: a job it started in this
		 * step is running.
		 */
		pfd[2].fd =
			u->sorting || u->own_slicing ? -1 : ui_worker_fd(&c->w);
		pfd[5].fd = u->sorting ? -1 : ui_closed_fd(u, ui_mono_ms());
		if (poll(pfd, 6, timeout) < 0 && errno != EINTR) {
			u->err = -errno;
			break;
		}
		step_start = t = ui_mono_ms();
		if (pfd[1].revents & POLLIN) {
			struct signalfd_siginfo si;

			if (read(sfd, &si, sizeof(si)) > 0)
				break;
		}
		if (pfd[4].revents & POLLIN)
			flags |= take_sort(u, s);
		if (pfd[2].revents & POLLIN) {
			/* sockets gone before this dump are matched against
			 * the one before (after it, a socket's TIME-WAIT or
			 * its absence would hide what it was) */
			flags |= ui_closed_take(u, t);
			flags |= take_dump(u, c, &spare, &digest);
			mem_account(u, c, s, spare);
			/* the figures so far, for a bench that counts dumps */
			ui_write_stats(u);
		}
		if (pfd[5].revents & POLLIN)
			flags |= ui_closed_take(u, t);
		t = lap(u, ST_TAKE, t);
		if (pfd[3].revents & POLLIN)
			flags |= ui_filter_resolved(u);
		flags |= read_keys(u, &keys);
		if (u->own_slicing)
			u->own_slice_keys += keys;
		if (tty_lost(pfd[0].revents, keys, &empty)) {
			u->err = -EIO;
			u->tty_lost = 1;
			break;
		}
		t = lap(u, ST_KEYS, t);
		/* a step that took a dump leaves the owners to the next one */
		if (pfd[2].revents & POLLIN)
			own_held = 0;
		else
			flags |= ui_own_step(u, &own_held);
		lap(u, ST_OWNERS, t);
	}
	/* the collector may still be filling a snapshot: its dump stops at
	 * the next batch of messages (a dump of 1M sockets takes seconds) */
	if (c->d)
		diag_abort(c->d);
	ui_collector_close(c);
	ui_sorter_close(s);
	snap_delete(spare);
	return 0;
}

/* The command line's filter, -F's text with it; 0 or an exit status. */
static int start_filter(struct ui *u, struct ui_result *res)
{
	const char *path = u->o->filter_file;
	void *text = NULL;
	size_t len;
	char why[80];
	int err;

	if (path && !strcmp(path, "-")) {
		ui_say(res, _("sstop: -F - reads the filter from standard "
			      "input, which the screen reads keys from: "
			      "use --batch, or a file\n"));
		return 2;
	}
	if (path && (err = file_read(path, FILE_TEXT, FILE_MAX_FILTER, &text,
				     &len)) < 0) {
		ui_say(res, _("sstop: cannot read filter file %s: %s\n"), path,
		       file_strerror(err, FILE_MAX_FILTER, why, sizeof(why)));
		return 1;
	}
	err = ui_filter_start(u, text, res);
	free(text);
	return err < 0 ? 2 : 0;
}

static void drain_signals(int sfd)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof(si)) > 0)
		;
}

void ui_say(struct ui_result *res, const char *fmt, ...)
{
	size_t len = strlen(res->msg);
	va_list ap;

	if (len + 1 >= sizeof(res->msg))
		return;
	/* a long path gives way in the middle: the reason and the line's
	 * end stay */
	va_start(ap, fmt);
	msg_vfit(res->msg + len, sizeof(res->msg) - len, fmt, ap);
	va_end(ap);
}

int ui_run(const struct sstop_opts *o, const struct ui_env *env,
	   struct ui_result *res)
{
	struct ui u;
	struct ui_collector c;
	struct ui_sorter srt;
	struct rc_conf rc, rc0;
	struct rc_result rr;
	struct diag *d = NULL;
	struct nsset *nss = NULL;
	sigset_t sigs, old;
	void *replay = NULL;
	size_t replay_len = 0;
	char why[80];
	int sfd, err, status = 1;

	res->msg[0] = '\0';
#if defined(__GLIBC__)
	/*
	 * The screen's big arrays (records, rows, hashes, sort scratch) come
	 * and go with each refresh: mapped, so that a freed one goes back to
	 * the system.  glibc's default threshold rises to the largest block
	 * freed, after which they came from the heap and stayed in the
	 * process (~26 bytes a socket at 100k).
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	rc_defaults(&rc);
	rc_load(&rc, NULL, &rr);
	rc0 = rc;
	ui_init(&u, o, env, &rc);
	if (!rr.ok)
		snprintf(u.status, sizeof(u.status),
			 rr.line ? P_("%s: %s (line ignored)",
				      "%s: %s (lines ignored)", rr.bad)
				 : _("%s: %s (defaults used)"),
			 rr.path, rr.msg);
	if (o->replay) {
		err = file_read(o->replay, 0, FILE_MAX_DUMP, &replay,
				&replay_len);
		if (err < 0) {
			ui_say(res, _("sstop: cannot read %s: %s\n"), o->replay,
			       file_strerror(err, FILE_MAX_DUMP, why,
					     sizeof(why)));
			ui_fini(&u);
			return 1;
		}
	} else if ((err = diag_open(&d)) < 0) {
		ui_say(res, _("sstop: cannot open sock_diag: %s\n"),
		       strerror(-err));
		ui_fini(&u);
		return 1;
	}
	if ((status = start_filter(&u, res)) != 0) {
		if (d)
			diag_close(d);
		free(replay);
		ui_fini(&u);
		return status;
	}
	status = 1;
	if (d && o->record) {
		u.record_fd =
			open(o->record,
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (u.record_fd < 0) {
			ui_say(res, _("sstop: cannot open %s: %s\n"), o->record,
			       strerror(errno));
			diag_close(d);
			ui_fini(&u);
			return 1;
		}
		diag_set_record(d, u.record_fd);
	}
	/* the workers inherit this mask: signals come to the signalfd */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	/* Ctrl-\ too: its default (a core dump) left the terminal as it was */
	sigaddset(&sigs, SIGQUIT);
	pthread_sigmask(SIG_BLOCK, &sigs, &old);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK);
	err = sfd < 0 ? -errno : ui_collector_open(&c, d, replay, replay_len);
	c.hconf = u.hconf;
	if (!err && o->all_netns && d) {
		/* every namespace: the collector's thread scans and dumps */
		nss = xmalloc(sizeof(*nss));
		nsset_init(nss, u.env->can_setns);
		nss->state_root = u.env->state_root;
		c.nss = nss;
		u.coll = &c;
		u.ns_own_only = !u.env->can_setns;
	}
	if (!err)
		err = ui_sorter_open(&srt);
	if (err) {
		ui_say(res, _("sstop: cannot start: %s\n"), strerror(-err));
		if (sfd >= 0) {
			close(sfd);
			ui_collector_close(&c);
		}
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		goto out;
	}
	if ((err = ui_term_start(&u, res)) < 0) {
		ui_collector_close(&c);
		ui_sorter_close(&srt);
		close(sfd);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		goto out;
	}
	status = loop(&u, &c, &srt, sfd);
	ui_term_end(&u);
	if (u.record_err < 0) {
		ui_say(res, _("sstop: cannot write %s: %s\n"), o->record,
		       strerror(-u.record_err));
		status = 1;
	} else if (u.tty_lost) {
		ui_say(res, _("sstop: the terminal went away\n"));
		status = 1;
	} else if (u.err < 0) {
		ui_say(res, "sstop: %s\n", strerror(-u.err));
		status = 1;
	}
	ui_write_stats(&u);
	ui_save(&u, &rc);
	if (rc_save(&rc, &rc0, NULL, &rr) < 0)
		ui_say(res, _("sstop: %s: %s\n"), rr.path, rr.msg);
	/*
	 * Signals stay blocked until the rc file is written: a lost terminal
	 * is often followed by its SIGHUP, which must not end us half-way.
	 * The pending ones are read away, not delivered.
	 */
	drain_signals(sfd);
	close(sfd);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
out:
	if (nss) {
		nsset_free(nss); /* the collector's thread has ended */
		free(nss);
	}
	if (d)
		diag_close(d);
	if (u.record_fd >= 0 && close(u.record_fd) < 0 && status == 0) {
		ui_say(res, _("sstop: cannot write %s: %s\n"), o->record,
		       strerror(errno));
		status = 1;
	}
	free(replay);
	ui_fini(&u);
	return status;
}
