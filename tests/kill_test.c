/*
 * kill_test.c: kill_socket() against the real kernel, in a private network
 * namespace (skips, 77, when it cannot make one: not root).
 *
 * A TCP connection made here is dumped with the engine, and its client
 * side destroyed: closed the first time, already gone the second; a record
 * whose cookie no longer matches is gone too (the whole id is echoed).  A
 * unix socket is refused before asking; a connected autobound UDP socket
 * is closed.  Without CAP_NET_ADMIN the kernel's answer is denied.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "caps.h"
#include "diag.h"
#include "kill.h"
#include "check.h"

static int lo_up(void)
{
	struct ifreq ifr;
	int fd = socket(AF_INET, SOCK_DGRAM, 0), rc = -1;

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		rc = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return rc;
}

static struct sockaddr_in loopback(uint16_t port)
{
	struct sockaddr_in a;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static uint16_t local_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	getsockname(fd, (struct sockaddr *)&a, &len);
	return ntohs(a.sin_port);
}

/* Dumps tab (all states) and returns the record with local port sport. */
static const struct sk_rec *find(struct diag *d, struct snap *s,
				 enum sk_tab tab, uint16_t sport)
{
	struct diag_req req = {.tabs = SKT_BIT(tab), .states = SKS_ALL};

	snap_clear(s);
	if (diag_dump(d, &req, s))
		return NULL;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].sport == sport && s->v[i].state != SKS_LISTEN)
			return &s->v[i];
	return NULL;
}

static void test_tcp(struct kill_ctx *k, struct diag *d, struct snap *s)
{
	struct sockaddr_in a = loopback(5555);
	struct kill_result res;
	struct sk_rec copy, stale;
	const struct sk_rec *r;
	int l = socket(AF_INET, SOCK_STREAM, 0);
	int c = socket(AF_INET, SOCK_STREAM, 0), srv;
	char ch;

	CHECK(bind(l, (struct sockaddr *)&a, sizeof(a)) == 0);
	CHECK(listen(l, 4) == 0);
	CHECK(connect(c, (struct sockaddr *)&a, sizeof(a)) == 0);
	srv = accept(l, NULL, NULL);
	CHECK(srv >= 0);
	r = find(d, s, SKT_TCP, local_port(c));
	CHECK(r != NULL);
	if (!r)
		goto out;
	copy = *r;
	/* Same id, another cookie: a different socket, so not found. */
	stale = copy;
	stale.cookie ^= 1;
	CHECK(kill_socket(k, &stale, &res) == KILL_GONE);
	CHECK(res.err == ENOENT);
	CHECK(kill_socket(k, &copy, &res) == KILL_CLOSED);
	CHECK(res.err == 0);
	/* The destroyed side sees ECONNABORTED, its peer a reset. */
	CHECK(recv(c, &ch, 1, MSG_DONTWAIT) < 0 && errno == ECONNABORTED);
	CHECK(recv(srv, &ch, 1, MSG_DONTWAIT) < 0 && errno == ECONNRESET);
	CHECK(kill_socket(k, &copy, &res) == KILL_GONE);
	CHECK(strcmp(kill_status_text(KILL_GONE), "already gone") == 0);
out:
	close(c);
	close(srv);
	close(l);
}

static void test_udp(struct kill_ctx *k, struct diag *d, struct snap *s)
{
	struct sockaddr_in a = loopback(5556);
	const struct sk_rec *r;
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	uint16_t port;
	char ch;

	CHECK(connect(u, (struct sockaddr *)&a, sizeof(a)) == 0);
	port = local_port(u);
	r = find(d, s, SKT_UDP, port);
	CHECK(r != NULL);
	if (r) {
		struct sk_rec copy = *r;

		CHECK(kill_socket(k, &copy, NULL) == KILL_CLOSED);
		CHECK(recv(u, &ch, 1, MSG_DONTWAIT) < 0 &&
		      errno == ECONNABORTED);
		/* Autobound: the kernel unbinds it, so it leaves the table. */
		CHECK(find(d, s, SKT_UDP, port) == NULL);
	}
	close(u);
}

static void test_unix(struct kill_ctx *k)
{
	struct sk_rec r;
	struct kill_result res;
	char *desc;

	memset(&r, 0, sizeof(r));
	r.tab = SKT_UNIX_STREAM;
	r.family = AF_UNIX;
	r.ino = 42;
	CHECK(kill_unsupported(&r));
	CHECK(kill_socket(k, &r, &res) == KILL_UNSUPPORTED);
	CHECK(res.err == 0);
	desc = kill_describe(&r);
	CHECK(strcmp(desc, "u_str * 42") == 0);
	free(desc);
	r.tab = SKT_PACKET_RAW;
	r.family = AF_PACKET;
	CHECK(kill_socket(k, &r, NULL) == KILL_UNSUPPORTED);
}

static void test_describe(void)
{
	struct sk_rec r;
	char name[108], want[600], *desc;
	size_t n;

	memset(&r, 0, sizeof(r));
	r.tab = SKT_TCP;
	r.family = AF_INET;
	r.sport = 80;
	r.dport = 5000;
	inet_pton(AF_INET, "10.0.0.1", r.a.in.src);
	inet_pton(AF_INET, "10.0.0.2", r.a.in.dst);
	desc = kill_describe(&r);
	CHECK(strcmp(desc, "tcp 10.0.0.1:80 10.0.0.2:5000") == 0);
	free(desc);
	r.family = AF_INET6;
	inet_pton(AF_INET6, "::1", r.a.in.src);
	inet_pton(AF_INET6, "fe80::2", r.a.in.dst);
	desc = kill_describe(&r);
	CHECK(strcmp(desc, "tcp [::1]:80 [fe80::2]:5000") == 0);
	free(desc);

	/* a unix path of 108 control bytes: 432 escaped, whole (it was cut
	 * at 255 bytes, the inode with it) */
	memset(&r, 0, sizeof(r));
	r.tab = SKT_UNIX_STREAM;
	r.family = AF_UNIX;
	r.ino = 4294967295u;
	r.has = SKR_HAS_NAME;
	memset(name, 1, sizeof(name));
	r.a.un.name = name;
	r.a.un.name_len = sizeof(name);
	n = (size_t)snprintf(want, sizeof(want), "u_str ");
	for (size_t i = 0; i < sizeof(name); i++)
		n += (size_t)snprintf(want + n, sizeof(want) - n, "\\x01");
	snprintf(want + n, sizeof(want) - n, " 4294967295");
	desc = kill_describe(&r);
	CHECK(strlen(desc) == 6 + 432 + 11);
	CHECK(strcmp(desc, want) == 0);
	free(desc);
}

/* Without CAP_NET_ADMIN the kernel refuses: reported as denied. */
static void test_denied(struct kill_ctx *k, struct diag *d, struct snap *s)
{
	struct sockaddr_in a = loopback(5557);
	const struct sk_rec *r;
	int u = socket(AF_INET, SOCK_DGRAM, 0);

	CHECK(connect(u, (struct sockaddr *)&a, sizeof(a)) == 0);
	r = find(d, s, SKT_UDP, local_port(u));
	CHECK(r != NULL);
	CHECK(caps_finish(1) == 0); /* as --readonly: NET_ADMIN gone */
	CHECK(!caps_can_kill());
	CHECK(caps_kill_text(0) != NULL);
	if (r) {
		struct sk_rec copy = *r;

		CHECK(kill_socket(k, &copy, NULL) == KILL_DENIED);
		CHECK(find(d, s, SKT_UDP, local_port(u)) != NULL);
	}
	close(u);
}

int main(void)
{
	struct kill_ctx *k;
	struct diag *d;
	struct snap s;

	test_describe();
	if (geteuid() != 0 || unshare(CLONE_NEWNET) < 0 || lo_up() < 0) {
		fprintf(stderr, "kill_test: no private network namespace\n");
		return failures ? 1 : 77;
	}
	if (kill_open(&k) || diag_open(&d)) {
		fprintf(stderr, "kill_test: no sock_diag\n");
		return 1;
	}
	snap_init(&s);
	CHECK(caps_init() == 0);
	CHECK(caps_can_kill());
	test_tcp(k, d, &s);
	test_udp(k, d, &s);
	test_unix(k);
	test_denied(k, d, &s);
	snap_free(&s);
	diag_close(d);
	kill_close(k);
	return failures ? 1 : 0;
}
