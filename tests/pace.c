/*
 * pace.c: a TCP sender paced by a timer, for the throughput tests.
 *
 *   pace PORT RATE...
 *
 * Listens on 127.0.0.1:PORT, and for each RATE (bytes per second) connects
 * a client that sends RATE/100 bytes every 10 ms (an absolute timerfd, so
 * late ticks catch up and the average is exact) while the accepted end
 * reads everything.  Prints "ready" and, per connection, "conn N CLIENT_PORT"
 * on stdout.  SIGUSR1 stops every sender (the sockets stay open, idle);
 * SIGUSR2 starts them again.  Runs until killed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#define MAXC 8

static volatile sig_atomic_t stopped;

static void on_usr(int sig)
{
	stopped = sig == SIGUSR1;
}

static void die(const char *what)
{
	perror(what);
	exit(99);
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	struct pollfd pf[2 * MAXC + 1];
	static char buf[1 << 16];
	long rate[MAXC];
	int snd[MAXC], rcv[MAXC], n, lfd, tfd, one = 1;
	struct itimerspec it = {.it_interval = {0, 10000000},
				.it_value = {0, 10000000}};
	struct sigaction act = {.sa_handler = on_usr};

	if (argc < 3 || argc - 2 > MAXC) {
		fprintf(stderr, "usage: pace PORT RATE...\n");
		return 2;
	}
	n = argc - 2;
	sigaction(SIGUSR1, &act, NULL);
	sigaction(SIGUSR2, &act, NULL);
	sa.sin_port = htons((uint16_t)atoi(argv[1]));
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (lfd < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) || listen(lfd, MAXC))
		die("listen");
	for (int i = 0; i < n; i++) {
		struct sockaddr_in me;
		socklen_t len = sizeof(me);

		rate[i] = atol(argv[i + 2]);
		snd[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (snd[i] < 0 ||
		    connect(snd[i], (struct sockaddr *)&sa, sizeof(sa)))
			die("connect");
		rcv[i] = accept(lfd, NULL, NULL);
		if (rcv[i] < 0)
			die("accept");
		getsockname(snd[i], (struct sockaddr *)&me, &len);
		fcntl(snd[i], F_SETFL, O_NONBLOCK);
		printf("conn %d %u\n", i, ntohs(me.sin_port));
	}
	tfd = timerfd_create(CLOCK_MONOTONIC, 0);
	if (tfd < 0 || timerfd_settime(tfd, 0, &it, NULL))
		die("timerfd");
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		uint64_t ticks;

		pf[0] = (struct pollfd){.fd = tfd, .events = POLLIN};
		for (int i = 0; i < n; i++)
			pf[1 + i] =
				(struct pollfd){.fd = rcv[i], .events = POLLIN};
		if (poll(pf, (nfds_t)n + 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		for (int i = 0; i < n; i++)
			if (pf[1 + i].revents &&
			    read(rcv[i], buf, sizeof(buf)) <= 0)
				die("read");
		if (!(pf[0].revents & POLLIN) ||
		    read(tfd, &ticks, sizeof(ticks)) != sizeof(ticks))
			continue;
		if (stopped)
			continue;
		for (int i = 0; i < n; i++) {
			/* the bytes of the ticks gone by (a late tick sends
			 * more), in chunks the buffer holds */
			long left = (long)ticks * (rate[i] / 100);

			while (left > 0) {
				long k = left < (long)sizeof(buf)
						 ? left
						 : (long)sizeof(buf);
				ssize_t w = write(snd[i], buf, (size_t)k);

				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					break; /* full: the reader catches up */
				left -= w;
			}
		}
	}
}
