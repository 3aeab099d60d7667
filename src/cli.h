/*
 * cli.h: the command line, argv to struct sstop_opts.
 *
 * Every ss option letter means what it means in ss; sstop's own options
 * are long ones.  Leading `state`/`exclude` words go to the selection; the
 * rest of the non-option words are the filter, kept for the filter parser.
 * Nothing here prints or exits: the caller gets a status and a message.
 */
#ifndef SSTOP_CLI_H
#define SSTOP_CLI_H

#include "opts.h"

/* What the caller should do after cli_parse(). */
enum cli_status {
	CLI_RUN,     /* options parsed: run */
	CLI_HELP,    /* print cli_help() to stdout, exit 0 */
	CLI_VERSION, /* print the version, exit 0 */
	CLI_USAGE,   /* bad usage: print msg and a hint, exit 2 */
};

struct cli_result {
	enum cli_status status;
	char msg[256]; /* translated, for CLI_USAGE */
};

/*
 * Parses argv into o (o is initialised here).  o->filter_argv points into
 * argv.  Uses getopt_long, so it must not run concurrently with itself.
 */
void cli_parse(int argc, char **argv, struct sstop_opts *o,
	       struct cli_result *res);

/* The --help text, translated; static storage. */
const char *cli_help(void);

#endif
