/*
 * scene_lib.c: the scene programs' listeners and clients (scene_lib.h).
 */
#include "config.h"

#include "scene_lib.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void scene_die(const char *what)
{
	perror(what);
	exit(1);
}

struct sockaddr_in scene_addr(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET};

	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

int scene_listen(int port, int backlog, int rcvbuf)
{
	struct sockaddr_in a = scene_addr(port);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);

	if (l < 0 ||
	    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    (rcvbuf > 0 &&
	     setsockopt(l, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf))) ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, backlog))
		scene_die("listen");
	return l;
}

int scene_connect(int port, const char *src, int nonblock)
{
	struct sockaddr_in a = scene_addr(port), b = {.sin_family = AF_INET};
	int c = socket(AF_INET, SOCK_STREAM | (nonblock ? SOCK_NONBLOCK : 0),
		       0);

	if (c < 0)
		scene_die("socket");
	if (src && (inet_pton(AF_INET, src, &b.sin_addr) != 1 ||
		    bind(c, (struct sockaddr *)&b, sizeof(b))))
		scene_die("bind");
	if (connect(c, (struct sockaddr *)&a, sizeof(a)) &&
	    !(nonblock && errno == EINPROGRESS))
		scene_die("connect");
	return c;
}

void scene_accept_send(int l, int c, size_t size)
{
	static char buf[1 << 20];

	if (accept(l, NULL, NULL) < 0)
		scene_die("accept");
	memset(buf, 'x', sizeof(buf));
	if (size > sizeof(buf) ||
	    (size && write(c, buf, size) != (ssize_t)size))
		scene_die("write");
}

void scene_ready_wait(void)
{
	char buf[4096];

	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	for (;;)
		pause();
}
