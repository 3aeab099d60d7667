/*
 * owners_dump.c: test and measurement helper for the owners map.
 *
 *   owners_dump [-T] INO...     scan $PROC_ROOT (or /proc) once and print
 *                               "INO USERS" per inode, USERS being exactly
 *                               what ss -p (-T: ss -pT) prints, or nothing;
 *                               with -j N the pass runs in N threads, with
 *                               -s N in steps of one process or N fds
 *   owners_dump -t [-T] [N]     time a full scan, then N (default 5) steady
 *                               refreshes with every owned inode wanted, on
 *                               stderr
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "owners.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int want_one(uint32_t ino, const struct own_owner *o, void *arg)
{
	(void)o;
	own_want(arg, ino);
	return 0;
}

static int timing(struct own_map *m, int rounds)
{
	struct own_stats st;
	double t0, t1;
	int i;

	t0 = now();
	if (own_refresh(m) < 0)
		return 1;
	t1 = now();
	own_get_stats(m, &st);
	fprintf(stderr,
		"full scan: %.3f s, %zu pids, %zu fd tables, "
		"%zu sockets owned, %zu entries\n",
		t1 - t0, st.pids, st.fd_scans, st.inodes, st.entries);
	for (i = 0; i < rounds; i++) {
		t0 = now();
		own_sync_begin(m);
		own_each(m, want_one, m);
		own_sync_end(m);
		t1 = now();
		if (own_refresh(m) < 0)
			return 1;
		own_get_stats(m, &st);
		fprintf(stderr,
			"steady refresh: sync %.4f s + pass %.4f s, "
			"%zu fd tables read\n",
			t1 - t0, now() - t1, st.fd_scans);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *root = getenv("PROC_ROOT");
	struct own_map *m;
	int threads = 0, time_it = 0, i = 1, err;
	int jobs = 0, slice = 0;
	char buf[8192];

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-T"))
			threads = 1;
		else if (!strcmp(argv[i], "-t"))
			time_it = 1;
		else if (!strcmp(argv[i], "-j") && i + 1 < argc)
			jobs = atoi(argv[++i]); /* the threaded pass */
		else if (!strcmp(argv[i], "-s") && i + 1 < argc)
			slice = atoi(argv[++i]); /* steps of SLICE fds */
	}
	err = own_new(root ? root : "/proc", threads ? OWN_THREADS : 0, &m);
	if (err < 0) {
		fprintf(stderr, "owners_dump: %s\n", strerror(-err));
		return 1;
	}
	if (time_it) {
		err = timing(m, i < argc ? atoi(argv[i]) : 5);
		own_free(m);
		return err;
	}
	if (jobs) {
		err = own_refresh_par(m, (unsigned)jobs);
	} else if (slice) {
		own_set_step_fds(m, (unsigned)slice);
		while ((err = own_scan_step(m, 1)) == 0)
			;
	} else {
		err = own_refresh(m);
	}
	if (err < 0)
		return 1;
	for (; i < argc; i++) {
		uint32_t ino = (uint32_t)strtoul(argv[i], NULL, 10);

		if (!own_format_ss(m, ino, threads, 0, buf, sizeof(buf)))
			buf[0] = '\0';
		printf("%u %s\n", ino, buf);
	}
	own_free(m);
	return 0;
}
