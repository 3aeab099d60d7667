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
 * Host names are looked up only when Enter keeps a line that does not
 * parse without them, and never on the loop's thread: a short-lived
 * worker parses the line again with lookups allowed while the line says
 * "resolving"; its result comes back through a pipe the loop polls.  Esc,
 * or any edit, abandons the worker (getaddrinfo cannot be interrupted):
 * it finishes alone and frees what it made, nothing of it is applied.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "filter.h"
#include "i18n.h"
#include "owners.h"
#include "sanitize.h"
#include "select.h"
#include "snap.h"
#include "ui_work.h"
#include "ui_int.h"
#include "xalloc.h"

/*
 * A lookup in progress: shared by the loop and the worker, freed by
 * whichever lets go last.
 */
struct ui_resolve {
	pthread_mutex_t mu;
	int refs;
	int fd[2]; /* the worker writes one byte to fd[1] when done */
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
static int resolve_start(struct ui *u, const char *text)
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
	char msg[200];

	san_escape(msg, sizeof(msg), res->msg, strlen(res->msg));
	if (col + 2 + strlen(msg) >= sizeof(u->status))
		col = 0;
	snprintf(u->status, sizeof(u->status), "%*s^ %s", (int)col, "", msg);
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

/*
 * Takes a parsed line: as the preview (keep = 0) or the filter (keep = 1).
 * Owns f.
 */
static void filter_apply(struct ui *u, const char *text, struct filter *f,
			 struct sk_select sel, int mixed, int keep)
{
	struct bc_opts bo = {.allow_mark = u->env->can_mark};

	if (u->own && filter_needs_owners(f))
		filter_set_owner_fn(f, own_match, u->own);
	if (filter_needs_ns(f))
		filter_set_ns_fn(f, ns_match, u);
	/* what the text does not choose, the command line does */
	if (!sel.tabs_set && !sel.fams_set) {
		sel.tabs = u->o->sel.tabs;
		sel.families = u->o->sel.families;
	}
	if (!sel.states_set && !sel.all && !sel.listen)
		sel.states = u->o->sel.states;
	u->status[0] = '\0';
	if (mixed)
		snprintf(u->status, sizeof(u->status), "%s",
			 _("hint: and/or have equal precedence and group left "
			   "to right, as in ss: add parentheses"));
	if (keep) {
		filter_free(u->flt);
		filter_free(u->flt_preview);
		u->flt_preview = NULL;
		u->flt = f;
		u->fsel = sel;
		bc_free(&u->bc);
		if (u->o->replay || bc_compile(f, &bo, &u->bc))
			memset(&u->bc, 0, sizeof(u->bc));
		if (text) {
			snprintf(u->filter_text, sizeof(u->filter_text), "%s",
				 text);
			u->filter_fixed = 0;
		}
	} else {
		filter_free(u->flt_preview);
		u->flt_preview = f;
		u->fsel_preview = sel;
	}
	set_match(u);
}

/*
 * The loop's thread never waits for a name server: a line that needs host
 * names is parsed again by a worker when it is kept, unless here_dns (the
 * command line's filter, before the screen starts, as ss would).
 */
static int try_line(struct ui *u, const char *text, int keep, int here_dns)
{
	struct filter_opts fo = {.family = 0, .no_dns = !here_dns};
	struct filter_result res;
	struct sk_select sel;
	struct filter *f;
	int mixed, err;

	resolve_abandon(u);
	sel_init(&sel);
	f = filter_parse_tail(text, &sel, &fo, &res);
	if (!f && keep && !here_dns) {
		filter_result_fini(&res);
		err = resolve_start(u, text);
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
	mixed = res.mixed_andor;
	filter_result_fini(&res);
	sel_finish(&sel);
	filter_apply(u, text, f, sel, mixed, keep);
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
		show_error(u, r->text, &r->res);
		resolve_put(r);
		return UI_DRAW; /* the line stays, with the caret */
	}
	filter_apply(u, r->text, r->f, r->sel, r->res.mixed_andor, 1);
	r->f = NULL;
	ui_hist_add(u, r->text);
	u->mode = UM_TABLE;
	resolve_put(r);
	return UI_DRAW | UI_REFRESH;
}

void ui_filter_cancel(struct ui *u)
{
	resolve_abandon(u);
	filter_free(u->flt_preview);
	u->flt_preview = NULL;
	set_match(u);
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
	filter_apply(u, NULL, f, sel, res.mixed_andor, 1);
	filter_result_fini(&res);
	return 0;
}

void ui_filter_fini(struct ui *u)
{
	resolve_abandon(u);
	bc_free(&u->bc);
	filter_free(u->flt);
	filter_free(u->flt_preview);
	u->flt = u->flt_preview = NULL;
}
