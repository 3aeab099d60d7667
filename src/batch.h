/*
 * batch.h: the batch driver: `sstop --batch [ss options] [FILTER]` dumps
 * the sockets and prints them as ss does (or as JSON), --iterations times.
 *
 * batch_run() writes the listing to stdout and its diagnostics to the
 * result (never to stderr): main prints them.
 */
#ifndef SSTOP_BATCH_H
#define SSTOP_BATCH_H

#include "opts.h"

struct batch_result {
	int status;	/* exit status: 0, 1 runtime error, 2 bad usage */
	char msg[1024]; /* translated, "" when nothing to say */
};

/* Runs the batch listing of o.  Returns res->status. */
int batch_run(const struct sstop_opts *o, struct batch_result *res);

#endif
