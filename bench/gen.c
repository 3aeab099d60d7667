/*
 * gen.c: sstop-gen, the benchmark's workload generator.  Run inside a private
 * network namespace (unshare -n), it builds N established loopback TCP
 * connections (2N sockets) spread over many source addresses and a few
 * listener ports, plus listeners, UDP and unix sockets, connections with
 * unread data in their receive queues, connections whose send queue is full,
 * and half-closed pairs (CLOSE-WAIT / FIN-WAIT-2).  The connections are held
 * by worker processes (at least P, more when the per-process fd limit asks
 * for it).  It prints "ready S sockets" when all is built, then waits for its
 * stdin to close, a signal or its lifetime to end, and kills its workers.
 * A benchmark tool, not part of sstop: messages are not translated.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Bounds, so that a typo cannot exhaust the machine. */
#define GEN_MAX_CONNS 1000000L
#define GEN_MAX_PROCS 2000
#define GEN_MAX_PORTS 64
#define GEN_MAX_EXTRA 5000L
/* fds a worker keeps for itself besides its sockets (stdio, pipes). */
#define GEN_FD_RESERVE 64
/* Connections per batch: at most this many wait in an accept queue per
 * worker, well below somaxconn (4096), so no SYN is ever dropped. */
#define GEN_BATCH 64
/* Workers building at the same time (the machine has 2 cores). */
#define GEN_JOBS 2
/* A connect or accept that takes longer than this is a failure, not a hang. */
#define GEN_IO_TIMEOUT_S 10

struct gen_opts {
	long conns;     /* established connections */
	long halfclosed; /* extra pairs left in CLOSE-WAIT / FIN-WAIT-2 */
	int procs;      /* at least this many worker processes */
	int port_base;  /* first listener port: the "narrow" port (1%) */
	int nports;     /* listener ports the connections use */
	long lifetime;  /* seconds before giving up waiting, 0 = forever */
	long timeout;   /* seconds allowed to build everything */
	int quiet;
};

/* The share of connections [lo, hi) one worker builds. */
struct gen_share {
	long lo, hi;
};

/* What a worker reports to the parent when its share is built. */
struct gen_report {
	int err; /* 0 or a positive errno */
	int step; /* index into gen_steps: what failed */
	long sockets;
};

static const char *const gen_steps[] = {
	[0] = "ok",         [1] = "socket",   [2] = "bind",
	[3] = "connect",    [4] = "accept",   [5] = "write",
	[6] = "shutdown",   [7] = "setsockopt",
};

static void die(const char *what)
{
	fprintf(stderr, "sstop-gen: %s: %s\n", what, strerror(errno));
	exit(1);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The inode number the kernel gives the initial network namespace
 * (PROC_NET_INIT_INO), for when /proc/1 cannot be read (containers). */
#define GEN_INIT_NET_INO 0xEFFFFFF9u

/* Refuse to run in the init namespace: the generator floods loopback with
 * sockets and would pollute the host's own view (and its ss). */
static int in_private_netns(void)
{
	struct stat self, init;

	if (stat("/proc/self/ns/net", &self) < 0)
		return -errno;
	if (stat("/proc/1/ns/net", &init) < 0)
		return self.st_ino != GEN_INIT_NET_INO;
	return self.st_ino != init.st_ino || self.st_dev != init.st_dev;
}

static int lo_up(void)
{
	struct ifreq ifr;
	int fd, ret = 0;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		ret = -errno;
	} else if (!(ifr.ifr_flags & IFF_UP)) {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			ret = -errno;
	}
	close(fd);
	return ret;
}

static void sin_set(struct sockaddr_in *sin, uint32_t addr, int port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(addr);
	sin->sin_port = htons(port);
}

/* Listener port index of connection j: 1% on the narrow port (index 0), the
 * rest spread evenly over the others. */
static int conn_port(const struct gen_opts *o, long j)
{
	if (j % 100 == 0 || o->nports == 1)
		return 0;
	return 1 + (int)(j % (o->nports - 1));
}

/* Source address of connection j: 127.1.x.y, 1000 connections per address,
 * so 4-tuples never run out (28k ephemeral ports per address and port). */
static uint32_t conn_src(long j)
{
	long k = j / 1000;

	return (127u << 24) | (1u << 16) | (uint32_t)(k / 250) << 8 |
	       (uint32_t)(k % 250 + 1);
}

/* Varied sizes of unread data, from one byte to most of a window. */
static size_t data_size(long j)
{
	static const size_t sizes[] = {1, 17, 100, 536, 1000, 4096, 9000, 30000};

	return sizes[(j / 20) % (sizeof(sizes) / sizeof(sizes[0]))];
}

static int write_pattern(int fd, size_t len)
{
	char buf[4096];

	memset(buf, 'x', sizeof(buf));
	while (len > 0) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);
		ssize_t w = write(fd, buf, n);

		if (w < 0)
			return -errno;
		len -= (size_t)w;
	}
	return 0;
}

/* Fill the send queue: the peer never reads, so once its receive buffer is
 * full the data stays in ours.  A small send buffer bounds the memory. */
static int fill_sendq(int fd)
{
	static const char buf[4096];
	int sz = 131072;

	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz)) < 0)
		return -errno;
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		return -errno;
	for (int i = 0; i < 100000; i++) {
		if (write(fd, buf, sizeof(buf)) < 0)
			return errno == EAGAIN ? 0 : -errno;
	}
	return 0;
}

/* One client: bound to its source address (port chosen at connect time, by
 * 4-tuple), connected, then given its role by its index. */
static int client_one(const struct gen_opts *o, long j, int *step)
{
	struct timeval tv = {.tv_sec = GEN_IO_TIMEOUT_S};
	struct sockaddr_in sin;
	int one = 1, fd, ret;

	*step = 1;
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -errno;
	*step = 7;
	if (setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one,
		       sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
		goto fail;
	*step = 2;
	sin_set(&sin, conn_src(j), 0);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		goto fail;
	*step = 3;
	sin_set(&sin, INADDR_LOOPBACK, o->port_base + conn_port(o, j));
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		goto fail;
	*step = 5;
	ret = 0;
	if (j >= o->conns) {
		*step = 6;
		if (shutdown(fd, SHUT_WR) < 0)
			goto fail;
	} else if (j % 1000 == 3) {
		ret = fill_sendq(fd);
	} else if (j % 20 == 1) {
		ret = write_pattern(fd, data_size(j));
	}
	if (ret < 0) {
		errno = -ret;
		goto fail;
	}
	return fd;
fail:
	ret = -errno;
	close(fd);
	return ret;
}

/* Accept one connection; some servers answer with unread data of their own
 * (chosen by the peer's port, since with shared listeners the accepting
 * worker does not know which client it got). */
static int server_one(int lfd, int *step)
{
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	int fd, ret;

	*step = 4;
	fd = accept(lfd, (struct sockaddr *)&peer, &len);
	if (fd < 0)
		return -errno;
	if (ntohs(peer.sin_port) % 20 == 2) {
		*step = 5;
		ret = write_pattern(fd, data_size(ntohs(peer.sin_port)));
		if (ret < 0) {
			close(fd);
			return ret;
		}
	}
	return fd;
}

/* A worker builds its share in batches: connect a batch, then accept as many
 * from each port's listener.  Listeners are shared with the other workers,
 * so it may accept their clients; counts still balance port by port, so
 * nobody waits forever.  Returns the sockets built, or a negative errno. */
static long worker_build(const struct gen_opts *o, const int *lfds,
			 struct gen_share sh, int *step)
{
	int pending[GEN_MAX_PORTS];

	for (long j = sh.lo; j < sh.hi;) {
		long end = j + GEN_BATCH < sh.hi ? j + GEN_BATCH : sh.hi;

		memset(pending, 0, sizeof(pending));
		for (; j < end; j++) {
			int fd = client_one(o, j, step);

			if (fd < 0)
				return fd;
			pending[conn_port(o, j)]++;
		}
		for (int p = 0; p < o->nports; p++) {
			for (; pending[p] > 0; pending[p]--) {
				int fd = server_one(lfds[p], step);

				if (fd < 0)
					return fd;
			}
		}
	}
	return 2 * (sh.hi - sh.lo);
}

/* Worker process body: build, report, then hold the sockets until the parent
 * goes away (EOF on hold) or kills us. */
static void worker_main(const struct gen_opts *o, const int *lfds,
			struct gen_share sh, int report_fd, int hold_fd)
{
	struct gen_report r = {0};
	char c;
	long n;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(1);
	prctl(PR_SET_NAME, "sstop-gen-w");
	n = worker_build(o, lfds, sh, &r.step);
	/* The listeners stay in the parent: one owner each, as most servers. */
	for (int p = 0; p < o->nports; p++)
		close(lfds[p]);
	if (n < 0)
		r.err = (int)-n;
	else
		r.sockets = n, r.step = 0;
	if (write(report_fd, &r, sizeof(r)) != sizeof(r))
		_exit(1);
	while (read(hold_fd, &c, 1) < 0 && errno == EINTR)
		;
	_exit(0);
}

static int listen_on(int family, int port, int type)
{
	struct timeval tv = {.tv_sec = GEN_IO_TIMEOUT_S};
	struct sockaddr_storage ss;
	socklen_t len;
	int one = 1, fd;

	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		s6->sin6_port = htons(port);
		len = sizeof(*s6);
	} else {
		sin_set((struct sockaddr_in *)&ss, INADDR_LOOPBACK, port);
		len = sizeof(struct sockaddr_in);
	}
	fd = socket(family, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		die("bind listener");
	if (type == SOCK_STREAM && listen(fd, 4096) < 0)
		die("listen");
	return fd;
}

/* The small fry, held by the parent: extra listeners (v4 and v6), UDP
 * sockets (half of them connected), unix stream pairs and a listener with a
 * few clients.  Returns the number of sockets. */
static long build_extras(const struct gen_opts *o)
{
	long n = o->conns / 100, count = 0;
	struct sockaddr_un sun;
	int ufd;

	if (n < 4)
		n = 4;
	if (n > GEN_MAX_EXTRA)
		n = GEN_MAX_EXTRA;
	for (int i = 0; i < 4; i++) {
		listen_on(AF_INET, o->port_base + GEN_MAX_PORTS + i,
			  SOCK_STREAM);
		listen_on(AF_INET6, o->port_base + GEN_MAX_PORTS + i,
			  SOCK_STREAM);
		count += 2;
	}
	for (long i = 0; i < n; i += 2) {
		int a = listen_on(AF_INET, 0, SOCK_DGRAM);
		int b = listen_on(AF_INET, 0, SOCK_DGRAM);
		struct sockaddr_in sin;
		socklen_t len = sizeof(sin);

		if (getsockname(b, (struct sockaddr *)&sin, &len) < 0 ||
		    connect(a, (struct sockaddr *)&sin, len) < 0)
			die("udp connect");
		count += 2;
	}
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path + 1, sizeof(sun.sun_path) - 1, "sstop-gen-%d",
		 (int)getpid());
	ufd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ufd < 0 ||
	    bind(ufd, (struct sockaddr *)&sun,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 +
			     strlen(sun.sun_path + 1))) < 0 ||
	    listen(ufd, 64) < 0)
		die("unix listener");
	count++;
	for (long i = 0; i < n; i += 2) {
		int sv[2];

		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
			die("socketpair");
		if (i % 10 == 0 && write_pattern(sv[0], 100 + i) < 0)
			die("unix write");
		count += 2;
	}
	return count;
}

static void usage(FILE *f)
{
	fputs("Usage: sstop-gen [-n CONNS] [-P PROCS] [--port-base PORT]\n"
	      "                 [--ports K] [--lifetime SECS] [--timeout SECS]"
	      " [-q]\n"
	      "Run inside unshare -n.  Prints \"ready S sockets\" once built,\n"
	      "then holds them until stdin closes or SIGTERM.\n"
	      "  -n, --conns N      established TCP connections (default 1000)\n"
	      "  -P, --procs P      at least P holding processes (default 1)\n"
	      "      --port-base B  first listener port, the 1% one (5000)\n"
	      "      --ports K      listener ports used (default 8)\n"
	      "      --lifetime S   exit after S seconds anyway (3600, 0 = never)\n"
	      "      --timeout S    fail if building takes longer (600)\n"
	      "  -q, --quiet        no statistics on stderr\n",
	      f);
}

static long num_arg(const char *s, long lo, long hi, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < lo || v > hi) {
		fprintf(stderr, "sstop-gen: bad %s '%s' (%ld..%ld)\n", what, s,
			lo, hi);
		exit(2);
	}
	return v;
}

static void parse(int argc, char **argv, struct gen_opts *o)
{
	static const struct option longs[] = {
		{"conns", required_argument, NULL, 'n'},
		{"procs", required_argument, NULL, 'P'},
		{"port-base", required_argument, NULL, 'b'},
		{"ports", required_argument, NULL, 'k'},
		{"lifetime", required_argument, NULL, 'l'},
		{"timeout", required_argument, NULL, 't'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct gen_opts){.conns = 1000, .procs = 1, .port_base = 5000,
			       .nports = 8, .lifetime = 3600, .timeout = 600};
	while ((c = getopt_long(argc, argv, "n:P:qh", longs, NULL)) != -1) {
		switch (c) {
		case 'n':
			o->conns = num_arg(optarg, 1, GEN_MAX_CONNS, "count");
			break;
		case 'P':
			o->procs = (int)num_arg(optarg, 1, GEN_MAX_PROCS, "procs");
			break;
		case 'b':
			o->port_base = (int)num_arg(optarg, 1024, 60000, "port");
			break;
		case 'k':
			o->nports = (int)num_arg(optarg, 1, GEN_MAX_PORTS, "ports");
			break;
		case 'l':
			o->lifetime = num_arg(optarg, 0, 86400, "lifetime");
			break;
		case 't':
			o->timeout = num_arg(optarg, 1, 86400, "timeout");
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(2);
		}
	}
	if (optind != argc) {
		usage(stderr);
		exit(2);
	}
	o->halfclosed = o->conns / 100 > 0 ? o->conns / 100 : 1;
}

/* The parent's state while workers build. */
struct gen_run {
	pid_t *pids;
	int nworkers;
	int report[2]; /* workers -> parent */
	int hold[2];   /* parent keeps the write end; EOF releases workers */
};

static void kill_workers(struct gen_run *run)
{
	for (int i = 0; i < run->nworkers; i++)
		if (run->pids[i] > 0)
			kill(run->pids[i], SIGKILL);
	for (int i = 0; i < run->nworkers; i++)
		if (run->pids[i] > 0)
			waitpid(run->pids[i], NULL, 0);
}

/* Wait for one report; fails on a worker error, a signal or the timeout. */
static long wait_report(struct gen_run *run, int sfd, double deadline)
{
	struct pollfd pf[2] = {{.fd = run->report[0], .events = POLLIN},
			       {.fd = sfd, .events = POLLIN}};
	struct gen_report r;
	int left = (int)((deadline - now_s()) * 1000);

	if (left <= 0 || poll(pf, 2, left) <= 0) {
		fprintf(stderr, "sstop-gen: building timed out\n");
		return -1;
	}
	if (!(pf[0].revents & POLLIN)) {
		fprintf(stderr, "sstop-gen: interrupted while building\n");
		return -1;
	}
	if (read(run->report[0], &r, sizeof(r)) != sizeof(r))
		return -1;
	if (r.err) {
		fprintf(stderr, "sstop-gen: worker failed at %s: %s\n",
			gen_steps[r.step], strerror(r.err));
		return -1;
	}
	return r.sockets;
}

int main(int argc, char **argv)
{
	struct gen_opts o;
	struct gen_run run;
	struct rlimit rl;
	int lfds[GEN_MAX_PORTS];
	long pairs, cap, sockets = 0, per, extra, n;
	double t0, deadline;
	sigset_t sigs;
	int sfd, ret, started = 0, done = 0;

	parse(argc, argv, &o);
	ret = in_private_netns();
	if (ret <= 0) {
		fprintf(stderr, "sstop-gen: %s\n",
			ret < 0 ? strerror(-ret)
				: "refusing to run in the init network "
				  "namespace (use unshare -n)");
		return 2;
	}
	ret = lo_up();
	if (ret < 0) {
		errno = -ret;
		die("bringing lo up");
	}
	/* Each process may hold at most its hard limit of files: raise the
	 * soft one to it, and take as many workers as that requires. */
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("getrlimit");
	rl.rlim_cur = rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("setrlimit");
	pairs = o.conns + o.halfclosed;
	cap = ((long)rl.rlim_cur - GEN_FD_RESERVE - o.nports) / 2;
	if (cap < GEN_BATCH) {
		fprintf(stderr, "sstop-gen: fd limit too low\n");
		return 1;
	}
	run.nworkers = o.procs;
	if ((pairs + cap - 1) / cap > run.nworkers)
		run.nworkers = (int)((pairs + cap - 1) / cap);
	if (run.nworkers > pairs)
		run.nworkers = (int)pairs;
	run.pids = calloc((size_t)run.nworkers, sizeof(*run.pids));
	if (!run.pids)
		die("calloc");

	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sfd = signalfd(-1, &sigs, SFD_CLOEXEC);
	if (sfd < 0)
		die("signalfd");
	signal(SIGPIPE, SIG_IGN);
	if (pipe2(run.report, O_CLOEXEC) < 0 || pipe2(run.hold, O_CLOEXEC) < 0)
		die("pipe");
	for (int p = 0; p < o.nports; p++)
		lfds[p] = listen_on(AF_INET, o.port_base + p, SOCK_STREAM);

	t0 = now_s();
	deadline = t0 + (double)o.timeout;
	per = pairs / run.nworkers;
	extra = pairs % run.nworkers;
	while (done < run.nworkers) {
		while (started < run.nworkers && started - done < GEN_JOBS) {
			long i = started;
			struct gen_share sh = {
				.lo = i * per + (i < extra ? i : extra),
			};
			pid_t pid;

			sh.hi = sh.lo + per + (i < extra ? 1 : 0);
			pid = fork();
			if (pid < 0) {
				kill_workers(&run);
				die("fork");
			}
			if (pid == 0) {
				sigprocmask(SIG_UNBLOCK, &sigs, NULL);
				close(run.hold[1]);
				worker_main(&o, lfds, sh, run.report[1],
					    run.hold[0]);
			}
			run.pids[started++] = pid;
		}
		n = wait_report(&run, sfd, deadline);
		if (n < 0) {
			kill_workers(&run);
			return 1;
		}
		sockets += n;
		done++;
	}
	sockets += o.nports + build_extras(&o);
	if (!o.quiet)
		fprintf(stderr,
			"sstop-gen: %ld connections + %ld half-closed in %d "
			"processes, built in %.2f s\n",
			o.conns, o.halfclosed, run.nworkers, now_s() - t0);
	printf("ready %ld sockets\n", sockets);
	fflush(stdout);

	/* Hold until stdin closes, a signal or the end of our lifetime. */
	deadline = now_s() + (double)o.lifetime;
	for (;;) {
		struct pollfd pf[2] = {{.fd = 0, .events = POLLIN},
				       {.fd = sfd, .events = POLLIN}};
		int tmo = o.lifetime ? (int)((deadline - now_s()) * 1000) : -1;
		char buf[256];

		if (o.lifetime && tmo <= 0)
			break;
		ret = poll(pf, 2, tmo);
		if (ret <= 0 && !(ret < 0 && errno == EINTR))
			break;
		if (pf[1].revents)
			break;
		if (pf[0].revents && read(0, buf, sizeof(buf)) <= 0)
			break;
	}
	kill_workers(&run);
	free(run.pids);
	return 0;
}
