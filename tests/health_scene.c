/*
 * health_scene.c: a scene with one socket for each health code, for the
 * health tests (tests/health.sh), in the caller's (private) namespace, on
 * 127.0.0.1 only:
 *
 *   7101  zero-window: a client writes to a server that never reads until
 *         both buffers are full (the client's peer window is zero);
 *   7102  accept-queue-full: a listener with backlog 2 and 6 connects
 *         nobody accepts;
 *   7103  close-wait: a child process named "cw-leak" accepts 5
 *         connections whose clients then shut their sending side; it
 *         never closes them (CLOSE-WAIT);
 *   7104  rcvbuf-full: a UDP socket nobody reads, a small receive buffer,
 *         100 datagrams at once (it is full), then 20 every 100 ms;
 *   7105  healthy: a listener and one established pair that exchanged a
 *         few bytes, both read.
 *
 * Prints "ready" once everything is in place, then floods the UDP socket
 * until killed (the child dies with it).
 */
#include "config.h"

#include "scene_lib.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

/* 7101: writes until the client's send buffer is full too. */
static void zero_window(void)
{
	static char buf[65536];
	/* a small receive buffer fills fast (set before the handshake) */
	int l = scene_listen(7101, 8, 4096), c, s;

	c = scene_connect(7101, NULL, 0);
	s = accept(l, NULL, NULL);
	if (s < 0)
		scene_die("accept");
	fcntl(c, F_SETFL, O_NONBLOCK);
	memset(buf, 'z', sizeof(buf));
	/* full when a write has found no room for a while */
	for (int idle = 0; idle < 20;) {
		if (write(c, buf, sizeof(buf)) > 0) {
			idle = 0;
			continue;
		}
		if (errno != EAGAIN)
			scene_die("write");
		idle++;
		usleep(20000);
	}
}

/* 7102: 6 connects to a backlog of 2, never accepted. */
static void accept_queue(void)
{
	scene_listen(7102, 2, 0);
	for (int i = 0; i < 6; i++)
		scene_connect(7102, NULL, 1);
}

/* 7103: the leaking child; returns its pid. */
static pid_t close_wait(void)
{
	int l = scene_listen(7103, 8, 0), p[2], c[5];
	char b;
	pid_t pid;

	if (pipe(p))
		scene_die("pipe");
	pid = fork();
	if (pid < 0)
		scene_die("fork");
	if (pid == 0) {
		int s[5];

		prctl(PR_SET_NAME, "cw-leak");
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		for (int i = 0; i < 5; i++)
			if ((s[i] = accept(l, NULL, NULL)) < 0)
				scene_die("accept");
		if (write(p[1], "", 1) != 1)
			scene_die("pipe");
		for (;;)
			pause(); /* never closes s[] */
	}
	close(l);
	for (int i = 0; i < 5; i++)
		c[i] = scene_connect(7103, NULL, 0);
	if (read(p[0], &b, 1) != 1)
		scene_die("child");
	for (int i = 0; i < 5; i++)
		shutdown(c[i], SHUT_WR);
	return pid;
}

/* 7104: the UDP socket nobody reads; returns the sender. */
static int udp_scene(void)
{
	struct sockaddr_in a = scene_addr(7104);
	/* the kernel doubles it: 32K, many datagrams, so that when full it
	 * is full to the last one (more than 90%) */
	int small = 16384;
	int r = socket(AF_INET, SOCK_DGRAM, 0),
	    w = socket(AF_INET, SOCK_DGRAM, 0);

	if (r < 0 || w < 0 ||
	    setsockopt(r, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small)) ||
	    bind(r, (struct sockaddr *)&a, sizeof(a)) ||
	    connect(w, (struct sockaddr *)&a, sizeof(a)))
		scene_die("udp");
	return w;
}

/* 7105: a healthy listener and pair. */
static void healthy(void)
{
	char b[8];
	int l = scene_listen(7105, 8, 0), c = scene_connect(7105, NULL, 0), s;

	s = accept(l, NULL, NULL);
	if (s < 0 || write(c, "hello", 5) != 5 || read(s, b, 5) != 5 ||
	    write(s, "hi", 2) != 2 || read(c, b, 2) != 2)
		scene_die("healthy");
}

int main(void)
{
	char buf[512];
	int w;

	close_wait(); /* first: the child holds only its own sockets */
	zero_window();
	accept_queue();
	w = udp_scene();
	healthy();
	memset(buf, 'u', sizeof(buf));
	for (int i = 0; i < 100; i++)
		send(w, buf, sizeof(buf), MSG_DONTWAIT);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		usleep(100000);
		for (int i = 0; i < 20; i++)
			send(w, buf, sizeof(buf), MSG_DONTWAIT);
	}
}
