/*
 * owners_churn_test.c: the owners map on the real /proc while processes
 * open and close sockets, move them between fds and exit under the scan.
 *
 * Children log every (fd, inode) they ever hold in shared memory before
 * they could close it.  After every pass, each owner the map reports for a
 * child must be true now (readlink) or have been true (in the log): never
 * an owner that never was.  At the end the children are stopped, one more
 * pass runs, and the map must then be exact for them: every socket they
 * hold found, nothing else.  Passes alternate between steps (fd tables
 * read a few fds per step), the pass in threads and the serial pass.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "owners.h"

#define SLOTS 64
#define HIST 4096
#define LIVE 6

struct hist {
	int pid;
	unsigned n; /* entries logged; release/acquire */
	struct {
		int fd;
		uint32_t ino;
	} h[HIST];
};

/*
 * Logs that fd holds its socket now.  Every fd a child ever holds is
 * logged, even for a moment (the other end of a socketpair, the fd before
 * a dup2), because a scan may see it in that moment: it is a true owner.
 */
static void log_fd(struct hist *hs, int fd)
{
	struct stat st;
	unsigned n = hs->n;

	if (n >= HIST || fstat(fd, &st))
		return;
	hs->h[n].fd = fd;
	hs->h[n].ino = (uint32_t)st.st_ino;
	__atomic_store_n(&hs->n, n + 1, __ATOMIC_RELEASE);
}

static void child(struct hist *hs, unsigned seed, int hold)
{
	int i, fds[8] = {-1, -1, -1, -1, -1, -1, -1, -1};
	int rounds = 400 + (int)(seed % 800);

	for (i = 0; i < rounds && hs->n < HIST - 4; i++) {
		int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 8;
		int s, sp[2];

		if (fds[k] >= 0) {
			close(fds[k]);
			fds[k] = -1;
			continue;
		}
		if (k & 1) {
			if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0)
				continue;
			log_fd(hs, sp[1]);
			close(sp[1]);
			s = sp[0];
		} else {
			s = socket(AF_INET, SOCK_DGRAM, 0);
		}
		if (s < 0)
			continue;
		log_fd(hs, s);
		if (k == 2 && dup2(s, 30 + k) >= 0) {
			log_fd(hs, 30 + k);
			close(s);
			s = 30 + k;
		}
		fds[k] = s;
		if (i % 4 == 0)
			usleep(500);
	}
	/* a holder keeps its last sockets until killed: on a loaded machine
	   a pass can outlast every other child, and then there would be no
	   owner of a child to check at all */
	while (hold)
		pause();
	_exit(0);
}

static int spawn(struct hist *hs, unsigned seed, int hold)
{
	pid_t pid = fork();

	if (pid == 0)
		child(hs, seed, hold);
	if (pid > 0)
		hs->pid = pid;
	return pid;
}

static int live_ino(int pid, int fd, uint32_t *ino)
{
	char path[64], lnk[64];
	ssize_t n;
	unsigned v;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, fd);
	n = readlink(path, lnk, sizeof(lnk) - 1);
	if (n < 0)
		return -1;
	lnk[n] = '\0';
	if (sscanf(lnk, "socket:[%u]", &v) != 1)
		return -1;
	*ino = v;
	return 0;
}

struct check {
	struct hist *hs;
	int nslots;
	int strict; /* children stopped: must match now */
	size_t checked;
};

static int check_one(uint32_t ino, const struct own_owner *o, void *arg)
{
	struct check *c = arg;
	uint32_t now;
	int i, mine = 0, ok = 0;

	for (i = 0; i < c->nslots; i++) {
		struct hist *h = &c->hs[i];
		unsigned j, n;

		if (h->pid != o->pid)
			continue;
		mine = 1;
		n = __atomic_load_n(&h->n, __ATOMIC_ACQUIRE);
		for (j = 0; j < n && !ok && !c->strict; j++)
			ok = h->h[j].fd == o->fd && h->h[j].ino == ino;
	}
	if (!mine)
		return 0;
	c->checked++;
	if (!ok)
		ok = live_ino(o->pid, o->fd, &now) == 0 && now == ino;
	CHECK_MSG(ok, "pid %d fd %d never held socket %u", o->pid, o->fd, ino);
	return 0;
}

/* Every socket a stopped child holds must be in the map. */
static void check_complete(struct own_map *m, const struct hist *h)
{
	struct own_owner o[16];
	char path[64];
	struct dirent *d;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/fd", h->pid);
	dir = opendir(path);
	if (!dir)
		return;
	while ((d = readdir(dir))) {
		int fd = atoi(d->d_name);
		uint32_t ino;
		size_t i, n;
		int found = 0;

		if (d->d_name[0] == '.' || live_ino(h->pid, fd, &ino) < 0)
			continue;
		n = own_owners(m, ino, 0, o, 16);
		for (i = 0; i < n && i < 16; i++)
			found |= o[i].pid == h->pid && o[i].fd == fd;
		CHECK_MSG(found, "pid %d fd %d socket %u not found", h->pid, fd,
			  ino);
	}
	closedir(dir);
}

static void want_children(struct own_map *m, struct hist *hs, int nslots)
{
	char path[64];
	struct dirent *d;
	int i;

	own_sync_begin(m);
	for (i = 0; i < nslots; i++) {
		DIR *dir;

		snprintf(path, sizeof(path), "/proc/%d/fd", hs[i].pid);
		dir = opendir(path);
		if (!dir)
			continue;
		while ((d = readdir(dir))) {
			uint32_t ino;

			if (live_ino(hs[i].pid, atoi(d->d_name), &ino) == 0)
				own_want(m, ino);
		}
		closedir(dir);
	}
	own_sync_end(m);
}

int main(void)
{
	struct check c = {0};
	struct own_map *m;
	struct hist *hs;
	int i, nslots = 0, round, status;
	pid_t pid;

	hs = mmap(NULL, SLOTS * sizeof(*hs), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (hs == MAP_FAILED)
		return 99;
	if (own_new("/proc", 0, &m) < 0)
		return 99;
	for (i = 0; i < LIVE; i++)
		spawn(&hs[nslots++], (unsigned)i * 7919u + 1, i == 0);
	/*
	 * On a loaded machine the children may not have run yet: wait (at
	 * most 10 s) until each holds something, so the rounds see churn.
	 */
	for (int tries = 0; tries < 1000; tries++) {
		int ready = 0;

		for (i = 0; i < LIVE; i++)
			ready +=
				__atomic_load_n(&hs[i].n, __ATOMIC_ACQUIRE) > 0;
		if (ready == LIVE)
			break;
		usleep(10000);
	}

	c.hs = hs;
	for (round = 0; round < 40; round++) {
		/* replace children that finished */
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
			if (nslots < SLOTS)
				spawn(&hs[nslots++], (unsigned)round * 31u + 5,
				      0);
		want_children(m, hs, nslots);
		if (round % 3 == 0) {
			/* steps, fd tables read 3 fds at a time */
			own_set_step_fds(m, 3);
			while (own_scan_step(m, 7) == 0)
				;
		} else if (round % 3 == 1) {
			/* the pass in threads, the children moving under it */
			int rc = own_refresh_par(m, 2);

			if (!CHECK_MSG(rc >= 0, "own_refresh_par: %d", rc))
				break;
		} else {
			int rc = own_refresh(m);

			if (!CHECK_MSG(rc >= 0, "own_refresh: %d", rc))
				break;
		}
		c.nslots = nslots;
		own_each(m, check_one, &c);
		usleep(2000); /* let the children move between rounds */
	}

	/* freeze the children: the map must then be exact for them */
	for (i = 0; i < nslots; i++)
		kill(hs[i].pid, SIGSTOP);
	for (i = 0; i < nslots; i++)
		waitpid(hs[i].pid, &status, WUNTRACED); /* stopped, or gone */
	want_children(m, hs, nslots);
	own_refresh(m);
	c.strict = 1;
	own_each(m, check_one, &c);
	for (i = 0; i < nslots; i++)
		check_complete(m, &hs[i]);

	for (i = 0; i < nslots; i++) {
		kill(hs[i].pid, SIGKILL);
		kill(hs[i].pid, SIGCONT);
	}
	while (waitpid(-1, &status, 0) > 0)
		;
	printf("%zu owners of children checked over %d rounds, %d children\n",
	       c.checked, round, nslots);
	CHECK_MSG(c.checked > 0, "no owner of a child was checked");
	own_free(m);
	munmap(hs, SLOTS * sizeof(*hs));
	return check_done();
}
