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
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "caps.h"
#include "i18n.h"
#include "owners.h"
#include "select.h"
#include "ui_int.h"

/* The row predicate: the preview while editing, else the kept filter. */
static int match(const struct sk_rec *r, void *arg)
{
	const struct ui *u = arg;
	const struct filter *f = u->flt_preview ? u->flt_preview : u->flt;
	const struct sk_select *s =
		u->flt_preview ? &u->fsel_preview : &u->fsel;

	if (r->tab < SKT_COUNT && !(s->tabs & SKT_BIT(r->tab)))
		return 0;
	if (r->state < SKS_MAX && !(s->states & SKS_BIT(r->state)))
		return 0;
	return !f || filter_match(f, r);
}

static void set_match(struct ui *u)
{
	if (u->flt || u->flt_preview)
		model_set_match(&u->m, match, u);
	else
		model_set_match(&u->m, NULL, NULL);
}

/* A status line with a caret under res's offending bytes. */
static void show_error(struct ui *u, const struct filter_result *res)
{
	/* the prompt "Filter: " is above nothing: align with its text */
	int col = (int)strlen(_("Filter: ")) + (int)res->off;

	if (col > (int)sizeof(u->status) - 80)
		col = 0;
	snprintf(u->status, sizeof(u->status), "%*s^ %.150s", col, "",
		 res->msg);
}

int ui_filter_try(struct ui *u, const char *text, int keep)
{
	/*
	 * The preview runs at every key: it must never wait for a name
	 * server, so host names are looked up only when the filter is kept.
	 */
	struct filter_opts fo = { .family = 0, .no_dns = !keep };
	struct bc_opts bo = { .allow_mark = caps_can_kill() };
	struct filter_result res;
	struct sk_select sel;
	struct filter *f;
	int mixed;

	sel_init(&sel);
	f = filter_parse_tail(text, &sel, &fo, &res);
	if (!f) {
		show_error(u, &res);
		filter_result_fini(&res);
		return -1;
	}
	mixed = res.mixed_andor;
	filter_result_fini(&res);
	sel_finish(&sel);
	if (u->own && filter_needs_owners(f))
		filter_set_owner_fn(f, own_match, u->own);
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
		snprintf(u->filter_text, sizeof(u->filter_text), "%s", text);
	} else {
		filter_free(u->flt_preview);
		u->flt_preview = f;
		u->fsel_preview = sel;
	}
	set_match(u);
	return 0;
}

void ui_filter_cancel(struct ui *u)
{
	filter_free(u->flt_preview);
	u->flt_preview = NULL;
	set_match(u);
}

void ui_filter_init(struct ui *u)
{
	char text[UI_LINE];
	size_t off = 0;

	u->fsel = u->o->sel;
	text[0] = '\0';
	for (int i = 0; i < u->o->filter_argc && off < sizeof(text); i++)
		off += (size_t)snprintf(text + off, sizeof(text) - off, "%s%s",
					i ? " " : "", u->o->filter_argv[i]);
	if (text[0])
		ui_filter_try(u, text, 1);
}

void ui_filter_fini(struct ui *u)
{
	bc_free(&u->bc);
	filter_free(u->flt);
	filter_free(u->flt_preview);
	u->flt = u->flt_preview = NULL;
}
