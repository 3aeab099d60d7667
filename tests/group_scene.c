/*
 * group_scene.c: real TCP sockets for the grouping views' tests.
 * `group_scene PORT [SRC SIZE | -p SRC]...` listens on 127.0.0.1:PORT
 * (backlog 8); for each `SRC SIZE` a client bound to address SRC connects,
 * is accepted and sends SIZE bytes the server never reads (the accepted
 * socket's Recv-Q, peer SRC); each `-p SRC` connects from SRC and is never
 * accepted (it waits in the accept queue).  Prints "ready" and waits to be
 * killed (or for stdin to close).
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what)
{
	perror(what);
	return 1;
}

/* A client bound to src, connected to a. */
static int client(const char *src, const struct sockaddr_in *a)
{
	struct sockaddr_in b = {.sin_family = AF_INET};
	int c = socket(AF_INET, SOCK_STREAM, 0);

	if (c < 0 || inet_pton(AF_INET, src, &b.sin_addr) != 1 ||
	    bind(c, (struct sockaddr *)&b, sizeof(b)) ||
	    connect(c, (const struct sockaddr *)a, sizeof(*a)))
		return -1;
	return c;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	static char buf[1 << 16];
	int l, one = 1;

	if (argc < 2)
		return 2;
	a.sin_port = htons((uint16_t)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 ||
	    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 8))
		return fail("listen");
	memset(buf, 'x', sizeof(buf));
	for (int i = 2; i + 1 < argc; i += 2) {
		int pending = !strcmp(argv[i], "-p");
		size_t size = pending ? 0 : (size_t)atol(argv[i + 1]);
		int c = client(pending ? argv[i + 1] : argv[i], &a), s;

		if (c < 0)
			return fail("connect");
		if (pending)
			continue;
		s = accept(l, NULL, NULL);
		if (s < 0)
			return fail("accept");
		if (size > sizeof(buf) ||
		    (size && write(c, buf, size) != (ssize_t)size))
			return fail("write");
	}
	printf("ready\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	pause();
	return 0;
}
