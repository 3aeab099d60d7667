/*
 * owners_exec_test.c: a task that exec's between two passes of the owners
 * map, keeping its pid, start time and fd count, and holds a socket after
 * the exec that it did not hold before: the next pass must find it, with
 * no socket wanted (own_sync) to force a full walk.
 *
 * This is what a shell does for every command: the forked child holds
 * the script's fd (close-on-exec) until it exec's, then the program opens
 * a socket in the freed count.  A pass that ran in between saw the same
 * count, and the map used to keep the child's empty table for as long as
 * the program lived.  Each round uses the serial pass, then the pass in
 * threads.
 *
 * Then the program closes its socket and exits before the next pass,
 * while the last snapshot told still has the socket: the pass drops its
 * owner, and own_gone_owners() must still give it (a close logged after
 * that pass, as `--json -E -p` logs it), for two passes, then no more.
 * tests/closed_json.sh saw a held connection without its owner for each
 * of these two reasons.
 */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "owners.h"

/* After the exec: a socket in the freed fd, its inode to the parent. */
static int exec_child(int wr)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct stat st;
	uint32_t ino;
	char c;

	if (s < 0 || fstat(s, &st))
		return 1;
	ino = (uint32_t)st.st_ino;
	if (write(wr, &ino, sizeof(ino)) != sizeof(ino))
		return 1;
	/* held until the parent closes its end of the pipe */
	while (read(wr, &c, 1) > 0)
		;
	return 0;
}

struct kid {
	pid_t pid;
	int ctl; /* our end: a byte says exec, then the inode comes back */
};

/*
 * A child as a forked shell is: renamed, holding one close-on-exec fd
 * more than the program it becomes will, waiting for the word to exec.
 */
static int kid_start(struct kid *k, const char *self)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	k->pid = fork();
	if (k->pid < 0)
		return -1;
	if (k->pid == 0) {
		char fdarg[16], c;
		/* only 0-2 and the pipe (no CLOEXEC: the program's) cross
		 * the exec; nothing inherited that the exec would close */
		int keep = fcntl(sv[1], F_DUPFD, 100), extra;

		close_range(3, (unsigned)keep - 1, 0);
		close_range((unsigned)keep + 1, ~0u, 0);
		extra = open("/dev/null", O_RDONLY | O_CLOEXEC);
		prctl(PR_SET_NAME, "pre-exec");
		if (extra < 0 || keep < 0 || read(keep, &c, 1) != 1)
			_exit(1);
		snprintf(fdarg, sizeof(fdarg), "%d", keep);
		execl(self, self, "--child", fdarg, (char *)NULL);
		_exit(1);
	}
	close(sv[1]);
	k->ctl = sv[0];
	return 0;
}

static void kid_stop(struct kid *k)
{
	int status;

	close(k->ctl);
	if (waitpid(k->pid, &status, 0) == k->pid)
		CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			  "child status %d", status);
}

/* The map's owners of ino: whether pid is one. */
static int owned_by(const struct own_map *m, uint32_t ino, pid_t pid)
{
	struct own_owner o[4];
	size_t n;

	if (own_lookup(m, ino) != OWN_FOUND)
		return 0;
	n = own_owners(m, ino, 0, o, 4);
	for (size_t i = 0; i < n && i < 4; i++)
		if (o[i].pid == pid)
			return 1;
	return 0;
}

/* The child's fd count, as the map reads it. */
static long nfds(pid_t pid)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d/fd", (int)pid);
	return stat(path, &st) ? -1 : (long)st.st_size;
}

int main(int argc, char **argv)
{
	char self[PATH_MAX];
	ssize_t n;

	if (argc == 3 && !strcmp(argv[1], "--child"))
		return exec_child(atoi(argv[2]));
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 99;
	self[n] = '\0';

	for (int round = 0; round < 2; round++) {
		struct own_map *m;
		struct kid k;
		long before, after;
		uint32_t ino = 0;
		size_t p0, links;

		if (own_new("/proc", 0, &m) < 0 || kid_start(&k, self))
			return 99;
		/* the map reads the child's table before it exec's: wait
		 * until it is the renamed fork, then pass */
		for (int i = 0; i < 2000; i++) {
			char path[64], comm[32] = "";
			FILE *f;

			snprintf(path, sizeof(path), "/proc/%d/comm",
				 (int)k.pid);
			if ((f = fopen(path, "r"))) {
				if (!fgets(comm, sizeof(comm), f))
					comm[0] = '\0';
				fclose(f);
			}
			if (!strcmp(comm, "pre-exec\n"))
				break;
			usleep(10000);
		}
		before = nfds(k.pid);
		CHECK(round == 0 ? own_refresh(m) == 0
				 : own_refresh_par(m, 2) == 0);
		if (write(k.ctl, "x", 1) != 1 ||
		    read(k.ctl, &ino, sizeof(ino)) != sizeof(ino)) {
			CHECK_MSG(0, "the child did not exec (round %d)", round);
			kill(k.pid, SIGKILL);
			kid_stop(&k);
			own_free(m);
			continue;
		}
		after = nfds(k.pid);
		/* the scene: same pid, same start, same count */
		CHECK_MSG(before == after && before > 0,
			  "fd count %ld before the exec, %ld after", before,
			  after);
		CHECK(round == 0 ? own_refresh(m) == 0
				 : own_refresh_par(m, 2) == 0);
		CHECK_MSG(owned_by(m, ino, k.pid),
			  "round %d: socket %u of the exec'd child %d not found",
			  round, ino, (int)k.pid);
		/* the socket in the snapshot; the program closes it, exits */
		own_keep_gone(m);
		own_sync_begin(m);
		own_want(m, ino);
		own_sync_end(m);
		kid_stop(&k);
		/* dropped by the next pass (p0 + 1), kept until the pass
		 * after next (p0 + 3) begins */
		own_get_work(m, &p0, &links);
		for (int i = 0, forgot = 0; i < 4 && !forgot; i++) {
			struct own_owner o[4];
			size_t got, p;

			CHECK(round == 0 ? own_refresh(m) == 0
					 : own_refresh_par(m, 2) == 0);
			CHECK(own_lookup(m, ino) != OWN_FOUND);
			own_get_work(m, &p, &links);
			got = own_gone_owners(m, ino, 0, o, 4);
			if (p >= p0 + 3) {
				CHECK_MSG(got == 0,
					  "round %d: %zu owners kept after "
					  "pass %zu", round, got, p - p0);
				forgot = 1;
				continue;
			}
			CHECK_MSG(got == 1 && o[0].pid == k.pid &&
					  !strcmp(o[0].raw, "owners_exec_tes"),
				  "round %d pass %zu: %zu gone owners, first "
				  "pid %d name %s",
				  round, p - p0, got, got ? o[0].pid : 0,
				  got ? o[0].raw : "-");
			CHECK_MSG(i < 3, "round %d: still kept", round);
		}
		own_free(m);
	}
	return check_done();
}
