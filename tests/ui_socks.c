/*
 * ui_socks.c: real sockets for the screen's tests.  `ui_socks PORT SIZE...`
 * listens on 127.0.0.1:PORT and, for each SIZE, connects a client that
 * sends SIZE bytes the server side never reads, so that connection's
 * accepted socket shows Recv-Q = SIZE.  Prints "ready" and waits to be
 * killed (or for stdin to close).
 */
#include "config.h"

#include "scene_lib.h"

#include <stdlib.h>

int main(int argc, char **argv)
{
	int l, port;

	if (argc < 2)
		return 2;
	port = atoi(argv[1]);
	l = scene_listen(port, 64, 0);
	for (int i = 2; i < argc; i++) {
		size_t size = (size_t)atol(argv[i]);
		int c = scene_connect(port, NULL, 0);

		scene_accept_send(l, c, size);
	}
	/* stay until killed, or until whoever started us goes away */
	scene_ready_wait();
}
