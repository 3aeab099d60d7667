/*
 * rcfile.h: the monitor's settings file, ~/.config/sstop/sstoprc (or
 * $XDG_CONFIG_HOME/sstop/sstoprc): sort column, columns, interval, colours,
 * the closed-connection log's size, the grouping and its collapsed groups
 * and the filter history, as `key=value`
 * lines.  Read at start, written on
 * quit.  A broken file is never fatal: the result says what is wrong and
 * the settings stay at their defaults.  No curses, no printing.
 */
#ifndef SSTOP_RCFILE_H
#define SSTOP_RCFILE_H

#include "health.h"

#define RC_HIST 20

struct rc_conf {
	char sort[48];		 /* "recv-q:desc"; empty: default */
	char columns[256];	 /* "netid,state,..."; empty: default */
	char group[16];		 /* F5's view ("port"); empty: default */
	char collapsed[832];	 /* collapsed groups ("port:1f2e,host:*"),
				    group.h's GROUP_KEEP_LEN */
	double interval;	 /* seconds; 0: default */
	int color;		 /* 0: never use colours */
	long closed_log;	 /* closed-connection log entries; 0: default */
	char hist[RC_HIST][512]; /* filter history, oldest first: a line
				    of the screen's filter prompt fits */
	int n_hist;
	struct health_conf health; /* health_close_wait=S, health_syn_sent=S,
				      health_rcvbuf=PCT, health_rwnd=PCT */
};

/* The outcome of rc_load / rc_save. */
struct rc_result {
	int ok;
	int line;	/* the first offending line (load), or 0 */
	int bad;	/* how many lines were bad (load) */
	char msg[128];	/* translated, when !ok */
	char path[512]; /* the file used */
};

void rc_defaults(struct rc_conf *c);
/*
 * Fills c from path (NULL: the XDG location).  A missing file is not an
 * error.  Returns 0, or a negative errno with res->ok = 0: with res->line
 * set, only the bad lines were skipped (the rest applies); without, the
 * file could not be used and c is left at its defaults.
 */
int rc_load(struct rc_conf *c, const char *path, struct rc_result *res);
/*
 * The parsing part of rc_load(): text (modified: lines are cut in place)
 * applied to c; a bad line is skipped, the others apply.  0, or
 * -EINVAL with res's line and message.
 */
int rc_parse_text(struct rc_conf *c, char *text, struct rc_result *res);
/*
 * Writes c to path (NULL: the XDG location, directories created), through
 * a temporary file renamed into place: only the keys whose value differs
 * from base (as loaded; NULL: the defaults) are rewritten, every other
 * line of the file is kept.  A read-only file is left alone (-EROFS).
 * Returns 0 or a negative errno.
 */
int rc_save(const struct rc_conf *c, const struct rc_conf *base,
	    const char *path, struct rc_result *res);

/*
 * The one rule for the refresh interval, wherever it comes from (the
 * command line, the `d` prompt, the rc file): a decimal number of seconds
 * from 0.1 to 3600.  0, or -EINVAL (then say RC_INTERVAL_MSG, translated).
 */
#define RC_INTERVAL_MIN 0.1
#define RC_INTERVAL_MAX 3600.0
#define RC_INTERVAL_MSG N_("the interval must be 0.1 to 3600 seconds")
int rc_parse_interval(const char *s, double *out);

#endif
