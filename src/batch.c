/*
 * batch.c: the batch driver (see batch.h).
 *
 * One iteration: build a diag request from the selection, dump (or replay
 * a recorded dump), keep what the filter accepts, print as ss or as JSON.
 * The driver reads the filter and the replayed file, opens sock_diag and
 * the recording, and runs the modes: -s (batch_summary.c), the listing
 * (batch_list.c), -E (batch_events.c), -D (batch_dump.c); they share the
 * request and the dump (batch_int.h).  Output goes to stdout only;
 * messages go back to main in struct batch_result.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "batch_int.h"
#include "caps.h"
#include "diag.h"
#include "file.h"
#include "filter.h"
#include "i18n.h"
#include "json.h"
#include "xalloc.h"
#include "kill.h"
#include "msgfit.h"
#include "netstat.h"
#include "nsset.h"
#include "owners.h"
#include "request.h"
#include "rcfile.h"
#include "snap.h"
#include "ssfmt.h"

int batch_fail(struct batch *b, int status, const char *fmt, ...)
{
	va_list ap;

	/* a long path gives way in the middle, the reason stays */
	va_start(ap, fmt);
	msg_vfit(b->res->msg, sizeof(b->res->msg), fmt, ap);
	va_end(ap);
	b->res->status = status;
	return -1;
}

/* ---- the filter: the one place where FILTER words are handled ---- */

int batch_accept(const struct sk_rec *r, void *arg)
{
	const struct batch *b = arg;

	/*
	 * An exact program already ran in the kernel for inet sockets: its
	 * answer stands (it is the kernel's meaning, e.g. for autobound).
	 * Raw sockets read from /proc (no raw_diag: no cookie either) never
	 * met the program, nor did SCTP's (sctp_diag ignores it: on 6.1 and
	 * 6.12 it sends every endpoint and association).
	 */
	if (b->bc.exact && b->bc.code && !b->replay &&
	    !diag_bytecode_rejected(b->d) && r->tab != SKT_SCTP &&
	    (SKT_BIT(r->tab) & SKT_INET_MASK) && (r->has & SKR_HAS_COOKIE))
		return 1;
	return filter_match(b->filter, r);
}

/* netns and container: the namespace being dumped (--all-netns). */
static int ns_match(const struct sk_rec *r, int kind, const char *glob,
		    void *arg)
{
	const struct batch *b = arg;

	(void)r;
	return b->dumping &&
	       nsset_match(b->dumping, kind == FILTER_NS_CONTAINER, glob);
}

static int setup_filter(struct batch *b)
{
	const struct sstop_opts *o = b->o;
	struct filter_opts fo = {.family = o->sel.pref_family,
				 .tabs = o->sel.tabs};
	struct bc_opts bo = {.allow_mark = caps_can_kill()};
	struct filter_result fr;
	void *text = NULL;
	size_t len;
	int rc;

	if (o->filter_argc == 0 && !o->filter_file)
		return 0;
	if (o->filter_file) {
		char why[80];

		rc = file_read(o->filter_file, FILE_STDIN_DASH | FILE_TEXT,
			       FILE_MAX_FILTER, &text, &len);
		if (rc)
			return batch_fail(b, 1,
					  _("cannot read filter file %s: %s"),
					  o->filter_file,
					  file_strerror(rc, FILE_MAX_FILTER,
							why, sizeof(why)));
	}
	memset(&fr, 0, sizeof(fr));
	b->filter = filter_parse_words(o->filter_argc, o->filter_argv, text,
				       &fo, &fr);
	free(text);
	if (!b->filter) {
		/* main prints "sstop: " before it: the caret moves over. */
		char *msg = filter_render_error(&fr, strlen("sstop: "));

		if (strlen(msg) && msg[strlen(msg) - 1] == '\n')
			msg[strlen(msg) - 1] = '\0';
		batch_fail(b, 2, "%s", msg);
		free(msg);
		filter_result_fini(&fr);
		return -1;
	}
	filter_result_fini(&fr);
	/* What the kernel can run goes with the dumps; the rest is re-checked.
	 */
	if (bc_compile(b->filter, &bo, &b->bc))
		memset(&b->bc, 0, sizeof(b->bc));
	if (filter_needs_ns(b->filter))
		filter_set_ns_fn(b->filter, ns_match, b);
	if (filter_needs_owners(b->filter)) {
		if (!b->owners &&
		    own_new(NULL, o->show.threads ? OWN_THREADS : 0,
			    &b->owners) == 0)
			own_refresh_par(b->owners, 0);
		if (b->owners)
			filter_set_owner_fn(b->filter, own_match, b->owners);
	}
	return 0;
}

/* ---- requests ---- */

void batch_make_req(const struct batch *b, struct diag_req *req)
{
	request_build(req, b->o, &b->o->sel, b->filter, &b->bc,
		      b->rated ? DIAG_X_RATE : 0);
	if (b->filter) {
		req->accept = batch_accept;
		req->accept_arg = (void *)b;
	}
}

/*
 * A table the kernel cannot dump (no diag module) is said once in the notes,
 * when the user named it (sk_select.named): ss says nothing, and the
 * default listing or -A all (every table) stays quiet on kernels without
 * SCTP or DCCP.
 */
static void note_missing(struct batch *b, const struct snap *s)
{
	char msg[160];

	/* tables only implied (-A all, the default) count as said */
	uint32_t said = b->noted | ~b->o->sel.named;

	while (snap_note_next(s, &said, msg, sizeof(msg)))
		fprintf(b->notes, "sstop: %s\n", msg);
	b->noted |= said & b->o->sel.named;
}

/*
 * --all-netns, one snapshot: each namespace's dump in its range, closed
 * there at once with -K (through the socket made in that namespace).
 */
static int collect_all(struct batch *b, const struct diag_req *req,
		       struct snap *s)
{
	for (size_t i = 0; i < b->nss->n; i++) {
		struct nsent *e = &b->nss->v[i];
		size_t first = s->n;
		int rc;

		if (!e->d)
			continue;
		nsset_snap_begin(e, s);
		b->d = e->d;
		b->dumping = e;
		rc = diag_dump(e->d, req, s);
		if (rc)
			return batch_fail(b, 1, _("socket dump failed: %s"),
					  strerror(-rc));
		if (b->o->kill) {
			struct snap tail = *s;
			struct kill_report kr;
			struct kill_ctx *k;
			int err = 0;

			tail.v = s->v + first;
			tail.n = s->n - first;
			k = nsset_kill_ctx(e, &err);
			if (k) {
				kill_snap_ctx(&tail, k, &kr);
				fputs(kr.text, b->notes);
				kill_report_fini(&kr);
			} else {
				fprintf(b->notes,
					_("sstop: cannot open sock_diag to "
					  "kill: %s\n"),
					strerror(-err));
				tail.n = 0;
			}
			s->n = first + tail.n;
		}
		note_missing(b, s);
	}
	return 0;
}

int batch_collect(struct batch *b, const struct diag_req *req, struct snap *s)
{
	int rc;

	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	b->dump_t = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	if (b->replay) {
		uint64_t us;

		rc = diag_replay_step(b->replay, b->replay_len,
				      b->replay_step++, req, s, &us);
		if (us)
			b->dump_t = (double)us / 1e6;
		if (rc)
			return batch_fail(b, 1, _("%s: malformed dump"),
					  b->o->replay);
		return 0;
	}
	if (b->nss && !b->cur)
		return collect_all(b, req, s);
	rc = diag_dump(b->d, req, s);
	if (rc)
		return batch_fail(b, 1, _("socket dump failed: %s"),
				  strerror(-rc));
	note_missing(b, s);
	if (b->record_fd >= 0 && diag_record_error(b->d))
		return batch_fail(b, 1, _("cannot write %s: %s"), b->o->record,
				  strerror(-diag_record_error(b->d)));
	return 0;
}

void batch_health(struct batch *b, struct snap *s, struct health_sum *sum)
{
	struct health_sum tmp;
	struct netstat ns;
	struct timespec ts;
	/* a replayed dump is another host's: this one's counters are not */
	int have_ns = sum && !b->replay && netstat_read(&ns, NULL) == 0;

	if (!b->health)
		b->health = health_new();
	clock_gettime(CLOCK_MONOTONIC, &ts);
	health_sum_init(&tmp);
	health_pass(b->health, &b->hconf, s,
		    (double)ts.tv_sec + (double)ts.tv_nsec / 1e9,
		    have_ns ? &ns : NULL, sum ? sum : &tmp);
	health_sum_free(&tmp);
}

/*
 * The rc file's health thresholds (its other settings are the screen's);
 * a broken file leaves the defaults, as on screen, and says why.
 */
static void load_thresholds(struct batch *b)
{
	struct rc_conf rc;
	struct rc_result rr;

	rc_load(&rc, NULL, &rr);
	if (!rr.ok)
		fprintf(b->notes,
			rr.line ? P_("sstop: %s: %s (line ignored)\n",
				     "sstop: %s: %s (lines ignored)\n", rr.bad)
				: _("sstop: %s: %s (defaults used)\n"),
			rr.path, rr.msg);
	b->hconf = rc.health;
}

void batch_rfc3339(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	char sec[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%.20s.%03dZ", sec, (int)(ts.tv_nsec / 1000000));
}

static void sleep_interval(double secs)
{
	struct timespec ts;

	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static int run(struct batch *b)
{
	const struct sstop_opts *o = b->o;
	struct ssfmt fmt;
	struct json_summary sm;
	long n_it;
	int rc = 0;

	if (o->kill && o->readonly)
		return batch_fail(b, 2, "%s",
				  _("-K (kill) is refused with --readonly"));
	if (setup_filter(b))
		return -1;
	if (o->json || o->metrics)
		load_thresholds(b);
	if (o->replay) {
		char why[80];

		rc = file_read(o->replay, FILE_STDIN_DASH, FILE_MAX_DUMP,
			       &b->replay, &b->replay_len);
		if (rc)
			return batch_fail(b, 1, _("cannot read %s: %s"),
					  o->replay,
					  file_strerror(rc, FILE_MAX_DUMP, why,
							sizeof(why)));
	} else if (o->all_netns) {
		b->nss = xmalloc(sizeof(*b->nss));
		nsset_init(b->nss, caps_can_setns());
		/* a test's container state: never under file capabilities */
		b->nss->state_root = secure_getenv("SSTOP_STATE_ROOT");
		rc = nsset_scan(b->nss);
		if (rc < 0)
			return batch_fail(b, 1, _("cannot read /proc: %s"),
					  strerror(-rc));
		if (b->nss->no_admin)
			fprintf(b->notes, "sstop: %s\n",
				_("netns: own only (no CAP_SYS_ADMIN)"));
	} else {
		rc = diag_open(&b->d);
		if (rc)
			return batch_fail(b, 1, _("cannot open sock_diag: %s"),
					  strerror(-rc));
	}
	if (o->diag_file && b->d)
		return batch_raw_dump(b);
	if (o->record && b->d) {
		b->record_fd =
			open(o->record,
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (b->record_fd < 0)
			return batch_fail(b, 1, _("cannot open %s: %s"),
					  o->record, strerror(errno));
		diag_set_record(b->d, b->record_fd);
	}
	/* -p: the map is filled by each listing, while the kernel dumps */
	if ((o->show.processes || o->metrics) && !b->owners)
		own_new(NULL, o->show.threads ? OWN_THREADS : 0, &b->owners);

	/*
	 * --sort orders the listings.  Rates come from two dumps: with
	 * --json and more than one iteration each socket seen before gets
	 * them; sorted by a rate, the first dump is only their base and is
	 * not printed (--iterations=2 gives one listing, with rates).
	 */
	if (o->sort && !mcol_parse_sort(o->sort, &b->sort_col, &b->sort_desc))
		b->sorted = 1;
	if (b->sorted && mcol_get(b->sort_col)->need & DIAG_X_RATE)
		b->rated = b->baseline = 1;
	if (o->json && o->iterations != 1)
		b->rated = 1;
	batch_fmt_init(b, &fmt);
	if (o->events) {
		rc = batch_events(b, &fmt);
		ssfmt_free(&fmt);
		return rc;
	}
	/* sorted by a rate, one iteration is the base and then the listing */
	n_it = o->iterations == 1 && b->baseline ? 2 : o->iterations;
	for (long it = 0; n_it == 0 || it < n_it; it++) {
		if (it)
			sleep_interval(o->interval);
		if (o->summary) {
			/* As ss: -s alone prints only the summary. */
			int only = !o->sel.tabs_set && !o->sel.fams_set &&
				   !o->sel.saw_query && o->filter_argc == 0;

			rc = batch_summary_count(b, &sm);
			if (rc)
				break;
			if (!o->json)
				batch_summary_text(&sm);
			else if (only) {
				char now[40];

				batch_rfc3339(now, sizeof(now));
				json_doc_at(stdout, NULL, NULL, &sm, NULL, NULL,
					    0, now);
			}
			if (only) {
				fflush(stdout);
				continue;
			}
		}
		if (b->nss) {
			if (it && nsset_scan(b->nss) < 0)
				continue; /* /proc unreadable now: as it was */
			rc = b->o->json ? batch_listing(b, &fmt, NULL)
					: batch_netns_text(b, &fmt);
		} else {
			rc = batch_listing(b, &fmt,
					   o->summary && o->json ? &sm : NULL);
		}
		if (rc)
			break;
	}
	ssfmt_free(&fmt);
	return rc;
}

int batch_run(const struct sstop_opts *o, FILE *notes, struct batch_result *res)
{
	struct batch b = {.o = o, .res = res, .notes = notes, .record_fd = -1};

	memset(res, 0, sizeof(*res));
	run(&b);
	if (b.record_fd >= 0)
		close(b.record_fd);
	if (b.nss) {
		nsset_free(b.nss); /* b.d was one of its sockets */
		free(b.nss);
	} else if (b.d) {
		diag_close(b.d);
	}
	if (b.filter)
		filter_free(b.filter);
	bc_free(&b.bc);
	health_free(b.health);
	rates_free(&b.rates);
	if (b.owners)
		own_free(b.owners);
	free(b.replay);
	return res->status;
}
