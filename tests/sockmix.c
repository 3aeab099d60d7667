/*
 * sockmix.c: builds a known mix of sockets in the current network namespace
 * (meant for a private one: `unshare -n`, lo up), for tests that compare
 * sstop with ss.
 *
 * Usage: sockmix [-d DIR] [-p] [-r] [-m] [-b] | -e | -s | -L PORT   (DIR for
 * unix paths, default /tmp; -p: ignore stdin, wait for a signal)
 *
 * TCP, IPv4 (127.0.0.1, ports 7000-7099) and IPv6 (::1, 7100-7199), every
 * client bound to a fixed port so the mix is the same on every run:
 *   P+0  LISTEN (IPv6: a second, v6only listener on P+1, [::])
 *   ESTAB pair                       client port P+10
 *   full receive queue / full send queue (the peer never reads): P+11
 *   FIN-WAIT-2 / CLOSE-WAIT (client shut its sending side): P+12
 *   TIME-WAIT (client closed first): P+13
 * UDP: 127.0.0.1:7053 bound, 127.0.0.1:7054 connected to it; [::1]:7153.
 * Unix: DIR/sockmix.sock stream listener with one connection, a dgram
 * socket bound to DIR/sockmix.dgram, an abstract stream listener
 * "@sockmix-abstract", a socketpair with 5 unread bytes, and a listener
 * whose path holds an escape sequence: DIR/esc<ESC>[31m.
 *
 * With -m, the IPv4 listener 127.0.0.1:7000 carries the mark 0x10
 * (SO_MARK, before listen: accepted sockets inherit it).  With -b, one
 * more UDP socket, 127.0.0.1:53 (a service name), is bound to the device lo
 * (SO_BINDTODEVICE).  Both need CAP_NET_ADMIN/CAP_NET_RAW.
 *
 * Prints "ready PID" on stdout when done, then waits until it is killed or
 * its stdin reaches end of file; unix paths are removed on the way out.
 *
 * sockmix -e builds only the sockets of an events test instead: TCP
 * 127.0.0.1:7300 listening, 7310 connected to it and accepted, UDP
 * 127.0.0.1:7353 bound.  After "ready PID" it waits for a line on stdin,
 * closes them all (TCP with a reset: SO_LINGER 0, so they are gone at
 * once), prints "closed" and waits for end of file.
 *
 * sockmix -s builds the situation of iproute2's ssfilter.t instead (lo
 * must hold 10.0.0.1 and 10.0.0.2): TCP 0.0.0.0:22 listening,
 * 10.0.0.1:36266 and 10.0.0.2:50312 connected to 10.0.0.1:22, both
 * accepted, the 10.0.0.2 end then dropped silently (TCP_REPAIR, needs
 * CAP_NET_ADMIN); then "ready PID" and it waits for end of file.
 *
 * sockmix -L PORT builds only a TCP listener on 127.0.0.1:PORT (for a
 * test that starts it in a cgroup of its own), then "ready PID" and it
 * waits as the main mix does.
 *
 * sockmix -r builds the rarer tables instead (needs CAP_NET_RAW): packet
 * sockets SOCK_RAW and SOCK_DGRAM, ETH_P_ALL and ETH_P_IP, bound to lo and
 * unbound, one SOCK_RAW with a 4-instruction classic BPF filter; netlink
 * sockets (NETLINK_ROUTE bound to groups 0x1 and 0x51, NETLINK_GENERIC
 * unbound and bound); raw sockets IPPROTO_ICMP and IPPROTO_RAW on 127.0.0.1
 * and ::1, one ICMPv6 unbound; a unix seqpacket listener DIR/sockmix.seq
 * with one connection; a UDP-Lite socket bound to 127.0.0.1:7453 (ss lists
 * no UDP-Lite); and, when the kernel has MPTCP, an MPTCP listener on
 * 127.0.0.1:7400 with one connection (client port 7410).  Then "ready PID"
 * and it waits for end of file (or a signal with -p).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/netlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static char path_listen[256], path_dgram[256], path_esc[256], path_seq[256];

static void die(const char *what)
{
	fprintf(stderr, "sockmix: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void cleanup(void)
{
	unlink(path_listen);
	unlink(path_dgram);
	unlink(path_esc);
	unlink(path_seq);
}

static void on_signal(int sig)
{
	cleanup();
	signal(sig, SIG_DFL);
	raise(sig);
}

static socklen_t make_addr(struct sockaddr_storage *ss, int fam, int port)
{
	memset(ss, 0, sizeof(*ss));
	if (fam == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		a->sin6_addr = in6addr_loopback;
		return sizeof(*a);
	}
}

static int bound(int fam, int type, int port)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, fam, port);
	int one = 1, fd = socket(fam, type, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		die("bind");
	return fd;
}

static int client(int fam, int cport, int sport)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, fam, sport);
	int fd = bound(fam, SOCK_STREAM, cport);

	if (connect(fd, (struct sockaddr *)&ss, len) < 0)
		die("connect");
	return fd;
}

/* Writes until the kernel refuses: both queues of the pair are full. */
static void fill(int fd)
{
	static char buf[65536];
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	while (write(fd, buf, sizeof(buf)) > 0)
		;
	usleep(100000);
	while (write(fd, buf, sizeof(buf)) > 0)
		;
}

/* -m: the IPv4 listener's mark; -b: a UDP socket bound to lo. */
static void mark_and_dev(int l, int mark, int dev)
{
	static const char lo[] = "lo";
	int v = 0x10, u;

	if (mark && setsockopt(l, SOL_SOCKET, SO_MARK, &v, sizeof(v)) < 0)
		die("SO_MARK");
	if (!dev)
		return;
	u = bound(AF_INET, SOCK_DGRAM, 53);
	if (setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, lo, sizeof(lo)) < 0)
		die("SO_BINDTODEVICE");
}

static void tcp_mix(int fam, int p, int mark)
{
	int l = bound(fam, SOCK_STREAM, p), c, a;

	mark_and_dev(l, mark, 0);
	if (listen(l, 128) < 0)
		die("listen");
	if (fam == AF_INET6) {
		struct sockaddr_in6 any = {.sin6_family = AF_INET6,
					   .sin6_port =
						   htons((uint16_t)(p + 1))};
		int one = 1, v6 = socket(AF_INET6, SOCK_STREAM, 0);

		setsockopt(v6, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		setsockopt(v6, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
		if (bind(v6, (struct sockaddr *)&any, sizeof(any)) < 0 ||
		    listen(v6, 16) < 0)
			die("v6only listener");
	}
	/* established */
	c = client(fam, p + 10, p);
	a = accept(l, NULL, NULL);
	/* full queues: c's send queue and a's receive queue */
	c = client(fam, p + 11, p);
	a = accept(l, NULL, NULL);
	fill(c);
	/* FIN-WAIT-2 / CLOSE-WAIT */
	c = client(fam, p + 12, p);
	a = accept(l, NULL, NULL);
	shutdown(c, SHUT_WR);
	/* TIME-WAIT on the client side */
	c = client(fam, p + 13, p);
	a = accept(l, NULL, NULL);
	close(c);
	usleep(50000);
	close(a);
}

static int unix_sock(int type, const char *path, size_t len)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, type, 0);

	if (fd < 0)
		die("unix socket");
	memcpy(un.sun_path, path, len);
	if (bind(fd, (struct sockaddr *)&un,
		 (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0)
		die("unix bind");
	return fd;
}

static void unix_mix(const char *dir)
{
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	static const char abstract[] = "\0sockmix-abstract";
	int l, c, sp[2];

	snprintf(path_listen, sizeof(path_listen), "%s/sockmix.sock", dir);
	snprintf(path_dgram, sizeof(path_dgram), "%s/sockmix.dgram", dir);
	snprintf(path_esc, sizeof(path_esc), "%s/esc\x1b[31m", dir);
	cleanup();
	l = unix_sock(SOCK_STREAM, path_listen, strlen(path_listen));
	listen(l, 16);
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", path_listen);
	if (connect(c, (struct sockaddr *)&un, sizeof(un)) < 0)
		die("unix connect");
	accept(l, NULL, NULL);
	unix_sock(SOCK_DGRAM, path_dgram, strlen(path_dgram));
	listen(unix_sock(SOCK_STREAM, abstract, sizeof(abstract) - 1), 16);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sp) < 0)
		die("socketpair");
	if (write(sp[0], "hello", 5) != 5)
		die("write");
	listen(unix_sock(SOCK_STREAM, path_esc, strlen(path_esc)), 16);
}

/* A TCP socket bound to addr:port (network byte order address). */
static int tcp4(uint32_t addr, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port),
				.sin_addr.s_addr = addr};
	int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		die("bind");
	return fd;
}

/* Prints "ready PID", then waits: with wait_signal, until a signal ends
 * the program, else until stdin closes. */
static int ready_wait(int wait_signal)
{
	char b;

	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	while (wait_signal || read(0, &b, 1) > 0)
		if (wait_signal)
			pause();
	return 0;
}

/* -s: the sockets of iproute2's testsuite/tests/ss/ssfilter.t. */
static int ssfilter_mode(void)
{
	struct sockaddr_in srv = {.sin_family = AF_INET, .sin_port = htons(22)};
	static const struct {
		const char *addr;
		int port;
	} clients[] = {
		{.addr = "10.0.0.1", .port = 36266},
		{.addr = "10.0.0.2", .port = 50312},
	};
	int l = tcp4(htonl(INADDR_ANY), 22);

	if (listen(l, 128) < 0)
		die("listen");
	inet_pton(AF_INET, "10.0.0.1", &srv.sin_addr);
	for (size_t i = 0; i < sizeof(clients) / sizeof(clients[0]); i++) {
		struct in_addr a;
		int c;

		inet_pton(AF_INET, clients[i].addr, &a);
		c = tcp4(a.s_addr, clients[i].port);
		if (connect(c, (struct sockaddr *)&srv, sizeof(srv)) < 0)
			die("connect");
		if (accept(l, NULL, NULL) < 0)
			die("accept");
		/*
		 * In ssfilter.t, 10.0.0.2 was another host: its end goes away
		 * without a word to the peer (closed in repair mode).
		 */
		if (i == 1) {
			int one = 1;

			if (setsockopt(c, IPPROTO_TCP, TCP_REPAIR, &one,
				       sizeof(one)) < 0)
				die("TCP_REPAIR");
			close(c);
		}
	}
	usleep(100000);
	return ready_wait(0);
}

/* A packet socket of type and protocol, bound to ifindex unless 0. */
static int packet_sock(int type, int proto, int ifindex)
{
	struct sockaddr_ll ll = {.sll_family = AF_PACKET,
				 .sll_protocol = htons((uint16_t)proto),
				 .sll_ifindex = ifindex};
	int fd = socket(AF_PACKET, type, htons((uint16_t)proto));

	if (fd < 0)
		die("packet socket");
	if (ifindex && bind(fd, (struct sockaddr *)&ll, sizeof(ll)) < 0)
		die("packet bind");
	return fd;
}

static void netlink_sock(int proto, uint32_t groups, int do_bind)
{
	struct sockaddr_nl nl = {.nl_family = AF_NETLINK, .nl_groups = groups};
	int fd = socket(AF_NETLINK, SOCK_RAW, proto);

	if (fd < 0)
		die("netlink socket");
	if (do_bind && bind(fd, (struct sockaddr *)&nl, sizeof(nl)) < 0)
		die("netlink bind");
}

static void raw_sock(int fam, int proto, int do_bind)
{
	struct sockaddr_storage ss;
	socklen_t len = make_addr(&ss, fam, 0);
	int fd = socket(fam, SOCK_RAW, proto);

	if (fd < 0)
		die("raw socket");
	if (do_bind && bind(fd, (struct sockaddr *)&ss, len) < 0)
		die("raw bind");
}

/* An MPTCP listener and one connection, when the kernel has MPTCP. */
static void mptcp_mix(void)
{
	struct sockaddr_storage ss, cs;
	socklen_t len = make_addr(&ss, AF_INET, 7400);
	socklen_t clen = make_addr(&cs, AF_INET, 7410);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 262), c;

	if (l < 0)
		return;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&ss, len) < 0 || listen(l, 16) < 0)
		die("mptcp listener");
	c = socket(AF_INET, SOCK_STREAM, 262);
	if (c < 0)
		die("mptcp socket");
	if (bind(c, (struct sockaddr *)&cs, clen) < 0)
		die("mptcp bind");
	if (connect(c, (struct sockaddr *)&ss, len) < 0)
		die("mptcp connect");
	if (accept(l, NULL, NULL) < 0)
		die("mptcp accept");
}

/* -r: the rarer tables. */
static int rare_mode(const char *dir, int wait_signal)
{
	/* "ip and udp": ldh [12]; jeq #0x800; ldb [23]; jeq #17; ret... */
	static struct sock_filter code[] = {
		{0x28, 0, 0, 12}, {0x15, 0, 3, ETH_P_IP}, {0x30, 0, 0, 23},
		{0x15, 0, 1, 17}, {0x06, 0, 0, 0xffff},	  {0x06, 0, 0, 0},
	};
	struct sock_fprog prog = {.len = sizeof(code) / sizeof(code[0]),
				  .filter = code};
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	int lo = (int)if_nametoindex("lo"), fd, l, c;

	if (!lo)
		die("if_nametoindex lo");
	packet_sock(SOCK_RAW, ETH_P_ALL, lo);
	packet_sock(SOCK_RAW, ETH_P_IP, 0);
	packet_sock(SOCK_DGRAM, ETH_P_IP, lo);
	packet_sock(SOCK_DGRAM, ETH_P_ALL, 0);
	fd = packet_sock(SOCK_RAW, ETH_P_IP, lo);
	if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) <
	    0)
		die("SO_ATTACH_FILTER");
	netlink_sock(NETLINK_ROUTE, 0x1, 1);
	netlink_sock(NETLINK_ROUTE, 0x51, 1);
	netlink_sock(NETLINK_GENERIC, 0, 0);
	netlink_sock(NETLINK_GENERIC, 0, 1);
	raw_sock(AF_INET, IPPROTO_ICMP, 1);
	raw_sock(AF_INET, IPPROTO_RAW, 1);
	raw_sock(AF_INET6, IPPROTO_ICMPV6, 1);
	raw_sock(AF_INET6, IPPROTO_RAW, 1);
	raw_sock(AF_INET6, IPPROTO_ICMPV6, 0);
	snprintf(path_seq, sizeof(path_seq), "%s/sockmix.seq", dir);
	unlink(path_seq);
	l = unix_sock(SOCK_SEQPACKET, path_seq, strlen(path_seq));
	if (listen(l, 16) < 0)
		die("seqpacket listen");
	c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", path_seq);
	if (connect(c, (struct sockaddr *)&un, sizeof(un)) < 0)
		die("seqpacket connect");
	if (accept(l, NULL, NULL) < 0)
		die("seqpacket accept");
	fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDPLITE);
	if (fd >= 0) {
		struct sockaddr_storage ss;

		if (bind(fd, (struct sockaddr *)&ss,
			 make_addr(&ss, AF_INET, 7453)) < 0)
			die("udplite bind");
	}
	mptcp_mix();
	usleep(100000);
	return ready_wait(wait_signal);
}

/* -e: sockets whose destruction an events test watches. */
static int events_mode(void)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};
	int l = bound(AF_INET, SOCK_STREAM, 7300), c, a, u;
	char b;

	if (listen(l, 16) < 0)
		die("listen");
	c = client(AF_INET, 7310, 7300);
	a = accept(l, NULL, NULL);
	u = bound(AF_INET, SOCK_DGRAM, 7353);
	usleep(100000);
	printf("ready %d\n", (int)getpid());
	fflush(stdout);
	while (read(0, &b, 1) == 1 && b != '\n')
		;
	setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	setsockopt(a, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
	close(c);
	close(a);
	close(l);
	close(u);
	printf("closed\n");
	fflush(stdout);
	while (read(0, &b, 1) > 0)
		;
	return 0;
}

/* -L PORT: one listener, nothing else. */
static int listener_mode(int port, int wait_signal)
{
	if (listen(bound(AF_INET, SOCK_STREAM, port), 16) < 0)
		die("listen");
	return ready_wait(wait_signal);
}

int main(int argc, char **argv)
{
	const char *dir = "/tmp";
	struct sockaddr_storage ss;
	int u, opt, wait_signal = 0, rare = 0, mark = 0, dev = 0, port = 0;

	while ((opt = getopt(argc, argv, "d:pesrmbL:")) != -1) {
		if (opt == 'm') {
			mark = 1;
		} else if (opt == 'b') {
			dev = 1;
		} else if (opt == 'L') {
			port = atoi(optarg);
		} else if (opt == 'e') {
			return events_mode();
		} else if (opt == 's') {
			return ssfilter_mode();
		} else if (opt == 'r') {
			rare = 1;
		} else if (opt == 'd') {
			dir = optarg;
		} else if (opt == 'p') {
			wait_signal = 1;
		} else {
			fprintf(stderr,
				"usage: sockmix [-d DIR] [-p] [-r] [-m] "
				"[-b] | -e | -s | -L PORT\n");
			return 2;
		}
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	signal(SIGPIPE, SIG_IGN);
	atexit(cleanup);
	if (port)
		return listener_mode(port, wait_signal);
	if (rare)
		return rare_mode(dir, wait_signal);

	tcp_mix(AF_INET, 7000, mark);
	tcp_mix(AF_INET6, 7100, 0);
	bound(AF_INET, SOCK_DGRAM, 7053);
	u = bound(AF_INET, SOCK_DGRAM, 7054);
	connect(u, (struct sockaddr *)&ss, make_addr(&ss, AF_INET, 7053));
	bound(AF_INET6, SOCK_DGRAM, 7153);
	mark_and_dev(-1, 0, dev);
	unix_mix(dir);
	/* Let the last ACKs and window updates settle before "ready". */
	usleep(200000);
	return ready_wait(wait_signal);
}
