/*
 * owners_fixture_test.c: the owners map against fixture /proc trees built
 * in a temp dir (fd/N -> "socket:[INO]" symlinks, stat, cmdline, task/):
 * sockets shared by several processes and fds, threads, hostile names,
 * non-socket fds, vanished entries, unreadable fd tables; the exact
 * users:(...) text ss would print; and the incremental passes (nothing
 * rescanned when nothing changed, a new socket found through own_want, pid
 * reuse, dead pids forgotten, own_verify, budgeted steps, a fd table read
 * in slices and its pid reused in between, the pass in threads); the
 * Process column's order from that map, sorted on the loop, as a job and
 * by the collector's prepare; a socket held by more owners than fit on the
 * stack; the pid in a process's own pid namespace (NSpid); a map told
 * only the merge's changes (own_sync_delta) answering as one told every
 * snapshot.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "model.h"
#include "owners.h"
#include "snap.h"
#include "xalloc.h"
#include "check.h"

static char root[256];

__attribute__((format(printf, 3, 0))) static void
path_of(char *buf, size_t len, const char *fmt, va_list ap)
{
	int n = snprintf(buf, len, "%s/", root);

	vsnprintf(buf + n, len - (size_t)n, fmt, ap);
}

/* mkdir -p of root/PATH for every directory in PATH's dirname. */
static void mkparents(const char *path)
{
	char tmp[512];
	char *p;

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (p = tmp + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(tmp, 0755) < 0 && errno != EEXIST) {
			perror(tmp);
			exit(99);
		}
		*p = '/';
	}
}

__attribute__((format(printf, 3, 4))) static void
put(const char *data, size_t len, const char *fmt, ...)
{
	char path[512];
	va_list ap;
	FILE *f;

	va_start(ap, fmt);
	path_of(path, sizeof(path), fmt, ap);
	va_end(ap);
	mkparents(path);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(99);
	}
}

__attribute__((format(printf, 2, 3))) static void lnk(const char *target,
						      const char *fmt, ...)
{
	char path[512];
	va_list ap;

	va_start(ap, fmt);
	path_of(path, sizeof(path), fmt, ap);
	va_end(ap);
	mkparents(path);
	unlink(path);
	if (symlink(target, path) < 0) {
		perror(path);
		exit(99);
	}
}

__attribute__((format(printf, 1, 2))) static void mkd(const char *fmt, ...)
{
	char path[512];
	va_list ap;

	va_start(ap, fmt);
	path_of(path, sizeof(path), fmt, ap);
	va_end(ap);
	strcat(path, "/");
	mkparents(path);
}

/* A stat line as the kernel writes it; starttime is field 22. */
static void put_stat(const char *dir, int pid, const char *comm,
		     unsigned long start)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf),
			 "%d (%s) S 1 1 1 0 -1 4194560 10 0 0 0 0 0 0 0 20 0 "
			 "1 0 %lu 1000 100 18446744073709551615\n",
			 pid, comm, start);

	put(buf, (size_t)n, "%s/stat", dir);
}

static int rm_one(const char *p, const struct stat *sb, int flag,
		  struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	chmod(p, 0755);
	return remove(p);
}

static void rm_tree(void)
{
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void build(void)
{
	/* 100 and 200 share socket 1000 (fork); 100 also dup()ed it to 7 */
	put_stat("100", 100, "nginx", 5000);
	put("nginx\0-g\0daemon off;\0", 21, "100/cmdline");
	/* SELinux context for -Z: a NUL ends it, as from the kernel */
	put("system_u:system_r:httpd_t:s0\x1b\0", 30, "100/attr/current");
	lnk("/dev/null", "100/fd/0");
	lnk("socket:[1000]", "100/fd/3");
	lnk("socket:[1001]", "100/fd/4");
	lnk("pipe:[99]", "100/fd/5");
	lnk("anon_inode:[eventfd]", "100/fd/6");
	lnk("socket:[1000]", "100/fd/7");
	lnk("socket:[1000]", "100/fd/10");
	put_stat("200", 200, "nginx worker", 6000);
	put("", 0, "200/cmdline");
	/* 200 runs in nested pid namespaces: pid 7, then 1 in its own */
	put("Name:\tnginx worker\nPid:\t200\nNSpid:\t200\t7\t1\n", 43,
	    "200/status");
	lnk("socket:[1000]", "200/fd/3");
	lnk("socket:[1002]", "200/fd/9");
	/* a name that tries to drive the terminal */
	put_stat("300", 300, "evil\033[31m", 7000);
	put("a\033b\0", 4, "300/cmdline");
	/* the reader's own pid namespace; and a line that is not a pid */
	put("NSpid:\t300\n", 11, "300/status");
	put("NSpid:\tx\n", 9, "800/status");
	put("NSpid:\t400\t3\n", 13, "400/status");
	lnk("socket:[1003]", "300/fd/1");
	/* threads: 401 holds the shared table too */
	put_stat("400", 400, "srv", 8000);
	lnk("socket:[1004]", "400/fd/5");
	{
		/* a command line longer than any one read: "srv" and 3 000
		 * arguments "abc" */
		static char cmd[4 + 3000 * 4];

		memcpy(cmd, "srv", 4);
		for (int i = 0; i < 3000; i++)
			memcpy(cmd + 4 + i * 4, "abc", 4);
		put(cmd, sizeof(cmd), "400/cmdline");
	}
	put_stat("400/task/400", 400, "srv", 8000);
	lnk("socket:[1004]", "400/task/400/fd/5");
	put_stat("400/task/401", 401, "srv-worker", 8001);
	lnk("socket:[1004]", "400/task/401/fd/5");
	/* vanished: no stat any more */
	lnk("socket:[1005]", "500/fd/3");
	/* no fd table */
	put_stat("600", 600, "nofd", 9000);
	/* junk in the fd table */
	put_stat("700", 700, "junk", 9100);
	lnk("socket:[1006]", "700/fd/x3");
	put("x", 1, "700/fd/8");
	lnk("socket:[notanumber]", "700/fd/9");
	lnk("socket:[1006", "700/fd/11");
	/* ')' inside the name */
	put_stat("800", 800, "a)b", 9200);
	lnk("socket:[1007]", "800/fd/4");
	/* not processes */
	put("x", 1, "self");
	mkd("abc");
	put("1", 1, "uptime");
}

static const char *fmt(const struct own_map *m, uint32_t ino, int threads)
{
	static char buf[1024];

	if (!own_format_ss(m, ino, threads, 0, buf, sizeof(buf)))
		return "";
	return buf;
}

static void test_basic(void)
{
	struct own_map *m;
	struct own_owner o[8];
	struct own_stats st;
	char small[20];
	size_t n;

	CHECK(own_new(root, 0, &m) == 0);
	CHECK(own_lookup(m, 1000) == OWN_PENDING);
	CHECK(own_refresh(m) == 0);
	CHECK(!strcmp(fmt(m, 1000, 0),
		      "users:((\"nginx worker\",pid=200,fd=3),"
		      "(\"nginx\",pid=100,fd=10),(\"nginx\",pid=100,fd=7),"
		      "(\"nginx\",pid=100,fd=3))"));
	CHECK(!strcmp(fmt(m, 1001, 0), "users:((\"nginx\",pid=100,fd=4))"));
	CHECK(!strcmp(fmt(m, 1003, 0),
		      "users:((\"evil\\x1b[31m\",pid=300,fd=1))"));
	/* the name raw too, for JSON */
	CHECK(own_owners(m, 1003, 0, o, 8) == 1 && o[0].raw &&
	      !strcmp(o[0].raw, "evil\033[31m") &&
	      !strcmp(o[0].name, "evil\\x1b[31m"));
	CHECK(!strcmp(fmt(m, 1004, 0), "users:((\"srv\",pid=400,fd=5))"));
	CHECK(!strcmp(fmt(m, 1007, 0), "users:((\"a)b\",pid=800,fd=4))"));
	CHECK(!strcmp(fmt(m, 1005, 0), ""));
	CHECK(!strcmp(fmt(m, 1006, 0), ""));
	CHECK(own_lookup(m, 1000) == OWN_FOUND);
	CHECK(own_lookup(m, 1005) == OWN_NONE);
	CHECK(own_lookup(m, 99) == OWN_NONE);
	CHECK(own_why(m, 99) == OWN_WHY_NOBODY);
	CHECK(own_why_text(OWN_WHY_NOBODY)[0] != '\0');

	/* -Z: proc_ctx before fd, escaped; -z: sock_ctx after it (a link
	 * that leads to no labelled file reads "unavailable") */
	{
		char buf[512];

		CHECK(own_format_ss(m, 1001, 0, 1, buf, sizeof(buf)) &&
		      !strcmp(buf, "users:((\"nginx\",pid=100,proc_ctx="
				   "system_u:system_r:httpd_t:s0\\x1b,"
				   "fd=4))"));
		CHECK(own_format_ss(m, 1004, 0, 2, buf, sizeof(buf)) &&
		      !strcmp(buf, "users:((\"srv\",pid=400,proc_ctx="
				   "unavailable,fd=5,sock_ctx=unavailable))"));
	}

	/* truncation reports the full length and stays terminated */
	n = own_format_ss(m, 1001, 0, 0, small, sizeof(small));
	CHECK(n == strlen("users:((\"nginx\",pid=100,fd=4))"));
	CHECK(strlen(small) == sizeof(small) - 1);

	n = own_owners(m, 1000, 0, o, 2);
	CHECK(n == 4);
	CHECK(o[0].pid == 200 && o[0].fd == 3 && o[0].tid == 200);
	CHECK(o[1].pid == 100 && o[1].fd == 10);
	CHECK(own_owners(m, 1000, 0, NULL, 0) == 4);

	CHECK(own_match(1000, OWN_MATCH_PROC, "nginx*", 0, m) == 1);
	CHECK(own_match(1000, OWN_MATCH_PROC, "apache", 0, m) == 0);
	CHECK(own_match(1000, OWN_MATCH_PID, NULL, 200, m) == 1);
	CHECK(own_match(1000, OWN_MATCH_PID, NULL, 300, m) == 0);
	CHECK(own_match(1005, OWN_MATCH_PID, NULL, 500, m) == 0);

	CHECK(own_cmdline(m, 100) &&
	      !strcmp(own_cmdline(m, 100), "nginx -g daemon off;"));
	/* raw: each output escapes it its own way */
	CHECK(own_cmdline(m, 300) && !strcmp(own_cmdline(m, 300), "a\033b"));
	/* whole, however long */
	CHECK(own_cmdline(m, 400) &&
	      strlen(own_cmdline(m, 400)) == 3 + 3000 * 4);
	CHECK(own_cmdline(m, 400) &&
	      !strcmp(own_cmdline(m, 400) + 3 + 2999 * 4, " abc"));
	CHECK(own_cmdline(m, 200) && !strcmp(own_cmdline(m, 200), ""));
	CHECK(own_cmdline(m, 12345) == NULL);
	CHECK_INT(own_nspid(m, 200), 1);
	CHECK_INT(own_nspid(m, 200), 1); /* cached */
	CHECK_INT(own_nspid(m, 300), 300);
	CHECK_INT(own_nspid(m, 800), 800);
	CHECK_INT(own_nspid(m, 400), 3);   /* the line first in the file */
	CHECK_INT(own_nspid(m, 100), 100); /* no status file */
	CHECK_INT(own_nspid(m, 12345), 12345);
	CHECK(!strcmp(own_user(m, 0), "root"));
	CHECK(!strcmp(own_user(m, 0), "root"));

	own_get_stats(m, &st);
	CHECK(st.pids == 8); /* 100 200 ... 800; 500 has no stat */
	CHECK(st.tasks == 7);
	CHECK(st.inodes == 6);
	CHECK(st.unreadable == 0 && !st.own_only);
	CHECK(st.passes == 1);

	/* nothing changed: no fd table is read again */
	CHECK(own_refresh(m) == 0);
	own_get_stats(m, &st);
	CHECK(st.fd_scans == 0);
	CHECK(st.passes == 2);
	own_free(m);
}

static void test_threads(void)
{
	struct own_map *m;
	struct own_ends e;

	CHECK(own_new(root, OWN_THREADS, &m) == 0);
	CHECK(own_refresh(m) == 0);
	CHECK(!strcmp(fmt(m, 1004, 1),
		      "users:((\"srv-worker\",pid=400,tid=401,fd=5),"
		      "(\"srv\",pid=400,tid=400,fd=5))"));
	CHECK(!strcmp(fmt(m, 1004, 0), "users:((\"srv\",pid=400,fd=5))"));
	CHECK(!strcmp(fmt(m, 1001, 1),
		      "users:((\"nginx\",pid=100,tid=100,fd=4))"));
	own_unix_ends(m, 1000, 1004, 1, &e);
	CHECK(e.local == OWN_FOUND && e.n_local == 4);
	CHECK(e.peer == OWN_FOUND && e.n_peer == 2);
	own_unix_ends(m, 1001, 0, 0, &e);
	CHECK(e.peer == OWN_NONE && e.n_peer == 0);
	own_free(m);
}

static void test_incremental(void)
{
	struct own_map *m;
	struct own_stats st;
	char path[512];

	CHECK(own_new(root, 0, &m) == 0);
	CHECK(own_refresh(m) == 0);

	/* a socket replaced one fd for another: found through own_want() */
	lnk("socket:[2000]", "100/fd/4");
	own_sync_begin(m);
	own_want(m, 1000);
	own_want(m, 2000);
	own_sync_end(m);
	CHECK(own_lookup(m, 2000) == OWN_PENDING);
	CHECK(own_why(m, 2000) == OWN_WHY_PENDING);
	CHECK(own_refresh(m) == 0);
	CHECK(own_lookup(m, 2000) == OWN_FOUND);
	CHECK(!strcmp(fmt(m, 2000, 0), "users:((\"nginx\",pid=100,fd=4))"));
	CHECK(!strcmp(fmt(m, 1001, 0), ""));
	own_get_stats(m, &st);
	CHECK(st.fallbacks >= 1);

	/* a wanted inode nobody holds ends as NONE after one pass */
	own_sync_begin(m);
	own_want(m, 3000);
	own_sync_end(m);
	CHECK(own_lookup(m, 3000) == OWN_PENDING);
	CHECK(own_refresh(m) == 0);
	CHECK(own_lookup(m, 3000) == OWN_NONE);

	/* pid 200 reused by another program: its old sockets go */
	snprintf(path, sizeof(path), "%s/200/fd/3", root);
	unlink(path);
	put_stat("200", 200, "other", 6500);
	CHECK(own_refresh(m) == 0);
	CHECK(!strcmp(fmt(m, 1002, 0), "users:((\"other\",pid=200,fd=9))"));
	CHECK(!strcmp(
		fmt(m, 1000, 0),
		"users:((\"nginx\",pid=100,fd=10),(\"nginx\",pid=100,fd=7),"
		"(\"nginx\",pid=100,fd=3))"));

	/* own_verify drops an owner whose fd now holds something else */
	lnk("socket:[3001]", "100/fd/7");
	CHECK(own_verify(m, 1000) == 2);
	CHECK(!strcmp(
		fmt(m, 1000, 0),
		"users:((\"nginx\",pid=100,fd=10),(\"nginx\",pid=100,fd=3))"));
	CHECK(own_refresh(m) == 0); /* pid 100 read again: 3001 appears */
	CHECK(!strcmp(fmt(m, 3001, 0), "users:((\"nginx\",pid=100,fd=7))"));

	/* a dead process is forgotten */
	snprintf(path, sizeof(path), "%s/300/stat", root);
	unlink(path);
	CHECK(own_refresh(m) == 0);
	CHECK(!strcmp(fmt(m, 1003, 0), ""));
	CHECK(own_lookup(m, 1003) == OWN_NONE);
	own_free(m);
}

static void test_budget(void)
{
	struct own_map *m;
	int r, steps = 0;

	CHECK(own_new(root, 0, &m) == 0);
	while ((r = own_scan_step(m, 2)) == 0) {
		steps++;
		CHECK(own_lookup(m, 1007) == OWN_PENDING);
	}
	CHECK(r == 1);
	CHECK(steps >= 3);
	CHECK(own_lookup(m, 1007) == OWN_FOUND);
	CHECK(!strcmp(fmt(m, 1001, 0), "")); /* 100/fd/4 was replaced above */
	own_free(m);
}

/* Process 950 with n fds 0..n-1 -> socket:[base + fd]. */
static void put_big(const char *comm, unsigned long start, unsigned base, int n)
{
	char target[32];

	put_stat("950", 950, comm, start);
	for (int i = 0; i < n; i++) {
		snprintf(target, sizeof(target), "socket:[%u]", base + i);
		lnk(target, "950/fd/%d", i);
	}
}

static int count_found(const struct own_map *m, unsigned base, int n,
		       const char *name)
{
	struct own_owner o;
	int k = 0;

	for (int i = 0; i < n; i++) {
		if (own_owners(m, base + (unsigned)i, 0, &o, 1) != 1)
			continue;
		/* never an fd of another process, nor another fd */
		CHECK(o.pid == 950 && o.fd == i && !strcmp(o.name, name));
		k++;
	}
	return k;
}

/* A fd table read in slices of 50 fds, one slice per step. */
static void test_split(void)
{
	struct own_map *m;
	int r, steps = 0, found = 0, now;

	put_big("big", 9500, 20000, 300);
	CHECK(own_new(root, 0, &m) == 0);
	own_set_step_fds(m, 50);
	while ((r = own_scan_step(m, 1)) == 0) {
		steps++;
		now = count_found(m, 20000, 300, "big");
		CHECK(now - found <= 50);
		found = now;
	}
	CHECK(r == 1);
	CHECK(steps >= 6);
	CHECK(count_found(m, 20000, 300, "big") == 300);

	/* the pid is reused while its table is half read: the rest is not
	 * read from the new process; nothing of either is attributed to
	 * the other */
	own_free(m);
	CHECK(own_new(root, 0, &m) == 0);
	own_set_step_fds(m, 50);
	found = 0;
	while ((r = own_scan_step(m, 1)) == 0) {
		found = count_found(m, 20000, 300, "big");
		if (found > 0 && found < 300)
			break;
	}
	CHECK(r == 0 && found > 0 && found < 300);
	for (int i = 0; i < 300; i++) {
		char path[512];

		snprintf(path, sizeof(path), "%s/950/fd/%d", root, i);
		unlink(path);
	}
	put_big("reused", 9600, 30000, 300);
	while ((r = own_scan_step(m, 1)) == 0)
		;
	CHECK(r == 1);
	CHECK(count_found(m, 20000, 300, "big") == 0);
	CHECK(count_found(m, 30000, 300, "reused") == 0);
	CHECK(own_refresh(m) == 0);
	CHECK(count_found(m, 20000, 300, "big") == 0);
	CHECK(count_found(m, 30000, 300, "reused") == 300);
	own_free(m);
}

/* The pass in threads finds what the serial pass finds. */
static void test_parallel(void)
{
	struct own_map *a, *b;
	char want[1024];
	unsigned ino;

	CHECK(own_new(root, OWN_THREADS, &a) == 0);
	CHECK(own_new(root, OWN_THREADS, &b) == 0);
	CHECK(own_refresh(a) == 0);
	CHECK(own_bg_start(b, 3) == 0);
	CHECK(own_scan_step(b, 0) == -EBUSY);
	CHECK(own_bg_wait(b) == 0);
	CHECK(own_bg_done(b));
	for (ino = 1000; ino < 1010; ino++) {
		snprintf(want, sizeof(want), "%s", fmt(a, ino, 1));
		CHECK(!strcmp(want, fmt(b, ino, 1)));
	}
	CHECK(count_found(b, 30000, 300, "reused") == 300);
	/* a second pass reads nothing again (counts unchanged) */
	CHECK(own_refresh_par(b, 2) == 0);
	CHECK(count_found(b, 30000, 300, "reused") == 300);
	own_free(a);
	own_free(b);
}

/* Runs the scan as a user that cannot read root's 000 fd table. */
static void test_unreadable(void)
{
	struct own_map *m;
	struct own_stats st;
	char path[512];
	pid_t pid;
	int status = 0, bad = 0, was_root = geteuid() == 0;

	put_stat("900", 900, "locked", 9300);
	lnk("socket:[1009]", "900/fd/3");
	snprintf(path, sizeof(path), "%s/900/fd", root);
	chmod(path, 0);
	pid = fork();
	if (pid == 0) {
		if (geteuid() == 0 && (setgroups(0, NULL) < 0 ||
				       setgid(65534) < 0 || setuid(65534) < 0))
			_exit(77);
		if (own_new(root, 0, &m) || own_refresh(m))
			_exit(1);
		own_get_stats(m, &st);
		bad += st.unreadable != 1;
		bad += st.first_unreadable != 900;
		bad += st.own_only != (st.unreadable_other > 0);
		bad += was_root && !st.own_only; /* 900 is root's */
		bad += own_lookup(m, 1009) != OWN_NONE;
		bad += own_why(m, 1009) != OWN_WHY_UNREADABLE;
		own_free(m);
		_exit(bad ? 1 : 0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 77)
		printf("SKIP unreadable: cannot drop privileges\n");
	else
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	chmod(path, 0755);
}

static void add_rec(struct snap *s, uint32_t ino)
{
	struct sk_rec *r = snap_push(s);

	r->tab = SKT_TCP;
	r->family = AF_INET;
	r->state = SKS_ESTABLISHED;
	r->has = SKR_HAS_COOKIE | SKR_HAS_INO;
	r->cookie = ino;
	r->ino = ino;
	r->sport = (uint16_t)ino;
}

static void drop(struct snap *s)
{
	if (s) {
		snap_free(s);
		free(s);
	}
}

static struct snap *proc_snap(void)
{
	/* dump order: none of them sorted by owner */
	static const uint32_t inos[] = {1004, 99, 1000, 1007, 1005, 1003, 1001};
	struct snap *s = xmalloc(sizeof(*s));

	snap_init(s);
	for (size_t i = 0; i < sizeof(inos) / sizeof(inos[0]); i++)
		add_rec(s, inos[i]);
	return s;
}

/*
 * The Process column sorts by the first owner's name, then pid; unknown
 * owners last in both directions.  The loop's sort, a job (the collector's
 * re-sort) and the collector's prepare after a dump give the same order.
 */
static void test_process_sort(void)
{
	/* "a)b" < "evil\x1b[31m" < "nginx"(100) < "nginx worker"(200)
	 * < "srv"; 1005 (vanished) and 99 (nobody) after, in dump order
	 * (turned over when descending) */
	static const uint32_t asc[] = {1007, 1003, 1001, 1000, 1004, 99, 1005};
	static const uint32_t desc[] = {1004, 1000, 1001, 1003, 1007, 1005, 99};
	struct own_map *om;
	struct mfmt f = {.numeric = 1};
	struct model a, b, c;
	struct mjob j;
	struct mprep p;
	size_t n = sizeof(asc) / sizeof(asc[0]);

	CHECK(own_new(root, 0, &om) == 0);
	CHECK(own_refresh(om) == 0);
	f.own = om;
	model_init(&a);
	model_init(&b);
	model_init(&c);
	model_job_init(&j);
	model_prep_init(&p);
	a.fmt = b.fmt = c.fmt = &f;
	drop(model_update(&a, proc_snap(), 1.0));
	drop(model_update(&b, proc_snap(), 1.0));
	for (int d = 0; d < 2; d++) {
		const uint32_t *want = d ? desc : asc;
		struct snap *s = proc_snap();

		model_sort(&a, MC_PROCESS, d);
		/* the job: b asks for the sort, the job does it elsewhere */
		b.sort_col = MC_PROCESS;
		b.desc = d;
		CHECK(model_sort_pending(&b));
		model_job_begin(&b, &j);
		model_job_run(&j);
		CHECK(model_job_end(&b, &j) == 1);
		CHECK(!model_sort_pending(&b));
		/* the collector's prepare, merged by the loop */
		c.sort_col = MC_PROCESS;
		c.desc = d;
		model_prepare(&p, s, MC_PROCESS, d, &f);
		drop(model_update_prep(&c, s, &p, 2.0 + d));
		CHECK(!model_sort_pending(&c));
		CHECK(a.n_order == n && b.n_order == n && c.n_order == n);
		for (size_t i = 0; i < n && i < a.n_order; i++) {
			CHECK(model_row(&a, i)->r->ino == want[i]);
			CHECK(i < b.n_order &&
			      model_row(&b, i)->r->ino == want[i]);
			CHECK(i < c.n_order &&
			      model_row(&c, i)->r->ino == want[i]);
		}
	}
	/* owners changed: the same column is sorted again, not inverted */
	model_mark_stale(&b);
	CHECK(model_sort_pending(&b) && !model_invert(&b));
	model_job_begin(&b, &j);
	CHECK(!j.invert);
	model_job_run(&j);
	CHECK(model_job_end(&b, &j) == 1 && !model_sort_pending(&b));
	/* changed again while a job ran: still to sort after it */
	model_mark_stale(&b);
	model_job_begin(&b, &j);
	model_job_run(&j);
	model_mark_stale(&b);
	CHECK(model_job_end(&b, &j) == 1 && model_sort_pending(&b));
	model_prep_free(&p);
	model_job_free(&j);
	model_free(&a);
	model_free(&b);
	model_free(&c);
	own_free(om);
}

/* More owners than own_owners keeps on its stack: all of them, in order. */
static void test_many_owners(void)
{
	struct own_map *m;
	struct own_owner o[20];
	char buf[1024], want[1024];
	size_t len = 0;

	for (int fd = 20; fd < 32; fd++)
		lnk("socket:[1010]", "900/fd/%d", fd);
	put_stat("900", 900, "many", 9300);
	CHECK(own_new(root, 0, &m) == 0);
	CHECK(own_refresh(m) == 0);
	CHECK(own_owners(m, 1010, 0, o, 20) == 12);
	for (int i = 0; i < 12; i++)
		CHECK(o[i].pid == 900 && o[i].fd == 31 - i);
	len += (size_t)snprintf(want, sizeof(want), "users:(");
	for (int fd = 31; fd >= 20; fd--)
		len += (size_t)snprintf(want + len, sizeof(want) - len,
					"%s(\"many\",pid=900,fd=%d)",
					fd == 31 ? "" : ",", fd);
	snprintf(want + len, sizeof(want) - len, ")");
	CHECK(own_format_ss(m, 1010, 0, 0, buf, sizeof(buf)) == strlen(want));
	CHECK(!strcmp(buf, want));
	own_free(m);
}

/* Inodes 5000..5023 the maps answer differently; *found: b's owned. */
static int differ(struct own_map *a, struct own_map *b, int *found)
{
	char fa[1024];
	int n = 0;

	for (uint32_t ino = 5000; ino < 5024; ino++) {
		snprintf(fa, sizeof(fa), "%s", fmt(a, ino, 0));
		n += own_lookup(a, ino) != own_lookup(b, ino) ||
		     own_why(a, ino) != own_why(b, ino) ||
		     strcmp(fa, fmt(b, ino, 0));
		*found += own_lookup(b, ino) == OWN_FOUND;
	}
	return n;
}

/*
 * A map told the merge's changes (own_sync_delta) answers as one told
 * every snapshot (own_sync): 24 sockets, some twice in a dump, some
 * orphaned (inode 0), pid 900's fds changing between scans.
 */
static void test_delta(void)
{
	struct own_map *full, *delta;
	struct model mo;
	struct mprep p;
	uint32_t seed = 2026;
	int deltas = 0, bad = 0, found = 0;

	put_stat("900", 900, "churn", 9900);
	CHECK(own_new(root, 0, &full) == 0 && own_new(root, 0, &delta) == 0);
	model_init(&mo);
	model_prep_init(&p);
	for (int round = 0; round < 400; round++) {
		struct snap *s = xmalloc(sizeof(*s));
		struct mbase b;
		unsigned k;

		snap_init(s);
		for (uint32_t i = 0; i < 24; i++) {
			seed = seed * 1103515245u + 12345u;
			k = seed >> 16;
			for (unsigned c = 0; c < (k % 6 == 5 ? 2u : k % 6 > 1);
			     c++)
				add_rec(s, 5000 + i);
			if (k % 6 == 1) { /* orphaned: the cookie, no inode */
				add_rec(s, 5000 + i);
				s->v[s->n - 1].ino = 0;
			}
			if (k % 7 == 3) { /* pid 900's fd: a socket, or not */
				char t[32];

				snprintf(t, sizeof(t), "socket:[%u]",
					 5000 + (k >> 10) % 24);
				lnk((k >> 8) % 3 ? t : "pipe:[1]", "900/fd/%u",
				    10 + i);
			}
		}
		model_base(&mo, &b);
		model_prepare_merge(&p, s, &b, round, MC_NETID, 0, NULL);
		drop(model_update_prep(&mo, s, &p, round));
		own_sync(full, mo.cur);
		if (p.took && round && ++deltas)
			own_sync_delta(delta, p.ino_add, p.n_ino_add, p.ino_del,
				       p.n_ino_del);
		else
			own_sync(delta, mo.cur);
		bad += differ(full, delta, &found);
		if (seed % 3)
			CHECK(own_scan_step(full, 1) ==
			      own_scan_step(delta, 1));
		else
			CHECK(own_refresh(full) == 0 &&
			      own_refresh(delta) == 0);
		bad += differ(full, delta, &found);
	}
	/* pid 900's sockets found, all answers the same */
	CHECK(deltas == 399 && bad == 0 && found > 0);
	model_prep_free(&p);
	model_free(&mo);
	own_free(full);
	own_free(delta);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(root, sizeof(root), "%s/owners-fixture-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 99;
	}
	chmod(root, 0755);
	build();
	test_basic();
	test_process_sort();
	test_threads();
	test_incremental();
	test_budget();
	test_split();
	test_parallel();
	test_unreadable();
	test_many_owners();
	test_delta();
	rm_tree();
	return failures ? 1 : 0;
}
