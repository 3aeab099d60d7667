/*
 * diag_kernel_test.c: the engine against the real kernel.  Run by
 * diag_kernel.sh inside a private network namespace (loopback up): makes
 * TCP, UDP and unix sockets of every interesting kind, dumps them with
 * diag_dump, checks each one by inode, records the dump and replays it,
 * and compares TCP/UDP with `ss -tuan` run in the same namespace.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"

static void die(const char *what)
{
	perror(what);
	exit(99);
}

static uint32_t ino_of(int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		die("fstat");
	return (uint32_t)st.st_ino;
}

static const struct sk_rec *find(const struct snap *s, uint32_t ino)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].ino == ino)
			return &s->v[i];
	return NULL;
}

static uint16_t port_of(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		die("getsockname");
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

/* A listener, a client and the accepted end, on loopback of family af. */
struct tcp_trio {
	int lfd, cfd, afd;
	uint16_t lport, cport;
};

static void tcp_trio(int af, struct tcp_trio *t)
{
	struct sockaddr_storage ss;
	socklen_t len;

	memset(&ss, 0, sizeof(ss));
	if (af == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		len = sizeof(*a);
	}
	t->lfd = socket(af, SOCK_STREAM, 0);
	if (t->lfd < 0 || bind(t->lfd, (struct sockaddr *)&ss, len) < 0 ||
	    listen(t->lfd, 7) < 0)
		die("tcp listen");
	t->lport = port_of(t->lfd);
	if (af == AF_INET)
		((struct sockaddr_in *)&ss)->sin_port = htons(t->lport);
	else
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(t->lport);
	t->cfd = socket(af, SOCK_STREAM, 0);
	if (t->cfd < 0 || connect(t->cfd, (struct sockaddr *)&ss, len) < 0)
		die("tcp connect");
	t->afd = accept(t->lfd, NULL, NULL);
	if (t->afd < 0)
		die("accept");
	t->cport = port_of(t->cfd);
}

static void check_tcp(const struct snap *s, int af, const struct tcp_trio *t)
{
	const struct sk_rec *l = find(s, ino_of(t->lfd));
	const struct sk_rec *c = find(s, ino_of(t->cfd));
	const struct sk_rec *a = find(s, ino_of(t->afd));
	static const uint8_t lo4[4] = {127, 0, 0, 1};
	static const uint8_t lo6[16] = {[15] = 1};
	const uint8_t *lo = af == AF_INET ? lo4 : lo6;
	size_t alen = af == AF_INET ? 4 : 16;

	CHECK_MSG(l && c && a, "tcp af %d: missing records", af);
	if (!l || !c || !a)
		return;
	CHECK_MSG(l->tab == SKT_TCP && l->family == af, "listener tab/family");
	CHECK_INT(l->state, SKS_LISTEN);
	CHECK_MSG(l->sport == t->lport && l->dport == 0, "listener ports");
	CHECK_INT(l->wq, 7);
	CHECK_MSG(!memcmp(l->a.in.src, lo, alen), "listener address");
	CHECK_INT(c->state, SKS_ESTABLISHED);
	CHECK_MSG(c->sport == t->cport && c->dport == t->lport, "client ports");
	CHECK_MSG(!memcmp(c->a.in.dst, lo, alen), "client peer address");
	CHECK_INT(a->state, SKS_ESTABLISHED);
	CHECK_MSG(a->sport == t->lport && a->dport == t->cport,
		  "accepted ports %u %u", a->sport, a->dport);
	/* 3 unread bytes from the client wait at the accepted end */
	CHECK_INT(a->rq, 3);
	CHECK_MSG(c->cookie && (c->has & SKR_HAS_COOKIE), "cookie");
	CHECK_INT(c->uid, getuid());
}

/* TCP/UDP records of s as "netid lport dport" lines, sorted by the caller. */
static int same_as_ss(const struct snap *s)
{
	char line[512], want[64][32], got[64][32];
	size_t nw = 0, ng = 0, i, j;
	FILE *p = popen("ss -tuwanH 2>/dev/null", "r");

	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p) && ng < 64) {
		char netid[16], state[16], rq[16], wq[16], loc[128], peer[128];
		const char *lp, *pp;

		if (sscanf(line, "%15s %15s %15s %15s %127s %127s", netid,
			   state, rq, wq, loc, peer) != 6)
			continue;
		lp = strrchr(loc, ':');
		pp = strrchr(peer, ':');
		if (!lp || !pp)
			continue;
		snprintf(got[ng++], sizeof(got[0]), "%s %d %d", netid,
			 atoi(lp + 1), atoi(pp + 1)); /* "*" is port 0 */
	}
	if (pclose(p) != 0)
		return -1;
	for (i = 0; i < s->n && nw < 64; i++)
		if (s->v[i].tab == SKT_TCP || s->v[i].tab == SKT_UDP ||
		    s->v[i].tab == SKT_RAW)
			snprintf(want[nw++], sizeof(want[0]), "%s %u %u",
				 sk_tab_netid(s->v[i].tab), s->v[i].sport,
				 s->v[i].dport);
	CHECK_INT(nw, ng);
	/* same lines in the same order: ss prints the kernel's order too */
	for (i = 0, j = 0; i < nw && j < ng; i++, j++)
		CHECK_MSG(!strcmp(want[i], got[j]), "record %zu: '%s', ss '%s'",
			  i, want[i], got[j]);
	return 0;
}

/*
 * `ss -D` writes the raw buffers of its TCP dumps (only those), without
 * markers, each family ending with NLMSG_DONE: replayed, they give the
 * same TCP sockets as our dump, IPv6 ones (after the first DONE) included.
 */
static void check_ss_dump(const struct snap *s, const struct diag_req *req)
{
	char path[] = "/tmp/diag_ssD_XXXXXX", cmd[128];
	struct snap r;
	struct stat st;
	void *buf;
	size_t i, n = 0;
	int fd = mkstemp(path), rc;

	if (fd < 0)
		die("mkstemp");
	snprintf(cmd, sizeof(cmd), "ss -D %s -tan >/dev/null 2>&1", path);
	rc = system(cmd);
	unlink(path);
	CHECK_INT(rc, 0);
	if (fstat(fd, &st) < 0)
		die("fstat");
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		die("read ss -D file");
	close(fd);
	snap_init(&r);
	rc = diag_replay(buf, (size_t)st.st_size, req, &r);
	CHECK_INT(rc, 0);
	for (i = 0; i < s->n; i++) {
		const struct sk_rec *a = &s->v[i], *b;

		if (a->tab != SKT_TCP)
			continue;
		n++;
		b = find(&r, a->ino);
		CHECK_MSG(b && b->tab == a->tab && b->state == a->state &&
				  b->sport == a->sport && b->dport == a->dport,
			  "ss -D: socket %u (%s) differs", a->ino,
			  sk_tab_netid(a->tab));
	}
	CHECK_INT(r.n, n);
	snap_free(&r);
	free(buf);
}

/* A recording without markers (ss -D's format) replays the TCP dump. */
static void check_plain_record(struct diag *d, const struct snap *s)
{
	struct diag_req req = {.tabs = SKT_BIT(SKT_TCP), .states = SKS_ALL};
	char path[] = "/tmp/diag_plain_XXXXXX";
	struct snap a, r;
	struct stat st;
	uint32_t *buf;
	size_t i, n = 0;
	int fd = mkstemp(path), rc;

	if (fd < 0)
		die("mkstemp");
	unlink(path);
	snap_init(&a);
	snap_init(&r);
	diag_set_record_plain(d, fd);
	rc = diag_dump(d, &req, &a);
	diag_set_record(d, -1);
	CHECK_INT(rc, 0);
	if (fstat(fd, &st) < 0)
		die("fstat");
	buf = malloc((size_t)st.st_size + 4);
	if (!buf || pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		die("read plain record");
	/* the first message is the kernel's, not a marker */
	CHECK_MSG(st.st_size >= 16 && ((struct nlmsghdr *)buf)->nlmsg_type ==
					      SOCK_DIAG_BY_FAMILY,
		  "plain recording starts with a marker");
	CHECK_MSG(diag_replay(buf, (size_t)st.st_size, &req, &r) == 0 &&
			  r.n == a.n,
		  "plain replay: %zu records, dump %zu", r.n, a.n);
	for (i = 0; i < s->n; i++)
		n += s->v[i].tab == SKT_TCP;
	CHECK_INT(a.n, n);
	for (i = 0; i < r.n && i < a.n; i++)
		CHECK_MSG(r.v[i].ino == a.v[i].ino && r.v[i].tab == SKT_TCP,
			  "plain replay record %zu", i);
	free(buf);
	close(fd);
	snap_free(&a);
	snap_free(&r);
}

static int has_port(const struct snap *s, int tab, uint16_t port)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].tab == tab && s->v[i].sport == port)
			return 1;
	return 0;
}

/* Reads destroy events (bounded, not timed) until both ports are seen. */
static void wait_events(struct diag *ev, struct snap *s, uint16_t uport,
			uint16_t tport)
{
	int tries;

	for (tries = 0; tries < 20; tries++) {
		struct pollfd p = {.fd = diag_fd(ev), .events = POLLIN};

		if (has_port(s, SKT_UDP, uport) && has_port(s, SKT_TCP, tport))
			return;
		if (poll(&p, 1, 5000) != 1 || diag_events_read(ev, s))
			return;
	}
}

/* -E: closing a UDP socket and a TCP listener reports both. */
static void check_events(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	struct diag *ev;
	struct snap s;
	uint16_t uport, tport;
	int u, t, rc;

	rc = diag_events_open(&ev, SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP), 0);
	CHECK_INT(rc, 0);
	if (rc)
		return;
	CHECK_MSG(diag_events_open(&ev, SKT_BIT(SKT_RAW), 0) == -EINVAL,
		  "no group for raw");
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	u = socket(AF_INET, SOCK_DGRAM, 0);
	t = socket(AF_INET, SOCK_STREAM, 0);
	if (u < 0 || t < 0 || bind(u, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    bind(t, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(t, 1) < 0)
		die("events sockets");
	uport = port_of(u);
	tport = port_of(t);
	close(u);
	close(t);
	snap_init(&s);
	wait_events(ev, &s, uport, tport);
	CHECK_MSG(has_port(&s, SKT_UDP, uport), "UDP destroy event");
	CHECK_MSG(has_port(&s, SKT_TCP, tport), "TCP destroy event");
	snap_free(&s);
	diag_close(ev);
}

/*
 * diag_dump_beside on a fresh socket, the namespace's only sockets 300
 * listeners (nothing moves): the second dump is told the same as the
 * first, which is shown (the kernel's buffers of a socket's first dump
 * the size of the next ones'), and fills nothing; one listener fewer is
 * a dump of its own with every other listener in it.
 */
static void check_beside(void)
{
	static const struct diag_req req = {
		.tabs = SKT_BIT(SKT_TCP),
		.states = SKS_ALL,
	};
	int fds[300], same, rc;
	struct sockaddr_in a = {.sin_family = AF_INET};
	struct snap sa, sb;
	struct diag *d;
	uint32_t gone;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	for (size_t i = 0; i < 300; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 || bind(fds[i], (void *)&a, sizeof(a)) < 0 ||
		    listen(fds[i], 4) < 0)
			die("listener");
	}
	if (diag_open(&d) < 0)
		die("diag_open");
	snap_init(&sa);
	snap_init(&sb);
	rc = diag_dump_beside(d, &req, &sa, NULL, &same);
	CHECK(rc == 0 && !same && sa.n == 300);
	rc = diag_dump_beside(d, &req, &sb, &sa, &same);
	CHECK_MSG(rc == 0 && same == 2 && !sb.n && !sb.cap,
		  "second dump: rc %d same %d, %zu records", rc, same, sb.n);
	gone = ino_of(fds[150]);
	CHECK(find(&sa, gone) != NULL);
	close(fds[150]);
	rc = diag_dump_beside(d, &req, &sb, &sa, &same);
	CHECK(rc == 0 && !same && sb.n == 299 && !find(&sb, gone));
	for (size_t i = 0; i < 300; i++)
		if (i != 150)
			CHECK(find(&sb, ino_of(fds[i])) != NULL);
	for (size_t i = 0; i < 300; i++)
		if (i != 150)
			close(fds[i]);
	snap_free(&sa);
	snap_free(&sb);
	diag_close(d);
}

static int reject_all(const struct sk_rec *r, void *arg)
{
	(void)r;
	(*(int *)arg)++;
	return 0;
}

int main(void)
{
	struct diag_req req = {
		.tabs = SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP) | SKT_UNIX_MASK |
			SKT_BIT(SKT_RAW),
		.states = SKS_ALL,
		.ext = DIAG_X_MEM | DIAG_X_INFO | DIAG_X_UNIX,
	};
	struct tcp_trio t4, t6;
	struct sockaddr_in u = {.sin_family = AF_INET};
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	int ub, uc, ul, uconn, uacc, pair[2], rawfd, rc, calls = 0;
	struct snap s, r, none;
	const struct sk_rec *x;
	struct diag *d;
	char path[] = "/tmp/diag_kernel_XXXXXX";
	int fd;
	struct stat st;
	void *buf;

	rc = diag_open(&d);
	if (rc < 0) {
		fprintf(stderr, "diag_open: %s\n", strerror(-rc));
		return 77;
	}
	check_beside();
	tcp_trio(AF_INET, &t4);
	tcp_trio(AF_INET6, &t6);
	if (write(t4.cfd, "abc", 3) != 3 || write(t6.cfd, "abc", 3) != 3)
		die("write");

	u.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ub = socket(AF_INET, SOCK_DGRAM, 0);
	if (ub < 0 || bind(ub, (struct sockaddr *)&u, sizeof(u)) < 0)
		die("udp bind");
	u.sin_port = htons(port_of(ub));
	uc = socket(AF_INET, SOCK_DGRAM, 0);
	if (uc < 0 || connect(uc, (struct sockaddr *)&u, sizeof(u)) < 0)
		die("udp connect");

	/* an abstract listener with one connection, a pair with unread data */
	memcpy(un.sun_path, "\0diag-test", 10);
	ul = socket(AF_UNIX, SOCK_STREAM, 0);
	if (ul < 0 ||
	    bind(ul, (struct sockaddr *)&un,
		 offsetof(struct sockaddr_un, sun_path) + 10) < 0 ||
	    listen(ul, 5) < 0)
		die("unix listen");
	uconn = socket(AF_UNIX, SOCK_STREAM, 0);
	if (uconn < 0 ||
	    connect(uconn, (struct sockaddr *)&un,
		    offsetof(struct sockaddr_un, sun_path) + 10) < 0)
		die("unix connect");
	uacc = accept(ul, NULL, NULL);
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) < 0 ||
	    write(pair[0], "hello", 5) != 5)
		die("socketpair");

	rawfd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (rawfd < 0)
		die("raw socket");

	fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp");
	unlink(path);
	diag_set_record(d, fd);
	snap_init(&s);
	rc = diag_dump(d, &req, &s);
	CHECK_INT(rc, 0);
	CHECK_INT(diag_record_error(d), 0);
	diag_set_record(d, -1);

	check_tcp(&s, AF_INET, &t4);
	check_tcp(&s, AF_INET6, &t6);

	x = find(&s, ino_of(ub));
	CHECK_MSG(x && x->tab == SKT_UDP && x->state == SKS_CLOSE &&
			  x->sport == port_of(ub) && x->dport == 0,
		  "udp bound");
	x = find(&s, ino_of(uc));
	CHECK_MSG(x && x->tab == SKT_UDP && x->state == SKS_ESTABLISHED &&
			  x->sport == port_of(uc) && x->dport == port_of(ub),
		  "udp connected");

	x = find(&s, ino_of(ul));
	CHECK_MSG(x && x->tab == SKT_UNIX_STREAM && x->state == SKS_LISTEN &&
			  (x->has & SKR_HAS_NAME) && x->a.un.name_len == 10 &&
			  !memcmp(x->a.un.name, "\0diag-test", 10) &&
			  x->wq == 5,
		  "unix abstract listener");
	x = find(&s, ino_of(uconn));
	CHECK_MSG(x && x->state == SKS_ESTABLISHED &&
			  x->a.un.peer == ino_of(uacc),
		  "unix connected: peer is the accepted end");
	x = find(&s, ino_of(pair[1]));
	CHECK_MSG(x && x->tab == SKT_UNIX_DGRAM && x->rq > 0 &&
			  x->a.un.peer == ino_of(pair[0]) &&
			  x->a.un.type == SOCK_DGRAM,
		  "socketpair with unread data");
	x = find(&s, ino_of(t4.afd));
	CHECK_MSG(x && x->x && (x->x->present & SKX_TCPINFO) &&
			  x->x->tcpi_len && (x->x->present & SKX_SKMEM) &&
			  x->x->cong,
		  "tcp_info, skmem and congestion with -mi extensions");

	/* raw: through raw_diag, or /proc/net/raw where the kernel lacks it */
	x = find(&s, ino_of(rawfd));
	CHECK_MSG(x && x->tab == SKT_RAW && x->family == AF_INET &&
			  x->sport == IPPROTO_ICMP,
		  "raw ICMP socket");

	/* order: unix, raw, udp, tcp, as ss prints them */
	{
		size_t i;
		int rank_prev = 0;
		static const int rank[SKT_COUNT] = {
			[SKT_UNIX_STREAM] = 1,
			[SKT_UNIX_DGRAM] = 1,
			[SKT_UNIX_SEQPACKET] = 1,
			[SKT_RAW] = 2,
			[SKT_UDP] = 3,
			[SKT_TCP] = 4,
		};

		for (i = 0; i < s.n; i++) {
			CHECK_MSG(rank[s.v[i].tab] >= rank_prev, "order at %zu",
				  i);
			rank_prev = rank[s.v[i].tab];
		}
	}

	CHECK_INT(same_as_ss(&s), 0);

	/* the recording replays to the same records */
	if (fstat(fd, &st) < 0)
		die("fstat record");
	buf = malloc((size_t)st.st_size + 1);
	if (!buf || pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		die("read record");
	snap_init(&r);
	rc = diag_replay(buf, (size_t)st.st_size, &req, &r);
	{
		/* all but what came from /proc (raw without raw_diag) */
		size_t i, j = 0;

		CHECK_INT(rc, 0);
		for (i = 0; i < s.n; i++) {
			if (s.v[i].tab == SKT_RAW && !s.v[i].cookie)
				continue;
			CHECK_MSG(j < r.n && r.v[j].tab == s.v[i].tab &&
					  r.v[j].ino == s.v[i].ino &&
					  r.v[j].sport == s.v[i].sport &&
					  r.v[j].state == s.v[i].state,
				  "replayed record %zu differs", i);
			j++;
		}
		CHECK_INT(r.n, j);
	}

	check_ss_dump(&s, &req);
	check_plain_record(d, &s);
	check_events();

	/* selection: IPv4 only, and a filter that rejects everything */
	snap_init(&none);
	req.families = 1u << AF_INET;
	rc = diag_dump(d, &req, &none);
	CHECK_MSG(rc == 0 && !find(&none, ino_of(t6.lfd)) &&
			  find(&none, ino_of(t4.lfd)),
		  "families selects IPv4 only");
	snap_clear(&none);
	req.accept = reject_all;
	req.accept_arg = &calls;
	rc = diag_dump(d, &req, &none);
	CHECK_MSG(rc == 0 && none.n == 0 && calls > 0, "accept drops records");
	snap_clear(&none);
	req.accept = NULL;
	req.states = SKS_BIT(SKS_LISTEN);
	rc = diag_dump(d, &req, &none);
	CHECK_MSG(rc == 0 && find(&none, ino_of(t4.lfd)) &&
			  !find(&none, ino_of(t4.cfd)) &&
			  !find(&none, ino_of(ub)),
		  "state mask");

	free(buf);
	close(fd);
	snap_free(&s);
	snap_free(&r);
	snap_free(&none);
	diag_close(d);
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return check_done();
}
