/*
 * health_test.c: the health module's pure parts.  The namespace counters
 * are read from fixture files (netstat_read with a directory): the wanted
 * counters found by protocol and name wherever they sit, a protocol whose
 * two lines disagree skipped, a missing file only loses its counters.
 * The codes' names join in urgency order and truncate cleanly; the rc
 * file's health thresholds load, refuse nonsense and round-trip; passes
 * over made-up records keep their history (drops must grow).  The
 * codes themselves are checked on real sockets (tests/health.sh).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hcode.h"
#include "health.h"
#include "netstat.h"
#include "rcfile.h"
#include "snap.h"
#include "check.h"

static char dir[] = "/tmp/sstop-health-XXXXXX";

static void put(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		printf("FAIL: cannot write %s\n", path);
		exit(1);
	}
	fputs(text, f);
	fclose(f);
}

static void counters(void)
{
	struct netstat ns;

	put("netstat", "TcpExt: SyncookiesSent ListenOverflows ListenDrops "
		       "TCPTimeouts\n"
		       "TcpExt: 1 17 23 5\n"
		       "IpExt: InNoRoutes\nIpExt: 9\n");
	put("snmp", "Ip: Forwarding\nIp: 1\n"
		    "Tcp: RtoAlgorithm RetransSegs\nTcp: 1 42\n"
		    "Udp: InDatagrams InErrors RcvbufErrors\nUdp: 7 3 2\n");
	CHECK_INT(netstat_read(&ns, dir), 0);
	CHECK_INT(ns.listen_overflows, 17);
	CHECK_INT(ns.listen_drops, 23);
	CHECK_INT(ns.tcp_timeouts, 5);
	CHECK_INT(ns.tcp_retrans_segs, 42);
	CHECK_INT(ns.udp_rcvbuf_errors, 2);
	CHECK_INT(ns.udp_in_errors, 3);
	CHECK_INT(ns.have, NETSTAT_HAVE_NETSTAT | NETSTAT_HAVE_SNMP);

	/* two lines of different protocols: not a pair, nothing read */
	put("netstat", "TcpExt: ListenOverflows\nIpExt: 99\n");
	CHECK_INT(netstat_read(&ns, dir), 0);
	CHECK_INT(ns.listen_overflows, 0);
	/* fewer values than names: what is there counts */
	put("netstat", "TcpExt: ListenDrops ListenOverflows\nTcpExt: 4\n");
	CHECK_INT(netstat_read(&ns, dir), 0);
	CHECK_INT(ns.listen_drops, 4);
	CHECK_INT(ns.listen_overflows, 0);

	/* no snmp: its counters stay 0, the other file still counts */
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/snmp", dir);
		unlink(p);
	}
	CHECK_INT(netstat_read(&ns, dir), 0);
	CHECK_INT(ns.have, NETSTAT_HAVE_NETSTAT);
	CHECK_INT(ns.tcp_retrans_segs, 0);
	/* neither file: an error */
	CHECK(netstat_read(&ns, "/nonexistent-sstop-dir") < 0);
}

static void names(void)
{
	char buf[64];

	CHECK_INT(hcode_words(0, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "");
	hcode_words(SKH_RETRANS | SKH_ZERO_WINDOW | SKH_CLOSE_WAIT, buf,
		    sizeof(buf));
	CHECK_STR(buf, "zero-win,close-wt,retrans");
	hcode_ids(SKH_SYN_STUCK | SKH_ACCEPTQ_FULL, buf, sizeof(buf));
	CHECK_STR(buf, "accept-queue-full,syn-stuck");
	/* truncated, NUL-terminated, the whole length returned */
	CHECK_INT(hcode_ids(SKH_ZERO_WINDOW | SKH_RCVBUF_FULL, buf, 8), 23);
	CHECK_STR(buf, "zero-wi");
	for (unsigned i = 0; i < SKH_COUNT; i++)
		CHECK_INT(hcode_index(hcode_get(i)->bit), i);
	CHECK_INT(hcode_index(0), -1);
	CHECK(hcode_get(SKH_COUNT) == NULL);
}

static void thresholds(void)
{
	char path[512];
	struct rc_conf c, back;
	struct rc_result res;
	FILE *f;

	snprintf(path, sizeof(path), "%s/sstoprc", dir);
	f = fopen(path, "w");
	fputs("health_close_wait=30\nhealth_syn_sent=1.5\n"
	      "health_rcvbuf=80\nhealth_rwnd=99\n",
	      f);
	fclose(f);
	CHECK_INT(rc_load(&c, path, &res), 0);
	CHECK(c.health.close_wait_s == 30);
	CHECK(c.health.syn_sent_s == 1.5);
	CHECK_INT(c.health.rmem_pct, 80);
	CHECK_INT(c.health.rwnd_pct, 99);
	CHECK_INT(rc_save(&c, NULL, path, &res), 0);
	CHECK_INT(rc_load(&back, path, &res), 0);
	CHECK(back.health.close_wait_s == 30 && back.health.rwnd_pct == 99);
	f = fopen(path, "w");
	fputs("health_rcvbuf=0\n", f);
	fclose(f);
	CHECK(rc_load(&c, path, &res) < 0);
	CHECK_INT(c.health.rmem_pct, 90); /* the defaults again */
	f = fopen(path, "w");
	fputs("health_close_wait=-1\n", f);
	fclose(f);
	CHECK(rc_load(&c, path, &res) < 0);
	CHECK(c.health.close_wait_s == 10);
	unlink(path);
}

/* A UDP socket's memory: rmem of rcvbuf, drops. */
static void udp_mem(struct snap *s, struct sk_rec *r, uint32_t rmem,
		    uint32_t rcvbuf, uint32_t drops)
{
	struct sk_ext *x = snap_ext(s, r);

	x->present |= SKX_SKMEM;
	x->skmem_n = SK_MEMINFO_VARS;
	x->skmem[SK_MEMINFO_RMEM_ALLOC] = rmem;
	x->skmem[SK_MEMINFO_RCVBUF] = rcvbuf;
	x->skmem[SK_MEMINFO_DROPS] = drops;
}

/* A UDP socket (cookie 77) whose receive memory is at 7900 of 8192. */
static void push_full_udp(struct snap *s, uint32_t drops)
{
	struct sk_rec *r = snap_push(s);

	r->tab = SKT_UDP;
	r->family = AF_INET;
	r->state = SKS_CLOSE;
	r->sport = 53;
	r->has = SKR_HAS_COOKIE;
	r->cookie = 77;
	udp_mem(s, r, 7900, 8192, drops);
}

/*
 * Passes over made-up records, a second apart: a full listener; a UDP
 * socket full with drops (flagged at first sight), then with no new drops
 * (still flagged: the drops grew less than 5 s ago), then with more; a
 * SYN-SENT socket's age from its retries (2 retries: 3 s, not over 3 s;
 * 3: 7 s).
 */
static void passes(void)
{
	struct health *h = health_new();
	struct health_conf c;
	struct health_sum sum;
	struct snap s;
	uint32_t drops[] = {5, 5, 9};
	int want[] = {1, 1, 1};

	health_defaults(&c);
	health_sum_init(&sum);
	snap_init(&s);
	for (int pass = 0; pass < 3; pass++) {
		struct sk_rec *r;

		snap_clear(&s);
		r = snap_push(&s);
		r->tab = SKT_TCP;
		r->family = AF_INET;
		r->state = SKS_LISTEN;
		r->sport = 80;
		r->rq = 3;
		r->wq = 2;
		push_full_udp(&s, drops[pass]);
		r = snap_push(&s);
		r->tab = SKT_TCP;
		r->family = AF_INET;
		r->state = SKS_SYN_SENT;
		r->has = SKR_HAS_COOKIE;
		r->cookie = 78;
		r->retrans = pass < 2 ? 2 : 3;
		health_pass(h, &c, &s, 100.0 + pass, NULL, &sum);
		CHECK_INT(s.v[0].health, SKH_ACCEPTQ_FULL);
		CHECK_MSG((s.v[1].health == SKH_RCVBUF_FULL) == want[pass],
			  "pass %d: udp health %u", pass, s.v[1].health);
		CHECK_INT(s.v[2].health, pass < 2 ? 0 : SKH_SYN_STUCK);
		CHECK_INT(sum.n[hcode_index(SKH_ACCEPTQ_FULL)], 1);
		CHECK_INT(sum.flagged, 1 + want[pass] + (pass == 2));
		if (pass == 2) {
			const struct health_note *n = health_note_of(&sum, 1);
			char text[512];

			CHECK(n && n->d_drops == 4);
			CHECK(health_explain(&s.v[1], n, &c, text,
					     sizeof(text)) > 0);
			CHECK_MSG(
				strstr(text, "9 packets were dropped, 4 since"),
				"%s", text);
		}
	}
	snap_free(&s);
	health_sum_free(&sum);
	health_free(h);
}

/*
 * rcvbuf-full holds 5 s after the drops last grew, then clears while they
 * stand still, and comes back when they grow again.
 */
static void hold(void)
{
	struct health *h = health_new();
	struct health_conf c;
	struct health_sum sum;
	struct snap s;
	const double t[] = {100, 103, 106, 107};
	const uint32_t drops[] = {5, 5, 5, 9};
	const int want[] = {1, 1, 0, 1};

	health_defaults(&c);
	snap_init(&s);
	for (int pass = 0; pass < 4; pass++) {
		health_sum_init(&sum);
		snap_clear(&s);
		push_full_udp(&s, drops[pass]);
		health_pass(h, &c, &s, t[pass], NULL, &sum);
		CHECK_MSG((s.v[0].health == SKH_RCVBUF_FULL) == want[pass],
			  "hold, pass %d: udp health %u", pass, s.v[0].health);
		health_sum_free(&sum);
	}
	snap_free(&s);
	health_free(h);
}

int main(void)
{
	char p[512];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 99;
	}
	counters();
	names();
	thresholds();
	passes();
	hold();
	snprintf(p, sizeof(p), "%s/netstat", dir);
	unlink(p);
	rmdir(dir);
	return check_done();
}
