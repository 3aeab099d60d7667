/*
 * ui_kill.c: closing sockets from the screen.  F9 lists the tagged sockets
 * (or the selected one) with their state and owners in a dialog that warns
 * that peers receive a reset, and says when one of them carries the ssh
 * session sstop runs in; `y` closes them with SOCK_DESTROY (kill.h) and
 * the dialog then shows the outcome of each.  Without CAP_NET_ADMIN, or
 * with --readonly, F9 only says why kill is off.
 *
 * The dialog keeps copies of the records it lists; the loop starts no dump
 * while it is open, so what they point to (extensions in the snapshot's
 * arena) stays alive until the answer.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caps.h"
#include "i18n.h"
#include "kill.h"
#include "owners.h"
#include "sanitize.h"
#include "tty.h"
#include "ui_int.h"
#include "xalloc.h"

void ui_line_add(struct ui_lines *l, const char *fmt, ...)
{
	va_list ap;

	l->v = xgrow(l->v, &l->cap, (size_t)l->n + 1, sizeof(*l->v));
	va_start(ap, fmt);
	vsnprintf(l->v[l->n], sizeof(l->v[0]), fmt, ap);
	va_end(ap);
	l->n++;
}

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
				   : caps_kill_text(u->o->readonly);
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
	free(u->targets);
	free(u->dialog.v);
	u->targets = NULL;
	u->dialog.v = NULL;
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
	total = own_owners(u->own, r->ino, u->o->threads, o, 4);
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

/* The rows F9 is about: the tagged visible ones, else the selection. */
static void collect(struct ui *u)
{
	const struct model *m = &u->m;
	struct mrow *sel = model_sel_row(m);
	size_t cap = 0;

	u->n_targets = 0;
	for (size_t i = 0; i < m->n_order; i++) {
		const struct mrow *row = model_row(m, i);

		if (!(row->flags & MROW_TAGGED) || (row->flags & MROW_GONE))
			continue;
		u->targets = xgrow(u->targets, &cap, u->n_targets + 1,
				   sizeof(*u->targets));
		u->targets[u->n_targets++] = *row->r;
	}
	if (!u->n_targets && !model_n_tagged(m) && sel &&
	    !(sel->flags & MROW_GONE)) {
		u->targets = xgrow(u->targets, &cap, 1, sizeof(*u->targets));
		u->targets[u->n_targets++] = *sel->r;
	}
}

unsigned ui_kill_ask(struct ui *u)
{
	char desc[256], own[128];
	int ssh = 0;

	if (!u->kill) {
		snprintf(u->status, sizeof(u->status), "%s", u->kill_off);
		return UI_DRAW;
	}
	collect(u);
	if (!u->n_targets) {
		snprintf(u->status, sizeof(u->status), "%s",
			 _("kill: no socket to close"));
		return UI_DRAW;
	}
	u->dialog.n = 0;
	ui_line_add(&u->dialog,
		    P_("Close %zu socket?  Its peer receives a reset.",
		       "Close %zu sockets?  Their peers receive a reset.",
		       u->n_targets),
		    u->n_targets);
	for (size_t i = 0; i < u->n_targets; i++) {
		const struct sk_rec *r = &u->targets[i];
		int ours = owners_text(u, r, own, sizeof(own));

		kill_describe(r, desc, sizeof(desc));
		ui_line_add(&u->dialog, "  %s  %s  %s", desc,
			    sk_state_name(r->state), own);
		if (ours) {
			ui_line_add(
				&u->dialog, "    %s",
				_("WARNING: the ssh session sstop runs in"));
			ssh = 1;
		}
	}
	if (ssh)
		ui_line_add(&u->dialog, "%s",
			    _("Closing the ssh connection ends this session."));
	ui_line_add(&u->dialog, "%s", _("y: close   any other key: cancel"));
	u->status[0] = '\0';
	u->mode = UM_CONFIRM;
	return UI_DRAW;
}

/* Closes the targets; the dialog becomes their outcome. */
static unsigned do_kill(struct ui *u)
{
	size_t closed = 0;
	char desc[256];

	u->dialog.n = 0;
	for (size_t i = 0; i < u->n_targets; i++) {
		const struct sk_rec *r = &u->targets[i];
		enum kill_status st = kill_socket(u->kill, r, NULL);

		closed += st == KILL_CLOSED;
		kill_describe(r, desc, sizeof(desc));
		ui_line_add(&u->dialog, "  %s: %s", desc, kill_status_text(st));
	}
	snprintf(u->status, sizeof(u->status), _("kill: %zu of %zu closed"),
		 closed, u->n_targets);
	ui_line_add(&u->dialog, "%s", u->status);
	ui_line_add(&u->dialog, "%s", _("any key returns"));
	model_untag_all(&u->m);
	u->n_targets = 0;
	u->mode = UM_RESULT;
	return UI_DRAW | UI_REFRESH;
}

unsigned ui_kill_key(struct ui *u, int is_key, unsigned key)
{
	if (is_key && key == KEY_RESIZE)
		return UI_DRAW;
	if (u->mode == UM_CONFIRM && !is_key && key == 'y')
		return do_kill(u);
	if (u->mode == UM_CONFIRM)
		snprintf(u->status, sizeof(u->status), "%s",
			 _("kill: cancelled"));
	u->n_targets = 0;
	u->mode = UM_TABLE;
	return UI_DRAW | UI_REFRESH;
}
