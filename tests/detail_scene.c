/*
 * detail_scene.c: sockets for the detail pane's test (tests/ui_detail.sh),
 * in the caller's (private) namespace, on 127.0.0.1:
 *
 *   7301  a quiet connection: the client sent 100 bytes the server never
 *         reads, then nothing moves (its tcp_info stays as it is);
 *   7302  a zero window: the server's receive buffer is small and never
 *         read, the client writes until its own send buffer is full (its
 *         peer's window is zero, it is limited by it);
 *   7303  a listener with backlog 5 and 2 connections nobody accepts;
 *   DIR/NAME  a unix stream listener bound to a long path and a client
 *         connected to it (NAME: the second argument).
 *
 * `detail_scene DIR NAME [WORDS...]`: the words only make the command line
 * long.  Prints "ready" once everything is in place, then waits to be
 * killed (or for stdin to close).
 */
#include "config.h"

#include "scene_lib.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	int l, c, ul, uc;

	if (argc < 3 ||
	    (size_t)snprintf(un.sun_path, sizeof(un.sun_path), "%s/%s", argv[1],
			     argv[2]) >= sizeof(un.sun_path)) {
		fprintf(stderr, "usage: detail_scene DIR NAME [WORDS...]\n");
		return 2;
	}
	memset(buf, 'x', sizeof(buf));

	/* 7301: 100 bytes nobody reads */
	l = scene_listen(7301, 5, 0);
	c = scene_connect(7301, NULL, 0);
	if (accept(l, NULL, NULL) < 0 || write(c, buf, 100) != 100)
		scene_die("7301");

	/* 7302: write until the peer's window and our buffer are full */
	l = scene_listen(7302, 5, 4096);
	c = scene_connect(7302, NULL, 0);
	if (accept(l, NULL, NULL) < 0 ||
	    fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK))
		scene_die("7302");
	for (;;) {
		ssize_t n = write(c, buf, sizeof(buf));

		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0)
			scene_die("write 7302");
	}

	/* 7303: two connections wait in the accept queue */
	scene_listen(7303, 5, 0);
	scene_connect(7303, NULL, 0);
	scene_connect(7303, NULL, 0);

	ul = socket(AF_UNIX, SOCK_STREAM, 0);
	uc = socket(AF_UNIX, SOCK_STREAM, 0);
	unlink(un.sun_path);
	if (ul < 0 || uc < 0 || bind(ul, (struct sockaddr *)&un, sizeof(un)) ||
	    listen(ul, 5) || connect(uc, (struct sockaddr *)&un, sizeof(un)) ||
	    accept(ul, NULL, NULL) < 0)
		scene_die("unix");

	scene_ready_wait();
}
