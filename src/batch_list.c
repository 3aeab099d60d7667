/*
 * batch_list.c: the batch listing, as ss prints it or as JSON: streamed
 * (each record printed as it is parsed) when nothing needs the whole
 * snapshot first, else dumped whole then printed (-K, --json).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "batch_int.h"
#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "json.h"
#include "metrics.h"
#include "kill.h"
#include "model.h"
#include "nsset.h"
#include "owners.h"
#include "snap.h"
#include "ssfmt.h"

static size_t users_text(uint32_t ino, char *buf, size_t n, void *arg)
{
	const struct batch *b = arg;
	size_t len = own_format_ss(b->owners, ino, b->o->show.threads,
				   b->o->show.context, buf, n);

	/* own_format_ss gives `users:(BODY)`; ssfmt wants BODY. */
	if (len == 0 || len >= n || len < 8 || strncmp(buf, "users:(", 7))
		return 0;
	memmove(buf, buf + 7, len - 7);
	buf[len - 8] = '\0';
	return len - 8;
}

/*
 * After a listing: standard output flushed, and a write that failed on the
 * way (a full disk, /dev/full, a closed pipe when SIGPIPE is ignored)
 * ends the run with its reason, instead of a listing silently cut.
 */
static int out_check(struct batch *b, const struct ssfmt *fmt)
{
	int err = fmt->werr;

	errno = 0;
	if (fflush(stdout) == EOF && !err)
		err = errno ? errno : EIO;
	if (!err && ferror(stdout))
		err = EIO;
	if (!err)
		return 0;
	return batch_fail(b, 1, _("cannot write the output: %s"),
			  strerror(err));
}

static int screen_width(void)
{
	struct winsize w;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 0)
		return w.ws_col;
	return 80;
}

void batch_fmt_init(struct batch *b, struct ssfmt *fmt)
{
	const struct sstop_opts *o = b->o;

	ssfmt_init(fmt, &o->show, o->sel.tabs, o->sel.states, screen_width());
	if (b->owners) {
		fmt->users = users_text;
		fmt->users_arg = b;
	}
}

/*
 * A streamed listing: each record is formatted as it is parsed and then
 * dropped (with its memory), and rows go out whenever ss would print
 * them.  ss prints a table's IPv4 sockets before its IPv6 ones, while one
 * TCP dump brings both mixed: a table's IPv6 rows wait in side until the
 * table ends.
 *
 * With -p the owners are read by threads while the kernel dumps (ss reads
 * them first, then dumps): records that come before the owners map is
 * complete stay in the snapshot, up to HOLD_BYTES, then the dump waits
 * for the map; once it is there they are formatted in their order and
 * the rest streams.
 */
#define HOLD_BYTES ((size_t)24 << 20)

struct stream {
	struct batch *b;
	struct ssfmt *fmt, side;
	struct snap *s;
	int tab;   /* table of the last record, -1 before the first */
	int ready; /* the owners map can be read (or there is none) */
};

static void stream_emit(struct stream *st, const struct sk_rec *r)
{
	if (r->tab != st->tab) {
		ssfmt_append(st->fmt, &st->side);
		st->tab = r->tab;
	}
	if (r->family == AF_INET6 && (SKT_BIT(r->tab) & SKT_INET_MASK))
		ssfmt_add(&st->side, r);
	else
		ssfmt_add(st->fmt, r);
}

/* The owners map is complete: the records held so far go out, but r. */
static void stream_release(struct stream *st, const struct sk_rec *r)
{
	own_bg_wait(st->b->owners);
	st->ready = 1;
	for (size_t i = 0; i < st->s->n; i++)
		if (&st->s->v[i] != r)
			stream_emit(st, &st->s->v[i]);
}

static int stream_rec(const struct sk_rec *r, void *arg)
{
	struct stream *st = arg;
	const struct snap *s = st->s;

	if (st->b->filter && !batch_accept(r, st->b))
		return 0;
	if (!st->ready) {
		if (!own_bg_done(st->b->owners) &&
		    s->arena.used + s->n * sizeof(*s->v) < HOLD_BYTES)
			return 1; /* held in the snapshot */
		stream_release(st, r);
	}
	stream_emit(st, r);
	return 0; /* printed: the snapshot need not keep it */
}

/*
 * Text output that needs nothing but the records and the owners map
 * streams; -K and --json need the whole snapshot first.
 */
static int streams(const struct batch *b)
{
	return !b->o->json && !b->o->kill && !b->sorted && !b->rated &&
	       !b->o->metrics;
}

/*
 * Brings the owners map up to date for one listing: in the background
 * (returns 0: wait before reading it), or at once when the filter reads
 * owners while the dump runs or no thread starts (returns 1).
 */
static int owners_begin(struct batch *b)
{
	if (b->filter && filter_needs_owners(b->filter)) {
		own_refresh_par(b->owners, 0);
		return 1;
	}
	if (own_bg_start(b->owners, 0) == 0)
		return 0;
	own_refresh(b->owners);
	return 1;
}

static int listing_stream(struct batch *b, struct ssfmt *fmt)
{
	const struct sstop_opts *o = b->o;
	struct snap s;
	struct stream st = {.b = b, .fmt = fmt, .s = &s, .tab = -1};
	struct diag_req req;
	int rc;

	batch_make_req(b, &req);
	req.accept = stream_rec;
	req.accept_arg = &st;
	ssfmt_init(&st.side, &fmt->o, o->sel.tabs, o->sel.states,
		   fmt->screen_width);
	st.side.users = fmt->users;
	st.side.users_arg = fmt->users_arg;
	ssfmt_stream(fmt, stdout);
	ssfmt_header(fmt);
	snap_init(&s);
	st.ready = b->owners ? owners_begin(b) : 1;
	rc = batch_collect(b, &req, &s);
	if (!st.ready)
		stream_release(&st, NULL);
	ssfmt_append(fmt, &st.side);
	ssfmt_render(fmt, stdout);
	ssfmt_stream(fmt, NULL);
	snap_free(&s);
	ssfmt_free(&st.side);
	return rc ? rc : out_check(b, fmt);
}

/* --sort's order of s's records into p (p->order), or 0 when unsorted. */
static const uint32_t *sort_listing(struct batch *b, const struct ssfmt *fmt,
				    const struct snap *s, struct mprep *p)
{
	struct mfmt f = {.numeric = b->o->show.numeric,
			 .threads = b->o->show.threads,
			 .own = b->owners,
			 .names = (struct names *)&fmt->names};

	if (!b->sorted)
		return NULL;
	model_prepare(p, s, b->sort_col, b->sort_desc, &f);
	return p->order;
}

/* A dump that only sets the rates' base (sorted by a rate): 0 or -1. */
static int listing_base(struct batch *b)
{
	struct diag_req req;
	struct snap s;
	int rc;

	batch_make_req(b, &req);
	snap_init(&s);
	rc = batch_collect(b, &req, &s);
	if (!rc)
		rates_update(&b->rates, &s, b->dump_t);
	snap_free(&s);
	b->baseline = 0;
	return rc;
}

int batch_listing(struct batch *b, struct ssfmt *fmt,
		  const struct json_summary *sm)
{
	const struct sstop_opts *o = b->o;
	struct diag_req req;
	struct snap s;
	struct mprep prep;
	const uint32_t *order;
	char now[40];
	int collect_rc;

	if (b->baseline)
		return listing_base(b);
	if (streams(b))
		return listing_stream(b, fmt);
	batch_make_req(b, &req);
	snap_init(&s);
	if (b->owners)
		owners_begin(b);
	batch_rfc3339(now, sizeof(now));
	collect_rc = batch_collect(b, &req, &s);
	if (!collect_rc && b->rated)
		rates_update(&b->rates, &s, b->dump_t);
	if (b->owners) {
		own_bg_wait(b->owners);
		if (!collect_rc) {
			/* what the snapshot holds and the walk missed */
			own_sync(b->owners, &s);
			own_refresh_par(b->owners, 0);
		}
	}
	if (collect_rc) {
		snap_free(&s);
		return -1;
	}
	if (o->kill) {
		/* As ss -K: list only what was closed; say why the rest not. */
		struct kill_report kr;
		struct kill_ctx *k = NULL;
		int err = 0;

		if (b->cur && !(k = nsset_kill_ctx(b->cur, &err))) {
			fprintf(b->notes,
				_("sstop: cannot open sock_diag to kill: %s\n"),
				strerror(-err));
			s.n = 0;
		} else if (!b->nss || b->cur) {
			/* (--all-netns in one snapshot: closed as dumped) */
			kill_snap_ctx(&s, k, &kr);
			fputs(kr.text, b->notes);
			kill_report_fini(&kr);
		}
	}
	model_prep_init(&prep);
	order = sort_listing(b, fmt, &s, &prep);
	if (o->metrics) {
		struct health_sum hs;
		struct metrics_in mi = {.s = &s, .own = b->owners};
		struct timespec ts;

		health_sum_init(&hs);
		batch_health(b, &s, &hs);
		clock_gettime(CLOCK_REALTIME, &ts);
		mi.health_n = hs.n;
		mi.ns = hs.ns.have ? &hs.ns : NULL;
		mi.now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
		if (metrics_write(stdout, &mi) < 0) {
			health_sum_free(&hs);
			model_prep_free(&prep);
			snap_free(&s);
			return batch_fail(b, 1,
					  _("cannot write the metrics: %s"),
					  strerror(EIO));
		}
		health_sum_free(&hs);
	} else if (o->json) {
		/* b->owners may exist for `proc` alone: owners only with -p. */
		struct json_owners ow = {
			.map = o->show.processes ? b->owners : NULL,
			.threads = o->show.threads,
			.nss = b->nss,
		};

		batch_health(b, &s, NULL);
		json_doc_at(stdout, &s, order, sm, &fmt->names, &ow, 1, now);
	} else {
		ssfmt_header(fmt);
		for (size_t i = 0; i < s.n; i++)
			ssfmt_add(fmt, &s.v[order ? order[i] : i]);
		ssfmt_render(fmt, stdout);
	}
	model_prep_free(&prep);
	snap_free(&s);
	return out_check(b, fmt);
}

int batch_netns_text(struct batch *b, struct ssfmt *fmt)
{
	int rc = 0;

	for (size_t i = 0; i < b->nss->n && !rc; i++) {
		struct nsent *e = &b->nss->v[i];

		/* as `ip -all netns exec` heads each namespace's output */
		printf("netns %s (id %llu)\n", e->label,
		       (unsigned long long)e->ino);
		if (!e->d) {
			fflush(stdout);
			fprintf(b->notes,
				_("sstop: netns %s: cannot enter: %s\n"),
				e->label, strerror(-e->err));
			continue;
		}
		b->d = e->d;
		b->cur = e;
		b->dumping = e;
		rc = batch_listing(b, fmt, NULL);
	}
	b->cur = NULL;
	return rc;
}
