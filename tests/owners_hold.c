/*
 * owners_hold.c: holds a known set of sockets for owners_ss.sh, shared the
 * ways real programs share them: a TCP listener, both ends of a connection
 * (the accepted one dup()ed), UDP, unix stream and datagram pairs; then
 * fork()s so the child shares them all, closes one, opens its own; the
 * parent runs a second thread.  `owners_hold N` also makes the parent
 * hold N more unix socket pairs (2N fds: a table large enough to be read
 * in slices and shared between threads).  Prints "ready PID" per process
 * on stdout and sleeps until killed (both die with SIGTERM to the group).
 * Run it in a private network namespace.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static int must(int r, const char *what)
{
	if (r < 0) {
		perror(what);
		exit(1);
	}
	return r;
}

static void *idle(void *arg)
{
	(void)arg;
	prctl(PR_SET_NAME, "hold-thread");
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	int extra = argc > 1 ? atoi(argv[1]) : 0;
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t alen = sizeof(a);
	int lst, cli, acc, udp, sp[2], dp[2], own;
	pthread_t th;
	pid_t pid, parent;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	lst = must(socket(AF_INET, SOCK_STREAM, 0), "socket");
	must(bind(lst, (struct sockaddr *)&a, sizeof(a)), "bind");
	must(listen(lst, 8), "listen");
	must(getsockname(lst, (struct sockaddr *)&a, &alen), "getsockname");
	cli = must(socket(AF_INET, SOCK_STREAM, 0), "socket");
	must(connect(cli, (struct sockaddr *)&a, sizeof(a)), "connect");
	acc = must(accept(lst, NULL, NULL), "accept");
	must(dup(acc), "dup");
	udp = must(socket(AF_INET, SOCK_DGRAM, 0), "socket");
	a.sin_port = 0;
	must(bind(udp, (struct sockaddr *)&a, sizeof(a)), "bind");
	must(socketpair(AF_UNIX, SOCK_STREAM, 0, sp), "socketpair");
	must(socketpair(AF_UNIX, SOCK_DGRAM, 0, dp), "socketpair");

	parent = getpid();
	pid = must(fork(), "fork");
	if (pid == 0) {
		prctl(PR_SET_NAME, "hold child");
		/* never outlive the parent (a test killed by its timeout
		   signals only the parent) */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		close(cli);
		own = must(socket(AF_INET, SOCK_DGRAM, 0), "socket");
		must(bind(own, (struct sockaddr *)&a, sizeof(a)), "bind");
		must(dup2(sp[1], 40), "dup2");
	} else {
		prctl(PR_SET_NAME, "hold-parent");
		must(-pthread_create(&th, NULL, idle, NULL), "pthread_create");
		if (extra > 0) {
			struct rlimit rl;

			must(getrlimit(RLIMIT_NOFILE, &rl), "getrlimit");
			if (rl.rlim_cur < (rlim_t)extra * 2 + 64) {
				rl.rlim_cur = (rlim_t)extra * 2 + 64;
				must(setrlimit(RLIMIT_NOFILE, &rl),
				     "setrlimit");
			}
		}
		for (int i = 0; i < extra; i++)
			must(socketpair(AF_UNIX, SOCK_STREAM, 0, sp),
			     "socketpair");
	}
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	for (;;)
		pause();
}
