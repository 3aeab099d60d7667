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

	/* what to show, as ss */
	unsigned numeric : 1;	   /* -n */
	unsigned resolve : 1;	   /* -r */
	unsigned timers : 1;	   /* -o */
	unsigned extended : 1;	   /* -e */
	unsigned memory : 1;	   /* -m */
	unsigned info : 1;	   /* -i */
	unsigned processes : 1;	   /* -p */
	unsigned threads : 1;	   /* -T */
	unsigned summary : 1;	   /* -s */
	unsigned no_header : 1;	   /* -H */
	unsigned oneline : 1;	   /* -O */
	unsigned tos : 1;	   /* --tos */
	unsigned cgroup : 1;	   /* --cgroup */
	unsigned inet_sockopt : 1; /* --inet-sockopt */
	unsigned tipcinfo : 1;	   /* --tipcinfo */
	unsigned bpf : 1;	   /* -b */
	unsigned kill : 1;	   /* -K */
	unsigned events : 1;	   /* -E */
	unsigned context : 2;	   /* -Z = 1, -z = 2 */

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

	/* the filter words left after the options, in order */
	char **filter_argv;
	int filter_argc;
};

/* The display bits of o, for the formatters (format/ never sees o). */
static inline struct fmt_show opts_show(const struct sstop_opts *o)
{
	return (struct fmt_show){
		.numeric = o->numeric,
		.resolve = o->resolve,
		.timers = o->timers,
		.extended = o->extended,
		.memory = o->memory,
		.info = o->info,
		.processes = o->processes,
		.threads = o->threads,
		.no_header = o->no_header,
		.oneline = o->oneline,
		.tos = o->tos,
		.cgroup = o->cgroup,
		.inet_sockopt = o->inet_sockopt,
		.tipcinfo = o->tipcinfo,
		.bpf = o->bpf,
		.context = o->context,
	};
}

#endif
