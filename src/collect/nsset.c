/*
 * nsset.c: every network namespace of the host (see nsset.h).
 *
 * The files found here are sstop's own discovery, never named by the
 * user: they are opened with the capabilities raised (another process's
 * /proc/PID/ns/net needs ptrace access, /run/netns files are root's), and
 * each is checked to be on nsfs and to be the namespace its stat said.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <linux/magic.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#include "caps.h"
#include "diag.h"
#include "file.h"
#include "kill.h"
#include "nsname.h"
#include "nsset.h"
#include "snap.h"
#include "xalloc.h"

#ifndef NSFS_MAGIC
#define NSFS_MAGIC 0x6e736673
#endif

void nsset_init(struct nsset *s, int admin)
{
	memset(s, 0, sizeof(*s));
	s->no_admin = !admin;
	s->lastpid_fd = -1;
}

static void ent_close(struct nsent *e)
{
	if (e->d)
		diag_close(e->d);
	if (e->k)
		kill_close(e->k);
	if (e->fd >= 0)
		close(e->fd);
	e->d = NULL;
	e->k = NULL;
	e->fd = -1;
}

void nsset_free(struct nsset *s)
{
	for (size_t i = 0; i < s->n; i++)
		ent_close(&s->v[i]);
	free(s->v);
	free(s->pids);
	if (s->lastpid_fd >= 0)
		close(s->lastpid_fd);
	memset(s, 0, sizeof(*s));
	s->lastpid_fd = -1;
}

struct nsent *nsset_find(const struct nsset *s, uint64_t ino)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].ino == ino)
			return &s->v[i];
	return NULL;
}

void nsset_label_copy(char *dst, size_t n, const char *src, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < n && i < len && src[i]; i++) {
		unsigned char c = (unsigned char)src[i];

		dst[i] = c > 0x20 && c < 0x7f ? (char)c : '?';
	}
	dst[i] = '\0';
}

int nsset_match(const struct nsent *e, int container, const char *glob)
{
	char id[24];

	if (container)
		return (e->container[0] && !fnmatch(glob, e->container, 0)) ||
		       (e->cid[0] && !fnmatch(glob, e->cid, 0));
	snprintf(id, sizeof(id), "%llu", (unsigned long long)e->ino);
	return !fnmatch(glob, e->label, 0) ||
	       (e->name[0] && !fnmatch(glob, e->name, 0)) ||
	       !fnmatch(glob, id, 0);
}

/*
 * A /proc file whole (with CAP_SYS_PTRACE for another user's), allocated
 * and NUL-terminated, or NULL: a cgroup file lists a path of up to
 * PATH_MAX per hierarchy (a dozen under cgroup v1), 1 MiB holds any.
 */
static char *slurp(const char *path)
{
	int raised = caps_raise();
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	void *buf = NULL;
	size_t len;

	caps_lower(raised);
	if (fd < 0)
		return NULL;
	if (file_read_fd(fd, 0, 1u << 20, &buf, &len))
		buf = NULL;
	close(fd);
	return buf;
}

/*
 * The container e's first process runs in, from its cgroup; its name from
 * the runtime's state (looked up again only for another container).
 */
static void find_container(struct nsent *e, const char *root)
{
	char path[64], *buf, *line, *save = NULL, cid[sizeof(e->cid)];
	char name[NSSET_LABEL];
	const char *runtime = NULL;
	long uid = -1;

	cid[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)e->pid);
	if ((buf = slurp(path)))
		for (line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *p = strchr(line, ':');

			if (p)
				p = strchr(p + 1, ':');
			if (p && nsset_cgroup_container(p + 1, &runtime, cid,
							sizeof(cid))) {
				uid = nsset_cgroup_uid(p + 1);
				break;
			}
		}
	free(buf);
	if (!runtime) {
		e->container[0] = e->cid[0] = '\0';
		e->runtime = NULL;
		return;
	}
	if (e->runtime && !strcmp(cid, e->cid))
		return; /* the same container: its name as it was */
	memcpy(e->cid, cid, sizeof(cid));
	e->runtime = runtime;
	if (strcmp(runtime, "lxc") &&
	    nsname_lookup(root, &e->runtime, e->cid, uid, name, sizeof(name)))
		nsset_label_copy(e->container, sizeof(e->container), name,
				 strlen(name));
	else
		nsset_label_copy(e->container, sizeof(e->container), e->cid,
				 strcmp(runtime, "lxc") ? 12 : sizeof(e->cid));
}

static void set_label(struct nsent *e)
{
	if (e->name[0])
		snprintf(e->label, sizeof(e->label), "%s", e->name);
	else if (e->container[0])
		snprintf(e->label, sizeof(e->label), "%s", e->container);
	else if (e->pid)
		snprintf(e->label, sizeof(e->label), "pid %d", (int)e->pid);
	else
		snprintf(e->label, sizeof(e->label), "%llu",
			 (unsigned long long)e->ino);
}

/* ---- entering ---- */

struct enter_job {
	int fd;
	int (*fn)(void *arg);
	void *arg;
	int rc;
};

static void *enter_thread(void *p)
{
	struct enter_job *j = p;
	int raised = caps_raise();

	j->rc = setns(j->fd, CLONE_NEWNET) < 0 ? -errno : 0;
	caps_lower(raised);
	if (!j->rc)
		j->rc = j->fn(j->arg);
	return NULL;
}

/*
 * Runs fn(arg) in a thread that entered the namespace of fd (and ends
 * with it, so no other thread ever changes namespace).
 */
static int run_in(int fd, int (*fn)(void *), void *arg)
{
	struct enter_job j = {.fd = fd, .fn = fn, .arg = arg};
	pthread_t t;
	int rc = pthread_create(&t, NULL, enter_thread, &j);

	if (rc)
		return -rc;
	pthread_join(t, NULL);
	return j.rc;
}

static int open_diag(void *arg)
{
	return diag_open(arg);
}

static int open_kill(void *arg)
{
	return kill_open(arg);
}

struct kill_ctx *nsset_kill_ctx(struct nsent *e, int *err)
{
	int rc;

	if (e->k)
		return e->k;
	if (e->own)
		rc = kill_open(&e->k);
	else if (e->fd < 0)
		rc = e->err ? e->err : -EBADF;
	else
		rc = run_in(e->fd, open_kill, &e->k);
	*err = rc;
	return rc ? NULL : e->k;
}

/* Opens e's namespace file path and its socket; e->err on failure. */
static void ent_open(struct nsent *e, const char *path)
{
	struct statfs sf;
	struct stat st;
	int raised;

	snprintf(e->path, sizeof(e->path), "%s", path);
	if (e->own) {
		e->err = diag_open(&e->d);
		return;
	}
	raised = caps_raise();
	e->fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	caps_lower(raised);
	if (e->fd < 0) {
		e->err = -errno;
		return;
	}
	if (fstatfs(e->fd, &sf) < 0 || sf.f_type != NSFS_MAGIC ||
	    fstat(e->fd, &st) < 0 || (uint64_t)st.st_ino != e->ino) {
		e->err = -ESTALE; /* replaced since its stat */
	} else {
		e->err = run_in(e->fd, open_diag, &e->d);
	}
	if (e->err) {
		close(e->fd);
		e->fd = -1;
	}
}

void nsset_snap_begin(const struct nsent *e, struct snap *s)
{
	struct snap_ns *ns = snap_ns_begin(s, e->ino);

	ns->label = arena_strndup(&s->arena, e->label, strlen(e->label));
	ns->container =
		arena_strndup(&s->arena, e->container, strlen(e->container));
	ns->runtime = e->runtime ? e->runtime : "";
	ns->path = arena_strndup(&s->arena, e->path, strlen(e->path));
	ns->pid = (int)e->pid;
}

int nsset_kill_open(const char *path, uint64_t ino, struct kill_ctx **k)
{
	struct statfs sf;
	struct stat st;
	int fd, rc, raised;

	if (stat("/proc/self/ns/net", &st) == 0 && (uint64_t)st.st_ino == ino)
		return kill_open(k);
	raised = caps_raise();
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	caps_lower(raised);
	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &sf) < 0 || sf.f_type != NSFS_MAGIC ||
	    fstat(fd, &st) < 0 || (uint64_t)st.st_ino != ino)
		rc = -ESTALE;
	else
		rc = run_in(fd, open_kill, k);
	close(fd);
	return rc;
}

/* ---- the scan ---- */

struct scan {
	struct nsset *s;
	dev_t nsdev;
	int changed;
	size_t last; /* 1 + the last hit: consecutive pids share one */
	char (*paths)[NSSET_PATH]; /* per entry: where a new one was found */
	pid_t *firsts;		   /* the namespaces' first pids, ascending */
	size_t n_firsts;
	size_t cap_paths;
};

/* Notes ino as found by path, or when path is NULL by /proc/PID/ns/net. */
static struct nsent *found(struct scan *sc, uint64_t ino, const char *path,
			   long pid)
{
	struct nsset *s = sc->s;
	struct nsent *e = sc->last && s->v[sc->last - 1].ino == ino
				  ? &s->v[sc->last - 1]
				  : nsset_find(s, ino);

	if (!e) {
		if (s->n == s->cap)
			s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
		e = &s->v[s->n++];
		memset(e, 0, sizeof(*e));
		e->ino = ino;
		e->fd = -1;
		e->own = ino == s->own_ino;
		sc->changed = 1;
	}
	if (sc->cap_paths < s->cap)
		sc->paths = xgrow(sc->paths, &sc->cap_paths, s->cap,
				  sizeof(*sc->paths));
	/* (the path only for a namespace to open: no printf per pid) */
	if (!e->seen && !e->d && !e->err && path)
		snprintf(sc->paths[e - s->v], sizeof(sc->paths[0]), "%s", path);
	else if (!e->seen && !e->d && !e->err)
		snprintf(sc->paths[e - s->v], sizeof(sc->paths[0]),
			 "/proc/%ld/ns/net", pid);
	e->seen = 1;
	sc->last = (size_t)(e - s->v) + 1;
	return e;
}

/* The nsfs entries of a directory of bind mounts (/run/netns...). */
static void scan_dir(struct scan *sc, const char *dir, int named)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct stat st;
	char path[NSSET_PATH];

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct nsent *e;

		/* a name of NAME_MAX bytes fits the path and the label */
		if (de->d_name[0] == '.' ||
		    strlen(dir) + strlen(de->d_name) + 2 > sizeof(path))
			continue;
		if (fstatat(dirfd(d), de->d_name, &st, 0) < 0 ||
		    st.st_dev != sc->nsdev)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		e = found(sc, (uint64_t)st.st_ino, path, 0);
		if (named && (!e->name[0] || strcmp(de->d_name, e->name) < 0))
			nsset_label_copy(e->name, sizeof(e->name), de->d_name,
					 strlen(de->d_name));
	}
	closedir(d);
}

static double mono_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * Whether pid's namespace must be read again (a readlink of its ns/net):
 * when it is new, young (a process enters its namespace just after it
 * starts: unshare -n, runc) at the 1st, 2nd, 4th, 8th... scan after the
 * one that first saw it, or its turn in the round that re-reads every pid
 * once in NSSET_ROUND scans, NSSET_ASK_S seconds apart at least (one that
 * moves later is still found).
 */
static int recheck(const struct nsset_pid *p, long pid, double now,
		   unsigned round)
{
	unsigned age = p ? round - p->first_round : 0;

	return !p || (now - p->first < NSSET_YOUNG_S && !(age & (age - 1))) ||
	       (((unsigned long)pid + round) % NSSET_ROUND == 0 &&
		now - p->asked >= NSSET_ASK_S);
}

/*
 * The network namespace of pid: readlink of PID/ns/net, "net:[INODE]" (a
 * stat would make an nsfs inode each time), or 0.
 */
static uint64_t pid_ns(int dfd, long pid)
{
	char rel[32], buf[40], *end;
	unsigned long long ino;
	ssize_t n;

	snprintf(rel, sizeof(rel), "%ld/ns/net", pid);
	n = readlinkat(dfd, rel, buf, sizeof(buf) - 1);
	if (n < 7 || memcmp(buf, "net:[", 5))
		return 0;
	buf[n] = '\0';
	errno = 0;
	ino = strtoull(buf + 5, &end, 10);
	return errno || end == buf + 5 || strcmp(end, "]") ? 0 : ino;
}

/*
 * The pid namespace's last pid (/proc/sys/kernel/ns_last_pid, when /proc
 * is that namespace's), or -1.
 */
static long last_pid(struct nsset *s)
{
	char buf[24], self[24];
	ssize_t n;

	if (!s->round) {
		n = readlink("/proc/self", self, sizeof(self) - 1);
		snprintf(buf, sizeof(buf), "%ld", (long)getpid());
		if (n > 0 && (self[n] = '\0', !strcmp(self, buf)))
			s->lastpid_fd = open("/proc/sys/kernel/ns_last_pid",
					     O_RDONLY | O_CLOEXEC);
	}
	if (s->lastpid_fd < 0 ||
	    (n = pread(s->lastpid_fd, buf, sizeof(buf) - 1, 0)) <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

/*
 * Whether pid is a process (its thread group's leader), not another
 * thread: /proc/PID/status's Tgid.
 */
static int is_leader(int dfd, long pid)
{
	char rel[32], buf[512], *t;
	ssize_t n;
	int fd;

	snprintf(rel, sizeof(rel), "%ld/status", pid);
	fd = openat(dfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	t = strstr(buf, "\nTgid:");
	return t && strtol(t + 6, NULL, 10) == pid;
}

/*
 * Whether the pids since the last one seen can be asked one by one
 * instead of listing /proc (see nsset.h): the last pid is known, has not
 * wrapped, moved by NSSET_PROBE_MAX at most, no full listing is due, and
 * every namespace's first process is still in it.
 */
static int probe_ok(const struct nsset *s, long last)
{
	int dfd, ok = s->round && last >= s->last_pid && s->last_pid > 0 &&
		      last - s->last_pid <= NSSET_PROBE_MAX &&
		      s->round % NSSET_LIST_EVERY != 0;

	if (!ok ||
	    (dfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return 0;
	for (size_t i = 0; i < s->n && ok; i++)
		ok = !s->v[i].pid || pid_ns(dfd, s->v[i].pid) == s->v[i].ino;
	close(dfd);
	return ok;
}

/*
 * The next pid to look at and its last entry (or NULL): from a listing of
 * /proc, or when probing the last scan's pids and then the new ones (the
 * pids after from, to the last pid, are all newer than those).  0 at the
 * end.
 */
struct pid_src {
	DIR *d;
	int probe;
	const struct nsset_pid *old;
	size_t n_old, o;
	long next, last;
};

static long next_pid(struct pid_src *ps, const struct nsset_pid **p)
{
	struct dirent *de;
	char *end;
	long pid;

	*p = NULL;
	if (ps->probe) {
		if (ps->o < ps->n_old) {
			*p = &ps->old[ps->o++];
			return (*p)->pid;
		}
		while (ps->next <= ps->last) {
			pid = ps->next++;
			if (is_leader(dirfd(ps->d), pid))
				return pid;
		}
		return 0;
	}
	while ((de = readdir(ps->d))) {
		pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0)
			continue;
		/* /proc lists pids in increasing order, as the last walk */
		while (ps->o < ps->n_old && ps->old[ps->o].pid < pid)
			ps->o++;
		if (ps->o < ps->n_old && ps->old[ps->o].pid == pid)
			*p = &ps->old[ps->o];
		return pid;
	}
	return 0;
}

/*
 * Each process's namespace: from a listing of /proc, or when probing
 * from the last scan's pids and those made since (up to last).
 */
static int scan_proc(struct scan *sc, int probe, long last)
{
	struct nsset *s = sc->s;
	struct pid_src ps = {.d = opendir("/proc"),
			     .probe = probe,
			     .old = s->pids,
			     .n_old = s->n_pids,
			     .next = s->last_pid + 1,
			     .last = last};
	const struct nsset_pid *p;
	struct nsset_pid *nw = NULL;
	size_t n = 0, cap = 0;
	double now = mono_s();
	unsigned round = s->round++;
	/* the processes already there at the first scan are not young */
	double born = round ? now : now - NSSET_YOUNG_S;
	size_t f = 0;
	long pid;

	if (!ps.d)
		return -errno;
	/* (a pid listed while the last listing went: not twice) */
	if (probe && ps.n_old && ps.old[ps.n_old - 1].pid >= ps.next)
		ps.next = ps.old[ps.n_old - 1].pid + 1;
	s->listings += !probe;
	while ((pid = next_pid(&ps, &p)) > 0) {
		double asked = p ? p->asked : now;
		struct nsent *e;
		uint64_t ino;

		/* a namespace's first process, always: it may be its last */
		while (f < sc->n_firsts && sc->firsts[f] < pid)
			f++;
		if ((f < sc->n_firsts && sc->firsts[f] == pid) ||
		    recheck(p, pid, now, round)) {
			if (!(ino = pid_ns(dirfd(ps.d), pid)))
				continue; /* gone, or a zombie */
			asked = now;
		} else {
			ino = p->ino;
		}
		if (n == cap)
			nw = xgrow(nw, &cap, n + 1, sizeof(*nw));
		nw[n].pid = (pid_t)pid;
		nw[n].ino = ino;
		nw[n].asked = asked;
		nw[n].first = p ? p->first : born;
		nw[n++].first_round = p ? p->first_round : round;
		e = found(sc, ino, NULL, pid);
		if (!e->pid || pid < e->pid)
			e->pid = (pid_t)pid;
	}
	closedir(ps.d);
	free(s->pids);
	s->pids = nw;
	s->n_pids = n;
	s->cap_pids = cap;
	if (last > 0)
		s->last_pid = last;
	return 0;
}

static int ent_cmp(const void *a, const void *b)
{
	const struct nsent *x = a, *y = b;

	if (x->own != y->own)
		return x->own ? -1 : 1;
	if (!!x->name[0] != !!y->name[0])
		return x->name[0] ? -1 : 1;
	if (x->name[0])
		return strcmp(x->name, y->name);
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static int pid_cmp(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

int nsset_scan(struct nsset *s)
{
	struct scan sc = {.s = s};
	struct stat st;
	size_t kept = 0;
	pid_t *oldpid;
	int rc, raised, probe = 0;
	long last = -1;

	if (stat("/proc/self/ns/net", &st) < 0)
		return -errno;
	s->own_ino = (uint64_t)st.st_ino;
	sc.nsdev = st.st_dev;
	if (!s->no_admin) {
		raised = caps_raise(); /* others' ns links: ptrace access */
		last = last_pid(s);
		probe = probe_ok(s, last);
		caps_lower(raised);
	}
	oldpid = xmalloc((s->n + 1) * sizeof(*oldpid));
	sc.firsts = xmalloc((s->n + 1) * sizeof(*sc.firsts));
	for (size_t i = 0; i < s->n; i++) {
		oldpid[i] = s->v[i].pid;
		if (oldpid[i])
			sc.firsts[sc.n_firsts++] = oldpid[i];
		s->v[i].seen = 0;
		s->v[i].pid = 0;
	}
	qsort(sc.firsts, sc.n_firsts, sizeof(*sc.firsts), pid_cmp);
	kept = s->n;
	if (s->no_admin) {
		found(&sc, s->own_ino, "/proc/self/ns/net", 0);
		rc = 0;
	} else {
		raised = caps_raise();
		scan_dir(&sc, "/run/netns", 1);
		scan_dir(&sc, "/run/docker/netns", 0);
		rc = scan_proc(&sc, probe, last);
		found(&sc, s->own_ino, "/proc/self/ns/net", 0);
		caps_lower(raised);
	}
	if (rc) {
		free(oldpid);
		free(sc.paths);
		free(sc.firsts);
		return rc;
	}
	for (size_t i = 0; i < s->n; i++) {
		struct nsent *e = &s->v[i];

		if (!e->seen)
			continue;
		if (!e->d && !e->err) {
			ent_open(e, sc.paths[i]);
			/* its last process ended since the stat: gone */
			if (e->err == -ENOENT || e->err == -ESRCH ||
			    e->err == -ESTALE) {
				e->seen = 0;
				continue;
			}
		}
		/* a new first process: its container may be another */
		if (i >= kept || oldpid[i] != e->pid) {
			if (e->pid)
				find_container(e, s->state_root);
			set_label(e);
		}
	}
	free(oldpid);
	free(sc.paths);
	free(sc.firsts);
	kept = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!s->v[i].seen) {
			ent_close(&s->v[i]);
			sc.changed = 1;
			continue;
		}
		s->v[kept++] = s->v[i];
	}
	s->n = kept;
	if (sc.changed) {
		qsort(s->v, s->n, sizeof(*s->v), ent_cmp);
		s->gen++;
	}
	return sc.changed;
}
