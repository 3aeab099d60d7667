/*
 * ui.h: the full-screen monitor.  main.c calls ui_run() when --batch is not
 * given; everything else about the screen is private to the ui*.c files.
 */
#ifndef SSTOP_UI_H
#define SSTOP_UI_H

#include "opts.h"

/* What the monitor has to say once the terminal is back: main prints it. */
struct ui_result {
	/* whole lines, translated, each "sstop: ...\n"; "" when none */
	char msg[2048];
};

/*
 * What the screen needs from the environment and from the process's
 * rights, read by main once the capabilities are final: the screen's files
 * call neither getenv nor the capability checks.
 */
struct ui_env {
	const char *proc_root; /* $PROC_ROOT (a fixture tree), or NULL */
	const char
		*state_root; /* $SSTOP_STATE_ROOT (runtimes' state), or NULL */
	const char *stats_path; /* $SSTOP_UI_STATS, or NULL */
	unsigned no_color : 1;	/* $NO_COLOR is set (and not empty) */
	unsigned can_mark : 1;	/* filters may send mark and cgroup
				   conditions to the kernel (caps_can_kill) */
	const char *owners_off; /* why owners are partial (caps_owners_text),
				   or NULL */
	const char *kill_off;	/* why kill is off (caps_kill_text), or NULL */
	const char *term;	/* $TERM, or NULL */
	const char *events_rcvbuf; /* $SSTOP_EVENTS_RCVBUF (tests), or NULL */
	const char *own_slice;	   /* $SSTOP_OWN_SLICE (tests), or NULL */
	unsigned can_setns : 1;	   /* --all-netns may enter namespaces
				      (caps_can_setns) */
};

/*
 * Runs the monitor until the user quits or a signal (SIGINT, SIGTERM,
 * SIGHUP) arrives; the terminal is restored on every way out.  env is
 * borrowed for the run.  Returns the exit status: 0, or 1 after a runtime
 * error, whose message is in res (the screen never writes to stderr).
 */
int ui_run(const struct sstop_opts *o, const struct ui_env *env,
	   struct ui_result *res);

#endif
