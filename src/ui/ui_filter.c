/*
 * ui_filter.c: the filter line.  What the user types is what follows `ss`
 * on a command line (selection options, state/exclude, the expression);
 * every keystroke re-parses it, and when it parses the table previews what
 * it matches in the current snapshot.  A parse error is shown with a caret
 * under the offending token while the previous filter stays.  Enter keeps
 * the filter (the next dumps use its selection), Esc restores the old one.
 * The kept filter also goes to the kernel as inet_diag bytecode when it
 * compiles (the header then says "[in kernel]" if the kernel runs all of
 * it); rows are still re-checked here, the program being a superset.
 *
 * The command line's selection stays in force for what a line does not
 * choose (its tables, its states); the header shows both.  Display
 * options on the line (-o -e -m -i -p --cgroup) add their columns while
 * that line is previewed or kept; those ss has and the screen has no use
 * for are named on the status line, never dropped silently.
 *
 * A preview that needs sockets the current dump lacks (other tables or
 * states, columns that need more of each socket, a kernel program that
 * left them out) asks for a dump of its own once the typing pauses
 * (FL_PAUSE_MS); the collector's thread runs it, the screen never waits.
 * Esc or Enter brings the kept filter's dump back the same way.
 *
 * Host names are never looked up on the loop's thread: a short-lived
 * worker parses the line again with lookups allowed, once the typing
 * pauses (the preview) or when Enter keeps it (the line then says
 * "resolving"); its result comes back through a pipe the loop polls.  Esc,
 * or any edit, abandons the worker (getaddrinfo cannot be interrupted):
 * it finishes alone and frees what it made, nothing of it is applied.  A
 * name is said unknown only once a lookup said so.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "msgfit.h"
#include "owners.h"
#include "sanitize.h"
#include "select.h"
#include "snap.h"
#include "ui_work.h"
#include "ui_int.h"
#include "xalloc.h"

/* How long the typing must pause before a preview dumps or looks up. */
#define FL_PAUSE_MS 300

/*
 * A lookup in progress: shared by the loop and the worker, freed by
 * whichever lets go last.
 */
struct ui_resolve {
	pthread_mutex_t mu;
	int refs;
	int fd[2]; /* the worker writes one byte to fd[1] when done */
	int keep;  /* for Enter (1) or the preview (0) */
	char text[UI_LINE];
	struct filter *f; /* the worker's result (owned until taken) */
	struct sk_select sel;
	struct filter_result res;
};

static void resolve_put(struct ui_resolve *r)
{
	int last;

	pthread_mutex_lock(&r->mu);
	last = --r->refs == 0;
	pthread_mutex_unlock(&r->mu);
	if (!last)
		return;
	filter_free(r->f);
	filter_result_fini(&r->res);
	close(r->fd[0]);
	close(r->fd[1]);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

static void *resolve_main(void *arg)
{
	struct ui_resolve *r = arg;
	struct filter_opts fo = {.family = 0, .no_dns = 0};

	sel_init(&r->sel);
	r->f = filter_parse_tail(r->text, &r->sel, &fo, &r->res);
	if (r->f)
		sel_finish(&r->sel);
	/* a full pipe cannot happen: one byte, once */
	if (write(r->fd[1], "", 1) < 0)
		r->res.ok = 0;
	resolve_put(r);
	return NULL;
}

/* Lets go of a lookup in progress: its result will not be applied. */
static void resolve_abandon(struct ui *u)
{
	if (!u->resolving)
		return;
	resolve_put(u->resolving);
	u->resolving = NULL;
}

/* Starts the worker for text; returns 0, or a negative errno. */
static int resolve_start(struct ui *u, const char *text, int keep)
{
	struct ui_resolve *r = xcalloc(1, sizeof(*r));
	pthread_attr_t at;
	pthread_t th;
	int err;

	if (pipe2(r->fd, O_CLOEXEC | O_NONBLOCK) < 0) {
		err = -errno;
		free(r);
		return err;
	}
	pthread_mutex_init(&r->mu, NULL);
	r->refs = 2;
	r->keep = keep;
	snprintf(r->text, sizeof(r->text), "%s", text);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	err = -pthread_create(&th, &at, resolve_main, r);
	pthread_attr_destroy(&at);
	if (err) {
		r->refs = 1;
		resolve_put(r);
		return err;
	}
	u->resolving = r;
	return 0;
}

/* The row predicate (arg: struct ui_match). */
static int match(const struct sk_rec *r, void *arg)
{
	const struct ui_match *w = arg;
	const struct sk_select *s = w->sel;

	if (r->tab < SKT_COUNT && !(s->tabs & SKT_BIT(r->tab)))
		return 0;
	if (r->state < SKS_MAX && !(s->states & SKS_BIT(r->state)))
		return 0;
	return !w->f || filter_match(w->f, r);
}

/* The rows shown: the preview's while editing, else the kept filter's. */
static void set_match(struct ui *u)
{
	u->flt_gen++; /* the closed-connection log filters again */
	if (!u->flt && !u->flt_preview) {
		model_set_match(&u->m, NULL, NULL);
		return;
	}
	u->shown.f = u->flt_preview ? u->flt_preview : u->flt;
	u->shown.sel = u->flt_preview ? &u->fsel_preview : &u->fsel;
	model_set_match(&u->m, match, &u->shown);
}

/*
 * A status line with a caret under res's offending bytes of text, in
 * display columns (the prompt "Filter: " comes first); the message is
 * escaped (it may quote what was typed).
 */
static void show_error(struct ui *u, const char *text,
		       const struct filter_result *res)
{
	const char *label = _("Filter: ");
	size_t len = strlen(text), off = res->off > len ? len : res->off;
	size_t col = filter_text_cols(label, strlen(label)) +
		     filter_text_cols(text, off);
	size_t n = 4 * strlen(res->msg) + 1; /* escaped whole */
	char *msg = xmalloc(n);

	san_escape(msg, n, res->msg, strlen(res->msg));
	if (col + 2 + strlen(msg) >= sizeof(u->status))
		col = 0;
	msg_fit(u->status, sizeof(u->status), "%*s^ %s", (int)col, "", msg);
	free(msg);
}

/*
 * netns and container (--all-netns): the collector's thread filters the
 * records of the snapshot it fills, the loop those of the one shown.
 */
static int ns_match(const struct sk_rec *r, int kind, const char *glob,
		    void *arg)
{
	const struct ui *u = arg;
	const struct snap_ns *ns;
	char id[24];

	if (!u->coll)
		return 0;
	if (pthread_equal(pthread_self(), u->coll->w.th))
		ns = snap_ns_rec(u->coll->work, r);
	else
		ns = snap_ns_rec(u->m.cur, r);
	if (!ns)
		return 0;
	if (kind == FILTER_NS_CONTAINER)
		return ns->container[0] && !fnmatch(glob, ns->container, 0);
	snprintf(id, sizeof(id), "%llu", (unsigned long long)ns->ino);
	return !fnmatch(glob, ns->label, 0) || !fnmatch(glob, id, 0);
}

/* The columns of ss's display options, as on the command line. */
static const struct {
	uint32_t bit;
	enum mcol cols[4];
	int n;
} show_cols[] = {
	{FILTER_SHOW_TIMERS, {MC_TIMER}, 1},
	/* -e implies -o, as in ss */
	{FILTER_SHOW_EXTENDED, {MC_UID, MC_INODE, MC_COOKIE, MC_TIMER}, 4},
	{FILTER_SHOW_INFO, {MC_RTT, MC_CWND, MC_RETRANS}, 3},
	{FILTER_SHOW_MEMORY, {MC_MEM}, 1},
	{FILTER_SHOW_PROCESSES, {MC_PROCESS}, 1},
	{FILTER_SHOW_THREADS, {MC_PROCESS}, 1},
	{FILTER_SHOW_CGROUP, {MC_CGROUP}, 1},
};

/* Options ss has that show nothing more on the screen. */
#define SHOW_NOTHING                                                           \
	(FILTER_SHOW_RESOLVE | FILTER_SHOW_SUMMARY | FILTER_SHOW_NO_HEADER |   \
	 FILTER_SHOW_ONELINE | FILTER_SHOW_BPF | FILTER_SHOW_EVENTS |          \
	 FILTER_SHOW_CONTEXT | FILTER_SHOW_CONTEXTS | FILTER_SHOW_TOS |        \
	 FILTER_SHOW_INET_SOCKOPT | FILTER_SHOW_TIPCINFO)

static int col_index(const struct ui *u, enum mcol c)
{
	for (int i = 0; i < u->n_cols; i++)
		if (u->cols[i] == c)
			return i;
	return -1;
}

/*
 * The columns a line's options want (show): those an earlier line added
 * and this one does not want go, the missing ones come (before Process
 * when that ends the list, as the command line's).
 */
static void line_columns(struct ui *u, uint32_t show)
{
	uint64_t want = 0;
	int i;

	for (size_t k = 0; k < sizeof(show_cols) / sizeof(*show_cols); k++)
		if (show & show_cols[k].bit)
			for (int j = 0; j < show_cols[k].n; j++)
				want |= 1ull << show_cols[k].cols[j];
	for (i = 0; i < u->n_cols;) {
		uint64_t b = 1ull << u->cols[i];

		if ((u->fl.cols & b) && !(want & b)) {
			memmove(&u->cols[i], &u->cols[i + 1],
				(size_t)(u->n_cols - i - 1) *
					sizeof(u->cols[0]));
			u->n_cols--;
			continue;
		}
		i++;
	}
	u->fl.cols &= want;
	for (size_t k = 0; k < sizeof(show_cols) / sizeof(*show_cols); k++) {
		if (!(show & show_cols[k].bit))
			continue;
		for (int j = 0; j < show_cols[k].n; j++) {
			enum mcol c = show_cols[k].cols[j];

			if (col_index(u, c) >= 0)
				continue;
			ui_want_column(u, c);
			if (col_index(u, c) >= 0)
				u->fl.cols |= 1ull << c;
		}
	}
}

/* Appends "  " and what fmt says to the status line. */
__attribute__((format(printf, 2, 3))) static void note(struct ui *u,
						       const char *fmt, ...)
{
	size_t len = strlen(u->status);
	va_list ap;

	if (len && len + 2 < sizeof(u->status)) {
		strcpy(u->status + len, "  ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(u->status + len, sizeof(u->status) - len, fmt, ap);
	va_end(ap);
}

/* What the line's display options do on the status line. */
static void note_show(struct ui *u, uint32_t show)
{
	char names[160] = "";

	if ((show & FILTER_SHOW_THREADS) && !u->o->show.threads)
		note(u, "%s",
		     _("-T: threads only from the command line (sstop -T); "
		       "processes shown"));
	for (uint32_t b = 1; b && b <= FILTER_SHOW_TIPCINFO; b <<= 1) {
		size_t len = strlen(names);

		if ((show & b & SHOW_NOTHING) && filter_show_name(b))
			snprintf(names + len, sizeof(names) - len, "%s%s",
				 len ? " " : "", filter_show_name(b));
	}
	if (names[0])
		note(u,
		     _("nothing more to show on the screen for %s (Enter on "
		       "a row shows every field)"),
		     names);
}

/*
 * Takes a parsed line: as the preview (keep = 0) or the filter (keep = 1).
 * Owns f.
 */
static void filter_apply(struct ui *u, const char *text, struct filter *f,
			 struct sk_select sel, const struct filter_result *res,
			 int keep)
{
	struct bc_opts bo = {.allow_mark = u->env->can_mark};
	int cmd_tabs = !sel.tabs_set && !sel.fams_set;
	int cmd_states = !sel.states_set && !sel.all && !sel.listen;

	if (u->own && filter_needs_owners(f))
		filter_set_owner_fn(f, own_match, u->own);
	if (filter_needs_ns(f))
		filter_set_ns_fn(f, ns_match, u);
	/* what the text does not choose, the command line does */
	if (cmd_tabs) {
		sel.tabs = u->o->sel.tabs;
		sel.families = u->o->sel.families;
	}
	if (cmd_states)
		sel.states = u->o->sel.states;
	u->status[0] = '\0';
	if (res->mixed_andor)
		note(u, "%s",
		     _("hint: and/or have equal precedence and group left "
		       "to right, as in ss: add parentheses"));
	note_show(u, res->show);
	line_columns(u, res->show);
	if (keep) {
		filter_free(u->flt);
		filter_free(u->flt_preview);
		bc_free(&u->fl.bc_preview);
		u->flt_preview = NULL;
		u->flt = f;
		u->fsel = sel;
		u->fl.show = res->show;
		u->fl.cmd_tabs = (unsigned)cmd_tabs;
		u->fl.cmd_states = (unsigned)cmd_states;
		u->fl.dump_due = 0;
		bc_free(&u->bc);
		if (u->o->replay || bc_compile(f, &bo, &u->bc))
			memset(&u->bc, 0, sizeof(u->bc));
		if (text) {
			snprintf(u->filter_text, sizeof(u->filter_text), "%s",
				 text);
			u->filter_fixed = 0;
		}
		if (res->show & FILTER_SHOW_NUMERIC)
			u->fmt.numeric = 1;
	} else {
		filter_free(u->flt_preview);
		u->flt_preview = f;
		u->fsel_preview = sel;
		u->fl.show_preview = res->show;
		bc_free(&u->fl.bc_preview);
		if (u->o->replay || bc_compile(f, &bo, &u->fl.bc_preview))
			memset(&u->fl.bc_preview, 0, sizeof(u->fl.bc_preview));
	}
	set_match(u);
}

/*
 * Whether the dump last asked covers what the filter shown now needs:
 * tables, families, states and extensions within it, and no kernel
 * program but the same one (a program leaves sockets out).
 */
static int dump_covers(const struct ui *u)
{
	const uint32_t both = (1u << AF_INET) | (1u << AF_INET6);
	struct diag_req want;

	if (!u->fl.sent)
		return 1; /* the first dump is coming anyway */
	ui_make_req(u, &want);
	if (want.tabs & ~u->fl.tabs)
		return 0;
	if ((want.families ? want.families : both) &
	    ~(u->fl.families ? u->fl.families : both))
		return 0;
	if ((want.states ? want.states : SKS_ALL) &
	    ~(u->fl.states ? u->fl.states : SKS_ALL))
		return 0;
	if (want.ext & ~u->fl.ext)
		return 0;
	if (!u->fl.bc)
		return 1;
	return want.bytecode && want.bytecode_len == u->fl.bc_len &&
	       !memcmp(want.bytecode, u->fl.bc, u->fl.bc_len);
}

/* A dump for the filter shown now, if it needs one: after `delay` ms. */
static void want_dump(struct ui *u, double delay)
{
	if (dump_covers(u))
		u->fl.dump_due = 0;
	else
		u->fl.dump_due = ui_mono_ms() + delay;
}

void ui_filter_sent(struct ui *u, const struct diag_req *req)
{
	free(u->fl.bc);
	u->fl.bc = NULL;
	u->fl.bc_len = 0;
	u->fl.tabs = req->tabs;
	u->fl.families = req->families;
	u->fl.states = req->states;
	u->fl.ext = req->ext;
	if (req->bytecode && req->bytecode_len) {
		u->fl.bc = xmalloc(req->bytecode_len);
		memcpy(u->fl.bc, req->bytecode, req->bytecode_len);
		u->fl.bc_len = req->bytecode_len;
	}
	u->fl.sent = 1;
	u->fl.dump_due = 0;
}

unsigned ui_filter_due(struct ui *u, double now)
{
	unsigned flags = 0;

	if (u->fl.lookup_due && now >= u->fl.lookup_due) {
		u->fl.lookup_due = 0;
		/* the line as it is now; the worker's answer comes later */
		if (u->mode == UM_FILTER && !u->resolving &&
		    resolve_start(u, u->ed.buf, 0) < 0)
			note(u, "%s", _("cannot look up host names now"));
		flags |= UI_DRAW;
	}
	if (u->fl.dump_due && now >= u->fl.dump_due) {
		u->fl.dump_due = 0;
		flags |= UI_REFRESH;
	}
	return flags;
}

int ui_filter_wait(const struct ui *u, double now)
{
	double due = 0;

	if (u->fl.lookup_due)
		due = u->fl.lookup_due;
	if (u->fl.dump_due && (!due || u->fl.dump_due < due))
		due = u->fl.dump_due;
	if (!due)
		return -1;
	return due > now ? (int)(due - now) + 1 : 0;
}

/*
 * The loop's thread never waits for a name server: a line that needs host
 * names is parsed again by a worker, once the typing pauses or when it is
 * kept, unless here_dns (the command line's filter, before the screen
 * starts, as ss would).
 */
static int try_line(struct ui *u, const char *text, int keep, int here_dns)
{
	struct filter_opts fo = {.family = 0, .no_dns = !here_dns};
	struct filter_result res;
	struct sk_select sel;
	struct filter *f;
	int err;

	resolve_abandon(u);
	u->fl.lookup_due = 0;
	sel_init(&sel);
	f = filter_parse_tail(text, &sel, &fo, &res);
	if (!f && !keep && res.need_dns) {
		/* not unknown yet: looked up once the typing pauses */
		filter_result_fini(&res);
		u->fl.lookup_due = ui_mono_ms() + FL_PAUSE_MS;
		snprintf(u->status, sizeof(u->status), "%s",
			 _("looking up host names..."));
		return 0;
	}
	if (!f && keep && res.need_dns) {
		filter_result_fini(&res);
		err = resolve_start(u, text, 1);
		if (err == 0) {
			snprintf(u->status, sizeof(u->status), "%s",
				 _("resolving host names... (Esc cancels)"));
			return 1;
		}
		/* no worker: the error without lookups is the answer */
		sel_init(&sel);
		f = filter_parse_tail(text, &sel, &fo, &res);
	}
	if (!f) {
		show_error(u, text, &res);
		filter_result_fini(&res);
		return -1;
	}
	sel_finish(&sel);
	filter_apply(u, text, f, sel, &res, keep);
	filter_result_fini(&res);
	want_dump(u, keep ? 0 : FL_PAUSE_MS);
	return 0;
}

int ui_filter_try(struct ui *u, const char *text, int keep)
{
	return try_line(u, text, keep, 0);
}

int ui_filter_fd(const struct ui *u)
{
	return u->resolving ? u->resolving->fd[0] : -1;
}

unsigned ui_filter_resolved(struct ui *u)
{
	struct ui_resolve *r = u->resolving;
	char b;

	if (!r || read(r->fd[0], &b, 1) != 1)
		return 0;
	u->resolving = NULL;
	if (!r->f) {
		/* a lookup said so: the name is unknown */
		show_error(u, r->text, &r->res);
		resolve_put(r);
		return UI_DRAW; /* the line stays, with the caret */
	}
	filter_apply(u, r->text, r->f, r->sel, &r->res, r->keep);
	r->f = NULL;
	if (!r->keep) {
		want_dump(u, 0);
		resolve_put(r);
		return UI_DRAW;
	}
	ui_hist_add(u, r->text);
	u->mode = UM_TABLE;
	resolve_put(r);
	return UI_DRAW | UI_REFRESH;
}

void ui_filter_cancel(struct ui *u)
{
	resolve_abandon(u);
	u->fl.lookup_due = 0;
	filter_free(u->flt_preview);
	u->flt_preview = NULL;
	bc_free(&u->fl.bc_preview);
	line_columns(u, u->fl.show);
	set_match(u);
	/* the kept filter's sockets: at once if the preview's dump lacks them
	 */
	want_dump(u, 0);
}

int ui_filter_start(struct ui *u, const char *ftext, struct ui_result *ures)
{
	struct filter_opts fo = {.family = u->o->sel.pref_family,
				 .tabs = u->o->sel.tabs};
	struct filter_result res;
	struct sk_select sel;
	struct filter *f;
	char *shown;

	u->fsel = u->o->sel;
	u->fl.cmd_tabs = u->fl.cmd_states = 1;
	if (u->o->filter_argc == 0 && !ftext)
		return 0;
	/* the words as the shell gave them: no re-splitting, no limit */
	f = filter_parse_words(u->o->filter_argc, u->o->filter_argv, ftext, &fo,
			       &res);
	if (!f) {
		char *msg = filter_render_error(&res, strlen("sstop: "));

		ui_say(ures, "sstop: %s", msg);
		free(msg);
		filter_result_fini(&res);
		return -EINVAL;
	}
	sel_init(&sel);
	sel_finish(&sel);
	shown = filter_join_words(u->o->filter_argc, u->o->filter_argv);
	if (ftext || strlen(shown) >= sizeof(u->filter_text)) {
		/* shown, not editable: F4 starts a new line */
		u->filter_fixed = 1;
		if (ftext)
			snprintf(u->filter_text, sizeof(u->filter_text),
				 _("(from -F %.200s)"), u->o->filter_file);
		else
			snprintf(u->filter_text, sizeof(u->filter_text),
				 _("(%zu bytes from the command line)"),
				 strlen(shown));
	} else {
		snprintf(u->filter_text, sizeof(u->filter_text), "%s", shown);
	}
	free(shown);
	filter_apply(u, NULL, f, sel, &res, 1);
	filter_result_fini(&res);
	return 0;
}

void ui_filter_fini(struct ui *u)
{
	resolve_abandon(u);
	bc_free(&u->bc);
	bc_free(&u->fl.bc_preview);
	free(u->fl.bc);
	u->fl.bc = NULL;
	filter_free(u->flt);
	filter_free(u->flt_preview);
	u->flt = u->flt_preview = NULL;
}

/* Appends word to buf, a space first; letters join letters ("-t" "-a"). */
static void label_add(char *buf, size_t n, const char *word)
{
	size_t len = strlen(buf);
	const char *last = strrchr(buf, ' ');

	if (!*word)
		return;
	last = last ? last + 1 : buf;
	/* "-t" then "-a": "-ta", as typed */
	if (word[0] == '-' && word[1] && word[1] != '-' && !strchr(word, ' ') &&
	    last == buf && buf[0] == '-' && buf[1] && buf[1] != '-') {
		snprintf(buf + len, n - len, "%s", word + 1);
		return;
	}
	snprintf(buf + len, n - len, "%s%s", len ? " " : "", word);
}

void ui_filter_label(const struct ui *u, char *buf, size_t n)
{
	buf[0] = '\0';
	if (u->fl.cmd_tabs)
		label_add(buf, n, u->o->sel_tabs_text);
	if (u->fl.cmd_states)
		label_add(buf, n, u->o->sel_states_text);
	label_add(buf, n, u->filter_text);
	if (!buf[0])
		snprintf(buf, n, "%s", _("(none)"));
}

const char *ui_filter_where(const struct ui *u)
{
	/* ss's twelve states: a set that holds them all filters nothing */
	const uint32_t all = SKS_BIT(SKS_NEW_SYN_RECV) - 1;
	/* the tables whose dumps take the state set (raw_diag ignores it) */
	const uint32_t kstates =
		(SKT_INET_MASK & ~SKT_BIT(SKT_RAW) & ~SKT_BIT(SKT_SCTP)) |
		SKT_UNIX_MASK;
	const struct sk_select *s = &u->fsel;

	if ((!u->fl.cmd_tabs || !u->o->sel_tabs_text[0]) &&
	    (!u->fl.cmd_states || !u->o->sel_states_text[0]) &&
	    !u->filter_text[0])
		return "";
	/* a recording is filtered here; tags widen the dump (F9 sees them) */
	if (u->o->replay || model_n_tagged(&u->m))
		return _(" [in sstop]");
	if (u->flt && filter_root(u->flt) &&
	    (!u->bc.code || !u->bc.exact || (s->tabs & ~SKT_INET_MASK)))
		return _(" [in sstop]");
	if ((s->tabs & ~kstates) && (s->states & all) != all)
		return _(" [in sstop]");
	return _(" [in kernel]");
}
