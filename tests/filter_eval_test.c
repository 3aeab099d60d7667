/*
 * filter_eval_test.c: filters evaluated on synthetic records, and the
 * bytecode compiler checked against filter_match.
 *
 * First hand-picked cases where ss's two paths disagree or families meet
 * (IPv4-mapped, family-blind prefixes, unix globs and inodes, owners,
 * extensions).  Then a property test: random expressions (as text, so the
 * parser is exercised too) on random inet records; every compiled program
 * must pass the kernel's audit, and the kernel's interpreter must select
 * exactly what filter_match selects (a superset when the compiler says the
 * program is not exact).  Deterministic seed.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "bytecode.h"
#include "check.h"
#include "filter.h"
#include "filter_gen.h"

static struct sk_rec inet4(const char *src, int sport, const char *dst,
			   int dport)
{
	struct sk_rec r;

	memset(&r, 0, sizeof(r));
	r.family = AF_INET;
	r.tab = SKT_TCP;
	r.state = SKS_ESTABLISHED;
	inet_pton(AF_INET, src, r.a.in.src);
	inet_pton(AF_INET, dst, r.a.in.dst);
	r.sport = (uint16_t)sport;
	r.dport = (uint16_t)dport;
	return r;
}

static struct sk_rec inet6(const char *src, int sport, const char *dst,
			   int dport)
{
	struct sk_rec r = inet4("0.0.0.0", sport, "0.0.0.0", dport);

	r.family = AF_INET6;
	inet_pton(AF_INET6, src, r.a.in.src);
	inet_pton(AF_INET6, dst, r.a.in.dst);
	return r;
}

static struct sk_rec unix_rec(const char *name, size_t len, uint32_t ino)
{
	struct sk_rec r;

	memset(&r, 0, sizeof(r));
	r.family = AF_UNIX;
	r.tab = SKT_UNIX_STREAM;
	r.ino = ino;
	r.has = SKR_HAS_INO | (name ? SKR_HAS_NAME : 0);
	r.a.un.name = name;
	r.a.un.name_len = (uint32_t)len;
	return r;
}

static int owner_cb(uint32_t ino, int kind, const char *glob, long pid,
		    void *arg)
{
	(void)arg;
	if (kind == FILTER_OWNER_PROC)
		return ino == 77 && !strcmp(glob, "ngin*");
	return ino == 77 && pid == 4242;
}

/* Checks one expression on one record, and the bytecode's verdict. */
static void expect(const char *expr, const struct sk_rec *r, int want)
{
	struct filter_result res;
	struct filter *f = filter_parse_string(expr, NULL, &res);
	int got;

	if (!CHECK_MSG(f, "\"%s\": %s", expr, res.msg)) {
		filter_result_fini(&res);
		return;
	}
	filter_set_owner_fn(f, owner_cb, NULL);
	got = filter_match(f, r);
	if (!CHECK_INT(got, want))
		fprintf(stderr, "  (for \"%s\")\n", expr);
	if (r->family == AF_INET || r->family == AF_INET6) {
		struct bc_opts o = {.allow_mark = 1};
		struct bc_prog p;
		struct bc_entry e;

		bc_compile(f, &o, &p);
		bc_entry_from_rec(&e, r, filter_autobound(f, r));
		if (p.exact) {
			int k = p.code ? bc_run(p.code, p.len, &e) : 1;

			CHECK_MSG(k == want,
				  "bytecode of \"%s\": got %d, want %d", expr,
				  k, want);
		}
		bc_free(&p);
	}
	filter_free(f);
	filter_result_fini(&res);
}

static void hand_picked(void)
{
	struct sk_rec v4 = inet4("10.0.0.1", 22, "10.0.0.9", 51234);
	struct sk_rec v6 = inet6("2001:db8::1", 443, "2001:db8::9", 4000);
	struct sk_rec mapped = inet6("::ffff:10.0.0.1", 80, "::1", 5);
	struct sk_rec ux = unix_rec("/tmp/.X11-unix/X0", 17, 12345);
	struct sk_rec abs = unix_rec("\0MyAbstract", 11, 99);
	struct sk_rec anon = unix_rec(NULL, 0, 1000);
	struct tcp_info ti;
	struct sk_ext x;

	expect("sport = :22", &v4, 1);
	expect("sport = ssh", &v4, 1);
	expect("sport != :22", &v4, 0);
	expect("dport > 50000 and dport < 60000", &v4, 1);
	expect("dport >= 51234 and dport <= 51234", &v4, 1);
	expect("src 10.0.0.0/8", &v4, 1);
	expect("src 10/8", &v4, 1);
	expect("src 10.0.0.1:22", &v4, 1);
	expect("src 10.0.0.1:23", &v4, 0);
	expect("dst 10.0.0.9", &v4, 1);
	expect("! dst 10.0.0.9", &v4, 0);
	/* Family-aware prefixes: the kernel's meaning, not ss's user space. */
	expect("dst ::/0", &v4, 0);
	expect("dst ::/0", &v6, 1);
	expect("src 0.0.0.0/0", &v6, 0);
	expect("src default", &v6, 1);
	/* IPv4 rules match IPv4-mapped sockets; mapped rules only those. */
	expect("src 10.0.0.1", &mapped, 1);
	expect("src 10.0.0.0/24:80", &mapped, 1);
	expect("src [::ffff:10.0.0.1]", &mapped, 1);
	expect("src [::ffff:10.0.0.1]", &v4, 0);
	expect("src [2001:db8::/32]:443", &v6, 1);
	expect("src 2001:db8::/32 and sport = :80", &v6, 0);
	/* No precedence: (a or b) and c. */
	expect("sport = :1 or sport = :22 and dport = :2", &v4, 0);
	expect("sport = :22 or sport = :1 and dport = :51234", &v4, 1);
	expect("sport = :22 or ( sport = :1 and dport = :2 )", &v4, 1);
	/* Unix: case-insensitive globs on the name, the inode as port. */
	expect("src unix:/tmp/.x11-unix/*", &ux, 1);
	expect("src unix:/var/*", &ux, 0);
	expect("src unix:@myabs*", &abs, 1);
	expect("src unix:", &anon, 1);
	expect("sport = :12345", &ux, 1);
	expect("sport = 12346", &ux, 0);
	expect("src 10.0.0.1", &ux, 0);
	expect("src unix:*", &v4, 0);
	expect("autobound", &anon, 1);
	/* dev and marks. */
	v4.ifindex = 2;
	expect("dev 2", &v4, 1);
	expect("dev != 2", &v4, 0);
	expect("fwmark 0", &v4, 1);
	memset(&x, 0, sizeof(x));
	x.present = SKX_MARK | SKX_CGROUP;
	x.mark = 0x1234;
	x.cgroup_id = 1;
	v4.x = &x;
	expect("fwmark 0x34/0xff", &v4, 1);
	expect("fwmark 0x1234", &v4, 1);
	expect("fwmark != 0x1234", &v4, 0);
	expect("cgroup /", &v4, 1);
	/* Extensions. */
	v4.uid = 1000;
	v4.has |= SKR_HAS_UID | SKR_HAS_INO;
	v4.rq = 20000;
	v4.ino = 77;
	expect("uid = 1000", &v4, 1);
	expect("uid > 999 and uid < 1001", &v4, 1);
	expect("user root", &v4, 0);
	expect("recvq > 10k", &v4, 1);
	expect("recvq > 20k", &v4, 0);
	expect("inode 77", &v4, 1);
	expect("rtt > 1", &v4, 0);
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_rtt = 2500;
	ti.tcpi_total_retrans = 3;
	x.present |= SKX_TCPINFO;
	x.tcpi = &ti;
	expect("rtt > 2 and rtt < 2.6", &v4, 1);
	expect("retrans >= 3", &v4, 1);
	expect("proc ngin*", &v4, 1);
	expect("pid 4242", &v4, 1);
	expect("pid != 4242", &v4, 0);
	expect("sport = :22 and proc ngin*", &v4, 1);
}

/* ---- property test ---------------------------------------------------- */

static const char *const v4s[] = {"127.0.0.1", "10.0.0.1", "10.0.1.2",
				  "192.168.1.1", "0.0.0.0"};
static const char *const v6s[] = {"::1",
				  "2001:db8::1",
				  "2001:db8:1::2",
				  "::ffff:10.0.0.1",
				  "::ffff:127.0.0.1",
				  "::"};
static const int ports[] = {0, 22, 80, 443, 1024, 5000, 40000, 65535};

static const char *const leaves[] = {
	"sport = :%d",
	"dport = :%d",
	"sport != %d",
	"dport > %d",
	"sport < %d",
	"sport >= %d",
	"dport <= %d",
	"src 10.0.0.0/8",
	"dst 127.0.0.1",
	"src 10.0.0.1:%d",
	"dst *:%d",
	"src [::1]",
	"dst [2001:db8::/32]",
	"src ::/0",
	"dst 0.0.0.0/0",
	"src [::ffff:10.0.0.1]",
	"src 10.0.0.0/23:%d",
	"src default",
	"dev 1",
	"dev != 2",
	"fwmark 1",
	"fwmark 0x2/0x2",
	"autobound",
	"src unix:/tmp/*",
	"uid = 0",
	"recvq > 5",
	"inode < 100",
	"cgroup /",
	"src 192.168.0.0/16",
	"dst 10.0.1.2:%d",
};

static struct fgen g = {
	.rng = 0x5eed,
	.leaves = leaves,
	.n_leaves = sizeof(leaves) / sizeof(*leaves),
	.ports = ports,
	.n_ports = sizeof(ports) / sizeof(*ports),
};

static unsigned rnd(unsigned n)
{
	return fgen_rnd(&g, n);
}

static void random_rec(struct sk_rec *r, struct sk_ext *x)
{
	int six = rnd(2);

	if (six)
		*r = inet6(v6s[rnd(6)], ports[rnd(8)], v6s[rnd(6)],
			   ports[rnd(8)]);
	else
		*r = inet4(v4s[rnd(5)], ports[rnd(8)], v4s[rnd(5)],
			   ports[rnd(8)]);
	r->ifindex = rnd(3);
	r->state = (uint8_t)(1 + rnd(11));
	r->uid = rnd(2);
	r->ino = rnd(200);
	r->rq = rnd(10);
	r->has = SKR_HAS_UID | SKR_HAS_INO;
	memset(x, 0, sizeof(*x));
	if (rnd(2)) {
		x->present = SKX_MARK | SKX_CGROUP;
		x->mark = rnd(4);
		x->cgroup_id = rnd(2);
		r->x = x;
	}
}

static void property(void)
{
	struct bc_opts o = {.allow_mark = 1};
	int exprs = 0, checks = 0, exact = 0;

	for (int i = 0; i < 600; i++) {
		char text[2048] = "";
		struct filter_result res;
		struct filter *f;
		struct bc_prog p;
		int rc;

		fgen_expr(&g, text, sizeof(text));
		f = filter_parse_string(text, NULL, &res);
		if (!CHECK_MSG(f, "generated \"%s\": %s", text, res.msg)) {
			filter_result_fini(&res);
			continue;
		}
		bc_compile(f, &o, &p);
		exprs++;
		exact += p.exact;
		rc = p.code ? bc_audit(p.code, p.len, 1) : 0;
		CHECK_MSG(!rc, "\"%s\": the kernel would refuse (%d)", text,
			  rc);
		for (int j = 0; j < 10 && !rc; j++) {
			struct sk_rec r;
			struct sk_ext x;
			struct bc_entry e;
			int m, k;

			random_rec(&r, &x);
			bc_entry_from_rec(&e, &r, filter_autobound(f, &r));
			m = filter_match(f, &r);
			k = p.code ? bc_run(p.code, p.len, &e) : 1;
			checks++;
			if (!CHECK_MSG(
				    p.exact ? m == k : !m || k,
				    "\"%s\": match %d, bytecode %d (exact %d)",
				    text, m, k, p.exact))
				break;
		}
		bc_free(&p);
		filter_free(f);
		filter_result_fini(&res);
	}
	printf("property: %d expressions (%d exact), %d checks\n", exprs, exact,
	       checks);
}

int main(void)
{
	hand_picked();
	property();
	printf("%d failures\n", failures);
	return check_done();
}
