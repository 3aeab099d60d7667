/*
 * filter_kernel_test.c: the compiled bytecode through the real kernel.
 *
 * Run inside a fresh network namespace (filter_kernel.sh), as root.  Opens
 * a mix of TCP and UDP sockets over IPv4, IPv6 and IPv4-mapped IPv6
 * (listeners, autobound and explicitly bound clients, accepted children,
 * a bound device, a mark, time-wait), then for many random expressions
 * compares the sockets the kernel selects with the compiled bytecode and
 * the sockets filter_match selects from an unfiltered dump: equal when
 * the compiler says the program is exact, a superset otherwise.
 * `autobound` is compared separately: the kernel's notion (no bind lock)
 * is not visible in a dump, and sstop's user-space guess is reported.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bytecode.h"
#include "check.h"
#include "diag.h"
#include "filter.h"
#include "filter_gen.h"

static int tcp_listen(int fam, const char *addr, int port, int v6only)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(fam, SOCK_STREAM, 0), one = 1;

	memset(&ss, 0, sizeof(ss));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fam == AF_INET) {
		struct sockaddr_in *s = (void *)&ss;

		s->sin_family = AF_INET;
		s->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, addr, &s->sin_addr);
		len = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (void *)&ss;

		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
			   sizeof(v6only));
		s->sin6_family = AF_INET6;
		s->sin6_port = htons((uint16_t)port);
		inet_pton(AF_INET6, addr, &s->sin6_addr);
		len = sizeof(*s);
	}
	if (bind(fd, (void *)&ss, len) || listen(fd, 16)) {
		perror("listen");
		exit(99);
	}
	return fd;
}

static void fill(int fam, const char *addr, int port,
		 struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (fam == AF_INET) {
		struct sockaddr_in *s = (void *)ss;

		s->sin_family = AF_INET;
		s->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, addr, &s->sin_addr);
		*len = sizeof(*s);
	} else {
		struct sockaddr_in6 *s = (void *)ss;

		s->sin6_family = AF_INET6;
		s->sin6_port = htons((uint16_t)port);
		inet_pton(AF_INET6, addr, &s->sin6_addr);
		*len = sizeof(*s);
	}
}

/* A client; bind_port < 0: autobound.  Returns the fd. */
static int client(int type, int fam, const char *bind_addr, int bind_port,
		  const char *to, int port, int mark, int dev)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(fam, type, 0);

	if (mark)
		setsockopt(fd, SOL_SOCKET, SO_MARK, &mark, sizeof(mark));
	if (dev)
		setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
	if (bind_port >= 0) {
		fill(fam, bind_addr, bind_port, &ss, &len);
		if (bind(fd, (void *)&ss, len)) {
			perror("bind");
			exit(99);
		}
	}
	if (to) {
		fill(fam, to, port, &ss, &len);
		if (connect(fd, (void *)&ss, len)) {
			perror("connect");
			exit(99);
		}
	}
	return fd;
}

static void open_sockets(void)
{
	int l4 = tcp_listen(AF_INET, "127.0.0.1", 5000, 0);
	int ld = tcp_listen(AF_INET6, "::", 5001, 0);
	int l6 = tcp_listen(AF_INET6, "::1", 5002, 1);
	int tw;

	tcp_listen(AF_INET, "127.0.0.1", 40001, 0);
	client(SOCK_STREAM, AF_INET, NULL, -1, "127.0.0.1", 5000, 0, 0);
	client(SOCK_STREAM, AF_INET, "127.0.0.2", 6000, "127.0.0.1", 5000, 0,
	       0);
	client(SOCK_STREAM, AF_INET, NULL, -1, "127.0.0.1", 5000, 3, 0);
	client(SOCK_STREAM, AF_INET, NULL, -1, "127.0.0.1", 5000, 0, 1);
	client(SOCK_STREAM, AF_INET, NULL, -1, "127.0.0.1", 5001, 0, 0);
	client(SOCK_STREAM, AF_INET6, NULL, -1, "::1", 5001, 0, 0);
	client(SOCK_STREAM, AF_INET6, NULL, -1, "::1", 5002, 0, 0);
	client(SOCK_STREAM, AF_INET6, "::1", 6001, "::1", 5002, 2, 0);
	for (int i = 0; i < 4; i++)
		accept(l4, NULL, NULL);
	for (int i = 0; i < 2; i++) {
		accept(ld, NULL, NULL);
		accept(l6, NULL, NULL);
	}
	/* A time-wait socket: the client closes first. */
	tw = client(SOCK_STREAM, AF_INET, NULL, -1, "127.0.0.1", 5000, 0, 0);
	close(tw);
	close(accept(l4, NULL, NULL));
	client(SOCK_DGRAM, AF_INET, "127.0.0.1", 5353, NULL, 0, 0, 0);
	client(SOCK_DGRAM, AF_INET6, "::1", 5354, NULL, 0, 0, 0);
	client(SOCK_DGRAM, AF_INET, NULL, -1, "127.0.0.1", 5353, 1, 0);
	client(SOCK_DGRAM, AF_INET6, "::", 5355, NULL, 0, 0, 0);
	usleep(100000); /* let FIN/ACK settle into time-wait */
}

static const char *const leaves[] = {
	"sport = :5000",
	"dport = :5000",
	"sport = :6000",
	"dport = :5001",
	"sport > 5001",
	"sport < 5002",
	"dport >= 5002",
	"dport <= 5000",
	"sport != 5353",
	"src 127.0.0.1",
	"src 127.0.0.2:6000",
	"dst 127.0.0.0/8",
	"src [::1]",
	"dst [::1]:5002",
	"src ::/0",
	"dst 0.0.0.0/0",
	"src [::ffff:127.0.0.1]",
	"dst *:5001",
	"src default",
	"dev 1",
	"dev != 1",
	"fwmark 3",
	"fwmark 0x2/0x2",
	"fwmark != 0",
	"cgroup /",
	"src unix:/tmp/*",
	"uid = 0",
	"sport >= 40000",
	"dst 127.0.0.1:5000",
	"src [::]",
};

static struct fgen g = {
	.rng = 0xfeed,
	.leaves = leaves,
	.n_leaves = sizeof(leaves) / sizeof(*leaves),
};

static int dump(struct diag *d, const struct bc_prog *p, struct snap *s)
{
	struct diag_req req = {
		.tabs = SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP),
		.families = (1u << AF_INET) | (1u << AF_INET6),
		.states = SKS_ALL,
		.bytecode = p ? p->code : NULL,
		.bytecode_len = p ? p->len : 0,
	};

	snap_clear(s);
	return diag_dump(d, &req, s);
}

static int has_cookie(const struct snap *s, uint64_t c)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].cookie == c)
			return 1;
	return 0;
}

static void check_autobound(struct diag *d, const struct snap *all,
			    struct snap *k)
{
	struct filter_result res;
	struct filter *f = filter_parse_string("autobound", NULL, &res);
	struct bc_prog p;
	int agree = 0, differ = 0;

	bc_compile(f, NULL, &p);
	CHECK_INT(dump(d, &p, k), 0); /* the autobound dump */
	for (size_t i = 0; i < all->n; i++) {
		const struct sk_rec *r = &all->v[i];
		int kern = has_cookie(k, r->cookie);

		if (kern == filter_autobound(f, r)) {
			agree++;
			continue;
		}
		differ++;
		printf("note: autobound: kernel %d, guess %d for port %u "
		       "state %u\n",
		       kern, !kern, r->sport, r->state);
	}
	printf("autobound: the user-space guess agrees on %d of %d sockets\n",
	       agree, agree + differ);
	bc_free(&p);
	filter_free(f);
	filter_result_fini(&res);
}

int main(void)
{
	struct bc_opts o = {.allow_mark = 1};
	struct snap all, k;
	struct diag *d;
	int rc, exact = 0, n = 300, kept = 0, selected = 0;

	open_sockets();
	if ((rc = diag_open(&d))) {
		printf("diag_open: %s\n", strerror(-rc));
		return 77;
	}
	snap_init(&all);
	snap_init(&k);
	rc = dump(d, NULL, &all);
	if (!CHECK_INT(rc, 0) ||
	    !CHECK_MSG(all.n >= 20, "unfiltered dump gave %zu sockets", all.n))
		return check_done();
	for (int i = 0; i < n; i++) {
		char text[2048] = "";
		struct filter_result res;
		struct filter *f;
		struct bc_prog p;

		fgen_expr(&g, text, sizeof(text));
		f = filter_parse_string(text, NULL, &res);
		if (!CHECK_MSG(f, "\"%s\": %s", text, res.msg)) {
			filter_result_fini(&res);
			continue;
		}
		bc_compile(f, &o, &p);
		exact += p.exact;
		rc = dump(d, &p, &k);
		CHECK_MSG(!rc, "\"%s\": the kernel refused: %s", text,
			  strerror(-rc));
		for (size_t j = 0; j < all.n && !rc; j++) {
			const struct sk_rec *r = &all.v[j];
			int m = filter_match(f, r);
			int kern = has_cookie(&k, r->cookie);

			selected += m;
			if (!CHECK_MSG(p.exact ? m == kern : !m || kern,
				       "\"%s\": socket %u->%u state %u: match "
				       "%d, kernel %d (exact %d)",
				       text, r->sport, r->dport, r->state, m,
				       kern, p.exact))
				break;
		}
		kept += (int)k.n;
		bc_free(&p);
		filter_free(f);
		filter_result_fini(&res);
	}
	printf("%d expressions (%d exact) on %zu sockets: %d selected by "
	       "filter_match, %d by the kernel\n",
	       n, exact, all.n, selected, kept);
	check_autobound(d, &all, &k);
	snap_free(&all);
	snap_free(&k);
	diag_close(d);
	printf("%d failures\n", failures);
	return check_done();
}
