/*
 * diag_cache_test.c: diag_dump_cached (collect/diag_cache.c) against a
 * kernel played by the test (struct diag_feed): TCP for both families in
 * one request and UDP per family, answered in buffers of a few messages.
 *
 * The same answer again (new sequence numbers, port id 0 or the socket's)
 * is told unchanged and not parsed: a value written into a kept record
 * survives.  Any change (a queue, a port, a state, a socket more or less,
 * anywhere in the dump, one byte flipped at hundreds of places) gives the
 * records and notes of a fresh diag_dump of the same answer, and so does
 * the answer that comes back after it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "check.h"
#include "diag.h"
#include "diag_int.h"
#include "feed_cut.h"
#include "snap.h"

#define MAXSK 400
#define STREAM (256 * 1024)

struct sk {
	uint8_t family, state, shut;
	uint16_t sport, dport;
	uint32_t rq, wq, ino, exp;
	uint64_t cgroup;
};

/* The sockets of each table: [0] TCP, [1] UDP. */
static struct sk socks[2][MAXSK];
static size_t n_socks[2];

struct fake {
	struct diag_feed f;
	uint32_t portid;
	int pid_mode;	 /* 0: port id 0 in answers, 1: the socket's */
	size_t bufsz;	 /* bytes per buffer, at most */
	long flip;	 /* this byte of the next TCP answer flipped, -1 none */
	unsigned char stream[STREAM];
	size_t cut[STREAM / 64]; /* buffer ends */
	size_t n_cut, next;
};

static size_t put_msg(unsigned char *p, const struct nlmsghdr *req,
		      const struct sk *s, uint32_t pid)
{
	struct nlmsghdr *h = (struct nlmsghdr *)p;
	struct inet_diag_msg *m = (struct inet_diag_msg *)(p + NLMSG_HDRLEN);
	struct nlattr *a = (struct nlattr *)(p + NLMSG_HDRLEN + sizeof(*m));
	size_t len = NLMSG_HDRLEN + sizeof(*m);

	memset(p, 0, 128);
	m->idiag_family = s->family;
	m->idiag_state = s->state;
	m->id.idiag_sport = htons(s->sport);
	m->id.idiag_dport = htons(s->dport);
	m->id.idiag_src[0] = htonl(0x7f000001);
	m->id.idiag_dst[0] = htonl(0x7f000001 + s->dport);
	m->id.idiag_cookie[0] = s->ino * 7u;
	m->idiag_expires = s->exp;
	m->idiag_rqueue = s->rq;
	m->idiag_wqueue = s->wq;
	m->idiag_inode = s->ino;
	m->idiag_uid = 1000;
	a->nla_type = INET_DIAG_SHUTDOWN;
	a->nla_len = 5;
	*((unsigned char *)a + 4) = s->shut;
	len += 8;
	a = (struct nlattr *)(p + len);
	a->nla_type = INET_DIAG_CGROUP_ID;
	a->nla_len = 12;
	memcpy((unsigned char *)a + 4, &s->cgroup, 8);
	len += 12;
	h->nlmsg_len = (uint32_t)len;
	h->nlmsg_type = req->nlmsg_type;
	h->nlmsg_flags = NLM_F_MULTI;
	h->nlmsg_seq = req->nlmsg_seq;
	h->nlmsg_pid = pid;
	return NLMSG_ALIGN(len);
}

/* The answer to req: its sockets, cut into buffers, then DONE. */
static int fake_send(struct diag_feed *df, const struct nlmsghdr *req)
{
	struct fake *f = (struct fake *)df;
	int tcp = req->nlmsg_type == TCPDIAG_GETSOCK, family = AF_UNSPEC;
	const struct inet_diag_req_v2 *r = NLMSG_DATA(req);
	uint32_t pid = f->pid_mode ? f->portid : 0;
	size_t len = 0, start = 0;
	const struct sk *v = socks[tcp ? 0 : 1];
	struct nlmsghdr *done;

	if (!tcp)
		family = r->sdiag_family;
	f->n_cut = f->next = 0;
	for (size_t i = 0; i < n_socks[tcp ? 0 : 1]; i++) {
		if (family != AF_UNSPEC && v[i].family != family)
			continue;
		if (len - start + 128 > f->bufsz) {
			f->cut[f->n_cut++] = len;
			start = len;
		}
		len += put_msg(f->stream + len, req, &v[i], pid);
	}
	done = (struct nlmsghdr *)(f->stream + len);
	memset(done, 0, NLMSG_HDRLEN + 4);
	done->nlmsg_len = NLMSG_HDRLEN + 4;
	done->nlmsg_type = NLMSG_DONE;
	done->nlmsg_flags = NLM_F_MULTI;
	done->nlmsg_seq = req->nlmsg_seq;
	done->nlmsg_pid = pid;
	len += NLMSG_HDRLEN + 4;
	f->cut[f->n_cut++] = len;
	if (tcp && f->flip >= 0 && (size_t)f->flip < len)
		f->stream[f->flip] ^= 0x5a;
	return 0;
}

static ssize_t fake_recv(struct diag_feed *df, void *buf, size_t len)
{
	struct fake *f = (struct fake *)df;

	return feed_cut_recv(f->stream, f->cut, f->n_cut, &f->next, buf, len);
}

static struct fake fk_c, fk_r; /* the cached handle's, the reference's */

static void fake_init(struct fake *f, struct diag *d, size_t bufsz)
{
	f->f.send = fake_send;
	f->f.recv = fake_recv;
	f->portid = d->portid;
	f->bufsz = bufsz;
	f->flip = -1;
	d->feed = &f->f;
}

/* Records equal in every field, what they point to compared. */
static int rec_eq(const struct sk_rec *a, const struct sk_rec *b)
{
	struct sk_rec x = *a, y = *b;

	if (!a->x != !b->x || !a->tc != !b->tc)
		return 0;
	if (a->x && memcmp(a->x, b->x, sizeof(*a->x)))
		return 0;
	x.x = y.x = NULL;
	x.tc = y.tc = NULL;
	return !memcmp(&x, &y, sizeof(x));
}

static int snap_eq(const struct snap *a, const struct snap *b)
{
	if (a->n != b->n || a->n_notes != b->n_notes)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (!rec_eq(&a->v[i], &b->v[i])) {
			fprintf(stderr, "record %zu of %zu differs\n", i, a->n);
			return 0;
		}
	for (size_t i = 0; i < a->n_notes; i++)
		if (a->notes[i].tab != b->notes[i].tab ||
		    a->notes[i].err != b->notes[i].err)
			return 0;
	return 1;
}

static struct diag *dc, *dr;
static struct snap sc, sb, sr;
static const struct diag_req req = {
	.tabs = SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP),
};
/*
 * diag_dump_beside, as the screen dumps: into spare while shown is on
 * screen; a changed dump is shown next, the one it replaces emptied to be
 * the next spare.  res: the last dump's records (sc without beside).
 */
static int beside;
static struct snap *shown, *spare = &sb, *res = &sc;

/* One cached dump; the reference's of the same answer in sr. */
static int dump(int *same, int *rc_ref)
{
	int rc;

	if (!beside) {
		rc = diag_dump_cached(dc, &req, &sc, same);
	} else {
		rc = diag_dump_beside(dc, &req, spare, shown, same);
		CHECK_MSG(*same != 2 || !spare->n,
			  "told the same as shown, %zu records filled",
			  spare->n);
		res = *same == 2 ? shown : spare;
		if (!*same) {
			shown = spare;
			spare = shown == &sc ? &sb : &sc;
			snap_clear(spare);
		}
	}

	snap_clear(&sr);
	fk_r.flip = fk_c.flip;
	fk_r.pid_mode = fk_c.pid_mode;
	*rc_ref = diag_dump(dr, &req, &sr);
	return rc;
}

/* A dump after a change: parsed, and what a fresh parse gives. */
static void changed(const char *what)
{
	int same, ref, rc = dump(&same, &ref);

	CHECK_MSG(rc == ref && !same && snap_eq(res, &sr),
		  "%s: rc %d (ref %d) same %d, %zu records (ref %zu)", what, rc,
		  ref, same, res->n, sr.n);
	/* what was copied from the snapshot shown takes no more room than
	 * a parse of it (a block shared by many records copied once) */
	CHECK_MSG(!beside || res->arena.used <= 2 * sr.arena.used + 4096,
		  "%s: %zu bytes of arena (a parse: %zu)", what,
		  res->arena.used, sr.arena.used);
}

/* The same answer again: kept unparsed, still right. */
static void again(const char *what)
{
	unsigned long k0, p0, k1, p1;
	int same, ref, rc;
	struct snap *s = res;
	uint32_t rq = s->n ? s->v[s->n - 1].rq : 0;

	diag_cache_stats(dc, &k0, &p0);
	fk_c.pid_mode ^= 1; /* port ids differ too */
	if (s->n)
		s->v[s->n - 1].rq = 0xdeadbeef; /* a parse would undo it */
	rc = dump(&same, &ref);
	diag_cache_stats(dc, &k1, &p1);
	CHECK_MSG(rc == 0 && same && p1 == p0 && k1 > k0,
		  "%s again: rc %d same %d, parsed %lu kept %lu", what, rc,
		  same, p1 - p0, k1 - k0);
	CHECK_MSG(res == s, "%s again: other records", what);
	CHECK_MSG(!s->n || s->v[s->n - 1].rq == 0xdeadbeef,
		  "%s again: the kept records were parsed", what);
	if (s->n)
		s->v[s->n - 1].rq = rq;
	CHECK_MSG(snap_eq(s, &sr), "%s again: records differ", what);
}

static void make_socks(void)
{
	n_socks[0] = 230;
	n_socks[1] = 31;
	for (int t = 0; t < 2; t++)
		for (size_t i = 0; i < n_socks[t]; i++) {
			struct sk *s = &socks[t][i];

			memset(s, 0, sizeof(*s));
			s->family = i % 3 == 1 ? AF_INET6 : AF_INET;
			s->state = t ? 7 : (i % 5 ? 1 : 10);
			s->sport = (uint16_t)(1000 + i);
			s->dport = (uint16_t)(40000 + i * 3);
			s->ino = (uint32_t)(t * 10000 + i + 1);
			s->cgroup = i % 4 ? 4242 : 17;
		}
}

/* Every kind of change at the start, middle and end of each table. */
static void changes(void)
{
	for (int t = 0; t < 2; t++) {
		size_t at[] = {0, 1, n_socks[t] / 2, n_socks[t] - 2,
			       n_socks[t] - 1};

		for (size_t k = 0; k < sizeof(at) / sizeof(at[0]); k++) {
			struct sk *s = &socks[t][at[k]], keep = *s;
			char what[64];

			snprintf(what, sizeof(what), "table %d socket %zu", t,
				 at[k]);
			s->rq += 1;
			changed(what);
			again(what);
			s->sport ^= 0x100;
			changed(what);
			s->state = 8;
			changed(what);
			s->shut = 3;
			changed(what);
			*s = keep;
			changed(what);
			again(what);
			/* one socket fewer, then one more */
			memmove(s, s + 1,
				(n_socks[t] - at[k] - 1) * sizeof(*s));
			n_socks[t]--;
			changed(what);
			again(what);
			memmove(s + 1, s, (n_socks[t] - at[k]) * sizeof(*s));
			*s = keep;
			n_socks[t]++;
			changed(what);
			again(what);
		}
	}
	/* an empty table, then back */
	n_socks[1] = 0;
	changed("no UDP");
	again("no UDP");
	n_socks[1] = 31;
	changed("UDP back");
	again("UDP back");
}

/*
 * Expiries not shown (diag_cache_expires 0): a timer that alone moved
 * leaves the buffer kept, its record with the expiry it was parsed with;
 * shown, it is parsed.
 */
static void expiries(void)
{
	struct sk *s = &socks[0][n_socks[0] / 2];
	int same, ref, rc;

	s->exp = 5000;
	diag_cache_expires(dc, 0);
	changed("expiries left out"); /* another comparison: parsed */
	again("expiries left out");
	s->exp = 4000;
	rc = dump(&same, &ref);
	CHECK_MSG(rc == 0 && same, "a moved expiry alone: rc %d same %d", rc,
		  same);
	CHECK(sc.n == sr.n);
	s->rq += 1; /* anything else still counts */
	changed("expiries left out, a queue");
	s->rq -= 1;
	changed("expiries left out, the queue back");
	diag_cache_expires(dc, 1);
	changed("expiries compared");
	again("expiries compared");
	s->exp = 3000;
	changed("expiries compared, one moved");
	s->exp = 0;
	changed("expiries compared, back");
}

/* One byte flipped anywhere in the TCP answer (sequence numbers and port
 * ids apart, which libmnl checks). */
static void flips(void)
{
	size_t len;
	int same, ref;

	/* the TCP answer's length: the stream of its last request */
	(void)dump(&same, &ref);
	len = fk_c.cut[fk_c.n_cut - 1];
	for (size_t off = 3; off < len; off += 7) {
		char what[64];

		/* 108-byte messages, then DONE */
		if ((off < len - 20 && off % 108 >= 8 && off % 108 < 16) ||
		    (off >= len - 12 && off < len - 4))
			continue;
		snprintf(what, sizeof(what), "byte %zu flipped", off);
		fk_c.flip = (long)off;
		changed(what);
		fk_c.flip = -1;
		changed(what);
		again(what);
	}
}

/* The hash leaves sequence numbers and port ids out, and nothing else. */
static void hash_fields(void)
{
	struct nlmsghdr q = {.nlmsg_type = TCPDIAG_GETSOCK, .nlmsg_seq = 9};
	unsigned char b[4096];
	size_t n = 0;
	uint64_t h;

	for (size_t i = 0; i < 20; i++)
		n += put_msg(b + n, &q, &socks[0][i], 77);
	h = dc_hash(b, n, 0);
	for (size_t off = 0; off < n; off += 108) {
		struct nlmsghdr *m = (struct nlmsghdr *)(b + off);

		m->nlmsg_seq = 12345 + (uint32_t)off;
		m->nlmsg_pid = 0;
	}
	CHECK(dc_hash(b, n, 0) == h);
	for (size_t off = 0; off < n; off++) {
		size_t in = off % 108;

		if (in >= 8 && in < 16)
			continue; /* seq, pid */
		b[off] ^= 1;
		CHECK_MSG(dc_hash(b, n, 0) != h, "byte %zu", off);
		b[off] ^= 1;
	}
	/* without expiries: those 4 bytes (payload 52-55) and no other */
	h = dc_hash(b, n, 1);
	for (size_t off = 0; off < n; off++) {
		size_t in = off % 108;

		if (in >= 8 && in < 16)
			continue;
		b[off] ^= 1;
		CHECK_MSG((dc_hash(b, n, 1) != h) == !(in >= 68 && in < 72),
			  "byte %zu without expiries", off);
		b[off] ^= 1;
	}
}

/*
 * A dump told the same as the one shown, needed as records after all: a
 * copy in spare that points at nothing of shown (shown is freed), then
 * shown and compared with, as the one it replaced was.
 */
static void unborrowed(void)
{
	int same, ref, rc = dump(&same, &ref);
	struct snap *old = shown;

	CHECK_MSG(rc == 0 && same == 2, "rc %d same %d", rc, same);
	diag_cache_unborrow(dc, spare);
	CHECK(snap_eq(spare, &sr));
	shown = res = spare;
	spare = old;
	snap_free(old);
	snap_init(old);
	CHECK(snap_eq(shown, &sr));
	again("unborrowed");
	/* given back unchanged instead: compared where it is */
	rc = dump(&same, &ref);
	CHECK(rc == 0 && same == 2);
	diag_cache_unborrow(dc, spare);
	res = spare;
	again("unborrowed, given back");
}

/* Everything again with diag_dump_beside, as the screen dumps. */
static void all_beside(void)
{
	int same, ref, rc;

	beside = 1;
	dc->dc.valid = 0;
	snap_free(&sc);
	snap_init(&sc);
	make_socks();
	rc = dump(&same, &ref);
	CHECK(rc == 0 && ref == 0 && !same && res->n == 261 &&
	      snap_eq(res, &sr));
	again("beside, first");
	/* the spare's records were never needed: no array */
	CHECK(!spare->cap);
	again("beside, second");
	changes();
	expiries();
	flips();
	unborrowed();
	changes();
}

int main(void)
{
	int same, ref, rc;

	if (diag_open(&dc) || diag_open(&dr)) {
		fprintf(stderr, "no sock_diag socket\n");
		return 77;
	}
	fake_init(&fk_c, dc, 1100);
	fake_init(&fk_r, dr, 1100);
	snap_init(&sc);
	snap_init(&sr);
	make_socks();
	hash_fields();

	rc = dump(&same, &ref);
	CHECK(rc == 0 && ref == 0 && !same && sc.n == 261 && snap_eq(&sc, &sr));
	again("first");
	again("second");
	changes();
	expiries();
	flips();
	/* another snapshot, or one emptied: filled afresh */
	snap_clear(&sc);
	changed("cleared");
	again("cleared");
	all_beside();

	diag_close(dc);
	diag_close(dr);
	snap_free(&sc);
	snap_free(&sb);
	snap_free(&sr);
	return check_done();
}
