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

#include "scene_lib.h"

#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	int l, port;

	if (argc < 2)
		return 2;
	port = atoi(argv[1]);
	l = scene_listen(port, 8, 0);
	for (int i = 2; i + 1 < argc; i += 2) {
		int pending = !strcmp(argv[i], "-p");
		size_t size = pending ? 0 : (size_t)atol(argv[i + 1]);
		int c = scene_connect(port, pending ? argv[i + 1] : argv[i], 0);

		if (pending)
			continue;
		scene_accept_send(l, c, size);
	}
	scene_ready_wait();
}
