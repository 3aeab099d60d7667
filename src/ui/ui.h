/*
 * ui.h: the full-screen monitor.  main.c calls ui_run() when --batch is not
 * given; everything else about the screen is private to the ui*.c files.
 */
#ifndef SSTOP_UI_H
#define SSTOP_UI_H

#include "opts.h"

/*
 * Runs the monitor until the user quits or a signal (SIGINT, SIGTERM,
 * SIGHUP) arrives; the terminal is restored on every way out.  Returns the
 * exit status: 0, or 1 after a runtime error (its message is printed on
 * stderr once the terminal is back).
 */
int ui_run(const struct sstop_opts *o);

#endif
