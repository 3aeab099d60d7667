/*
 * kill_peer.c: test helper for kill_batch.sh.  Makes sockets in the current
 * network namespace, says "ready", then reports how each one ends.
 *
 *   kill_peer tcp PORT N   listens on 127.0.0.1:PORT, connects N clients;
 *                          prints "server reset" when an accepted socket
 *                          gets ECONNRESET (its peer was destroyed),
 *                          "client aborted" when a client gets ECONNABORTED
 *                          (it was destroyed), "... eof" on a clean end.
 *   kill_peer udp PORT     a connected, autobound UDP socket to
 *                          127.0.0.1:PORT; "udp aborted" when destroyed.
 *   kill_peer unix PATH    a listening unix socket at PATH, held until
 *                          the helper is killed.
 *
 * Exits when every socket has ended, or after 300 seconds (alarm), so a
 * failed test never leaves it behind.  (20 s were
 * too few: on a loaded machine caps_setcap.sh's dump saw its connection
 * and the owners' pass then found no process.)
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CONN 64

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Reports how fd ended ("NAME reset|aborted|eof|error"), or 0 if no end. */
static int report(int fd, const char *name)
{
	char c;
	ssize_t n = recv(fd, &c, 1, MSG_DONTWAIT);

	if (n > 0 || (n < 0 && (errno == EAGAIN || errno == EINTR)))
		return 0;
	if (n == 0)
		printf("%s eof\n", name);
	else if (errno == ECONNRESET)
		printf("%s reset\n", name);
	else if (errno == ECONNABORTED)
		printf("%s aborted\n", name);
	else
		printf("%s error %s\n", name, strerror(errno));
	fflush(stdout);
	return 1;
}

static void watch(struct pollfd *p, const char **names, int n)
{
	int left = n;

	while (left > 0) {
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		for (int i = 0; i < n; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			if (report(p[i].fd, names[i])) {
				close(p[i].fd);
				p[i].fd = -1;
				left--;
			}
		}
	}
}

static int tcp(int port, int n)
{
	struct sockaddr_in a = loopback(port);
	struct pollfd p[2 * MAX_CONN];
	const char *names[2 * MAX_CONN];
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);

	if (n < 1 || n > MAX_CONN)
		return 2;
	if (l < 0)
		die("socket");
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, n) < 0)
		die("bind/listen");
	for (int i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
			die("connect");
		p[2 * i] = (struct pollfd){.fd = c, .events = POLLIN};
		names[2 * i] = "client";
		p[2 * i + 1].fd = accept(l, NULL, NULL);
		if (p[2 * i + 1].fd < 0)
			die("accept");
		p[2 * i + 1].events = POLLIN;
		names[2 * i + 1] = "server";
	}
	close(l); /* only the connections stay */
	printf("ready\n");
	fflush(stdout);
	watch(p, names, 2 * n);
	return 0;
}

static int udp(int port)
{
	struct sockaddr_in a = loopback(port);
	struct pollfd p;
	const char *name = "udp";
	int u = socket(AF_INET, SOCK_DGRAM, 0);

	if (u < 0 || connect(u, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("udp connect");
	printf("ready\n");
	fflush(stdout);
	p = (struct pollfd){.fd = u, .events = POLLIN};
	watch(&p, &name, 1);
	return 0;
}

static int unix_listen(const char *path)
{
	struct sockaddr_un a;
	int u = socket(AF_UNIX, SOCK_STREAM, 0);

	memset(&a, 0, sizeof(a));
	a.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(a.sun_path))
		return 2;
	memcpy(a.sun_path, path, strlen(path));
	if (u < 0 || bind(u, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(u, 1) < 0)
		die("unix listen");
	printf("ready\n");
	fflush(stdout);
	pause();
	return 0;
}

int main(int argc, char **argv)
{
	alarm(300);
	if (argc == 4 && !strcmp(argv[1], "tcp"))
		return tcp(atoi(argv[2]), atoi(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "udp"))
		return udp(atoi(argv[2]));
	if (argc == 3 && !strcmp(argv[1], "unix"))
		return unix_listen(argv[2]);
	fprintf(stderr, "usage: kill_peer tcp PORT N | udp PORT | unix PATH\n");
	return 2;
}
