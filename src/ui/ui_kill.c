/*
 * ui_kill.c: closing sockets from the screen.  F9 lists the tagged sockets
 * (or the selected one) in a dialog that cannot mislead: it says what
 * closing does in each state (a reset for a connection, nothing sent for
 * TIME-WAIT...), counts them by state and by process, warns when one
 * carries the ssh session sstop runs in or when tagged sockets are hidden
 * by the filter (and offers to show them), names the sockets that cannot
 * be closed (unix, packet, netlink...) and leaves them out before the
 * question, and never offers sstop's own sockets.  `y` closes the rest
 * with SOCK_DESTROY (kill.h) and the dialog then shows the outcome of
 * each.  Without CAP_NET_ADMIN, or with --readonly, F9 only says why kill
 * is off.  ui_kill_draw.c lays the dialog out; `y` counts only when its
 * last drawing showed the question, the warnings and the prompt whole.
 *
 * The dialog keeps copies of the records it lists; the loop starts no dump
 * while it is open, so what they point to (extensions in the snapshot's
 * arena) stays alive until the answer.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "kill.h"
#include "nsset.h"
#include "owners.h"
#include "sanitize.h"
#include "snap.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

/* Parent pid and whether the command is sshd, from /proc/PID/stat. */
static int proc_parent(int pid, int *is_sshd)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;
	int ppid = 0;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* the command may hold spaces and parentheses: the last ')' ends it */
	p = strrchr(buf, ')');
	*is_sshd = !strncmp(strchr(buf, '(') ? strchr(buf, '(') + 1 : "",
			    "sshd", 4);
	if (!p || sscanf(p + 1, " %*c %d", &ppid) != 1)
		return 0;
	return ppid;
}

/* The sshd processes above sstop: their sockets carry this session. */
static void find_sshd(struct ui *u)
{
	int pid = getppid();

	for (int depth = 0; pid > 1 && depth < 64; depth++) {
		int sshd = 0, ppid = proc_parent(pid, &sshd);

		if (sshd &&
		    u->n_sshd < (int)(sizeof(u->sshd) / sizeof(u->sshd[0])))
			u->sshd[u->n_sshd++] = pid;
		pid = ppid;
	}
}

void ui_kill_init(struct ui *u)
{
	/* a replayed socket may match a live one here: never close it */
	u->kill_off = u->o->replay ? _("kill: off (replayed dump)")
				   : u->env->kill_off;
	if (!u->kill_off && kill_open(&u->kill) < 0) {
		u->kill = NULL;
		u->kill_off = _("kill: off (no sock_diag socket)");
	}
	find_sshd(u);
}

void ui_kill_fini(struct ui *u)
{
	if (u->kill)
		kill_close(u->kill);
	for (size_t i = 0; i < u->n_nsk; i++)
		if (u->nsk[i].k)
			kill_close(u->nsk[i].k);
	free(u->nsk);
	u->nsk = NULL;
	u->n_nsk = u->cap_nsk = 0;
	free(u->targets);
	ui_lines_free(&u->kd.head);
	ui_lines_free(&u->kd.list);
	u->targets = NULL;
}

/* "name(pid) name(pid)" of the first owners; 1 if one is an sshd above us. */
static int owners_text(const struct ui *u, const struct sk_rec *r, char *buf,
		       size_t n)
{
	struct own_owner o[4];
	size_t total, shown, off = 0;
	int ours = 0;

	buf[0] = '\0';
	if (!u->own || !r->ino)
		return 0;
	if (own_lookup(u->own, r->ino) == OWN_PENDING) {
		snprintf(buf, n, "%s", _("(owners not known yet)"));
		return 0;
	}
	total = own_owners(u->own, r->ino, u->o->show.threads, o, 4);
	shown = total < 4 ? total : 4;
	for (size_t i = 0; i < shown && off < n; i++) {
		off += (size_t)snprintf(buf + off, n - off, "%s%s(%d)",
					i ? " " : "", o[i].name, o[i].pid);
		for (int k = 0; k < u->n_sshd; k++)
			ours |= o[i].pid == u->sshd[k];
	}
	if (total > shown && off < n)
		snprintf(buf + off, n - off, " +%zu", total - shown);
	return ours;
}

/* One of sstop's own sockets (its sock_diag and kill sockets): never listed. */
static int own_socket(const struct ui *u, const struct sk_rec *r)
{
	struct own_owner o[4];
	size_t n;

	if (r->tab == SKT_NETLINK && r->a.nl.portid == (uint32_t)getpid())
		return 1;
	if (!u->own || !r->ino)
		return 0;
	n = own_owners(u->own, r->ino, 0, o, 4);
	for (size_t i = 0; i < n && i < 4; i++)
		if (o[i].pid == getpid())
			return 1;
	return 0;
}

/*
 * The rows F9 is about: the tagged visible ones, else the selection; the
 * ones that can be closed first (u->n_close of them), sstop's own left
 * out.  Returns how many tagged rows the filter hides.
 */
static size_t collect(struct ui *u)
{
	const struct model *m = &u->m;
	struct mrow *sel = model_sel_row(m);
	size_t cap = 0, visible = 0, tagged = 0;

	u->n_targets = 0;
	for (size_t i = 0; i < m->n_order; i++) {
		const struct mrow *row = model_row(m, i);

		if (!(row->flags & MROW_TAGGED) || (row->flags & MROW_GONE))
			continue;
		visible++;
		if (own_socket(u, row->r))
			continue;
		u->targets = xgrow(u->targets, &cap, u->n_targets + 1,
				   sizeof(*u->targets));
		u->targets[u->n_targets++] = *row->r;
	}
	for (size_t i = 0; i < m->n_rows; i++)
		tagged += (m->rows[i].flags & MROW_TAGGED) &&
			  !(m->rows[i].flags & MROW_GONE);
	if (!visible && !tagged && sel && !(sel->flags & MROW_GONE) &&
	    !own_socket(u, sel->r)) {
		u->targets = xgrow(u->targets, &cap, 1, sizeof(*u->targets));
		u->targets[u->n_targets++] = *sel->r;
	}
	/* the closable ones first, in their order */
	u->n_close = 0;
	for (size_t i = 0; i < u->n_targets; i++) {
		if (kill_unsupported(&u->targets[i]))
			continue;
		struct sk_rec t = u->targets[i];

		memmove(&u->targets[u->n_close + 1], &u->targets[u->n_close],
			(i - u->n_close) * sizeof(*u->targets));
		u->targets[u->n_close++] = t;
	}
	return tagged > visible ? tagged - visible : 0;
}

/* What closing does, by state: the dialog's wording. */
enum kcat { KC_RESET, KC_LISTEN, KC_QUIET_TW, KC_QUIET, KC_DGRAM, KC_N };

static enum kcat category(const struct sk_rec *r)
{
	if (r->tab != SKT_TCP && r->tab != SKT_MPTCP)
		return KC_DGRAM;
	switch (r->state) {
	case SKS_ESTABLISHED:
	case SKS_CLOSE_WAIT:
	case SKS_FIN_WAIT1:
	case SKS_FIN_WAIT2:
		return KC_RESET;
	case SKS_LISTEN:
		return KC_LISTEN;
	case SKS_TIME_WAIT:
		return KC_QUIET_TW;
	default:
		/* SYN-SENT, SYN-RECV, LAST-ACK, CLOSING: the kernel sends
		 * no reset for them (tcp_need_reset) */
		return KC_QUIET;
	}
}

static const char *category_text(enum kcat c, size_t n)
{
	switch (c) {
	case KC_RESET:
		return P_("its peer receives a reset (RST)",
			  "their peers receive a reset (RST)", n);
	case KC_LISTEN:
		return P_("stops accepting; connections not yet accepted are "
			  "reset",
			  "stop accepting; connections not yet accepted are "
			  "reset",
			  n);
	case KC_QUIET_TW:
		return _("the kernel forgets it; nothing is sent to the peer");
	case KC_QUIET:
		return _("the connection ends here; nothing is sent to the "
			 "peer");
	default:
		return _("its process's next call on it fails; nothing is "
			 "sent");
	}
}

/* "ESTAB 28, FIN-WAIT-1 2: their peers receive a reset (RST)". */
static void add_categories(struct ui *u)
{
	for (int c = 0; c < KC_N; c++) {
		size_t per[SKS_MAX] = {0}, n = 0, dgram = 0;
		char buf[512]; /* every state with its count fits */
		size_t off = 0;

		for (size_t i = 0; i < u->n_close; i++) {
			const struct sk_rec *r = &u->targets[i];

			if ((int)category(r) != c)
				continue;
			n++;
			if (c == KC_DGRAM)
				dgram++;
			else if (r->state < SKS_MAX)
				per[r->state]++;
		}
		if (!n)
			continue;
		if (c == KC_DGRAM)
			off = (size_t)snprintf(buf, sizeof(buf), "%s %zu",
					       _("UDP/RAW"), dgram);
		for (int s = 0; s < SKS_MAX && off < sizeof(buf); s++)
			if (per[s])
				off += (size_t)snprintf(
					buf + off, sizeof(buf) - off,
					"%s%s %zu", off ? ", " : "",
					sk_state_name(s), per[s]);
		ui_line_add(&u->kd.head, "%s: %s", buf, category_text(c, n));
	}
}

/* "By process: ui_socks(40) 28, sshd(812) 2 +1 more" (the first owner). */
static void add_processes(struct ui *u)
{
	/* every process counted (the "more" is exact), its name whole: an
	 * owner's text is an escaped comm (60 bytes at most) and a pid */
	struct {
		char name[128];
		size_t n;
	} *v = NULL;
	size_t nv = 0, cap = 0, none = 0, off;
	char buf[512], own[128];

	for (size_t i = 0; i < u->n_close; i++) {
		size_t k;
		char *sp;

		owners_text(u, &u->targets[i], own, sizeof(own));
		if (!own[0] || own[0] == '(') {
			none++;
			continue;
		}
		if ((sp = strchr(own, ' ')))
			*sp = '\0';
		for (k = 0; k < nv && strcmp(v[k].name, own); k++)
			;
		if (k == nv) {
			v = xgrow(v, &cap, nv + 1, sizeof(*v));
			snprintf(v[nv].name, sizeof(v[nv].name), "%s", own);
			v[nv++].n = 0;
		}
		v[k].n++;
	}
	if (!nv)
		return;
	off = (size_t)snprintf(buf, sizeof(buf), "%s", _("By process:"));
	for (size_t shown = 0; shown < 3 && shown < nv; shown++) {
		size_t best = 0;

		for (size_t k = 1; k < nv; k++)
			if (v[k].n > v[best].n)
				best = k;
		if (off < sizeof(buf))
			off += (size_t)snprintf(buf + off, sizeof(buf) - off,
						"%s %s %zu", shown ? "," : "",
						v[best].name, v[best].n);
		v[best].n = 0;
	}
	if (nv > 3 && off < sizeof(buf))
		off += (size_t)snprintf(buf + off, sizeof(buf) - off,
					_(", %zu more"), nv - 3);
	if (none && off < sizeof(buf))
		snprintf(buf + off, sizeof(buf) - off,
			 _(", no owner known %zu"), none);
	ui_line_add(&u->kd.head, "%s", buf);
	free(v);
}

static void dialog_reset(struct ui *u)
{
	ui_lines_clear(&u->kd.head);
	ui_lines_clear(&u->kd.list);
	u->kd.top = 0;
	u->kd.shown = 0;
	u->kd.can_close = 0;
	u->kd.offer_show = 0;
}

unsigned ui_kill_ask(struct ui *u)
{
	char own[512]; /* 4 owners, escaped names, pids */
	size_t hidden, left;
	int ssh = 0;

	if (!u->kill) {
		snprintf(u->status, sizeof(u->status), "%s", u->kill_off);
		return UI_DRAW;
	}
	hidden = collect(u);
	if (!u->n_targets && !hidden) {
		snprintf(u->status, sizeof(u->status), "%s",
			 _("kill: no socket to close"));
		return UI_DRAW;
	}
	dialog_reset(u);
	left = u->n_targets - u->n_close;
	/* the ssh session's sockets head the list: the first lines shown */
	for (size_t i = 0, front = 0; i < u->n_close; i++) {
		if (!owners_text(u, &u->targets[i], own, sizeof(own)))
			continue;
		struct sk_rec t = u->targets[i];

		memmove(&u->targets[front + 1], &u->targets[front],
			(i - front) * sizeof(*u->targets));
		u->targets[front++] = t;
	}
	if (u->n_close)
		ui_line_add(&u->kd.head,
			    P_("Close %zu socket?", "Close %zu sockets?",
			       u->n_close),
			    u->n_close);
	else if (u->n_targets)
		ui_line_add(&u->kd.head, "%s",
			    _("None of these sockets can be closed."));
	for (size_t i = 0; i < u->n_targets; i++) {
		const struct sk_rec *r = &u->targets[i];
		int ours = owners_text(u, r, own, sizeof(own));
		char *desc = kill_describe(r);

		if (i >= u->n_close)
			ui_line_add(&u->kd.list, "  %s %s  %s  %s",
				    _("left out:"), desc,
				    sk_state_name(r->state), own);
		else if (ours)
			ui_line_add(&u->kd.list, "  %s  %s  %s  %s", desc,
				    sk_state_name(r->state), own,
				    _("<- this ssh session"));
		else
			ui_line_add(&u->kd.list, "  %s  %s  %s", desc,
				    sk_state_name(r->state), own);
		ssh |= ours && i < u->n_close;
		free(desc);
	}
	if (ssh) {
		ui_line_add(&u->kd.head, "%s",
			    _("WARNING: the ssh session sstop runs in is among "
			      "them (marked below)."));
		ui_line_add(&u->kd.head, "%s",
			    _("Closing the ssh connection ends this session."));
	}
	add_categories(u);
	add_processes(u);
	if (left)
		ui_line_add(&u->kd.head,
			    P_("%zu socket cannot be closed (unix, packet, "
			       "netlink...): left out.",
			       "%zu sockets cannot be closed (unix, packet, "
			       "netlink...): left out.",
			       left),
			    left);
	if (hidden) {
		ui_line_add(&u->kd.head,
			    P_("%zu tagged socket is hidden by the filter: "
			       "left out.",
			       "%zu tagged sockets are hidden by the filter: "
			       "left out.",
			       hidden),
			    hidden);
		u->kd.offer_show = 1;
	}
	u->kd.can_close = u->n_close > 0;
	if (u->kd.can_close)
		u->kd.prompt =
			u->kd.offer_show
				? _("y: close   s: show the hidden ones   any "
				    "other key: cancel")
				: _("y: close   any other key: cancel");
	else
		u->kd.prompt =
			u->kd.offer_show
				? _("s: show them (clears the filter)   any "
				    "other key: cancel")
				: _("any key returns");
	u->status[0] = '\0';
	u->mode = UM_CONFIRM;
	return UI_DRAW;
}

/*
 * --all-netns: the kill context of t's namespace (found by its cookie in
 * the snapshot shown), opened on first use; NULL with *st set when the
 * socket is no longer listed or its namespace cannot be entered.
 */
static struct kill_ctx *ns_kill(struct ui *u, const struct sk_rec *t,
				enum kill_status *st)
{
	const struct snap *s = u->m.cur;
	const struct snap_ns *ns = NULL;
	struct ui_nskill *e;

	for (size_t j = 0; s && j < s->n && !ns; j++)
		if (s->v[j].cookie == t->cookie && s->v[j].tab == t->tab &&
		    s->v[j].ino == t->ino)
			ns = snap_ns_rec(s, &s->v[j]);
	*st = KILL_GONE;
	if (!ns)
		return NULL;
	for (size_t i = 0; i < u->n_nsk; i++)
		if (u->nsk[i].ino == ns->ino) {
			*st = KILL_ERROR;
			return u->nsk[i].k;
		}
	u->nsk = xgrow(u->nsk, &u->cap_nsk, u->n_nsk + 1, sizeof(*u->nsk));
	e = &u->nsk[u->n_nsk++];
	e->ino = ns->ino;
	e->k = NULL;
	e->err = nsset_kill_open(ns->path, ns->ino, &e->k);
	*st = e->err == -ESTALE || e->err == -ENOENT ? KILL_GONE : KILL_ERROR;
	return e->k;
}

/* Closes the closable targets; the dialog becomes their outcome. */
static unsigned do_kill(struct ui *u)
{
	size_t closed = 0, n = u->n_close;

	dialog_reset(u);
	for (size_t i = 0; i < n; i++) {
		const struct sk_rec *r = &u->targets[i];
		struct kill_ctx *k = u->kill;
		enum kill_status st = KILL_GONE;

		if (u->coll)
			k = ns_kill(u, r, &st);
		if (k)
			st = kill_socket(k, r, NULL);

		char *desc = kill_describe(r);

		closed += st == KILL_CLOSED;
		ui_line_add(&u->kd.list, "  %s: %s", desc,
			    kill_status_text(st));
		free(desc);
	}
	snprintf(u->status, sizeof(u->status), _("kill: %zu of %zu closed"),
		 closed, n);
	ui_line_add(&u->kd.head, "%s", u->status);
	u->kd.prompt = _("any key returns");
	model_untag_all(&u->m);
	u->n_targets = u->n_close = 0;
	u->mode = UM_RESULT;
	return UI_DRAW | UI_REFRESH;
}

/* Arrows, PgUp, PgDn, Home, End move the list; 1 if key was one. */
static int scroll_key(struct ui *u, int is_key, unsigned key)
{
	size_t n = (size_t)u->kd.list.n;
	size_t page = u->kd.list_h > 1 ? (size_t)u->kd.list_h - 1 : 1;

	if (!is_key)
		return 0;
	switch (key) {
	case KEY_UP:
		u->kd.top -= u->kd.top > 0;
		return 1;
	case KEY_DOWN:
		u->kd.top += u->kd.top + 1 < n;
		return 1;
	case KEY_PPAGE:
		u->kd.top = u->kd.top > page ? u->kd.top - page : 0;
		return 1;
	case KEY_NPAGE:
		u->kd.top = u->kd.top + page < n ? u->kd.top + page
						 : (n ? n - 1 : 0);
		return 1;
	case KEY_HOME:
		u->kd.top = 0;
		return 1;
	case KEY_END:
		u->kd.top = n ? n - 1 : 0;
		return 1;
	default:
		return 0;
	}
}

/* s in the dialog: the filter is cleared so that every tag shows. */
static unsigned show_hidden(struct ui *u)
{
	u->n_targets = u->n_close = 0;
	u->mode = UM_TABLE;
	if (ui_filter_try(u, "", 1) != 0)
		return UI_DRAW;
	snprintf(u->status, sizeof(u->status), "%s",
		 _("kill: the filter is cleared: every tagged socket shows"));
	return UI_DRAW | UI_REFRESH;
}

unsigned ui_kill_key(struct ui *u, int is_key, unsigned key)
{
	if (is_key && key == KEY_RESIZE) {
		/* nothing confirms until the new size has been drawn */
		u->kd.shown = 0;
		return UI_DRAW;
	}
	if (scroll_key(u, is_key, key))
		return UI_DRAW;
	if (u->mode == UM_CONFIRM && !is_key && key == 'y' && u->kd.can_close) {
		/* a prompt nobody could see confirms nothing */
		if (!u->kd.shown)
			return UI_DRAW;
		return do_kill(u);
	}
	if (u->mode == UM_CONFIRM && !is_key && key == 's' &&
	    u->kd.offer_show && u->kd.shown)
		return show_hidden(u);
	if (u->mode == UM_CONFIRM)
		snprintf(u->status, sizeof(u->status), "%s",
			 _("kill: cancelled"));
	u->n_targets = u->n_close = 0;
	u->mode = UM_TABLE;
	return UI_DRAW | UI_REFRESH;
}
