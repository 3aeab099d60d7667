/*
 * ui_kill_draw.c: the kill dialog's layout (see ui_int.h).  It takes the
 * whole screen: the head (question, counts by state and process,
 * warnings) wrapped to the width at the top, the prompt at the bottom,
 * the list of sockets scrolling between them with its position in the
 * prompt line.  If the head and the prompt do not fit whole with at least
 * one line of the list, nothing of the dialog is drawn but "terminal too
 * small", and u->kd.shown stays clear: `y` then confirms nothing.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "dwidth.h"
#include "i18n.h"
#include "tty.h"
#include "ui_int.h"

/*
 * The bytes of s that fit in w columns, broken after a space when the
 * rest does not fit (else where the width ends); *next is where the next
 * piece starts (spaces skipped).  Returns the piece's length in bytes.
 */
static size_t piece(const char *s, int w, const char **next)
{
	size_t off = dw_fit(s, w);

	*next = s + off;
	while (**next == ' ')
		(*next)++;
	return off;
}

/* How many lines s takes at width w; draws them from y when draw. */
static int wrapped(const char *s, int w, int y, int draw)
{
	char buf[512];
	int n = 0;

	do {
		const char *next;
		size_t k = piece(s, w, &next);

		if (draw) {
			snprintf(buf, sizeof(buf), "%.*s", (int)k, s);
			ui_put(y + n, 1, w, buf, 0);
		}
		n++;
		s = next;
	} while (*s);
	return n;
}

void ui_kill_draw(struct ui *u)
{
	struct ui_kdialog *d = &u->kd;
	int w = COLS - 2, head = 0, prompt, list_h, y = 0;
	char pbuf[320];
	size_t top;

	u->kd.shown = 0;
	if (COLS < 20 || LINES < 3) {
		ui_put(0, 0, COLS, _("terminal too small"), 0);
		return;
	}
	for (int i = 0; i < d->head.n; i++)
		head += wrapped(d->head.v[i], w, 0, 0);
	/* the list's place, and the prompt with the list's position */
	list_h = LINES - head - 1;
	if (d->list.n > list_h && list_h > 0) {
		if (d->top + (size_t)list_h > (size_t)d->list.n)
			d->top = (size_t)(d->list.n - list_h);
		snprintf(pbuf, sizeof(pbuf),
			 _("%s   [%zu-%zu of %d, arrows "
			   "scroll]"),
			 d->prompt, d->top + 1, d->top + (size_t)list_h,
			 d->list.n);
	} else {
		d->top = 0;
		snprintf(pbuf, sizeof(pbuf), "%s", d->prompt);
	}
	prompt = wrapped(pbuf, w, 0, 0);
	list_h = LINES - head - prompt;
	if (list_h < (d->list.n ? 1 : 0)) {
		ui_put(0, 0, COLS, _("terminal too small"), 0);
		return;
	}
	if (list_h > d->list.n)
		list_h = d->list.n;
	d->list_h = list_h;
	top = d->top;
	for (int i = 0; i < d->head.n; i++) {
		attrset(i == 0 ? (A_REVERSE | A_BOLD) : A_BOLD);
		y += wrapped(d->head.v[i], w, y, 1);
	}
	attrset(A_NORMAL);
	for (int i = 0; i < list_h && top + (size_t)i < (size_t)d->list.n; i++)
		ui_put(y + i, 1, w, d->list.v[top + (size_t)i], 0);
	attrset(A_REVERSE | A_BOLD);
	wrapped(pbuf, w, LINES - prompt, 1);
	attrset(A_NORMAL);
	d->shown = 1;
}
