/*
 * owners_walk.c: a pass of the owners map done by threads, in the
 * background (see own_bg_start() in owners.h).
 *
 * Nearly all the time of `-p` is the kernel answering one readlink per fd
 * of /proc/PID/fd (2-3 us each: path lookup, ptrace check, d_path), which
 * no other interface does much cheaper: statx of the link is the same,
 * and pidfd_getfd would take a reference on every file of every process
 * (its close can run a FUSE or NFS flush in our thread).  So the walk is
 * shared between cores and overlapped with the socket dump.
 *
 * Threads never write the map: they read it (to skip a task whose fd
 * count is unchanged, as the serial pass does) and record what they saw
 * in buffers of their own: one result per task, and (tid, fd, inode)
 * pairs.  Pids are handed out one at a time from a shared counter; a
 * task with a large fd table publishes the list of its fds as a job that
 * idle threads help with, in chunks.  The last thread to finish merges
 * every buffer into the map, so the caller finds it complete.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "owners.h"
#include "owners_int.h"
#include "xalloc.h"

#define WALK_MAX_THREADS 4
/* A fd table this large is shared out between threads, in chunks. */
#define WALK_BIG_FDS 4096
#define WALK_CHUNK 512

/* One socket fd: what a link of task tid said. */
struct walk_pair {
	int32_t tid;
	int32_t fd;
	uint32_t ino;
};

/* One task seen by the pass. */
struct walk_res {
	int32_t pid, tid;
	uint32_t uid;
	uint8_t rescanned;  /* its fd table was read: replace its entries */
	uint8_t unreadable; /* ... and could not be (EACCES) */
	int64_t nfd;
	uint64_t start;
	char comm[64]; /* as stat says it (own_task_name) */
	size_t comm_len;
};

/* A large fd table, shared out. */
struct walk_job {
	struct walk_job *next;
	int32_t tid;
	int fdir; /* its /proc/.../fd directory; closed by the cleanup */
	int32_t *fds;
	size_t n;
	atomic_size_t pos; /* next chunk */
};

struct walk_worker {
	pthread_t th;
	struct own_bg *bg;
	struct walk_res *res;
	size_t n_res, cap_res;
	struct walk_pair *pairs;
	size_t n_pairs, cap_pairs;
	size_t fd_scans;
	size_t links; /* readlinks done */
};

struct own_bg {
	struct own_map *m;
	unsigned n, started;
	struct walk_worker *w;
	atomic_size_t next_pid;
	int full; /* read every fd table (sockets are pending) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct walk_job *jobs; /* under mu; freed by the cleanup */
	unsigned visiting;     /* threads still taking pids, under mu */
	atomic_uint left;      /* threads not finished */
	atomic_int done;       /* merged: the map is the caller's again */
};

static void add_pair(struct walk_worker *w, int32_t tid, long fd, uint32_t ino)
{
	w->pairs = xgrow(w->pairs, &w->cap_pairs, w->n_pairs + 1,
			 sizeof(*w->pairs));
	w->pairs[w->n_pairs].tid = tid;
	w->pairs[w->n_pairs].fd = (int32_t)fd;
	w->pairs[w->n_pairs].ino = ino;
	w->n_pairs++;
}

/* Reads the link of fd `name` in fdir; a socket becomes a pair. */
static void read_link(struct walk_worker *w, int fdir, const char *name,
		      int32_t tid, long fdnum)
{
	char lnk[64];
	ssize_t n = readlinkat(fdir, name, lnk, sizeof(lnk));
	uint32_t ino;

	w->links++;
	if (n <= 0 || (size_t)n >= sizeof(lnk))
		return;
	ino = own_link_ino(lnk, (size_t)n);
	if (ino)
		add_pair(w, tid, fdnum, ino);
}

static void run_job(struct walk_worker *w, struct walk_job *j)
{
	char name[16];
	size_t a, b, i;

	for (;;) {
		a = atomic_fetch_add(&j->pos, WALK_CHUNK);
		if (a >= j->n)
			return;
		b = a + WALK_CHUNK < j->n ? a + WALK_CHUNK : j->n;
		for (i = a; i < b; i++) {
			snprintf(name, sizeof(name), "%d", (int)j->fds[i]);
			read_link(w, j->fdir, name, j->tid, j->fds[i]);
		}
	}
}

/* Lists the fds of a large table and shares the reading out. */
static void share(struct walk_worker *w, DIR *dir, int32_t tid)
{
	struct own_bg *bg = w->bg;
	struct walk_job *j = xcalloc(1, sizeof(*j));
	struct dirent *d;
	size_t cap = 0;

	j->tid = tid;
	j->fdir = fcntl(dirfd(dir), F_DUPFD_CLOEXEC, 0);
	while ((d = readdir(dir))) {
		long fdnum = own_parse_num(d->d_name);

		if (fdnum < 0)
			continue;
		j->fds = xgrow(j->fds, &cap, j->n + 1, sizeof(*j->fds));
		j->fds[j->n++] = (int32_t)fdnum;
	}
	if (j->fdir < 0) {
		/* no fd to share: read it alone, through the listing */
		for (size_t i = 0; i < j->n; i++) {
			char name[16];

			snprintf(name, sizeof(name), "%d", (int)j->fds[i]);
			read_link(w, dirfd(dir), name, tid, j->fds[i]);
		}
		free(j->fds);
		free(j);
		return;
	}
	atomic_init(&j->pos, 0);
	pthread_mutex_lock(&bg->mu);
	j->next = bg->jobs;
	bg->jobs = j;
	pthread_cond_broadcast(&bg->cv);
	pthread_mutex_unlock(&bg->mu);
	run_job(w, j);
}

/* Reads the fd table of result ri's task, whose /proc dir is dirfd. */
static void read_fds(struct walk_worker *w, size_t ri, int dfd)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int32_t tid = w->res[ri].tid;
	int fd;

	fd = openat(dfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM) {
			w->res[ri].rescanned = 1;
			w->res[ri].unreadable = 1;
		}
		return;
	}
	if (fstat(fd, &st) < 0 || !(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	w->res[ri].rescanned = 1;
	w->res[ri].nfd = st.st_size;
	w->fd_scans++;
	if (st.st_size >= WALK_BIG_FDS && w->bg->n > 1) {
		share(w, dir, tid);
	} else {
		while ((d = readdir(dir))) {
			long fdnum = own_parse_num(d->d_name);

			if (fdnum >= 0)
				read_link(w, fd, d->d_name, tid, fdnum);
		}
	}
	closedir(dir);
}

/* As visit_task() in owners.c, the map only read. */
static void visit_task(struct walk_worker *w, int dfd, int32_t pid, int32_t tid)
{
	const struct own_map *m = w->bg->m;
	const struct own_task *t;
	struct own_stat ps;
	struct walk_res *r;
	struct stat st;
	size_t ri;
	int need;

	if (fstat(dfd, &st) < 0 || own_read_stat(dfd, &ps) < 0)
		return; /* vanished */
	t = own_task_of(m, tid);
	need = w->bg->full || !t || t->start != ps.start || t->pid != pid ||
	       t->nfd < 0 || own_task_renamed(t, ps.comm, ps.comm_len);
	w->res = xgrow(w->res, &w->cap_res, w->n_res + 1, sizeof(*w->res));
	ri = w->n_res++;
	r = &w->res[ri];
	memset(r, 0, sizeof(*r));
	r->pid = pid;
	r->tid = tid;
	r->uid = st.st_uid;
	r->start = ps.start;
	r->nfd = -1;
	memcpy(r->comm, ps.comm, ps.comm_len);
	r->comm_len = ps.comm_len;
	if (fstatat(dfd, "fd", &st, 0) < 0) {
		if (errno != EACCES && errno != EPERM)
			return;
		need = 1;
	} else if (!need && st.st_size != t->nfd) {
		need = 1;
	}
	if (need)
		read_fds(w, ri, dfd);
}

static void visit_pid(struct walk_worker *w, int32_t pid)
{
	char name[16];
	struct dirent *d;
	DIR *dir;
	int pdir, fd;

	snprintf(name, sizeof(name), "%d", (int)pid);
	pdir = openat(w->bg->m->procfd, name,
		      O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pdir < 0)
		return; /* gone: dropped at the end of the pass */
	visit_task(w, pdir, pid, pid);
	if (!(w->bg->m->flags & OWN_THREADS)) {
		close(pdir);
		return;
	}
	fd = openat(pdir, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	close(pdir);
	if (fd < 0)
		return;
	if (!(dir = fdopendir(fd))) {
		close(fd);
		return;
	}
	while ((d = readdir(dir))) {
		long tid = own_parse_num(d->d_name);
		int tfd;

		if (tid <= 0 || tid == pid)
			continue;
		tfd = openat(fd, d->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (tfd < 0)
			continue;
		visit_task(w, tfd, pid, (int32_t)tid);
		close(tfd);
	}
	closedir(dir);
}

/* Called by the last thread: the map is written by one thread only. */
static void merge(struct own_bg *bg)
{
	struct own_map *m = bg->m;
	unsigned i;

	for (i = 0; i < bg->n; i++) {
		struct walk_worker *w = &bg->w[i];

		for (size_t k = 0; k < w->n_res; k++) {
			const struct walk_res *r = &w->res[k];
			struct own_task *t = own_task_of(m, r->tid);
			uint32_t ti;

			if (t && (t->start != r->start || t->pid != r->pid)) {
				own_task_drop(m, (uint32_t)(t - m->tasks));
				t = NULL;
			}
			ti = t ? (uint32_t)(t - m->tasks)
			       : own_task_new(m, r->pid, r->tid);
			t = &m->tasks[ti];
			t->pass = m->pass;
			t->uid = r->uid;
			t->start = r->start;
			own_task_name(t, r->comm, r->comm_len);
			if (r->rescanned) {
				own_task_clear(m, t);
				t->unreadable = r->unreadable;
				if (!r->unreadable) {
					t->nfd = r->nfd;
					t->scan_pass = m->pass;
					t->scan_serial = m->serial;
				}
			}
			if (t->unreadable && r->pid == r->tid) {
				if (!m->cur_unreadable++)
					m->cur_first_unreadable = r->pid;
				if (t->uid != m->euid)
					m->cur_unreadable_other++;
			}
		}
		m->cur_fd_scans += w->fd_scans;
		m->links += w->links;
	}
	for (i = 0; i < bg->n; i++) {
		const struct walk_worker *w = &bg->w[i];

		for (size_t k = 0; k < w->n_pairs; k++) {
			const struct walk_pair *p = &w->pairs[k];
			struct own_task *t = own_task_of(m, p->tid);

			if (t)
				own_ent_add(m, (uint32_t)(t - m->tasks), p->ino,
					    p->fd);
		}
	}
	own_pass_finish(m);
}

/* Helps with shared fd tables until no thread can publish one any more. */
static void help(struct walk_worker *w)
{
	struct own_bg *bg = w->bg;
	struct walk_job *j;

	pthread_mutex_lock(&bg->mu);
	for (;;) {
		for (j = bg->jobs; j; j = j->next)
			if (atomic_load(&j->pos) < j->n)
				break;
		if (j) {
			pthread_mutex_unlock(&bg->mu);
			run_job(w, j);
			pthread_mutex_lock(&bg->mu);
			continue;
		}
		if (!bg->visiting)
			break;
		pthread_cond_wait(&bg->cv, &bg->mu);
	}
	pthread_mutex_unlock(&bg->mu);
}

/* A thread's end; the last one merges.  Returns 1 for the last. */
static int leave(struct own_bg *bg, unsigned count)
{
	if (atomic_fetch_sub(&bg->left, count) != count)
		return 0;
	merge(bg);
	atomic_store(&bg->done, 1);
	return 1;
}

static void *work(void *arg)
{
	struct walk_worker *w = arg;
	struct own_bg *bg = w->bg;
	size_t i;

	/*
	 * This thread only walks /proc: its capabilities stay effective
	 * until it ends, while the threads that open the user's files
	 * hold none (capability sets are per thread).
	 */
	(void)own_caps_raise(bg->m);
	while ((i = atomic_fetch_add(&bg->next_pid, 1)) < bg->m->n_pids)
		visit_pid(w, bg->m->pids[i]);
	pthread_mutex_lock(&bg->mu);
	bg->visiting--;
	pthread_cond_broadcast(&bg->cv);
	pthread_mutex_unlock(&bg->mu);
	help(w);
	leave(bg, 1);
	return NULL;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > WALK_MAX_THREADS ? WALK_MAX_THREADS : (unsigned)n;
}

static void bg_free(struct own_bg *bg)
{
	struct walk_job *j, *next;
	unsigned i;

	for (j = bg->jobs; j; j = next) {
		next = j->next;
		close(j->fdir);
		free(j->fds);
		free(j);
	}
	for (i = 0; i < bg->n; i++) {
		free(bg->w[i].res);
		free(bg->w[i].pairs);
	}
	free(bg->w);
	pthread_mutex_destroy(&bg->mu);
	pthread_cond_destroy(&bg->cv);
	free(bg);
}

int own_bg_start(struct own_map *m, unsigned nthreads)
{
	struct own_bg *bg;
	unsigned i, missing;
	int err;

	if (m->bg || m->in_pass || m->rs.active)
		return -EBUSY;
	err = own_list_pids(m);
	if (err < 0)
		return err;
	bg = xcalloc(1, sizeof(*bg));
	bg->m = m;
	bg->n = nthreads ? nthreads : default_threads();
	if (bg->n > WALK_MAX_THREADS)
		bg->n = WALK_MAX_THREADS;
	bg->w = xcalloc(bg->n, sizeof(*bg->w));
	bg->full = m->n_pending > 0;
	bg->visiting = bg->n;
	atomic_init(&bg->next_pid, 0);
	atomic_init(&bg->left, bg->n);
	atomic_init(&bg->done, 0);
	pthread_mutex_init(&bg->mu, NULL);
	pthread_cond_init(&bg->cv, NULL);

	/* the pass, as own_scan_step() starts one; phase 2 when full */
	m->in_pass = 1;
	m->phase = bg->full ? 2 : 1;
	m->p2_serial = m->serial;
	m->pass++;
	own_gone_turn(m);
	m->fallbacks += (size_t)bg->full;
	m->cur_fd_scans = 0;
	m->cur_unreadable = 0;
	m->cur_unreadable_other = 0;
	m->cur_first_unreadable = 0;
	m->bg = bg;

	for (i = 0; i < bg->n; i++) {
		bg->w[i].bg = bg;
		if (pthread_create(&bg->w[i].th, NULL, work, &bg->w[i]))
			break;
		bg->started++;
	}
	missing = bg->n - bg->started;
	if (missing) {
		pthread_mutex_lock(&bg->mu);
		bg->visiting -= missing;
		pthread_cond_broadcast(&bg->cv);
		pthread_mutex_unlock(&bg->mu);
	}
	if (!bg->started) {
		m->bg = NULL;
		m->in_pass = 0;
		m->pass--;
		m->fallbacks -= (size_t)bg->full;
		bg_free(bg);
		return -EAGAIN;
	}
	if (missing)
		leave(bg, missing); /* merges if the started ones are done */
	return 0;
}

int own_bg_done(const struct own_map *m)
{
	return !m->bg || atomic_load(&m->bg->done);
}

int own_bg_wait(struct own_map *m)
{
	struct own_bg *bg = m->bg;
	unsigned i;

	if (!bg)
		return 0;
	for (i = 0; i < bg->started; i++)
		pthread_join(bg->w[i].th, NULL);
	m->bg = NULL;
	bg_free(bg);
	return 0;
}

int own_refresh_par(struct own_map *m, unsigned nthreads)
{
	if (own_bg_start(m, nthreads) < 0)
		return own_refresh(m);
	own_bg_wait(m);
	/* sockets wanted and still not found: one full pass (as phase 2) */
	if (m->n_pending && own_bg_start(m, nthreads) == 0)
		own_bg_wait(m);
	return 0;
}
