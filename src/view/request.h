/*
 * request.h: the one request builder: what a dump asks the kernel for,
 * from the selection (tables, families, states), the options that show
 * more of each socket, what the view itself shows and the filter, for the
 * batch modes and the screen alike.
 */
#ifndef SSTOP_REQUEST_H
#define SSTOP_REQUEST_H

#include <stdint.h>

#include "opts.h"

struct bc_prog;
struct diag_req;
struct filter;

/*
 * Fills req: the tables, inet families and states of sel (0: all); the
 * DIAG_X_* extensions that o's options print (-m -i --tos -b, -e's unix
 * details, the health codes of --json and --metrics; every state for
 * --metrics unless chosen) plus ext (what the view shows besides);
 * what the filter f (NULL: none) reads, and its kernel program bc (NULL or
 * no code: none; never with --replay, which runs none).  No accept
 * callback: the caller sets it.
 */
void request_build(struct diag_req *req, const struct sstop_opts *o,
		   const struct sk_select *sel, const struct filter *f,
		   const struct bc_prog *bc, uint32_t ext);

#endif
