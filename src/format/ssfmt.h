/*
 * ssfmt.h: socket records printed exactly as ss 6.1 prints them.
 *
 * Records are first laid out in ss's nine columns (Netid, State, Recv-Q,
 * Send-Q, Local Address, Port, Peer Address, Port, Process); the option
 * details (-o -e -m -i --tos --cgroup --inet-sockopt) go, as in ss, into
 * the last column.  ssfmt_render() then sizes the columns from their
 * contents, like ss: compact when the output is not a terminal, spread to
 * the screen width when it is.  Kernel strings are sanitized on the way in.
 */
#ifndef SSTOP_SSFMT_H
#define SSTOP_SSFMT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "names.h"
#include "sock.h"
#include "sschunk.h"

enum ssfmt_col {
	SSF_NETID,
	SSF_STATE,
	SSF_RECVQ,
	SSF_SENDQ,
	SSF_LADDR,
	SSF_LPORT,
	SSF_PADDR,
	SSF_PPORT,
	SSF_PROC,
	SSF_NCOLS
};

/*
 * The -p hook: writes the `users:(...)` body for inode ino (without the
 * leading " users:(" and trailing ")") into buf (NUL-terminated, already
 * sanitized) and returns its length, or 0 when the owner is unknown.
 */
typedef size_t (*ssfmt_users_fn)(uint32_t ino, char *buf, size_t n, void *arg);

/*
 * What to show, as ss's options say it (the command line's display bits,
 * struct sstop_opts's `show`: formatting never sees the whole command
 * line).
 */
struct fmt_show {
	unsigned numeric : 1;	   /* -n */
	unsigned resolve : 1;	   /* -r */
	unsigned timers : 1;	   /* -o */
	unsigned extended : 1;	   /* -e */
	unsigned memory : 1;	   /* -m */
	unsigned info : 1;	   /* -i */
	unsigned processes : 1;	   /* -p */
	unsigned threads : 1;	   /* -T */
	unsigned no_header : 1;	   /* -H */
	unsigned oneline : 1;	   /* -O */
	unsigned tos : 1;	   /* --tos */
	unsigned cgroup : 1;	   /* --cgroup */
	unsigned inet_sockopt : 1; /* --inet-sockopt */
	unsigned tipcinfo : 1;	   /* --tipcinfo */
	unsigned bpf : 1;	   /* -b */
	unsigned context : 2;	   /* -Z = 1, -z = 2 */
};

struct ssfmt_cell {
	uint32_t off, len;
};

struct ssfmt {
	struct fmt_show o;	 /* a copy */
	uint8_t hide[SSF_NCOLS]; /* columns ss disables */
	int screen_width;	 /* 0: not a terminal (compact) */
	char *buf;		 /* text of every cell */
	size_t len, cap;
	struct ssfmt_cell *cells; /* SSF_NCOLS per row */
	size_t ncells, capcells;
	size_t maxlen[SSF_NCOLS];
	int sticky;	      /* widths never shrink between renders (-E) */
	ssfmt_users_fn users; /* -p; NULL prints no owners */
	void *users_arg;
	struct names names;
	FILE *stream; /* ssfmt_stream(): rows rendered as ss does */
	char *obuf;   /* rendered text not written yet */
	size_t olen, ocap;
	int werr;	      /* errno of the first write that failed; 0 */
	struct sschunk chunk; /* ss's buffer, replayed (stream only) */
	uint32_t sctp_ino;    /* inode of the last inet row (SCTP assocs) */
	int dg_proto; /* names_proto of DCCP, SCTP, MPTCP ports (tab_proto) */
	const char *stname[SKS_MAX]; /* sk_state_name(), and its length */
	uint8_t stlen[SKS_MAX];
};

/*
 * Prepares f for records of the tables and states selected (a single table
 * hides Netid, a single state hides State, as in ss).  screen_width is the
 * terminal's width, or 0 when stdout is not a terminal.
 */
void ssfmt_init(struct ssfmt *f, const struct fmt_show *o, uint32_t tabs,
		uint32_t states, int screen_width);
void ssfmt_free(struct ssfmt *f);
/* Adds the header row (unless -H). */
void ssfmt_header(struct ssfmt *f);
/* Adds one record. */
void ssfmt_add(struct ssfmt *f, const struct sk_rec *r);
/*
 * Writes the rows added so far to out and forgets them.  The text goes out
 * in blocks of tens of KB (one fwrite each, no stdio call per field); a
 * write that fails sets f->werr (its errno) and nothing more is written.
 */
void ssfmt_render(struct ssfmt *f, FILE *out);
/*
 * From now on (until out is NULL), rows are written to out whenever ss
 * would render them: every few MB of text, with the widths ss has then,
 * so that a listing of any size is byte for byte ss's without holding
 * every row.  ssfmt_render() writes the last rows.
 */
void ssfmt_stream(struct ssfmt *f, FILE *out);
/*
 * Moves the rows of src (same options, not streaming) to the end of f, as
 * if added there now; src is left empty.
 */
void ssfmt_append(struct ssfmt *f, struct ssfmt *src);

/* Helpers, exported for the tests and for the JSON/screen views. */

/* ss's timer text ("012ms", "6.220sec", "1min1sec"); returns buf. */
const char *ssfmt_timer(char *buf, size_t n, uint32_t ms);
/*
 * x/1000 exactly as printf's %g prints it (ss's rtt, rto, ato...), with
 * integer code below 10^6; returns the length written to buf.
 */
size_t ssfmt_milli(char *buf, size_t n, uint32_t x);
/* A rate in bit/s as ss prints it ("77Gbps" without the "bps"). */
const char *ssfmt_rate(char *buf, size_t n, double bps, int numeric);
/*
 * An inet address as ss prints it: IPv4 dotted, IPv6 in brackets, the v6
 * wildcard as "*" unless v6only.  family is AF_INET or AF_INET6.
 */
const char *ssfmt_inet_addr(char *buf, size_t n, int family,
			    const uint8_t *addr, int v6only);
/* A unix name: abstract names get '@' for each NUL; "*" if none. */
size_t ssfmt_unix_name(char *buf, size_t n, const char *name, size_t len);
/* An SCTP association's state (SCTP_STATE_*) as ss names it ("ESTAB"). */
const char *ssfmt_sctp_state(unsigned int state);
/* A TIPC socket's Netid by its type ("ti_st", "ti_rd"...; "???"). */
const char *ssfmt_tipc_netid(unsigned int type);
/*
 * A socket's Netid column as ss prints it: its table's, but for TIPC (by
 * type) and VSOCK types other than stream and datagram ("???").
 */
const char *ssfmt_netid(const struct sk_rec *r);

/*
 * The ends of a socket that is neither inet nor unix (netlink, packet,
 * TIPC, VSOCK, others), as ss prints them in its four address columns:
 * "rtnl:" "kernel", "*" "".  Sanitized.  nm may be NULL (numbers then).
 */
struct ssfmt_ends {
	char laddr[48], lport[160], paddr[24], pport[16];
};
void ssfmt_ends(const struct sk_rec *r, struct names *nm, int numeric,
		struct ssfmt_ends *e);

#endif
