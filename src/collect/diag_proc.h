/*
 * diag_proc.h: the /proc/net fallback of the engine.  Kernels built
 * without raw_diag answer a RAW dump with ENOENT or EINVAL; ss then reads
 * /proc/net/raw and /proc/net/raw6, and so does sstop, so `-w` lists the
 * same sockets.  The parser takes any of the /proc/net/{tcp,udp,raw}{,6}
 * tables (same layout).
 */
#ifndef SSTOP_DIAG_PROC_H
#define SSTOP_DIAG_PROC_H

#include <stdio.h>

#include "diag.h"

/*
 * Reads a /proc/net inet table from f (header line first) as records of
 * table tab and family family (AF_INET or AF_INET6), appended to out when
 * req selects them.  Returns 0, or -EINVAL at the first line that does
 * not parse (earlier records are kept).
 */
int diag_proc_parse(FILE *f, int family, enum sk_tab tab,
		    const struct diag_req *req, struct snap *out);

#endif
