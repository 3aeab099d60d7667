/*
 * owners.c: the /proc walk behind `ss -p`, made incremental.
 *
 * ss rebuilds its whole inode -> process table on every run.  A monitor
 * cannot afford that every refresh, so this map keeps what it learnt and,
 * per pass, only re-reads the fd table of a task that is new, whose pid was
 * reused (starttime changed) or whose fd count changed (on Linux st_size of
 * /proc/PID/fd is the number of open fds), and in such a table only the
 * links that may have changed (owners_read.c).  A process can close one
 * socket and open another without changing its count: the new inode then
 * shows up unresolved in own_sync(), and the pass ends with a walk of
 * every task's table (phase 2, the same cheap reading), then, if a socket
 * is still not found, with one reading every link (phase 3), so that no
 * socket stays "pending" past one pass.
 *
 * Every path is opened relative to a directory fd (proc root, pid dir, fd
 * dir), so no path is built per fd.  Processes and fds vanish under our
 * feet all the time: ENOENT and ESRCH are normal and skipped silently.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "owners.h"
#include "owners_int.h"
#include "sanitize.h"
#include "snap.h"
#include "xalloc.h"

/* The slot of key, added with no owner when missing. */
static struct own_slot *slot_add(struct hmap *h, uint32_t key)
{
	int added;
	struct own_slot *s = hmap_add(h, key, &added);

	if (added)
		s->head = OWN_NIL;
	return s;
}

/* ---- entries and tasks ------------------------------------------------ */

void own_ent_add(struct own_map *m, uint32_t ti, uint32_t ino, int fd)
{
	struct own_slot *s = slot_add(&m->inos, ino);
	struct own_task *t = &m->tasks[ti];
	struct own_ent *e;
	uint32_t ei;

	if (m->free_ent != OWN_NIL) {
		ei = m->free_ent;
		m->free_ent = m->ents[ei].next_task;
	} else {
		m->ents = xgrow(m->ents, &m->cap_ents, m->n_ents + 1,
				sizeof(*m->ents));
		ei = (uint32_t)m->n_ents++;
	}
	if (s->state == OWN_SLOT_PENDING)
		m->n_pending--;
	if (s->state == OWN_SLOT_PENDING || s->state == OWN_SLOT_NONE)
		m->n_markers--;
	if (s->state != OWN_SLOT_OWNED)
		s->head = OWN_NIL;
	s->state = OWN_SLOT_OWNED;

	e = &m->ents[ei];
	e->ino = ino;
	e->fd = fd;
	e->task = ti;
	e->next_ino = s->head;
	s->head = ei;
	e->next_task = t->head;
	t->head = ei;
	m->live_ents++;
}

/* Entry e's owner, remembered (own_keep_gone): its task is still there. */
static void gone_add(struct own_map *m, const struct own_ent *e)
{
	const struct own_task *t = &m->tasks[e->task];
	struct own_gone *g = hmap_put(&m->gone[m->pass & 1], e->ino);

	g->pid = t->pid;
	g->tid = t->tid;
	g->fd = e->fd;
	g->uid = t->uid;
	memcpy(g->name, t->name, sizeof(g->name));
	memcpy(g->raw, t->raw, sizeof(g->raw));
}

void own_keep_gone(struct own_map *m)
{
	m->keep_gone = 1;
}

void own_gone_turn(struct own_map *m)
{
	if (m->keep_gone)
		hmap_reset(&m->gone[m->pass & 1], 0);
}

/*
 * Unlinks entry ei from its inode (the caller unlinks it from its task).
 * An inode left without owners that the last snapshot still has becomes
 * pending again: its socket may have moved to another process.
 */
static void ent_unlink_ino(struct own_map *m, uint32_t ei)
{
	struct own_ent *e = &m->ents[ei];
	struct own_slot *s = hmap_find(&m->inos, e->ino);

	if (m->keep_gone && s && s->live && s->state == OWN_SLOT_OWNED)
		gone_add(m, e);

	/* an inode's owners are a few (a socket shared by its workers at
	 * most): its list is walked, as a task's is */
	if (s && s->state == OWN_SLOT_OWNED) {
		uint32_t *pp = &s->head;

		while (*pp != OWN_NIL && *pp != ei)
			pp = &m->ents[*pp].next_ino;
		if (*pp == ei)
			*pp = e->next_ino;
	}
	if (s && s->head == OWN_NIL) {
		if (s->live) {
			s->state = OWN_SLOT_PENDING;
			s->serial = m->serial;
			m->n_pending++;
			m->n_markers++;
		} else {
			hmap_del(&m->inos, s);
		}
	}
	e->ino = 0;
	e->next_task = m->free_ent;
	m->free_ent = ei;
	m->live_ents--;
}

void own_ent_drop(struct own_map *m, uint32_t ei)
{
	struct own_task *t = &m->tasks[m->ents[ei].task];
	uint32_t *pp = &t->head;

	while (*pp != OWN_NIL && *pp != ei)
		pp = &m->ents[*pp].next_task;
	if (*pp == ei)
		*pp = m->ents[ei].next_task;
	ent_unlink_ino(m, ei);
	t->nfd = -1; /* what it holds now is unknown: read it again */
	if (m->rs.active && t == &m->tasks[m->rs.ti])
		m->rs.dirty = 1;
}

void own_task_clear(struct own_map *m, struct own_task *t)
{
	uint32_t ei = t->head, next;

	while (ei != OWN_NIL) {
		next = m->ents[ei].next_task;
		ent_unlink_ino(m, ei);
		ei = next;
	}
	t->head = OWN_NIL;
}

struct own_task *own_task_of(const struct own_map *m, int32_t tid)
{
	struct own_slot *s = hmap_find(&m->tids, (uint32_t)tid);

	return s ? &m->tasks[s->head] : NULL;
}

uint32_t own_task_new(struct own_map *m, int32_t pid, int32_t tid)
{
	struct own_task *t;
	uint32_t ti;

	if (m->free_task != OWN_NIL) {
		ti = m->free_task;
		m->free_task = m->tasks[ti].next_free;
	} else {
		m->tasks = xgrow(m->tasks, &m->cap_tasks, m->n_tasks + 1,
				 sizeof(*m->tasks));
		ti = (uint32_t)m->n_tasks++;
	}
	t = &m->tasks[ti];
	memset(t, 0, sizeof(*t));
	t->pid = pid;
	t->tid = tid;
	t->head = OWN_NIL;
	t->nfd = -1;
	slot_add(&m->tids, (uint32_t)tid)->head = ti;
	m->live_tasks++;
	return ti;
}

void own_task_drop(struct own_map *m, uint32_t ti)
{
	struct own_task *t = &m->tasks[ti];
	struct own_slot *s = hmap_find(&m->tids, (uint32_t)t->tid);

	own_task_clear(m, t);
	if (s)
		hmap_del(&m->tids, s);
	free(t->cmdline);
	t->cmdline = NULL;
	t->tid = 0;
	t->next_free = m->free_task;
	m->free_task = ti;
	m->live_tasks--;
}

/* ---- reading /proc ---------------------------------------------------- */

/* Parses "123" (a pid, tid or fd name); -1 for anything else. */
long own_parse_num(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 0x7fffffffL / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/*
 * Reads comm and starttime from dirfd's "stat".  comm runs from the first
 * '(' to the last ')' (a name may contain either).  ss stops at the first
 * ')' instead; names without ')' come out the same.
 */
int own_read_stat(int dirfd, struct own_stat *st)
{
	char buf[1024];
	const char *open_p, *close_p, *p;
	ssize_t n;
	int fd, field;

	fd = openat(dirfd, "stat", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -ENOENT;
	buf[n] = '\0';
	open_p = memchr(buf, '(', (size_t)n);
	close_p = memrchr(buf, ')', (size_t)n);
	if (!open_p || !close_p || close_p < open_p)
		return -EINVAL;
	st->comm_len = (size_t)(close_p - open_p - 1);
	if (st->comm_len > sizeof(st->comm))
		st->comm_len = sizeof(st->comm);
	memcpy(st->comm, open_p + 1, st->comm_len);
	/* starttime is field 22; the state after ')' is field 3 */
	st->start = 0;
	p = close_p + 1;
	for (field = 2; field < 22 && *p; field++) {
		while (*p == ' ')
			p++;
		if (field + 1 == 22)
			st->start = strtoull(p, NULL, 10);
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

void own_task_name(struct own_task *t, const char *comm, size_t len)
{
	if (len >= sizeof(t->raw))
		len = sizeof(t->raw) - 1; /* never: stat's comm is 64 at most */
	memcpy(t->raw, comm, len);
	t->raw[len] = '\0';
	san_escape(t->name, sizeof(t->name), comm, len);
}

int own_task_renamed(const struct own_task *t, const char *comm, size_t len)
{
	if (len >= sizeof(t->raw))
		len = sizeof(t->raw) - 1;
	return strlen(t->raw) != len || memcmp(t->raw, comm, len) != 0;
}

uint32_t own_link_ino(const char *lnk, size_t n)
{
	static const char pfx[] = "socket:[";
	uint64_t v = 0;
	size_t i;

	if (n < sizeof(pfx) + 1 || memcmp(lnk, pfx, sizeof(pfx) - 1) ||
	    lnk[n - 1] != ']')
		return 0;
	for (i = sizeof(pfx) - 1; i < n - 1; i++) {
		if (lnk[i] < '0' || lnk[i] > '9' || v > UINT32_MAX / 10)
			return 0;
		v = v * 10 + (uint64_t)(lnk[i] - '0');
	}
	return v <= UINT32_MAX ? (uint32_t)v : 0;
}

/*
 * Brings task (pid, tid), whose /proc directory is dirfd, up to date,
 * reading at most limit fds of its table now (0: all).
 */
static void visit_task(struct own_map *m, int dirfd, int32_t pid, int32_t tid,
		       unsigned limit)
{
	struct own_stat ps;
	struct own_task *t;
	struct stat st;
	uint32_t ti;
	int need;

	if (fstat(dirfd, &st) < 0 || own_read_stat(dirfd, &ps) < 0)
		return; /* vanished */
	t = own_task_of(m, tid);
	if (t && (t->start != ps.start || t->pid != pid)) {
		own_task_drop(m, (uint32_t)(t - m->tasks));
		t = NULL;
	}
	ti = t ? (uint32_t)(t - m->tasks) : own_task_new(m, pid, tid);
	t = &m->tasks[ti];
	t->pass = m->pass;
	t->uid = st.st_uid;
	t->start = ps.start;
	need = t->nfd < 0 || own_task_renamed(t, ps.comm, ps.comm_len);
	own_task_name(t, ps.comm, ps.comm_len);

	if (fstatat(dirfd, "fd", &st, 0) < 0) {
		if (errno != EACCES && errno != EPERM)
			return;
		need = 1;
	} else if (st.st_size != t->nfd) {
		need = 1;
	}
	/* a walk of every task: each read once since it began (phase 3:
	 * whole) */
	if (m->phase == 2 &&
	    !(t->scan_pass == m->pass && t->scan_serial == m->p2_serial))
		need = 1;
	if (m->phase == 3 && t->scan_sweep != m->sweep)
		need = 1;
	if (need)
		own_read_fds(m, ti, dirfd, limit);
	t = &m->tasks[ti];
	if (t->unreadable && pid == tid) {
		if (!m->cur_unreadable++)
			m->cur_first_unreadable = pid;
		if (t->uid != m->euid)
			m->cur_unreadable_other++;
	}
}

/* Queues the threads of pid (other than pid itself) for visits. */
static void list_threads(struct own_map *m, int pdir, int32_t pid)
{
	struct dirent *d;
	DIR *dir;
	int fd;

	m->n_tq = m->tq_pos = 0;
	fd = openat(pdir, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return;
	}
	while ((d = readdir(dir))) {
		long tid = own_parse_num(d->d_name);

		if (tid <= 0 || tid == pid)
			continue;
		m->tq = xgrow(m->tq, &m->cap_tq, m->n_tq + 1, sizeof(*m->tq));
		m->tq[m->n_tq++] = (int32_t)tid;
	}
	closedir(dir);
	m->tq_pid = pid;
}

static void visit_thread(struct own_map *m, int32_t pid, int32_t tid,
			 unsigned limit)
{
	char name[48];
	int tfd;

	snprintf(name, sizeof(name), "%d/task/%d", (int)pid, (int)tid);
	tfd = openat(m->procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (tfd < 0)
		return;
	visit_task(m, tfd, pid, tid, limit);
	close(tfd);
}

static void visit_pid(struct own_map *m, int32_t pid, unsigned limit)
{
	char name[16];
	int pdir;

	m->n_tq = m->tq_pos = 0;
	snprintf(name, sizeof(name), "%d", (int)pid);
	pdir = openat(m->procfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (pdir < 0)
		return; /* gone: dropped at the end of the pass */
	visit_task(m, pdir, pid, pid, limit);
	if (m->flags & OWN_THREADS)
		list_threads(m, pdir, pid);
	close(pdir);
}

int own_list_pids(struct own_map *m)
{
	struct dirent *d;
	DIR *dir;
	int fd;

	fd = openat(m->procfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	dir = fdopendir(fd);
	if (!dir) {
		int err = -errno;

		close(fd);
		return err;
	}
	m->n_pids = 0;
	while ((d = readdir(dir))) {
		long pid = own_parse_num(d->d_name);

		if (pid <= 0)
			continue;
		m->pids = xgrow(m->pids, &m->cap_pids, m->n_pids + 1,
				sizeof(*m->pids));
		m->pids[m->n_pids++] = (int32_t)pid;
	}
	closedir(dir);
	return 0;
}

/* ---- passes ----------------------------------------------------------- */

void own_pass_finish(struct own_map *m)
{
	uint32_t i;

	for (i = 0; i < m->n_tasks; i++)
		if (m->tasks[i].tid && m->tasks[i].pass != m->pass)
			own_task_drop(m, i);
	if (m->phase >= 2) {
		/* everything wanted before the full walk began was looked for
		 */
		for (i = 0; i < m->inos.cap; i++) {
			struct own_slot *s = hmap_slot(&m->inos, i);

			if (s->key && s->state == OWN_SLOT_PENDING &&
			    s->serial <= m->p2_serial) {
				s->state = OWN_SLOT_NONE;
				m->n_pending--;
			}
		}
	}
	m->passes++;
	m->last_pids = m->n_pids;
	m->last_fd_scans = m->cur_fd_scans;
	m->unreadable = m->cur_unreadable;
	m->unreadable_other = m->cur_unreadable_other;
	m->first_unreadable = m->cur_first_unreadable;
	m->in_pass = 0;
}

/*
 * One unit of work: the next slice of a fd table being read, else the
 * next queued thread, else the next pid.  Returns 0 when the list of pids
 * is exhausted (nothing was done).
 */
static int scan_unit(struct own_map *m, unsigned limit)
{
	if (m->rs.active) {
		own_resume_split(m, limit);
		return 1;
	}
	if (m->tq_pos < m->n_tq) {
		int32_t tid = m->tq[m->tq_pos++];

		visit_thread(m, m->tq_pid, tid, limit);
		return 1;
	}
	if (m->pos < m->n_pids) {
		visit_pid(m, m->pids[m->pos++], limit);
		return 1;
	}
	return 0;
}

/* caps_raise() for a walk of the real /proc, never of a PROC_ROOT tree. */
int own_caps_raise(const struct own_map *m)
{
	return m->caps ? caps_raise() : 0;
}

static int scan_step(struct own_map *m, unsigned max_pids);

int own_scan_step(struct own_map *m, unsigned max_pids)
{
	int raised = own_caps_raise(m), r = scan_step(m, max_pids);

	caps_lower(raised);
	return r;
}

static int scan_step(struct own_map *m, unsigned max_pids)
{
	/* with no limit on processes, no limit on a process's fds either */
	unsigned limit = max_pids ? m->step_fds : 0;
	unsigned done = 0;
	int err;

	if (m->bg)
		return -EBUSY;
	if (!m->in_pass) {
		err = own_list_pids(m);
		if (err < 0)
			return err;
		m->in_pass = 1;
		m->phase = 1;
		m->pos = 0;
		m->n_tq = m->tq_pos = 0;
		m->pass++;
		own_gone_turn(m);
		m->cur_fd_scans = 0;
		m->cur_unreadable = 0;
		m->cur_unreadable_other = 0;
		m->cur_first_unreadable = 0;
	}
	for (;;) {
		while (!max_pids || done < max_pids) {
			if (!scan_unit(m, limit))
				break;
			done++;
		}
		if (m->rs.active || m->tq_pos < m->n_tq || m->pos < m->n_pids)
			return 0;
		if (m->phase < 3 && m->n_pending) {
			/*
			 * unresolved sockets: every task's table once (phase
			 * 2, links read where the map may be wrong), then,
			 * if some are still not found, every link (phase 3)
			 */
			if (m->phase == 1)
				m->fallbacks++;
			m->phase++;
			m->p2_serial = m->serial;
			m->sweep++;
			m->pos = 0;
			m->cur_unreadable = 0;
			m->cur_unreadable_other = 0;
			m->cur_first_unreadable = 0;
			continue;
		}
		own_pass_finish(m);
		return 1;
	}
}

void own_set_step_fds(struct own_map *m, unsigned n)
{
	m->step_fds = n;
}

int own_refresh(struct own_map *m)
{
	int r;

	while ((r = own_scan_step(m, 0)) == 0)
		;
	return r < 0 ? r : 0;
}

/* ---- what the snapshot holds ------------------------------------------ */

/*
 * An inode's slot counts the records of the last snapshot told that have
 * it (live); a marker (pending or none) whose count falls to 0 goes.  A
 * whole snapshot (own_sync) sets every count again, in passes over the
 * table; a merge that knows what changed (own_sync_delta) touches the
 * inodes that came and went, nothing else.
 */
void own_sync_begin(struct own_map *m)
{
	m->serial++;
	for (uint32_t i = 0; i < m->inos.cap; i++)
		((struct own_slot *)hmap_slot(&m->inos, i))->live = 0;
}

void own_want(struct own_map *m, uint32_t ino)
{
	struct own_slot *s;

	if (!ino)
		return;
	s = slot_add(&m->inos, ino);
	if (!s->state) {
		s->state = OWN_SLOT_PENDING;
		s->serial = m->serial;
		m->n_pending++;
		m->n_markers++;
	}
	if (s->live < UINT16_MAX)
		s->live++;
}

/* Whether slot s is a marker no record of the snapshot has any more. */
static int stale_marker(const struct own_slot *s)
{
	return s->key && !s->live && s->state != OWN_SLOT_OWNED;
}

static void marker_drop(struct own_map *m, struct own_slot *s)
{
	m->n_pending -= s->state == OWN_SLOT_PENDING;
	m->n_markers--;
	hmap_del(&m->inos, s);
}

/*
 * Drops markers of inodes the last snapshot no longer has.  A deletion
 * shifts later slots back into the one emptied, never an unvisited slot
 * before it: slot i is looked at again.
 */
void own_sync_end(struct own_map *m)
{
	uint32_t i = 0;

	while (i < m->inos.cap) {
		struct own_slot *s = hmap_slot(&m->inos, i);

		if (stale_marker(s))
			marker_drop(m, s);
		else
			i++;
	}
}

void own_sync(struct own_map *m, const struct snap *s)
{
	size_t i;

	own_sync_begin(m);
	for (i = 0; i < s->n; i++)
		own_want(m, s->v[i].ino);
	own_sync_end(m);
}

void own_sync_delta(struct own_map *m, const uint32_t *add, size_t n_add,
		    const uint32_t *del, size_t n_del)
{
	size_t i;

	m->serial++;
	/* the new first: an inode in both lists keeps its marker */
	for (i = 0; i < n_add; i++)
		own_want(m, add[i]);
	for (i = 0; i < n_del; i++) {
		struct own_slot *s;

		if (!del[i] || !(s = hmap_find(&m->inos, del[i])) || !s->live)
			continue;
		if (!--s->live && s->state != OWN_SLOT_OWNED)
			marker_drop(m, s);
	}
}

void own_reserve(struct own_map *m, size_t n)
{
	hmap_reserve(&m->inos, (size_t)m->inos.n + n);
}

/* ---- life ------------------------------------------------------------- */

int own_new(const char *proc_root, unsigned flags, struct own_map **out)
{
	struct own_map *m;
	int fd;

	fd = open(proc_root ? proc_root : "/proc",
		  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	m = xcalloc(1, sizeof(*m));
	pthread_mutex_init(&m->mu, NULL);
	m->procfd = fd;
	m->caps = !proc_root;
	m->flags = flags;
	m->euid = geteuid();
	hmap_init(&m->inos, sizeof(struct own_slot), 12);
	hmap_init(&m->tids, sizeof(struct own_slot), 8);
	hmap_init(&m->gone[0], sizeof(struct own_gone), 4);
	hmap_init(&m->gone[1], sizeof(struct own_gone), 4);
	m->free_ent = OWN_NIL;
	m->free_task = OWN_NIL;
	m->rs.pdir = -1;
	m->known_max = -1;
	m->step_fds = OWN_STEP_FDS;
	*out = m;
	return 0;
}

void own_free(struct own_map *m)
{
	size_t i;

	if (!m)
		return;
	own_bg_wait(m);
	own_split_close(m);
	free(m->known);
	for (i = 0; i < m->n_tasks; i++)
		free(m->tasks[i].cmdline);
	for (i = 0; i < m->n_users; i++) {
		free(m->users[i].name);
		free(m->users[i].raw);
	}
	free(m->users);
	free(m->tasks);
	free(m->ents);
	free(m->pids);
	free(m->tq);
	hmap_free(&m->inos);
	hmap_free(&m->tids);
	hmap_free(&m->gone[0]);
	hmap_free(&m->gone[1]);
	close(m->procfd);
	pthread_mutex_destroy(&m->mu);
	free(m);
}

void own_lock(struct own_map *m)
{
	pthread_mutex_lock(&m->mu);
}

int own_trylock(struct own_map *m)
{
	return pthread_mutex_trylock(&m->mu) ? -EBUSY : 0;
}

void own_unlock(struct own_map *m)
{
	pthread_mutex_unlock(&m->mu);
}
