/*
 * opts.h: the command line, parsed.  Filled once by cli.c, then read-only
 * (const) for every layer: batch output, the screen, the engine requests.
 */
#ifndef SSTOP_OPTS_H
#define SSTOP_OPTS_H

#include "select.h"
#include "ssfmt.h"

struct sstop_opts {
	struct sk_select sel; /* what to list */

	struct fmt_show show; /* what to show, as ss (the formatters') */

	/* what to do, as ss */
	unsigned summary : 1; /* -s */
	unsigned kill : 1;    /* -K */
	unsigned events : 1;  /* -E */

	/* sstop's own */
	unsigned batch : 1;	   /* --batch */
	unsigned json : 1;	   /* --json */
	unsigned metrics : 1;	   /* --metrics */
	unsigned readonly : 1;	   /* --readonly */
	unsigned all_netns : 1;	   /* --all-netns */
	unsigned no_color : 1;	   /* --no-color or NO_COLOR */
	unsigned no_mouse : 1;	   /* --no-mouse */
	unsigned interval_set : 1; /* --interval given (beats the rc file) */

	const char *netns;	 /* -N */
	const char *diag_file;	 /* -D */
	const char *filter_file; /* -F */
	const char *record;	 /* --record */
	const char *replay;	 /* --replay */
	const char *sort;	 /* --sort=COLUMN[:asc|:desc] */
	const char *columns;	 /* --columns=LIST */
	double interval;	 /* --interval, seconds (default 2) */
	long iterations;	 /* --iterations, 0 = forever (batch: 1) */

	/*
	 * The selection options as given, in order, for the screen's header
	 * ("Filter: -t -a ..."): the tables and families ("-t", "-A unix",
	 * "--vsock") and the states ("-a", "state listening").  Checked
	 * words only (no user text); cut with "..." past their size.
	 */
	char sel_tabs_text[128];
	char sel_states_text[128];

	/* the filter words left after the options, in order */
	char **filter_argv;
	int filter_argc;
};

#endif
