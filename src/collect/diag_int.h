/*
 * diag_int.h: what the sock_diag engine's files (diag.c, diag_events.c)
 * share and nobody else sees: the handle and its buffers.
 */
#ifndef SSTOP_DIAG_INT_H
#define SSTOP_DIAG_INT_H

#include <stddef.h>
#include <libmnl/libmnl.h>

#include "diag.h"

/*
 * The kernel fills each dump buffer up to what the reader's last recv
 * could take (at most 32 KB); 8 KB reads, libmnl's default, mean four
 * times as many system calls.
 */
#define DIAG_BUFSZ (64u * 1024u)
#define DIAG_RCVBUF (4u * 1024u * 1024u)
/*
 * A request: headers, protocol attribute and the filter's bytecode, which
 * the kernel takes up to a 16-bit attribute's length (bc_compile() stops
 * at 60 000 bytes and leaves longer filters to the caller).
 */
#define DIAG_REQSZ (64u * 1024u + 512u)
/* An interrupted dump (NLM_F_DUMP_INTR) is tried again this many times. */
#define DIAG_RETRIES 3

struct diag {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
	int record_fd;		/* -1: not recording */
	int record_err;		/* first failed write, negative errno */
	int record_plain;	/* no markers: the file `ss -D` writes */
	struct diag_req events; /* -E: what diag_events_read keeps */
	void *buf;		/* DIAG_BUFSZ bytes, owned */
	unsigned char *req;	/* DIAG_REQSZ bytes, owned: the request */
	struct sk_rec *v6;	/* scratch for v4_first(), owned */
	size_t cap_v6;
	int bc_rejected; /* the kernel refused our bytecode once */
	int aborted;	 /* diag_abort (atomic: set from another thread) */
};

/*
 * Opens a sock_diag socket bound to the multicast groups (0: none) with a
 * receive buffer of sz bytes; 0 or a negative errno.
 */
int diag_open_socket(struct diag **out, unsigned int groups, int sz);
/* Writes n bytes to the recording, if any (the first failure is kept). */
void diag_record(struct diag *d, const void *p, size_t n);

#endif
