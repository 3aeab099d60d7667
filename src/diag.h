/*
 * diag.h: the sock_diag engine.  Asks the kernel (NETLINK_SOCK_DIAG, through
 * libmnl) for sockets and turns every message into a struct sk_rec in a
 * snapshot.  The same parser reads recorded dumps (--record/--replay, and
 * the raw files `ss -D` writes), so tests need no root.
 *
 * Collection only: nothing here prints, exits or knows about the screen.
 */
#ifndef SSTOP_DIAG_H
#define SSTOP_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "snap.h"
#include "sock.h"

/* Optional attributes a view needs; each maps to idiag_ext bits. */
enum {
	DIAG_X_MEM = 1u << 0,  /* MEMINFO + SKMEMINFO (-m) */
	DIAG_X_INFO = 1u << 1, /* INFO, CONG, VEGAS/DCTCP/BBR (-i) */
	DIAG_X_TOS = 1u << 2,  /* TOS, TCLASS, CLASS_ID (--tos) */
	DIAG_X_UNIX = 1u << 3, /* unix: VFS, ICONS, RQLEN, MEMINFO, UID... */
	DIAG_X_BPF = 1u << 4,  /* packet filters (-b) */
};

/* What to dump. */
struct diag_req {
	uint32_t tabs;     /* SKT_BIT() mask of tables */
	uint32_t families; /* 1u << AF_INET and/or 1u << AF_INET6 for inet tables */
	uint32_t states;   /* SKS_BIT() mask; sent as idiag_states */
	uint32_t ext;      /* DIAG_X_* */
	const void *bytecode; /* INET_DIAG_REQ_BYTECODE for inet dumps, or NULL */
	size_t bytecode_len;
	/*
	 * Optional user-space filter, called on each parsed record; a record
	 * for which it returns 0 is dropped at once (keeps memory flat).
	 */
	int (*accept)(const struct sk_rec *r, void *arg);
	void *accept_arg;
};

struct diag; /* opaque: netlink socket, receive buffer, record file */

/* Opens a NETLINK_SOCK_DIAG socket.  Returns 0 or a negative errno. */
int diag_open(struct diag **out);
void diag_close(struct diag *d);

/*
 * Every buffer received from now on is also written to fd (owned by the
 * caller), in the format --replay reads.  fd < 0 stops recording.
 */
void diag_set_record(struct diag *d, int fd);

/*
 * Dumps the tables of req into out (appended, in the order ss prints them).
 * A table the kernel lacks is noted in out->notes, never an error; a dump
 * interrupted by the kernel (NLM_F_DUMP_INTR) is retried.  Returns 0 or a
 * negative errno for a failure of the netlink socket itself.
 */
int diag_dump(struct diag *d, const struct diag_req *req, struct snap *out);

/*
 * Parses a recorded dump (what --record or `ss -D` wrote) as if it came from
 * the kernel, keeping what req selects.  Returns 0 or -EINVAL when the data
 * is malformed (what could be parsed before the fault is kept).
 */
int diag_replay(const void *buf, size_t len, const struct diag_req *req,
		struct snap *out);

#endif
