/*
 * batch.h: the batch driver: `sstop --batch [ss options] [FILTER]` dumps
 * the sockets and prints them as ss does (or as JSON), --iterations times.
 *
 * batch_run() writes the listing to stdout, the notes that come along the
 * way (a table the kernel lacks, a broken rc file, -K's report) to the
 * stream main gives it, and its last word to the result, which main
 * prints: nothing here writes to stderr by itself.
 */
#ifndef SSTOP_BATCH_H
#define SSTOP_BATCH_H

#include <stdio.h>

#include "opts.h"

struct batch_result {
	int status;	/* exit status: 0, 1 runtime error, 2 bad usage */
	char msg[1024]; /* translated, "" when nothing to say */
};

/*
 * Runs the batch listing of o; notes (main's stderr) gets the notes as
 * they come, each a line "sstop: ...".  Returns res->status.
 */
int batch_run(const struct sstop_opts *o, FILE *notes,
	      struct batch_result *res);

#endif
