/*
 * unix_names.c: unix stream sockets listening on the paths given as
 * arguments (any bytes, as a hostile user would choose them), for the
 * tests of what reaches a terminal or a JSON reader.  Prints "ready" and
 * waits for SIGTERM or SIGINT; the paths are removed on the way out.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	sigset_t set;
	int sig;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 1; i < argc; i++) {
		struct sockaddr_un a = {.sun_family = AF_UNIX};
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		if (strlen(argv[i]) >= sizeof(a.sun_path)) {
			fprintf(stderr, "unix_names: path too long\n");
			return 1;
		}
		strcpy(a.sun_path, argv[i]);
		if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
		    listen(fd, 1) < 0) {
			perror("unix_names");
			return 1;
		}
	}
	printf("ready\n");
	fflush(stdout);
	sigwait(&set, &sig);
	for (int i = 1; i < argc; i++)
		unlink(argv[i]);
	return 0;
}
