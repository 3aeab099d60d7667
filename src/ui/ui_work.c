/*
 * ui_work.c: the screen's worker threads (see ui_work.h): one thread body
 * for both, waiting for work under the worker's mutex, running it without,
 * then writing a byte to the pipe the loop polls.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "netstat.h"
#include "nsset.h"
#include "owners.h"
#include "snap.h"
#include "ui_work.h"
#include "xalloc.h"

double ui_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *worker_main(void *arg)
{
	struct ui_worker *w = arg;

	/*
	 * Dumps are background work: on a busy machine the loop, the sorter
	 * and the terminal go first (a thread's nice value is its own).
	 */
	if (w->nice)
		setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), w->nice);
	pthread_mutex_lock(&w->mu);
	for (;;) {
		double t0;
		int err;

		while (!w->go && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->quit)
			break;
		w->go = 0;
		pthread_mutex_unlock(&w->mu);
		t0 = ui_mono_ms();
		err = w->run(w);
		pthread_mutex_lock(&w->mu);
		w->err = err;
		w->ms = ui_mono_ms() - t0;
		/* a full pipe only means a wake-up is already pending */
		if (write(w->pipe[1], "", 1) < 0 && errno != EAGAIN)
			w->err = -errno;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static int worker_open(struct ui_worker *w, int nice,
		       int (*run)(struct ui_worker *w))
{
	int err;

	w->nice = nice;
	w->run = run;
	w->pipe[0] = w->pipe[1] = -1;
	if (pipe2(w->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		w->pipe[0] = w->pipe[1] = -1;
		return -errno;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	err = pthread_create(&w->th, NULL, worker_main, w);
	if (err) {
		close(w->pipe[0]);
		close(w->pipe[1]);
		w->pipe[0] = w->pipe[1] = -1;
		return -err;
	}
	return 0;
}

/* Ends the thread (work under way finishes first); 0 if it never began. */
static int worker_close(struct ui_worker *w)
{
	if (w->pipe[0] < 0)
		return 0;
	pthread_mutex_lock(&w->mu);
	w->quit = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	close(w->pipe[0]);
	close(w->pipe[1]);
	w->pipe[0] = w->pipe[1] = -1;
	return 1;
}

/* Called with w->mu held: the thread wakes up to the work. */
static void worker_go(struct ui_worker *w)
{
	w->go = 1;
	pthread_cond_signal(&w->cv);
}

/* Empties the pipe; returns the work's status and time. */
static void worker_take(struct ui_worker *w, int *err, double *ms)
{
	char b[16];

	while (read(w->pipe[0], b, sizeof(b)) > 0)
		;
	pthread_mutex_lock(&w->mu);
	*err = w->err;
	*ms = w->ms;
	pthread_mutex_unlock(&w->mu);
}

/* ---- the collector ---- */

/* --all-netns: the namespaces found now, each dumped through its socket. */
static int dump_all(struct ui_collector *c)
{
	int err = 0;
	unsigned n = 0;

	(void)nsset_scan(c->nss); /* /proc unreadable: the set as it was */
	for (size_t i = 0; i < c->nss->n; i++) {
		const struct nsent *e = &c->nss->v[i];
		int rc;

		if (!e->d)
			continue;
		nsset_snap_begin(e, c->work);
		rc = diag_dump(e->d, &c->req, c->work);
		if (rc < 0 && !err)
			err = rc;
		n++;
	}
	pthread_mutex_lock(&c->w.mu);
	c->nss_n = n;
	pthread_mutex_unlock(&c->w.mu);
	return err;
}

/*
 * Whether the loop will keep its model as it is (ui.c's take_dump): the
 * same sockets, states and queues as the dump before (its digest, still
 * in prep), nothing that changes at every dump (tcp_info, memory, rates,
 * health), no marks to clear nor sort pending when the dump began.  Told
 * before anything is worked out for the dump, which then needs nothing
 * more (prep drops its order: if the loop updates after all, a rare case,
 * it merges and sorts by itself).
 */
static int unchanged(struct ui_collector *c)
{
	/* the records of a dump told the same as the one shown are there */
	const struct snap *s = c->raw_same == 2 ? c->shown : c->work;

	if (!c->base.quiet || s->n != c->base.n || c->health_ran ||
	    (c->req.ext & (DIAG_X_INFO | DIAG_X_MEM | DIAG_X_RATE)) ||
	    c->prep.n != c->base.n)
		goto changed;
	/* the last dump's bytes, so its records: its digest, not computed */
	if (c->raw_same && c->raw_timers == c->prep.timers)
		return model_prep_keep(&c->prep);
	if (model_prep_same(&c->prep, s))
		return 1;
changed:
	/* the merge reads work's own records */
	if (c->raw_same == 2) {
		diag_cache_unborrow(c->d, c->work);
		c->raw_same = 1;
	}
	return 0;
}

static int collector_run(struct ui_worker *w)
{
	struct ui_collector *c = (struct ui_collector *)w;
	enum mcol col;
	int desc, err, own;
	double t = ui_mono_ms() / 1e3;
	struct timespec ts;

	c->raw_same = 0;
	/* only diag_dump_cached takes the last dump's snapshot as it is */
	if (c->replay || c->nss)
		snap_clear(c->work);
	if (c->replay) {
		uint64_t us;

		err = diag_replay_step(c->replay, c->replay_len, c->step,
				       &c->req, c->work, &us);
		c->real_us =
			diag_replay_time(c->replay, c->replay_len, c->step);
		if (c->step < c->steps)
			c->step++;
		/* the rates between recorded refreshes: their own times */
		if (us)
			t = (double)us / 1e6;
	} else if (c->nss) {
		err = dump_all(c);
	} else {
		/*
		 * work is empty, or the loop gave back the last dump's
		 * snapshot as it was: what did not change is not parsed
		 */
		diag_cache_expires(c->d, c->expires);
		err = diag_dump_beside(c->d, &c->req, c->work, c->shown,
				       &c->raw_same);
		diag_cache_stats(c->d, &c->bufs_kept, &c->bufs_parsed);
		/* the passes below write to work's own records */
		if (c->raw_same == 2 &&
		    (c->req.ext & (DIAG_X_INFO | DIAG_X_MEM | DIAG_X_RATE))) {
			diag_cache_unborrow(c->d, c->work);
			c->raw_same = 1;
		}
	}
	/* the totals the header shows beside a filtered table's */
	c->host_ok =
		!c->replay && !c->nss && sockstat_read(&c->host, NULL) == 0;
	/* throughput since the last dump, before the keys (tx-rate sorts) */
	if (err >= 0)
		rates_update(&c->rates, c->work, t);
	/* health codes too: the Health column sorts by them */
	c->health_ran = 0;
	if (err >= 0 && (c->req.ext & DIAG_X_INFO) &&
	    (c->req.ext & DIAG_X_MEM)) {
		struct netstat ns;
		/* a replayed dump is another host's: not this one's counters */
		int have_ns = !c->replay && netstat_read(&ns, NULL) == 0;

		health_pass(c->health, &c->hconf, c->work, t,
			    have_ns ? &ns : NULL, &c->hsum);
		c->health_ran = 1;
	}
	/* quitting, or the loop keeps its model: nothing more to work out */
	if (err == -ECANCELED)
		return err;
	if (err >= 0 && unchanged(c)) {
		c->raw_timers = c->prep.timers;
		return err;
	}
	c->raw_timers = c->prep.timers;
	/* the sort asked for now, not when the dump began */
	pthread_mutex_lock(&w->mu);
	col = c->col;
	desc = c->desc;
	pthread_mutex_unlock(&w->mu);
	/* identities, sort keys and order: off the loop's thread */
	own = mcol_get(col)->owners && c->own;
	if (own)
		own_lock(c->own);
	/* new rows' "since": the wall clock, as the model's */
	clock_gettime(CLOCK_REALTIME, &ts);
	model_prepare_merge(&c->prep, c->work, &c->base,
			    (double)ts.tv_sec + (double)ts.tv_nsec / 1e9, col,
			    desc, &c->fmt);
	if (own)
		own_unlock(c->own);
	return err;
}

int ui_collector_open(struct ui_collector *c, struct diag *d,
		      const void *replay, size_t len)
{
	memset(c, 0, sizeof(*c));
	model_prep_init(&c->prep);
	c->health = health_new();
	health_defaults(&c->hconf);
	health_sum_init(&c->hsum);
	c->d = d;
	c->replay = d ? NULL : replay;
	c->replay_len = len;
	c->steps = c->replay ? diag_replay_steps(replay, len) : 1;
	return worker_open(&c->w, 10, collector_run);
}

void ui_collector_close(struct ui_collector *c)
{
	int started = worker_close(&c->w);

	health_free(c->health);
	c->health = NULL;
	health_sum_free(&c->hsum);
	if (!started)
		return;
	if (c->work) {
		snap_free(c->work);
		free(c->work);
	}
	c->work = NULL;
	model_prep_free(&c->prep);
	free(c->bc);
	c->bc = NULL;
	c->bc_cap = 0;
	rates_free(&c->rates);
}

void ui_collector_start(struct ui_collector *c, const struct diag_req *req,
			struct snap *s, const struct model *m,
			struct own_map *own, int threads, int timers,
			int expires)
{
	pthread_mutex_lock(&c->w.mu);
	c->req = *req;
	if (req->bytecode && req->bytecode_len) {
		c->bc = xgrow(c->bc, &c->bc_cap, req->bytecode_len, 1);
		memcpy(c->bc, req->bytecode, req->bytecode_len);
		c->req.bytecode = c->bc;
	}
	c->work = s;
	c->shown = m->cur;
	c->col = m->sort_col;
	c->desc = m->desc;
	memset(&c->fmt, 0, sizeof(c->fmt));
	c->fmt.own = own;
	c->fmt.threads = threads;
	c->fmt.snap = c->nss ? s : NULL;
	c->own = own;
	c->prep.timers = timers;
	c->expires = expires;
	model_base(m, &c->base);
	worker_go(&c->w);
	pthread_mutex_unlock(&c->w.mu);
}

void ui_collector_want(struct ui_collector *c, const struct model *m)
{
	pthread_mutex_lock(&c->w.mu);
	c->col = m->sort_col;
	c->desc = m->desc;
	pthread_mutex_unlock(&c->w.mu);
}

int ui_collector_take_health(struct ui_collector *c, struct health_sum *sum)
{
	struct health_sum t = *sum;

	*sum = c->hsum;
	c->hsum = t;
	return c->health_ran;
}

struct snap *ui_collector_take(struct ui_collector *c, int *err, double *ms)
{
	struct snap *s;

	worker_take(&c->w, err, ms);
	pthread_mutex_lock(&c->w.mu);
	s = c->work;
	c->work = NULL;
	pthread_mutex_unlock(&c->w.mu);
	return s;
}

/* ---- the sorter ---- */

static int sorter_run(struct ui_worker *w)
{
	struct ui_sorter *s = (struct ui_sorter *)w;
	/* an inverted order reads keys too */
	int own = mcol_get(s->job.col)->owners && s->own;

	if (own)
		own_lock(s->own);
	model_job_run(&s->job);
	if (own)
		own_unlock(s->own);
	return 0;
}

int ui_sorter_open(struct ui_sorter *s)
{
	memset(s, 0, sizeof(*s));
	return worker_open(&s->w, 0, sorter_run);
}

void ui_sorter_close(struct ui_sorter *s)
{
	if (worker_close(&s->w))
		model_job_free(&s->job);
}

void ui_sorter_start(struct ui_sorter *s, const struct model *m,
		     struct own_map *own)
{
	pthread_mutex_lock(&s->w.mu);
	model_job_begin(m, &s->job);
	s->own = own;
	worker_go(&s->w);
	pthread_mutex_unlock(&s->w.mu);
}

void ui_sorter_take(struct ui_sorter *s, double *ms)
{
	int err;

	worker_take(&s->w, &err, ms);
}
