/*
 * batch_events.c: -E, destroyed sockets as the kernel reports them, one
 * flushed line each, through the filter: as ss -E prints them, or with
 * --json one object per socket with its final counters and what sstop
 * saw of it alive (the closed-connection log's entries, view/clog.h).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "batch_int.h"
#include "clog.h"
#include "diag.h"
#include "evl.h"
#include "filter.h"
#include "i18n.h"
#include "model.h"
#include "names.h"
#include "opts.h"
#include "owners.h"
#include "snap.h"
#include "ssfmt.h"

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * --json -E: the sockets alive are dumped every interval (TCP and UDP, no
 * filter: a filtered-out listener still names an accepted socket's
 * owners), so that an event finds the socket's first sighting and owners
 * in the model; the listener thread queues events meanwhile.
 */
struct jev {
	struct batch *b;
	struct model m;
	struct clog log;
	struct names names;
	struct diag_req req;
	struct evl_batch eb; /* the last take */
	double t_dump;
	uint64_t lost; /* already reported */
};

static void jev_take(struct jev *j, struct evl *l);

/*
 * A dump, then the owners of what it holds, while those sockets are most
 * likely still there: a walk of the fd tables that changed, and when it
 * missed a socket of the dump (a process that closed one fd and opened a
 * socket keeps its count), a walk of every table.  The sockets gone while
 * the dump ran are logged against the previous dump, before the model
 * moves on (after it, a socket's TIME-WAIT or its absence would hide what
 * it was); those gone while a walk ran keep the owners it dropped
 * (own_keep_gone).
 */
static int jev_dump(struct jev *j, struct evl *l)
{
	struct own_map *own = j->b->owners;
	struct snap *s = calloc(1, sizeof(*s)), *old;
	int rc;

	if (!s)
		return batch_fail(j->b, 1, "%s", strerror(ENOMEM));
	snap_init(s);
	jev_take(j, l);
	j->t_dump = mono_now();
	rc = batch_collect(j->b, &j->req, s);
	if (rc) {
		snap_free(s);
		free(s);
		return rc;
	}
	jev_take(j, l);
	batch_health(j->b, s, NULL); /* the codes a socket had when seen */
	if (own) {
		own_refresh_par(own, 0);
		own_sync(own, s);
		if (own_pending(own))
			own_refresh_par(own, 0);
	}
	old = model_update(&j->m, s, mono_now());
	if (old) {
		snap_free(old);
		free(old);
	}
	return 0;
}

/* One logged event, one line, flushed: clog_add_stream's emit. */
static void jev_print(const struct clog_ent *e, void *arg)
{
	struct jev *j = arg;

	clog_json(stdout, e, &j->names);
	fflush(stdout);
}

static void jev_lost(struct jev *j, struct evl *l)
{
	struct evl_stats st;
	uint64_t lost;

	evl_stats(l, &st);
	lost = st.lost + st.full;
	if (lost <= j->lost)
		return;
	printf("{\"event\":\"lost\",\"lost\":%" PRIu64
	       ",\"lost_total\":%" PRIu64 "}\n",
	       lost - j->lost, lost);
	fflush(stdout);
	j->lost = lost;
}

/* The filter on an event (no kernel program ever saw it). */
static int keep(const struct sk_rec *r, void *arg)
{
	return filter_match(arg, r);
}

/* Logs and prints what the listener has queued (l NULL: nothing). */
static void jev_take(struct jev *j, struct evl *l)
{
	struct batch *b = j->b;
	struct clog_known k = {
		.m = &j->m, .own = b->owners, .t_dump = j->t_dump};

	if (!l || !evl_take(l, &j->eb))
		return;
	/* a take after a long dump may hold more events than the log's
	 * slots: each is printed before it can be overwritten */
	clog_add_stream(&j->log, &j->eb, &k, b->filter ? keep : NULL, b->filter,
			jev_print, j);
	jev_lost(j, l);
}

static int events_json(struct batch *b)
{
	const struct sstop_opts *o = b->o;
	struct jev j = {.b = b};
	struct evl *l = NULL;
	double next;
	int rc;

	/* the owners of a socket closed while a pass reads /proc */
	if (b->owners)
		own_keep_gone(b->owners);
	model_init(&j.m);
	clog_init(&j.log, 4096);
	names_init(&j.names);
	evl_batch_init(&j.eb);
	j.req.tabs = o->sel.tabs & (SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP));
	j.req.families = o->sel.families;
	j.req.states = SKS_ALL;
	/* what the health codes are worked out from */
	j.req.ext = DIAG_X_INFO | DIAG_X_MEM;
	/* The first dump before the subscription: every event finds it. */
	rc = jev_dump(&j, NULL);
	if (!rc) {
		const char *rb = secure_getenv("SSTOP_EVENTS_RCVBUF");

		rc = evl_start(&l, o->sel.tabs, o->sel.families, 0,
			       rb ? atoi(rb) : 0);
		if (rc)
			rc = batch_fail(b, 1,
					_("cannot listen to socket events: %s"),
					strerror(-rc));
	}
	next = j.t_dump + o->interval;
	while (!rc) {
		struct pollfd p = {.fd = evl_fd(l), .events = POLLIN};
		double now = mono_now();
		struct evl_stats st;

		if (now >= next) {
			rc = jev_dump(&j, l);
			next = j.t_dump + o->interval;
			continue;
		}
		if (poll(&p, 1, (int)((next - now) * 1000) + 1) < 0 &&
		    errno != EINTR) {
			rc = batch_fail(b, 1, _("socket events: %s"),
					strerror(errno));
			break;
		}
		if (!(p.revents & POLLIN))
			continue;
		jev_take(&j, l);
		evl_stats(l, &st);
		if (st.err)
			rc = batch_fail(b, 1, _("socket events: %s"),
					strerror(-st.err));
	}
	evl_stop(l);
	evl_batch_free(&j.eb);
	names_free(&j.names);
	clog_free(&j.log);
	model_free(&j.m);
	return rc;
}

int batch_events(struct batch *b, struct ssfmt *fmt)
{
	struct diag *ev;
	struct snap s;
	int rc;

	if (b->o->json && !b->replay)
		return events_json(b);
	rc = diag_events_open(&ev, b->o->sel.tabs, b->o->sel.families);
	if (rc)
		return batch_fail(b, 1, _("cannot listen to socket events: %s"),
				  strerror(-rc));
	if (b->owners)
		own_refresh_par(b->owners, 0);
	snap_init(&s);
	/*
	 * As ss: the header waits for the first event (it is rendered with
	 * it), and column widths carry over from one event to the next.
	 */
	fmt->sticky = 1;
	ssfmt_header(fmt);
	while ((rc = diag_events_read(ev, &s)) == 0 || rc == -ENOBUFS ||
	       rc == -EINTR) {
		for (size_t i = 0; i < s.n; i++) {
			if (b->filter && !filter_match(b->filter, &s.v[i]))
				continue;
			ssfmt_add(fmt, &s.v[i]);
			ssfmt_render(fmt, stdout);
			fflush(stdout);
		}
		snap_clear(&s);
	}
	snap_free(&s);
	diag_close(ev);
	return batch_fail(b, 1, _("socket events: %s"), strerror(-rc));
}
