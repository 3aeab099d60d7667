/*
 * ui_socks.c: real sockets for the screen's tests.  `ui_socks PORT SIZE...`
 * listens on 127.0.0.1:PORT and, for each SIZE, connects a client that
 * sends SIZE bytes the server side never reads, so that connection's
 * accepted socket shows Recv-Q = SIZE.  Prints "ready" and waits to be
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

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	static char buf[1 << 20];
	int l, one = 1;

	if (argc < 2)
		return 2;
	a.sin_port = htons((uint16_t)atoi(argv[1]));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
	    bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 64))
		return fail("listen");
	memset(buf, 'x', sizeof(buf));
	for (int i = 2; i < argc; i++) {
		size_t size = (size_t)atol(argv[i]);
		int c = socket(AF_INET, SOCK_STREAM, 0), s;

		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)))
			return fail("connect");
		s = accept(l, NULL, NULL);
		if (s < 0)
			return fail("accept");
		if (size > sizeof(buf) ||
		    (size && write(c, buf, size) != (ssize_t)size))
			return fail("write");
	}
	printf("ready\n");
	fflush(stdout);
	/* stay until killed, or until whoever started us goes away */
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		;
	pause();
	return 0;
}
