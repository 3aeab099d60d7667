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
#include <sys/types.h>

#include "snap.h"
#include "sock.h"

/* Optional attributes a view needs; each maps to idiag_ext bits. */
enum {
	DIAG_X_MEM = 1u << 0,  /* MEMINFO + SKMEMINFO (-m) */
	DIAG_X_INFO = 1u << 1, /* INFO, CONG, VEGAS/DCTCP/BBR (-i) */
	DIAG_X_TOS = 1u << 2,  /* TOS, TCLASS, CLASS_ID (--tos) */
	DIAG_X_UNIX = 1u << 3, /* unix: VFS, ICONS, RQLEN, MEMINFO, UID...;
				  xdp: rings, umem, statistics (-e, -m) */
	DIAG_X_BPF = 1u << 4,  /* packet filters (-b) */
	/*
	 * TCP: INET_DIAG_INFO for its counters only (sk_rec.tc), without
	 * keeping the whole tcp_info unless DIAG_X_INFO asks for it too.
	 */
	DIAG_X_RATE = 1u << 5,
};

/*
 * What to dump.  families 0 means both inet families; states 0 means all
 * states.  states is used as given, for every table: ss's per-table
 * defaults (closed for unix dgram, packet, netlink; established for udp
 * and raw) are ORed into one global mask only when no -a/-l/state was
 * given (checked against ss 6.1: `ss -u state closed` hides established
 * UDP), so they belong to sel_finish(), not here.  The kernel filters inet,
 * unix and vsock by state; the engine drops the rest of the non-matching
 * records itself (packet, netlink, xdp are always SKS_CLOSE).
 */
struct diag_req {
	uint32_t tabs;	   /* SKT_BIT() mask of tables */
	uint32_t families; /* 1u << AF_INET and/or 1u << AF_INET6 for inet
			      tables */
	uint32_t states;   /* SKS_BIT() mask; sent as idiag_states */
	uint32_t ext;	   /* DIAG_X_* */
	const void
		*bytecode; /* INET_DIAG_REQ_BYTECODE for inet dumps, or NULL */
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
 * caller), in the format --replay reads: the raw netlink buffers, each
 * dump preceded by an NLMSG_NOOP marker naming its table and family (see
 * diag_parse.h); `ss` -D readers skip the markers.  fd < 0 stops recording.
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
 * diag_dump for a refresh loop: out is empty, or holds what the last
 * diag_dump_cached on d put in it, untouched (anything else is cleared
 * first).  Each buffer the kernel sends is compared with the same buffer
 * of the last dump of the same request (a 64-bit hash of its bytes, the
 * messages' sequence numbers and port ids left out) and nothing is parsed
 * until one differs: then the records the last dump had from the buffers
 * before it are kept and the rest is parsed.  When every buffer is the
 * same, out is left as it was (no record written) and *same is 1, else 0.
 * A request with an accept callback or DIAG_X_RATE, and a dump that
 * made TCP counters (tcp_info, which the caller releases), are dumped as
 * by diag_dump and keep nothing for the next one.  Memory kept: 16 bytes
 * per receive buffer of the last dump and of this one (2 KB at 20k
 * sockets, 60 KB at 1M).
 */
int diag_dump_cached(struct diag *d, const struct diag_req *req,
		     struct snap *out, int *same);
/*
 * diag_dump_cached for a refresh loop that keeps the last dump's snapshot
 * on screen (shown, or NULL) while the next one fills another (out):
 * when the last dump was shown's, its buffers are compared as if they
 * were out's, and shown's records are read only at the first buffer that
 * differs, to be copied into out with what they point to.  When every
 * buffer is the same, out is left empty and *same is 2: the dump's
 * records are shown's.  Only records that point at nothing but flat
 * blocks are compared so (no TCP counters, no tcp_info...).  The
 * caller keeps shown's records as they are until the next dump, or until
 * diag_cache_unborrow, which it calls before it changes them: a dump told
 * the same (2) that is needed as records after all is copied there.
 */
int diag_dump_beside(struct diag *d, const struct diag_req *req,
		     struct snap *out, const struct snap *shown, int *same);
void diag_cache_unborrow(struct diag *d, struct snap *out);
/*
 * Whether the caller shows timer expiries (default: yes).  When it does
 * not, an inet socket whose timer alone moved (keepalive, FIN-WAIT-2...)
 * does not make its buffer differ: its kept record has the expiry of the
 * dump that parsed it.
 */
void diag_cache_expires(struct diag *d, int need);
/* Buffers diag_dump_cached kept unparsed, and parsed, since d opened. */
void diag_cache_stats(const struct diag *d, unsigned long *kept,
		      unsigned long *parsed);
/*
 * For quitting: a dump under way in another thread stops at its next
 * batch of messages, and this one and every later dump on d return
 * -ECANCELED (what the kernel still sends is left unread).
 */
void diag_abort(struct diag *d);

/*
 * Non-zero once the kernel refused req->bytecode (an op it lacks, or
 * MARK_COND without CAP_NET_ADMIN): diag_dump() then dumps without it, this
 * time and every time after, and the caller must filter every record itself.
 */
int diag_bytecode_rejected(const struct diag *d);

/*
 * As diag_set_record(), without the markers: exactly what `ss -D` writes
 * (ss's own replay would choke on a marker).  diag_replay reads both.
 */
void diag_set_record_plain(struct diag *d, int fd);

/* 0, or the negative errno of the first failed write to the record fd. */
int diag_record_error(const struct diag *d);

/* The netlink socket, for poll(): readable when an event has arrived. */
int diag_fd(const struct diag *d);

/*
 * The events socket's receive buffer: a burst of destroyed sockets waits
 * there while the reader is busy.  An event takes about 1.3 KB of it (the
 * message's buffer), so 16 MB holds some 12 000 events: more than 5 000
 * connections closed in a second (two sockets each) when the reader
 * stalls for most of that second.
 */
#define DIAG_EV_RCVBUF (16 * 1024 * 1024)

/*
 * -E: opens a socket subscribed to the SKNLGRP_INET{,6}_{TCP,UDP}_DESTROY
 * groups for the tables (SKT_TCP, SKT_UDP bits of tabs) and families
 * (0: both) given.  The groups need no capability; the receive buffer is
 * DIAG_EV_RCVBUF bytes with CAP_NET_ADMIN (SO_RCVBUFFORCE), else as much
 * of it as net.core.rmem_max allows.  -EINVAL if no group is selected.
 * Close with diag_close().
 */
int diag_events_open(struct diag **out, uint32_t tabs, uint32_t families);

/*
 * Blocks for one recv on an events socket and appends the sockets it
 * reports as destroyed to out (tab from INET_DIAG_PROTOCOL).  Returns 0,
 * -EINVAL for a malformed message, or a negative errno from recv
 * (-ENOBUFS: events were lost; -EINTR: a signal arrived).
 */
int diag_events_read(struct diag *d, struct snap *out);

/*
 * diag_events_read in two steps, so that a listener thread can receive
 * outside its lock and parse inside it: receives one buffer (without
 * waiting when nonblock: -EAGAIN then) and returns its length or a
 * negative errno; diag_events_parse appends that buffer's sockets to out
 * (0 or -EINVAL).
 */
ssize_t diag_events_recv(struct diag *d, int nonblock);
int diag_events_parse(struct diag *d, size_t n, struct snap *out);
/* The buffer diag_events_recv filled (owned by d). */
const void *diag_events_buf(const struct diag *d);

/*
 * Sets the receive buffer to bytes (SO_RCVBUFFORCE, else SO_RCVBUF within
 * net.core.rmem_max); best effort, as at open.
 */
void diag_set_rcvbuf(struct diag *d, int bytes);
/* The receive buffer the kernel granted (bytes), or a negative errno. */
int diag_rcvbuf(const struct diag *d);

/*
 * The messages the kernel dropped because the receive buffer was full
 * (SO_MEMINFO's drops: one per lost event), since the socket was opened.
 * Returns 0 or a negative errno (-EOPNOTSUPP before Linux 4.12).
 */
int diag_drops(const struct diag *d, uint64_t *drops);

/*
 * Parses a recorded dump (what --record or `ss -D` wrote) as if it came from
 * the kernel, keeping what req selects.  Returns 0 or -EINVAL when the data
 * is malformed (what could be parsed before the fault is kept).  Without
 * markers (ss -D files), inet messages are TCP unless INET_DIAG_PROTOCOL
 * says otherwise; NLMSG_DONE does not end the file.
 */
int diag_replay(const void *buf, size_t len, const struct diag_req *req,
		struct snap *out);
/*
 * A recording made over several refreshes (each diag_dump of a recording
 * begins with a refresh marker): how many there are (1 for a file that
 * has none, such as ss -D's), and the replay of refresh `step` alone
 * (0-based; past the last, the last), with the monotonic time it was
 * dumped at in *mono_us (0: unknown).
 */
unsigned diag_replay_steps(const void *buf, size_t len);
int diag_replay_step(const void *buf, size_t len, unsigned step,
		     const struct diag_req *req, struct snap *out,
		     uint64_t *mono_us);
/*
 * The wall-clock time (microseconds since the epoch) refresh `step` was
 * recorded at, or 0 when the file does not say (ss -D's files, sstop's
 * before it wrote the time).
 */
uint64_t diag_replay_time(const void *buf, size_t len, unsigned step);

#endif
