/*
 * owners_reuse_test.c: the owners map's cheap re-reading of a fd table
 * (only the links that may have changed) against real processes whose fd
 * numbers are reused between passes.
 *
 * Two children hold 200 UDP sockets each and obey commands from a pipe.
 * Before every pass the test wants exactly the sockets they hold now (as a
 * snapshot would), and after it the map must be exact for them: every
 * (socket, pid, fd) that /proc shows, nothing else.  The moves:
 *   1. close a socket and open another, which takes the same fd number
 *      (the fd count unchanged);
 *   2. the same with one socket more (the count changed);
 *   3. dup2 a socket to a high fd, close the first fd, open a file on it;
 *   4. pass a socket to the other child (SCM_RIGHTS), close it, open a
 *      file on its fd number, and a socket more (counts changed);
 *   5. the other child closes the socket it was passed.
 * The passes after moves 1 and 2 must read far fewer links than the
 * children hold (the map knows the rest; reading their tables again would
 * be 400 links and more).  Passes alternate between the
 * whole pass and steps of 3 fds.  Run by owners_reuse.sh in a pid
 * namespace of its own: the links counted are the test's processes'.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "owners.h"

#define NSOCK 200

struct kid {
	pid_t pid;
	int cmd, ack; /* pipes: commands to it, its answers */
	int pass_fd;  /* its end of the socketpair between the two */
};

static int recv_fd(int via)
{
	char b, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = &b, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = sizeof(ctl)};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(via, &mh, 0) != 1 || !(c = CMSG_FIRSTHDR(&mh)))
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

static int send_fd(int via, int fd)
{
	char b = 'x', ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {.iov_base = &b, .iov_len = 1};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = sizeof(ctl)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	return sendmsg(via, &mh, 0) == 1 ? 0 : -1;
}

/* A child: its sockets, then commands; answers an int per command. */
static void kid_main(int cmd, int ack, int via)
{
	int first = -1, got = -1;
	char c;

	for (int i = 0; i < NSOCK; i++) {
		int s = socket(AF_INET, SOCK_DGRAM, 0);

		if (first < 0)
			first = s;
	}
	while (read(cmd, &c, 1) == 1) {
		int r = -1, s;

		switch (c) {
		case 'r': /* the first socket replaced: same fd number? */
			close(first);
			r = socket(AF_INET, SOCK_DGRAM, 0) == first ? 0 : -1;
			break;
		case 'R': /* the same, and one socket more */
			close(first);
			r = socket(AF_INET, SOCK_DGRAM, 0) == first ? 0 : -1;
			if (socket(AF_INET, SOCK_DGRAM, 0) < 0)
				r = -1;
			break;
		case 'd': /* moved to fd 900, a file where it was */
			r = dup2(first, 900) == 900 ? 0 : -1;
			close(first);
			if (open("/dev/null", O_RDONLY) != first)
				r = -1;
			break;
		case 'p': /* passed on, a file and a socket where it was */
			r = send_fd(via, first);
			close(first);
			if (open("/dev/null", O_RDONLY) != first)
				r = -1;
			if (socket(AF_INET, SOCK_DGRAM, 0) < 0)
				r = -1;
			break;
		case 'g': /* take what the other one passed */
			r = got = recv_fd(via);
			r = r < 0 ? -1 : 0;
			break;
		case 'c': /* close it */
			r = close(got);
			break;
		}
		s = r;
		if (write(ack, &s, sizeof(s)) != sizeof(s))
			break;
	}
	_exit(0);
}

static int kid_start(struct kid *k, int via, int other)
{
	int c[2], a[2];

	if (pipe(c) < 0 || pipe(a) < 0)
		return -1;
	k->pid = fork();
	if (k->pid == 0) {
		close(c[1]);
		close(a[0]);
		close(other);
		kid_main(c[0], a[1], via);
	}
	close(c[0]);
	close(a[1]);
	k->cmd = c[1];
	k->ack = a[0];
	k->pass_fd = via;
	return k->pid > 0 ? 0 : -1;
}

static int kid_do(struct kid *k, char c)
{
	int r = -1;

	if (write(k->cmd, &c, 1) != 1 ||
	    read(k->ack, &r, sizeof(r)) != sizeof(r))
		return -1;
	return r;
}

/* What /proc says: (pid, fd, inode) of every socket the children hold. */
struct truth {
	struct {
		int pid, fd;
		uint32_t ino;
	} v[4 * NSOCK];
	size_t n;
};

static void read_truth(struct truth *tr, const struct kid *kids, int n)
{
	tr->n = 0;
	for (int i = 0; i < n; i++) {
		char path[64], lnk[64];
		struct dirent *d;
		DIR *dir;

		snprintf(path, sizeof(path), "/proc/%d/fd", kids[i].pid);
		if (!(dir = opendir(path)))
			continue;
		while ((d = readdir(dir)) && tr->n < 4 * NSOCK) {
			char fpath[384];
			unsigned ino;
			ssize_t l;

			if (d->d_name[0] == '.')
				continue;
			snprintf(fpath, sizeof(fpath), "%s/%s", path, d->d_name);
			l = readlink(fpath, lnk, sizeof(lnk) - 1);
			if (l < 0)
				continue;
			lnk[l] = '\0';
			if (sscanf(lnk, "socket:[%u]", &ino) != 1)
				continue;
			tr->v[tr->n].pid = kids[i].pid;
			tr->v[tr->n].fd = atoi(d->d_name);
			tr->v[tr->n].ino = ino;
			tr->n++;
		}
		closedir(dir);
	}
}

struct cmp {
	const struct truth *tr;
	const struct kid *kids;
	int nkids;
	const char *what;
	size_t seen;
};

/* Every owner the map gives a child must be true now. */
static int check_owner(uint32_t ino, const struct own_owner *o, void *arg)
{
	struct cmp *c = arg;
	int mine = 0, ok = 0;

	for (int i = 0; i < c->nkids; i++)
		mine |= o->pid == c->kids[i].pid;
	if (!mine)
		return 0;
	c->seen++;
	for (size_t i = 0; i < c->tr->n && !ok; i++)
		ok = c->tr->v[i].pid == o->pid && c->tr->v[i].fd == o->fd &&
		     c->tr->v[i].ino == ino;
	CHECK_MSG(ok, "%s: pid %d fd %d shown for socket %u, which it "
		      "does not hold",
		  c->what, o->pid, o->fd, ino);
	return 0;
}

/* A pass with the children's sockets wanted; then the map is exact. */
static void pass_check(struct own_map *m, const struct kid *kids, int n,
		       int steps, const char *what, size_t *links)
{
	struct truth *tr = malloc(sizeof(*tr));
	struct cmp c = {.tr = tr, .kids = kids, .nkids = n, .what = what};
	size_t passes, l0, l1;

	read_truth(tr, kids, n);
	own_sync_begin(m);
	for (size_t i = 0; i < tr->n; i++)
		own_want(m, tr->v[i].ino);
	own_sync_end(m);
	own_get_work(m, &passes, &l0);
	if (steps) {
		own_set_step_fds(m, 3);
		while (own_scan_step(m, 1) == 0)
			;
	} else {
		CHECK(own_refresh(m) == 0);
	}
	own_get_work(m, &passes, &l1);
	*links = l1 - l0;
	own_each(m, check_owner, &c);
	CHECK_MSG(c.seen == tr->n, "%s: %zu owners shown, %zu held", what,
		  c.seen, tr->n);
	for (size_t i = 0; i < tr->n; i++) {
		struct own_owner o[8];
		size_t k = own_owners(m, tr->v[i].ino, 0, o, 8);
		int found = 0;

		for (size_t j = 0; j < k && j < 8; j++)
			found |= o[j].pid == tr->v[i].pid &&
				 o[j].fd == tr->v[i].fd;
		CHECK_MSG(found, "%s: socket %u of pid %d fd %d not found",
			  what, tr->v[i].ino, tr->v[i].pid, tr->v[i].fd);
	}
	free(tr);
}

int main(void)
{
	struct kid kids[2];
	struct own_map *m;
	int sp[2], steps = 0;
	size_t links;
	static const struct {
		int kid;
		char cmd;
		const char *what;
		int cheap; /* the pass must read few links */
	} moves[] = {
		{0, 'r', "fd reused, count unchanged", 1},
		{0, 'R', "fd reused, count changed", 1},
		{0, 'd', "dup2 away, a file on the fd", 0},
		{1, 'p', "passed on, a file on the fd", 0},
		{0, 'g', "the other took it", 0},
		{0, 'c', "the other closed it", 0},
	};

	signal(SIGPIPE, SIG_IGN);
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sp) < 0 ||
	    kid_start(&kids[0], sp[0], sp[1]) < 0 ||
	    kid_start(&kids[1], sp[1], sp[0]) < 0)
		return 99;
	if (own_new("/proc", 0, &m) < 0)
		return 99;
	/* both children made their sockets: each answers a no-op */
	CHECK(kid_do(&kids[0], '?') == -1 && kid_do(&kids[1], '?') == -1);
	pass_check(m, kids, 2, 0, "first pass", &links);
	CHECK_MSG(links >= 2 * NSOCK, "first pass: %zu links read", links);
	for (size_t i = 0; i < sizeof(moves) / sizeof(moves[0]); i++) {
		CHECK_MSG(kid_do(&kids[moves[i].kid], moves[i].cmd) == 0,
			  "%s: the child failed", moves[i].what);
		pass_check(m, kids, 2, steps, moves[i].what, &links);
		printf("%s (%s): %zu links read\n", moves[i].what,
		       steps ? "steps" : "whole", links);
		if (moves[i].cheap)
			CHECK_MSG(links < NSOCK / 2,
				  "%s: %zu links read for 1-2 new fds",
				  moves[i].what, links);
		steps = !steps;
	}
	for (int i = 0; i < 2; i++) {
		kill(kids[i].pid, SIGKILL);
		waitpid(kids[i].pid, NULL, 0);
	}
	own_free(m);
	return check_done();
}
