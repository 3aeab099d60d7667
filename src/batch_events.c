/*
 * batch_events.c: -E, destroyed sockets as the kernel reports them, one
 * flushed line each, through the filter, as ss -E prints them.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "batch_int.h"
#include "diag.h"
#include "filter.h"
#include "i18n.h"
#include "owners.h"
#include "snap.h"
#include "ssfmt.h"

int batch_events(struct batch *b, struct ssfmt *fmt)
{
	struct diag *ev;
	struct snap s;
	int rc = diag_events_open(&ev, b->o->sel.tabs, b->o->sel.families);

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
