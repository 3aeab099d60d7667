/*
 * diag_int.h: what the sock_diag engine's files (diag.c, diag_events.c)
 * share and nobody else sees: the handle and its buffers.
 */
#ifndef SSTOP_DIAG_INT_H
#define SSTOP_DIAG_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
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
/*
 * receive()'s answer for an interrupted dump: above every errno, so that
 * EPERM (1) is never taken for it.
 */
#define RECV_INTR 0x10000

/*
 * diag_dump_cached's memory of the last dump (diag_cache.c): per receive
 * buffer, a hash of its bytes (each message's sequence number and port id
 * left out) and the records it gave; per request, where its records began.
 */
struct dc_buf {
	uint64_t hash;
	uint32_t n4, n6; /* records: IPv4 (any family but in a both-family
			    TCP dump), IPv6 */
};

struct dc_sub {
	size_t first_buf; /* its first buffer */
	size_t start;	  /* its first record */
	int ret;	  /* what receive() answered: 0 or a positive errno */
	int both;	  /* a both-family TCP dump (v4_first reorders it) */
	int inet;	  /* inet_diag messages (idiag_expires) */
};

struct diag_cache {
	uint64_t key;		   /* the request (diag_cache.c: req_key) */
	const struct snap *out;	   /* filled by the last dump... */
	size_t n, arena_fresh;	   /* ...with n records; its arena then */
	struct dc_buf *buf, *pbuf; /* this dump's buffers, the last one's */
	size_t n_buf, cap_buf, n_pbuf, cap_pbuf;
	struct dc_sub *sub, *psub;
	size_t n_sub, cap_sub, n_psub, cap_psub;
	size_t pos;	/* the last dump's buffer the next one is compared to */
	size_t kept;	/* out's records when the dump began */
	int valid;	/* the last dump can be compared with */
	int on;		/* a diag_dump_cached is under way */
	int matching;	/* every buffer so far was the last dump's: unparsed */
	int clean;	/* nothing happened that the bytes do not tell */
	int sub_kept;	/* the request just ended kept whole (no v4_first) */
	int refilled;	/* nothing was kept: out was cleared */
	int no_expires; /* timer expiries not compared (diag_cache_expires) */
	/*
	 * out's records can be copied to another snapshot (copyable): no
	 * counters, no block pointing further than itself
	 */
	int flat;
	/*
	 * Compared with the snapshot shown (diag_dump_beside): out stands
	 * for from's records, its first out->n, not copied (unborrow) until
	 * a buffer differs; still set after a dump told the same.
	 */
	const struct snap *from;
	/* statistics: buffers compared equal, buffers parsed */
	unsigned long n_skipped, n_parsed;
};

/*
 * For tests: a kernel that answers the requests (diag_cache_test.c).
 * send gets each request; recv fills buf like recvfrom.
 */
struct diag_feed {
	int (*send)(struct diag_feed *f, const struct nlmsghdr *req);
	ssize_t (*recv)(struct diag_feed *f, void *buf, size_t len);
};

struct diag {
	struct mnl_socket *nl;
	struct diag_feed *feed; /* tests: answers instead of the kernel */
	struct diag_cache dc;
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
	int primed;	 /* diag_cache.c's prime() was done */
	int aborted;	 /* diag_abort (atomic: set from another thread) */
};

/*
 * Opens a sock_diag socket bound to the multicast groups (0: none) with a
 * receive buffer of sz bytes; 0 or a negative errno.
 */
int diag_open_socket(struct diag **out, unsigned int groups, int sz);
/* Writes n bytes to the recording, if any (the first failure is kept). */
void diag_record(struct diag *d, const void *p, size_t n);

/*
 * diag_cache.c, called by diag.c's dump when d->dc.on: a request begins
 * (both: it is a both-family TCP dump; out->n is where its records go);
 * a buffer arrived: returns 1 when it is the last dump's own buffer (not
 * to be parsed; *end then says whether it ends the request and *ret what
 * the request answered), 0 when it must be parsed (the records the last
 * dump had before it are back in out); after the parse of a buffer, what
 * it gave (out's records from `before` on); something the bytes do not
 * tell happened (a retry, /proc's raw sockets...): nothing is kept.
 */
void dc_sub_begin(struct diag *d, struct snap *out, int both, int inet);
int dc_buffer(struct diag *d, struct snap *out, const void *buf, size_t n,
	      int *end, int *ret);
void dc_parsed(struct diag *d, const struct snap *out, size_t before);
void dc_sub_end(struct diag *d, struct snap *out, int ret);
void dc_unclean(struct diag *d, struct snap *out);
void dc_free(struct diag_cache *dc);
/*
 * The hash of a receive buffer: every byte but the padding and each
 * message's nlmsg_seq and nlmsg_pid (they change at every dump).  One
 * changed 8-byte word always changes it (each step is a bijection).
 * no_expires: inet_diag_msg's idiag_expires left out too.
 */
uint64_t dc_hash(const void *buf, size_t n, int no_expires);
/* Does this buffer end the dump (NLMSG_DONE or NLMSG_ERROR)? */
int diag_ends_dump(const void *buf, size_t n);
/* The socket's buffer into d->buf (or the feed's): recvfrom's answer. */
ssize_t diag_recv(struct diag *d);

#endif
