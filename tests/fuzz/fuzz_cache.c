/*
 * fuzz_cache.c: libFuzzer target for diag_dump_cached (diag_cache.c), the
 * refresh that parses only the buffers that changed since the last dump.
 * The input is two answers (A and B: netlink messages, as ss -D writes
 * them, as far as they are framed as messages) that a kernel played by
 * the target sends, cut into buffers of a
 * size the input chooses, to each request of a TCP and UDP dump (TCP for
 * both families at once, UDP once per family).  The dumps A, B, B, A, A
 * go through one cached handle and, each, through diag_dump on a fresh
 * snapshot: the return codes and the records (as JSON, every field) must
 * be the same, and a dump of the same bytes as the one before must be
 * told unchanged.  A third handle dumps them with diag_dump_beside as the
 * screen does (into a spare while the last changed dump is shown; one
 * told the same copied out of the shown one when the input's bit says
 * so): its records must be the same too.  Seeds: tests/fuzz/cache-corpus.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>

#include "diag.h"
#include "diag_int.h"
#include "../feed_cut.h"
#include "json.h"
#include "snap.h"
#include "ssfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAXBUF 512

struct fake {
	struct diag_feed f;
	uint32_t portid;
	const uint8_t *msgs; /* the answer being played */
	size_t len, bufsz;
	int done_apart; /* NLMSG_DONE in a buffer of its own */
	unsigned char *stream;
	size_t cut[MAXBUF], n_cut, next;
};

static int fake_send(struct diag_feed *df, const struct nlmsghdr *req)
{
	struct fake *f = (struct fake *)df;
	size_t o = 0, start = 0;
	struct nlmsghdr done = {
		.nlmsg_len = NLMSG_HDRLEN + 4,
		.nlmsg_type = NLMSG_DONE,
		.nlmsg_flags = NLM_F_MULTI,
		.nlmsg_seq = req->nlmsg_seq,
		.nlmsg_pid = f->portid,
	};

	free(f->stream);
	f->stream = calloc(1, f->len + NLMSG_HDRLEN + 8);
	if (!f->stream)
		abort();
	memcpy(f->stream, f->msgs, f->len);
	f->n_cut = f->next = 0;
	/* whole messages per buffer, with this request's seq and port id */
	while (f->len - o >= NLMSG_HDRLEN && f->n_cut < MAXBUF - 2) {
		struct nlmsghdr h;
		size_t l;

		memcpy(&h, f->stream + o, sizeof(h));
		l = ((size_t)h.nlmsg_len + 3) & ~(size_t)3; /* no wrap */
		if (h.nlmsg_len < NLMSG_HDRLEN || l > f->len - o)
			break;
		h.nlmsg_seq = req->nlmsg_seq;
		h.nlmsg_pid = f->portid;
		memcpy(f->stream + o, &h, sizeof(h));
		if (o > start && o + l - start > f->bufsz) {
			f->cut[f->n_cut++] = o;
			start = o;
		}
		o += l;
	}
	/*
	 * What does not parse as messages is left out: the kernel frames
	 * its messages (libmnl would take a length of 2 GB and more for a
	 * negative one); then DONE
	 */
	if (f->done_apart && o > start)
		f->cut[f->n_cut++] = o;
	memcpy(f->stream + o, &done, sizeof(done));
	f->cut[f->n_cut++] = o + NLMSG_HDRLEN + 4;
	return 0;
}

static ssize_t fake_recv(struct diag_feed *df, void *buf, size_t len)
{
	struct fake *f = (struct fake *)df;

	return feed_cut_recv(f->stream, f->cut, f->n_cut, &f->next, buf, len);
}

/* Every field of every record, and the notes. */
static char *text(const struct snap *s, const struct diag_req *req, int rc,
		  size_t *len)
{
	/* numeric, no cgroup paths: no lookup per input */
	struct fmt_show show = {.numeric = 1, .timers = 1, .extended = 1,
				.memory = 1, .info = 1, .tos = 1,
				.inet_sockopt = 1};
	struct ssfmt fmt;
	char *p = NULL;
	FILE *f = open_memstream(&p, len);

	if (!f)
		abort();
	fprintf(f, "rc %d n %zu notes %zu\n", rc, s->n, s->n_notes);
	for (size_t i = 0; i < s->n_notes; i++)
		fprintf(f, "note %d %d\n", s->notes[i].tab, s->notes[i].err);
	ssfmt_init(&fmt, &show, req->tabs, SKS_ALL, 0);
	json_doc(f, s, NULL, &fmt.names, NULL);
	ssfmt_free(&fmt);
	fclose(f);
	return p;
}

static struct diag *dc, *dr, *db;
static struct fake fc, fr, fb;

static void setup(void)
{
	if (dc)
		return;
	if (diag_open(&dc) || diag_open(&dr) || diag_open(&db))
		abort();
	fc.f.send = fr.f.send = fb.f.send = fake_send;
	fc.f.recv = fr.f.recv = fb.f.recv = fake_recv;
	fc.portid = dc->portid;
	fr.portid = dr->portid;
	fb.portid = db->portid;
	dc->feed = &fc.f;
	dr->feed = &fr.f;
	db->feed = &fb.f;
}

/*
 * The dump through diag_dump_beside into *spare beside *shown, as the
 * screen makes it: the text of its records; a changed dump is shown next.
 */
static char *beside(const struct diag_req *req, struct snap **shown,
		    struct snap **spare, int unborrow, size_t *len)
{
	int same, rc = diag_dump_beside(db, req, *spare, *shown, &same);
	struct snap *t = *shown;
	char *p;

	if (same == 2 && (*spare)->n)
		abort();
	if (same == 2 && unborrow)
		diag_cache_unborrow(db, *spare);
	else if (same == 2)
		return text(*shown, req, rc, len); /* shown's records */
	else if (same == 1)
		return text(*spare, req, rc, len); /* given back */
	/* changed, or copied: shown next, the one it replaces emptied */
	p = text(*spare, req, rc, len);
	*shown = *spare;
	*spare = t;
	snap_clear(t);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct diag_req req = {
		.tabs = SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP),
	};
	struct snap sc, sr, sb[2], *shown = &sb[0], *spare = &sb[1];
	const uint8_t *part[2];
	size_t plen[2], split, la, lb;
	int order[] = {0, 1, 1, 0, 0}, last = -1;

	if (size < 4)
		return 0;
	setup();
	fc.bufsz = fr.bufsz = fb.bufsz = 64 + (size_t)data[0] * 64;
	fc.done_apart = fr.done_apart = fb.done_apart = data[1] & 1;
	split = ((size_t)data[2] << 8 | data[3]) % (size - 4 + 1);
	part[0] = data + 4;
	plen[0] = split;
	part[1] = data + 4 + split;
	plen[1] = size - 4 - split;
	snap_init(&sc);
	snap_init(&sr);
	snap_init(&sb[0]);
	snap_init(&sb[1]);
	for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
		int p = order[k], same, rc, ref;
		char *a, *b;

		/* a snapshot whose arena grew past twice a fresh fill's is
		 * filled afresh (diag_dump_cached) */
		int fits = sc.arena.used <= 2 * dc->dc.arena_fresh + 65536;

		fc.msgs = fr.msgs = fb.msgs = part[p];
		fc.len = fr.len = fb.len = plen[p];
		rc = diag_dump_cached(dc, &req, &sc, &same);
		snap_clear(&sr);
		ref = diag_dump(dr, &req, &sr);
		a = text(&sc, &req, rc, &la);
		b = text(&sr, &req, ref, &lb);
		if (la != lb || memcmp(a, b, la)) {
			fprintf(stderr, "dump %zu differs:\n%s\n---\n%s\n", k, a,
				b);
			abort();
		}
		free(a);
		a = beside(&req, &shown, &spare, data[1] >> (k + 1) & 1, &la);
		if (la != lb || memcmp(a, b, la)) {
			fprintf(stderr,
				"dump %zu beside differs:\n%s\n---\n%s\n", k,
				a, b);
			abort();
		}
		free(a);
		free(b);
		/* the same bytes as the last dump, kept: unchanged */
		if (last >= 0 && fits && rc == 0 && plen[p] == plen[last] &&
		    !memcmp(part[p], part[last], plen[p]) && !same)
			abort();
		last = rc == 0 && dc->dc.valid ? p : -1;
	}
	snap_free(&sc);
	snap_free(&sr);
	snap_free(&sb[0]);
	snap_free(&sb[1]);
	/* the next input starts afresh: the handles forget this one */
	dc->dc.valid = 0;
	db->dc.valid = 0;
	return 0;
}
