/*
 * rare_socks.c: the socket mix of tests/kernels.sh, built with gcc -static
 * and run inside a Debian kernel booted in qemu (its modules loaded by the
 * guest's init).  It opens one or more sockets of every table sstop and ss
 * list: TCP (listener, connected pair, IPv6 listener), UDP (bound,
 * connected), raw IPv4/IPv6, packet (raw and dgram), unix (stream listener,
 * connected pair, datagram), SCTP one-to-one (listener, association) and
 * one-to-many (two endpoints with an association), TIPC RDM (bound to a
 * service name) and stream (listener, connected pair), VSOCK stream and
 * seqpacket over vsock_loopback (listener, connected pair each), AF_XDP
 * (unbound), DCCP (listener, connected pair), MPTCP (listener, connected
 * pair).  For each it prints "ok NAME" or "no NAME: REASON" (a kernel that
 * lacks a table), then "ready", then sleeps until killed.
 *
 * With -n N it also opens N loopback TCP connections (2N+1 sockets), for
 * the batch timing run.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/tipc.h>
#include <linux/vm_sockets.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef SOCK_DCCP
#define SOCK_DCCP 6
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
#ifndef SOL_DCCP
#define SOL_DCCP 269
#endif
#define DCCP_SOCKOPT_SERVICE 2
#ifndef VMADDR_CID_LOCAL
#define VMADDR_CID_LOCAL 1
#endif

static int failures;

static void no(const char *name, const char *what)
{
	printf("no %s: %s: %s\n", name, what, strerror(errno));
	failures++;
}

static void ok(const char *name)
{
	printf("ok %s\n", name);
}

static struct sockaddr_in in4(unsigned short port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(port),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	return a;
}

/*
 * A listener of TYPE/PROTO on 127.0.0.1:PORT (any address with PORT 0 for
 * none), and when PAIR a client connected to it and the accepted end.
 * HOOK, when set, runs on each socket before bind/connect.
 */
static void inet_pair(const char *name, int type, int proto,
		      unsigned short port, int pair, void (*hook)(int))
{
	struct sockaddr_in a = in4(port);
	int l, c, s;

	l = socket(AF_INET, type, proto);
	if (l < 0)
		return no(name, "socket");
	if (hook)
		hook(l);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no(name, "bind");
	if (listen(l, 16) < 0)
		return no(name, "listen");
	if (pair) {
		c = socket(AF_INET, type, proto);
		if (c < 0)
			return no(name, "socket (client)");
		if (hook)
			hook(c);
		if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
			return no(name, "connect");
		s = accept(l, NULL, NULL);
		if (s < 0)
			return no(name, "accept");
	}
	ok(name);
}

static void dccp_service(int fd)
{
	unsigned int code = htonl(42);

	setsockopt(fd, SOL_DCCP, DCCP_SOCKOPT_SERVICE, &code, sizeof(code));
}

static void tcp6(void)
{
	struct sockaddr_in6 a = {.sin6_family = AF_INET6,
				 .sin6_port = htons(5001),
				 .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return no("tcp6", "socket");
	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no("tcp6", "bind");
	if (listen(fd, 4) < 0)
		return no("tcp6", "listen");
	ok("tcp6");
}

static void udp(void)
{
	struct sockaddr_in a = in4(5002), b = in4(5003);
	int u = socket(AF_INET, SOCK_DGRAM, 0),
	    v = socket(AF_INET, SOCK_DGRAM, 0);

	if (u < 0 || v < 0)
		return no("udp", "socket");
	if (bind(u, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    bind(v, (struct sockaddr *)&b, sizeof(b)) < 0)
		return no("udp", "bind");
	if (connect(v, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no("udp", "connect");
	ok("udp");
}

static void raw(void)
{
	if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) < 0)
		return no("raw4", "socket");
	ok("raw4");
	if (socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6) < 0)
		return no("raw6", "socket");
	ok("raw6");
}

/*
 * A packet socket of TYPE for PROTO that queues nothing: opened for no
 * protocol, given a filter that drops every packet, then bound to PROTO
 * (else Recv-Q grows between two listings with what lo carries).
 */
static int packet_quiet(int type, unsigned short proto)
{
	struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = {.len = 1, .filter = &drop};
	struct sockaddr_ll a = {.sll_family = AF_PACKET,
				.sll_protocol = htons(proto)};
	int fd = socket(AF_PACKET, type, 0);

	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) ||
	    bind(fd, (struct sockaddr *)&a, sizeof(a)))
		return -1;
	return fd;
}

static void packet(void)
{
	if (packet_quiet(SOCK_RAW, ETH_P_ALL) < 0)
		return no("packet", "raw");
	if (packet_quiet(SOCK_DGRAM, ETH_P_IP) < 0)
		return no("packet", "dgram");
	ok("packet");
}

static void unix_socks(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	int l, c, sv[2];

	snprintf(a.sun_path, sizeof(a.sun_path), "/tmp/rare.sock");
	unlink(a.sun_path);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(l, 4) < 0)
		return no("unix", "listener");
	c = socket(AF_UNIX, SOCK_STREAM, 0);
	if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no("unix", "connect");
	if (accept(l, NULL, NULL) < 0)
		return no("unix", "accept");
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		return no("unix", "socketpair");
	ok("unix");
}

/* SCTP one-to-one: a listener and an association (client, accepted end). */
static void sctp_stream(void)
{
	inet_pair("sctp-stream", SOCK_STREAM, IPPROTO_SCTP, 6000, 1, NULL);
}

/* SCTP one-to-many: two endpoints, one message makes the association. */
static void sctp_seqpacket(void)
{
	struct sockaddr_in a = in4(6001), b = in4(6002);
	struct pollfd p;
	char buf[8];
	int s, t;

	s = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	t = socket(AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
	if (s < 0 || t < 0)
		return no("sctp-seqpacket", "socket");
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    bind(t, (struct sockaddr *)&b, sizeof(b)) < 0)
		return no("sctp-seqpacket", "bind");
	if (listen(s, 4) < 0)
		return no("sctp-seqpacket", "listen");
	if (sendto(t, "hi", 2, 0, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no("sctp-seqpacket", "sendto");
	p.fd = s;
	p.events = POLLIN;
	if (poll(&p, 1, 5000) != 1 || recv(s, buf, sizeof(buf), 0) < 0)
		return no("sctp-seqpacket", "recv");
	ok("sctp-seqpacket");
}

static void tipc(void)
{
	struct sockaddr_tipc a = {.family = AF_TIPC,
				  .addrtype = TIPC_SERVICE_ADDR,
				  .scope = TIPC_CLUSTER_SCOPE};
	struct pollfd p;
	int r, l, c;

	r = socket(AF_TIPC, SOCK_RDM, 0);
	if (r < 0)
		return no("tipc", "socket (rdm)");
	a.addr.name.name.type = 1000;
	a.addr.name.name.instance = 1;
	if (bind(r, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no("tipc", "bind (rdm)");
	l = socket(AF_TIPC, SOCK_STREAM, 0);
	if (l < 0)
		return no("tipc", "socket (stream)");
	a.addr.name.name.type = 1001;
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 4) < 0)
		return no("tipc", "listener");
	c = socket(AF_TIPC, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (c < 0)
		return no("tipc", "socket (client)");
	a.addrtype = TIPC_SERVICE_ADDR;
	a.addr.name.domain = 0;
	if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0 &&
	    errno != EINPROGRESS)
		return no("tipc", "connect");
	p.fd = l;
	p.events = POLLIN;
	if (poll(&p, 1, 5000) != 1 || accept(l, NULL, NULL) < 0)
		return no("tipc", "accept");
	ok("tipc");
}

static void vsock(const char *name, int type, unsigned int port)
{
	struct sockaddr_vm a = {.svm_family = AF_VSOCK,
				.svm_cid = VMADDR_CID_ANY,
				.svm_port = port};
	int l, c;

	l = socket(AF_VSOCK, type, 0);
	if (l < 0)
		return no(name, "socket");
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 4) < 0)
		return no(name, "listener");
	c = socket(AF_VSOCK, type, 0);
	if (c < 0)
		return no(name, "socket (client)");
	a.svm_cid = VMADDR_CID_LOCAL;
	if (connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
		return no(name, "connect");
	if (accept(l, NULL, NULL) < 0)
		return no(name, "accept");
	ok(name);
}

static void xdp(void)
{
	if (socket(AF_XDP, SOCK_RAW, 0) < 0)
		return no("xdp", "socket");
	ok("xdp");
}

/* N loopback TCP connections on 127.0.0.2:7000 (the timing run). */
static void many(int n)
{
	struct sockaddr_in a = in4(7000);
	struct rlimit rl = {.rlim_cur = 3 * (rlim_t)n + 256,
			    .rlim_max = 3 * (rlim_t)n + 256};
	int l, i;

	setrlimit(RLIMIT_NOFILE, &rl);
	a.sin_addr.s_addr = htonl(0x7f000002);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(l, 4096) < 0)
		return no("many", "listener");
	for (i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM, 0);

		if (c < 0 || connect(c, (struct sockaddr *)&a, sizeof(a)) < 0)
			return no("many", "connect");
		if (accept(l, NULL, NULL) < 0)
			return no("many", "accept");
	}
	ok("many");
}

int main(int argc, char **argv)
{
	int n = 0;

	if (argc == 3 && strcmp(argv[1], "-n") == 0)
		n = atoi(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);
	inet_pair("tcp", SOCK_STREAM, 0, 5000, 1, NULL);
	tcp6();
	udp();
	raw();
	packet();
	unix_socks();
	sctp_stream();
	sctp_seqpacket();
	tipc();
	vsock("vsock-stream", SOCK_STREAM, 7000);
	vsock("vsock-seqpacket", SOCK_SEQPACKET, 7001);
	xdp();
	inet_pair("dccp", SOCK_DCCP, IPPROTO_DCCP, 8000, 1, dccp_service);
	inet_pair("mptcp", SOCK_STREAM, IPPROTO_MPTCP, 9000, 1, NULL);
	if (n > 0)
		many(n);
	printf("ready %d\n", failures);
	for (;;)
		pause();
}
