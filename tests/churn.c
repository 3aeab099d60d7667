/*
 * churn.c: short-lived TCP connections on 127.0.0.1 for the closed-log
 * tests and bench (run it in a private network namespace).
 *
 * churn -s PORT [-N NAME]
 *   server, named "churn-srv" or NAME: accepts, reads each connection to
 *   its end and closes it; prints "ready" once listening, then serves
 *   forever.
 * churn -c PORT [-n N] [-b BYTES] [-r RATE] [-t SECS] [-R] [-H SECS]
 *   client, named "churn-cli": N connections (default 1), or as many as
 *   -t SECS allows, at RATE a second (0: at once); each sends BYTES
 *   (default 0), is held open -H SECS, and closes (-R: with a reset, so
 *   no TIME-WAIT piles up).  Prints "done N SECS FAILED" at the end: N
 *   connections made, FAILED that could not connect within 2 s.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#define MAXC 4096

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct sockaddr_in addr(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port)};

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* One poll loop: the listener and up to MAXC connections being read. */
static int server(int port, const char *name)
{
	static struct pollfd p[MAXC + 1];
	struct sockaddr_in a = addr(port);
	int one = 1, n = 1, ls = socket(AF_INET, SOCK_STREAM, 0);
	char buf[65536];

	prctl(PR_SET_NAME, name);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(ls, 4096) < 0) {
		perror("churn: listen");
		return 1;
	}
	fcntl(ls, F_SETFL, O_NONBLOCK);
	p[0] = (struct pollfd){.fd = ls, .events = POLLIN};
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		if (poll(p, (nfds_t)n, -1) < 0 && errno != EINTR)
			return 1;
		for (int i = n - 1; i >= 1; i--) {
			ssize_t r;

			if (!p[i].revents)
				continue;
			while ((r = read(p[i].fd, buf, sizeof(buf))) > 0)
				;
			if (r < 0 && errno == EAGAIN)
				continue;
			close(p[i].fd);
			p[i] = p[--n];
		}
		if (!(p[0].revents & POLLIN))
			continue;
		while (n <= MAXC) {
			int c = accept4(ls, NULL, NULL, SOCK_NONBLOCK);

			if (c < 0)
				break;
			p[n++] = (struct pollfd){.fd = c, .events = POLLIN};
		}
	}
}

static int one_conn(int port, size_t bytes, int rst, double hold)
{
	static char buf[65536];
	struct sockaddr_in a = addr(port);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	/* a server too slow to answer (a loaded machine) costs 2 s at most */
	struct timeval tv = {.tv_sec = 2};
	size_t done = 0;

	if (s < 0)
		return -1;
	setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(s, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(s);
		return 1; /* counted as failed */
	}
	while (done < bytes) {
		size_t k =
			bytes - done < sizeof(buf) ? bytes - done : sizeof(buf);
		ssize_t w = write(s, buf, k);

		if (w <= 0) {
			perror("churn: write");
			close(s);
			return -1;
		}
		done += (size_t)w;
	}
	if (hold > 0) {
		struct timespec ts = {
			.tv_sec = (time_t)hold,
			.tv_nsec = (long)((hold - (time_t)hold) * 1e9)};

		nanosleep(&ts, NULL);
	}
	if (rst) {
		struct linger l = {.l_onoff = 1, .l_linger = 0};

		setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	}
	close(s);
	return 0;
}

int main(int argc, char **argv)
{
	long n = 1, rate = 0;
	double secs = 0, t0, hold = 0;
	size_t bytes = 0;
	int port = 0, serve = 0, rst = 0, opt;
	const char *name = "churn-srv";
	long i, failed = 0;
	int rc;

	signal(SIGPIPE, SIG_IGN);
	while ((opt = getopt(argc, argv, "s:c:n:b:r:t:RN:H:")) != -1) {
		switch (opt) {
		case 's':
			serve = 1;
			port = atoi(optarg);
			break;
		case 'c':
			port = atoi(optarg);
			break;
		case 'n':
			n = atol(optarg);
			break;
		case 'b':
			bytes = (size_t)atol(optarg);
			break;
		case 'r':
			rate = atol(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 'R':
			rst = 1;
			break;
		case 'N':
			name = optarg;
			break;
		case 'H':
			hold = atof(optarg);
			break;
		default:
			fprintf(stderr, "usage: churn -s PORT | -c PORT [-n N] "
					"[-b BYTES] [-r RATE] [-t SECS] [-R] "
					"[-H SECS]\n");
			return 2;
		}
	}
	if (port <= 0)
		return 2;
	if (serve)
		return server(port, name);
	prctl(PR_SET_NAME, "churn-cli");
	t0 = now();
	for (i = 0; secs > 0 ? now() - t0 < secs : i < n; i++) {
		if (rate > 0) {
			double due = t0 + (double)i / (double)rate,
			       w = due - now();

			if (w > 0) {
				struct timespec ts = {
					.tv_sec = (time_t)w,
					.tv_nsec =
						(long)((w - (time_t)w) * 1e9)};

				nanosleep(&ts, NULL);
			}
		}
		rc = one_conn(port, bytes, rst, hold);
		if (rc < 0)
			return 1;
		failed += rc;
	}
	printf("done %ld %.3f %ld\n", i - failed, now() - t0, failed);
	return 0;
}
