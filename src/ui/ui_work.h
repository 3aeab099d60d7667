/*
 * ui_work.h: the screen's two worker threads, so the loop never waits for
 * the kernel or a long sort.  The collector dumps the sockets into a fresh
 * snapshot and works out every record's identity, sort key and order
 * (model_prepare) at nice 10, with the sockets' rates since the dump
 * before (rates_update); the sorter re-sorts the model's rows as a
 * job (a key changed the sort, or the owners a Process order depends on
 * arrived).  Each worker writes a byte to its pipe when its work is done;
 * the loop polls that descriptor (ui_*_fd) and takes the result.
 * The collector also merges the fresh rows with the model's
 * (model_prepare_merge): it reads the model's live rows' identities and
 * "since" and its identity table, which the loop does not change until it
 * takes the dump (the only model update), so the take only swaps arrays.
 *
 * Between a start and the take that follows it, what the worker was given
 * (the snapshot, the job) is the worker's; everything else is the loop's.
 * While a worker computes the Process column's keys (mcol_def.owners) it
 * holds the owners map's lock (own_lock), which the loop, the map's only
 * writer, takes to scan.
 */
#ifndef SSTOP_UI_WORK_H
#define SSTOP_UI_WORK_H

#include <pthread.h>
#include <stddef.h>

#include "diag.h"
#include "mcol.h"
#include "model.h"
#include "health.h"
#include "rates.h"
#include "sockstat.h"

struct nsset;
struct nsent;
struct own_map;
struct snap;

/* What both workers are made of: a thread, its wake-up and its pipe. */
struct ui_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int go, quit; /* under mu */
	int nice;     /* the thread's nice value */
	/* the work, run without mu; returns 0 or a negative errno */
	int (*run)(struct ui_worker *w);
	int err;     /* of the last work, under mu */
	double ms;   /* how long it took, under mu */
	int pipe[2]; /* one byte when the work is done (-1: not open) */
};

/* The collector: dumps (or replays) and prepares the model's update. */
struct ui_collector {
	struct ui_worker w;
	struct diag *d; /* sock_diag, or NULL with replay */
	/*
	 * --all-netns: every namespace, scanned and dumped by the thread
	 * (each its range of the snapshot, with its label); NULL: d alone.
	 */
	struct nsset *nss;
	unsigned nss_n;	    /* namespaces in the last dump, for the loop */
	const void *replay; /* --replay: the whole file (borrowed), or NULL */
	size_t replay_len;
	struct diag_req req;
	/* req's kernel program, a copy: the loop frees its own when the
	 * filter changes, maybe while this dump still sends it */
	unsigned char *bc;
	size_t bc_cap;
	struct snap *work; /* being filled; the thread's while busy */
	/* the model's snapshot when the dump began (read-only), or NULL */
	const struct snap *shown;
	struct mprep prep;   /* worked out from work; the thread's while busy */
	struct mbase base;   /* the model's rows to merge with (read-only) */
	enum mcol col;	     /* the sort to prepare (the loop's latest), */
	int desc;	     /* under w.mu */
	struct mfmt fmt;     /* owners for the Process column's keys */
	struct own_map *own; /* the same, to lock (NULL: none) */
	struct rates rates;  /* the last dump's counters: the thread's */
	/* a replay made over several refreshes plays them in turn */
	unsigned step;	  /* the next one; the thread's while busy */
	unsigned steps;	  /* how many (1: the whole file each time) */
	uint64_t real_us; /* when the last one was recorded (0: unknown) */
	/*
	 * Health codes (view/health.h), worked out when the dump asked for
	 * tcp_info and memory: the history is the thread's; hsum (counts,
	 * the namespace's counters, notes) goes to the loop at the take
	 * (ui_collector_take_health).  hconf is set before the first start.
	 */
	struct health *health;
	struct health_conf hconf;
	struct health_sum hsum;
	int health_ran; /* the last dump had its health pass */
	/* the namespace's totals read after the dump (not for a replay or
	 * --all-netns: host_ok 0), for the header; the loop's at the take */
	struct sockstat host;
	int host_ok;
	/*
	 * The kernel sent the last dump's very bytes (diag_dump_beside): work
	 * holds the last dump's records, unparsed (1), or is empty, the
	 * records being shown's (2: diag_cache_unborrow copies them when the
	 * loop updates after all); raw_timers is the digest's kind
	 * (prep.timers) the last dump was told with.
	 */
	int raw_same, raw_timers;
	int expires; /* timer expiries shown: compared (diag_cache_expires) */
	/* buffers kept unparsed and parsed so far, for the loop's stats */
	unsigned long bufs_kept, bufs_parsed;
};

/* The sorter: re-sorts the model's rows as a job. */
struct ui_sorter {
	struct ui_worker w;
	struct mjob job;     /* the thread's while busy */
	struct own_map *own; /* locked for a Process sort's keys, or NULL */
};

/*
 * Set the worker up and start its thread; 0 or a negative errno (the
 * worker can still be closed).  The collector dumps with d (borrowed), or
 * replays the len bytes at replay (borrowed) when d is NULL.  Signals must
 * be blocked already: the thread inherits the mask.
 */
int ui_collector_open(struct ui_collector *c, struct diag *d,
		      const void *replay, size_t len);
int ui_sorter_open(struct ui_sorter *s);
/*
 * End the thread (work under way finishes first) and free what it held;
 * nothing when the worker did not start.
 */
void ui_collector_close(struct ui_collector *c);
void ui_sorter_close(struct ui_sorter *s);

/* The descriptor that becomes readable when the work is done, or -1. */
static inline int ui_worker_fd(const struct ui_worker *w)
{
	return w->pipe[0];
}

/*
 * Starts a dump of req into s (given to the collector until the take),
 * prepared for m's current sort and merged with m's rows (m must not be
 * updated before the take); owners from own (NULL: none), timers when a
 * Timer column shows; expires when anything shows timer expiries (the
 * Timer column, the detail pane): else a socket whose timer alone moved
 * keeps its record (diag_cache_expires).
 */
void ui_collector_start(struct ui_collector *c, const struct diag_req *req,
			struct snap *s, const struct model *m,
			struct own_map *own, int threads, int timers,
			int expires);
/* Tells a running dump which sort to prepare (m's current one). */
void ui_collector_want(struct ui_collector *c, const struct model *m);
/*
 * Takes the finished dump: returns the snapshot (the caller's again), its
 * status in *err and its time in *ms.  c->prep holds its preparation.
 */
struct snap *ui_collector_take(struct ui_collector *c, int *err, double *ms);

/*
 * After ui_collector_take: swaps the dump's health summary into *sum (the
 * loop's, for the snapshot it installs); returns whether the pass ran.
 */
int ui_collector_take_health(struct ui_collector *c, struct health_sum *sum);

/* Starts a re-sort of m's rows (model_job_begin); own: see ui_sorter. */
void ui_sorter_start(struct ui_sorter *s, const struct model *m,
		     struct own_map *own);
/* Takes the finished job (s->job, for model_job_end); its time in *ms. */
void ui_sorter_take(struct ui_sorter *s, double *ms);

/* The monotonic clock, in milliseconds. */
double ui_mono_ms(void);

#endif
