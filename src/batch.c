/*
 * batch.c: the batch driver (see batch.h).
 *
 * One iteration: build a diag request from the selection, dump (or replay
 * a recorded dump), keep what the filter accepts, print as ss or as JSON.
 * -s, -D and -E are ss's other modes; they live here too because they
 * share the request.  Output goes to stdout only; messages go back to main
 * in struct batch_result.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "bytecode.h"
#include "caps.h"
#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "json.h"
#include "kill.h"
#include "owners.h"
#include "snap.h"
#include "ssfmt.h"
#include "xalloc.h"

struct batch {
	const struct sstop_opts *o;
	struct batch_result *res;
	struct diag *d;
	struct filter *filter;	/* NULL: everything */
	struct bc_prog bc;	/* the filter as kernel bytecode (inet dumps) */
	struct own_map *owners; /* -p */
	void *replay;		/* --replay file contents */
	size_t replay_len;
	int record_fd;
	uint32_t noted; /* SKT_BIT()s of missing tables reported */
};

__attribute__((format(printf, 3, 4))) static int
fail(struct batch *b, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b->res->msg, sizeof(b->res->msg), fmt, ap);
	va_end(ap);
	b->res->status = status;
	return -1;
}

/* Reads a whole file ("-" is stdin).  0 or a negative errno. */
static int slurp(const char *path, void **out, size_t *len)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	size_t cap = 65536, n = 0;
	char *buf;

	if (fd < 0)
		return -errno;
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t r;

		if (n == cap)
			buf = xgrow(buf, &cap, cap * 2 + 1, 1);
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = -errno;

			free(buf);
			if (fd)
				close(fd);
			return e;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (fd)
		close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

int batch_enter_netns(const char *name)
{
	char path[4096];
	int fd, rc = 0;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/var/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (setns(fd, CLONE_NEWNET) < 0)
		rc = -errno;
	close(fd);
	return rc;
}

/* ---- the filter: the one place where FILTER words are handled ---- */

static int accept_rec(const struct sk_rec *r, void *arg)
{
	const struct batch *b = arg;

	/*
	 * An exact program already ran in the kernel for inet sockets: its
	 * answer stands (it is the kernel's meaning, e.g. for autobound).
	 * Raw sockets read from /proc (no raw_diag: no cookie either) never
	 * met the program.
	 */
	if (b->bc.exact && b->bc.code && !b->replay &&
	    !diag_bytecode_rejected(b->d) &&
	    (SKT_BIT(r->tab) & SKT_INET_MASK) && (r->has & SKR_HAS_COOKIE))
		return 1;
	return filter_match(b->filter, r);
}

static int owner_match(uint32_t ino, int kind, const char *glob, long pid,
		       void *arg)
{
	return own_match(ino, kind, glob, pid, arg);
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
		rc = slurp(o->filter_file, &text, &len);
		if (rc)
			return fail(b, 1, _("cannot read filter file %s: %s"),
				    o->filter_file, strerror(-rc));
	}
	memset(&fr, 0, sizeof(fr));
	b->filter = filter_parse_words(o->filter_argc, o->filter_argv, text,
				       &fo, &fr);
	free(text);
	if (!b->filter) {
		char *msg = filter_render_error(&fr);

		fail(b, 2, "%s", msg ? msg : fr.msg);
		free(msg);
		filter_result_fini(&fr);
		return -1;
	}
	filter_result_fini(&fr);
	/* What the kernel can run goes with the dumps; the rest is re-checked.
	 */
	if (bc_compile(b->filter, &bo, &b->bc))
		memset(&b->bc, 0, sizeof(b->bc));
	if (filter_needs_owners(b->filter)) {
		if (!b->owners && own_new(NULL, o->threads ? OWN_THREADS : 0,
					  &b->owners) == 0)
			own_refresh_par(b->owners, 0);
		if (b->owners)
			filter_set_owner_fn(b->filter, owner_match, b->owners);
	}
	return 0;
}

/* ---- requests ---- */

static void make_req(const struct batch *b, struct diag_req *req)
{
	const struct sstop_opts *o = b->o;

	memset(req, 0, sizeof(*req));
	req->tabs = o->sel.tabs;
	req->families = o->sel.families & ((1u << AF_INET) | (1u << AF_INET6));
	req->states = o->sel.states;
	if (o->memory)
		req->ext |= DIAG_X_MEM;
	if (o->info)
		req->ext |= DIAG_X_INFO;
	if (o->tos)
		req->ext |= DIAG_X_TOS;
	if (o->extended || o->memory)
		req->ext |= DIAG_X_UNIX;
	if (o->bpf)
		req->ext |= DIAG_X_BPF;
	if (b->filter) {
		req->ext |= filter_needs(b->filter);
		req->accept = accept_rec;
		req->accept_arg = (void *)b;
		if (b->bc.code && !b->replay) {
			req->bytecode = b->bc.code;
			req->bytecode_len = b->bc.len;
		}
	}
}

/*
 * A table the kernel cannot dump (no diag module) is said once on stderr,
 * when the user asked for tables by name: ss says nothing, and the default
 * listing (every table) stays quiet on kernels without SCTP or DCCP.
 */
static void note_missing(struct batch *b, const struct snap *s)
{
	char msg[160];

	if (!b->o->sel.tabs_set && !b->o->sel.saw_query)
		return;
	while (snap_note_next(s, &b->noted, msg, sizeof(msg)))
		fprintf(stderr, "sstop: %s\n", msg);
}

static int collect(struct batch *b, const struct diag_req *req, struct snap *s)
{
	int rc;

	if (b->replay) {
		rc = diag_replay(b->replay, b->replay_len, req, s);
		if (rc)
			return fail(b, 1, _("%s: malformed dump"),
				    b->o->replay);
		return 0;
	}
	rc = diag_dump(b->d, req, s);
	if (rc)
		return fail(b, 1, _("socket dump failed: %s"), strerror(-rc));
	note_missing(b, s);
	if (b->record_fd >= 0 && diag_record_error(b->d))
		return fail(b, 1, _("cannot write %s: %s"), b->o->record,
			    strerror(-diag_record_error(b->d)));
	return 0;
}

/* ---- -s, counted from a dump of this namespace ---- */

static unsigned frag_inuse(const char *path, const char *key)
{
	FILE *f = fopen(path, "r");
	char line[256];
	unsigned v = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) &&
		    sscanf(line + strlen(key), " inuse %u", &v) == 1)
			break;
	fclose(f);
	return v;
}

/* Counts what ss -s shows into sm, from a dump of every table. */
static int summary_count(struct batch *b, struct json_summary *sm)
{
	struct diag_req req;
	struct snap s;

	memset(sm, 0, sizeof(*sm));
	memset(&req, 0, sizeof(req));
	req.tabs = ~0u & ((1u << SKT_COUNT) - 1) & ~SKT_BIT(SKT_UDPLITE) &
		   ~SKT_BIT(SKT_DCCP);
	req.states = SKS_ALL;
	snap_init(&s);
	if (collect(b, &req, &s)) {
		snap_free(&s);
		return -1;
	}
	for (size_t i = 0; i < s.n; i++) {
		const struct sk_rec *r = &s.v[i];
		int v6 = r->family == AF_INET6;

		switch (r->tab) {
		case SKT_RAW:
			sm->raw[v6]++;
			break;
		case SKT_UDP:
			sm->udp[v6]++;
			break;
		case SKT_TCP:
			sm->tcp_all++;
			if (r->state == SKS_ESTABLISHED)
				sm->estab++;
			if (r->state == SKS_TIME_WAIT) {
				sm->timewait++;
				break;
			}
			if (r->state == SKS_SYN_RECV ||
			    r->state == SKS_NEW_SYN_RECV)
				break;
			if (!r->ino && r->state != SKS_LISTEN)
				sm->orphaned++;
			sm->tcp[v6]++;
			break;
		default:
			break;
		}
	}
	sm->frag[0] = frag_inuse("/proc/net/sockstat", "FRAG:");
	sm->frag[1] = frag_inuse("/proc/net/sockstat6", "FRAG6:");
	sm->total = s.n;
	snap_free(&s);
	return 0;
}

/* ss -s's text. */
static void summary_text(const struct json_summary *sm)
{
	const unsigned *raw = sm->raw, *udp = sm->udp, *tcp = sm->tcp;
	const unsigned *frag = sm->frag;

	printf("Total: %lu\n", sm->total);
	printf("TCP:   %u (estab %u, closed %u, orphaned %u, timewait %u)\n",
	       sm->tcp_all, sm->estab, sm->closed, sm->orphaned, sm->timewait);
	printf("\nTransport Total     IP        IPv6\n");
	printf("RAW\t  %-9u %-9u %-9u\n", raw[0] + raw[1], raw[0], raw[1]);
	printf("UDP\t  %-9u %-9u %-9u\n", udp[0] + udp[1], udp[0], udp[1]);
	printf("TCP\t  %-9u %-9u %-9u\n", tcp[0] + tcp[1], tcp[0], tcp[1]);
	printf("INET\t  %-9u %-9u %-9u\n",
	       raw[0] + udp[0] + tcp[0] + raw[1] + udp[1] + tcp[1],
	       raw[0] + udp[0] + tcp[0], raw[1] + udp[1] + tcp[1]);
	printf("FRAG\t  %-9u %-9u %-9u\n", frag[0] + frag[1], frag[0], frag[1]);
	printf("\n");
}

/* ---- listings ---- */

static size_t users_text(uint32_t ino, char *buf, size_t n, void *arg)
{
	const struct batch *b = arg;
	size_t len = own_format_ss(b->owners, ino, b->o->threads, b->o->context,
				   buf, n);

	/* own_format_ss gives `users:(BODY)`; ssfmt wants BODY. */
	if (len == 0 || len >= n || len < 8 || strncmp(buf, "users:(", 7))
		return 0;
	memmove(buf, buf + 7, len - 7);
	buf[len - 8] = '\0';
	return len - 8;
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

	if (st->b->filter && !accept_rec(r, st->b))
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
	return !b->o->json && !b->o->kill;
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

	make_req(b, &req);
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
	rc = collect(b, &req, &s);
	if (!st.ready)
		stream_release(&st, NULL);
	ssfmt_append(fmt, &st.side);
	ssfmt_render(fmt, stdout);
	ssfmt_stream(fmt, NULL);
	fflush(stdout);
	snap_free(&s);
	ssfmt_free(&st.side);
	return rc;
}

/* One listing; with --json, sm (when set) goes into the same document. */
static int listing(struct batch *b, struct ssfmt *fmt,
		   const struct json_summary *sm)
{
	const struct sstop_opts *o = b->o;
	struct diag_req req;
	struct snap s;
	int collect_rc;

	if (streams(b))
		return listing_stream(b, fmt);
	make_req(b, &req);
	snap_init(&s);
	if (b->owners)
		owners_begin(b);
	collect_rc = collect(b, &req, &s);
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

		kill_snap(&s, &kr);
		fputs(kr.text, stderr);
		kill_report_fini(&kr);
	}
	if (o->json) {
		/* b->owners may exist for `proc` alone: owners only with -p. */
		struct json_owners ow = {
			.map = o->processes ? b->owners : NULL,
			.threads = o->threads,
		};

		json_doc(stdout, &s, sm, &fmt->names, &ow);
	} else {
		ssfmt_header(fmt);
		for (size_t i = 0; i < s.n; i++)
			ssfmt_add(fmt, &s.v[i]);
		ssfmt_render(fmt, stdout);
	}
	fflush(stdout);
	snap_free(&s);
	return 0;
}

/* -E: destroyed sockets as they are reported, one flushed line each. */
static int events(struct batch *b, struct ssfmt *fmt)
{
	struct diag *ev;
	struct snap s;
	int rc = diag_events_open(&ev, b->o->sel.tabs, b->o->sel.families);

	if (rc)
		return fail(b, 1, _("cannot listen to socket events: %s"),
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
	return fail(b, 1, _("socket events: %s"), strerror(-rc));
}

/* -D FILE: ss's raw TCP dump, nothing printed. */
static int raw_dump(struct batch *b)
{
	const char *path = b->o->diag_file;
	struct diag_req req;
	struct snap s;
	int fd, rc;

	if (!(b->o->sel.tabs & SKT_BIT(SKT_TCP)))
		return fail(b, 0, "%s",
			    _("tcpdiag dump requested and no tcp in filter"));
	fd = strcmp(path, "-")
		     ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0644)
		     : dup(STDOUT_FILENO);
	if (fd < 0)
		return fail(b, 1, _("cannot open %s: %s"), path,
			    strerror(errno));
	make_req(b, &req);
	req.tabs = SKT_BIT(SKT_TCP);
	snap_init(&s);
	/* Byte for byte what ss -D writes: no sstop markers. */
	diag_set_record_plain(b->d, fd);
	rc = diag_dump(b->d, &req, &s);
	if (!rc)
		rc = diag_record_error(b->d);
	diag_set_record(b->d, -1);
	close(fd);
	snap_free(&s);
	if (rc)
		return fail(b, 1, _("cannot write %s: %s"), path,
			    strerror(-rc));
	return 0;
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
	int rc = 0;

	if (o->kill && o->readonly)
		return fail(b, 2, "%s",
			    _("-K (kill) is refused with --readonly"));
	if (setup_filter(b))
		return -1;
	if (o->replay) {
		rc = slurp(o->replay, &b->replay, &b->replay_len);
		if (rc)
			return fail(b, 1, _("cannot read %s: %s"), o->replay,
				    strerror(-rc));
	} else {
		rc = diag_open(&b->d);
		if (rc)
			return fail(b, 1, _("cannot open sock_diag: %s"),
				    strerror(-rc));
	}
	if (o->diag_file && b->d)
		return raw_dump(b);
	if (o->record && b->d) {
		b->record_fd =
			open(o->record,
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (b->record_fd < 0)
			return fail(b, 1, _("cannot open %s: %s"), o->record,
				    strerror(errno));
		diag_set_record(b->d, b->record_fd);
	}
	/* -p: the map is filled by each listing, while the kernel dumps */
	if (o->processes && !b->owners)
		own_new(NULL, o->threads ? OWN_THREADS : 0, &b->owners);

	struct fmt_show show = opts_show(o);
	ssfmt_init(&fmt, &show, o->sel.tabs, o->sel.states, screen_width());
	if (b->owners) {
		fmt.users = users_text;
		fmt.users_arg = b;
	}
	if (o->events) {
		rc = events(b, &fmt);
		ssfmt_free(&fmt);
		return rc;
	}
	for (long it = 0; o->iterations == 0 || it < o->iterations; it++) {
		if (it)
			sleep_interval(o->interval);
		if (o->summary) {
			/* As ss: -s alone prints only the summary. */
			int only = !o->sel.tabs_set && !o->sel.fams_set &&
				   !o->sel.saw_query && o->filter_argc == 0;

			rc = summary_count(b, &sm);
			if (rc)
				break;
			if (!o->json)
				summary_text(&sm);
			else if (only)
				json_doc(stdout, NULL, &sm, NULL, NULL);
			if (only) {
				fflush(stdout);
				continue;
			}
		}
		rc = listing(b, &fmt, o->summary && o->json ? &sm : NULL);
		if (rc)
			break;
	}
	ssfmt_free(&fmt);
	return rc;
}

int batch_run(const struct sstop_opts *o, struct batch_result *res)
{
	struct batch b = {.o = o, .res = res, .record_fd = -1};

	memset(res, 0, sizeof(*res));
	run(&b);
	if (b.record_fd >= 0)
		close(b.record_fd);
	if (b.d)
		diag_close(b.d);
	if (b.filter)
		filter_free(b.filter);
	bc_free(&b.bc);
	if (b.owners)
		own_free(b.owners);
	free(b.replay);
	return res->status;
}
