/*
 * diag_parse.h: inside the engine only (diag*.c).  Turns one
 * sock_diag message into one record, and defines the marker that
 * --record writes before each dump so that a replay knows which table the
 * following messages belong to.
 *
 * Record file format: the raw netlink buffers as received, in order (the
 * same bytes `ss -D` writes), with, before each request's answer, one
 * NLMSG_NOOP message whose payload is a struct diag_marker.  A reader that
 * ignores NLMSG_NOOP (ss) sees a plain `ss -D` file.
 */
#ifndef SSTOP_DIAG_PARSE_H
#define SSTOP_DIAG_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <linux/netlink.h>
#include <libmnl/libmnl.h>

#include "diag.h"

#define DIAG_MARKER_MAGIC 0x50545353u /* "SSTP" little-endian */

enum {
	/* The previous dump of this table was interrupted: forget it. */
	DIAG_MARK_RETRY = 1u << 0,
	/*
	 * A refresh begins (one diag_dump call): the marker is followed by
	 * a struct diag_refresh, the time of the dump.  No table.
	 */
	DIAG_MARK_REFRESH = 1u << 1,
};

/*
 * After a DIAG_MARK_REFRESH marker, in the same message.  Recordings made
 * before real_us was added carry mono_us alone (a shorter message).
 */
struct diag_refresh {
	uint64_t mono_us; /* CLOCK_MONOTONIC when the dump began */
	uint64_t real_us; /* CLOCK_REALTIME then (the time to show) */
};

struct diag_marker {
	uint32_t magic;	 /* DIAG_MARKER_MAGIC */
	uint8_t tab;	 /* enum sk_tab of the dump that follows */
	uint8_t family;	 /* AF_* of the request */
	uint8_t flags;	 /* DIAG_MARK_* */
	uint8_t version; /* 1 */
};

/* What the parser needs to know about the messages it is given. */
struct diag_pctx {
	const struct diag_req *req; /* selection: tabs, families, states */
	struct snap *out;
	/*
	 * Table of inet messages (the dump in progress), or -1 when unknown
	 * (replay without markers, events): then INET_DIAG_PROTOCOL decides,
	 * TCP when absent.  Other families carry their table in the message.
	 */
	int tab;
};

/*
 * Parses one SOCK_DIAG_BY_FAMILY (or TCPDIAG/DCCPDIAG) message and appends
 * a record to c->out if the selection and req->accept keep it.  Returns 0
 * (kept, dropped or a family we do not parse) or -EINVAL when the message
 * is malformed (then nothing is appended).
 */
int diag_parse_msg(const struct nlmsghdr *nlh, const struct diag_pctx *c);

/*
 * Indexes the attributes in [p, p + len) into tb[0..max] by type (the
 * last of a type wins); types beyond max are skipped.  Returns 0, or
 * -EINVAL when an attribute's length runs past the end or bytes are left
 * over.
 */
int diag_attr_index(const void *p, size_t len, const struct nlattr **tb,
		    unsigned int max);
/*
 * Checks each present attribute against its minimum payload length
 * (minlen[0..max]).  Returns 0 or -EINVAL.
 */
int diag_attr_check(const struct nlattr *const *tb, const uint8_t *minlen,
		    unsigned int max);
/* The last step for every record: drops it if req->accept refuses it. */
void diag_parse_finish(const struct diag_pctx *c, const struct sk_rec *r);
/*
 * A message made of a fixed header of hdr bytes then attributes: indexes
 * and length-checks them (diag_attr_index, diag_attr_check).  0 or -EINVAL
 * (too short for the header, or a bad attribute).
 */
int diag_msg_index(const struct nlmsghdr *nlh, size_t hdr,
		   const struct nlattr **tb, unsigned int max,
		   const uint8_t *minlen);
/*
 * Appends a record for a socket of this table, family and state with its
 * inode and cookie, if the request selects it; NULL when it does not.
 */
struct sk_rec *diag_parse_push(const struct diag_pctx *c, unsigned int tab,
			       unsigned int family, unsigned int state,
			       uint32_t ino, const uint32_t cookie[2]);
/* SK_MEMINFO_* array: as many as both sides know; counts what was sent. */
void diag_take_skmem(struct sk_ext *x, const struct nlattr *a);

/* Attribute payloads, read without alignment assumptions. */
static inline uint32_t diag_u32(const struct nlattr *a)
{
	uint32_t v;

	memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
	return v;
}

static inline uint64_t diag_u64(const struct nlattr *a)
{
	uint64_t v;

	memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
	return v;
}

static inline uint16_t diag_u16(const struct nlattr *a)
{
	uint16_t v;

	memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
	return v;
}

static inline uint8_t diag_u8(const struct nlattr *a)
{
	return *(const uint8_t *)mnl_attr_get_payload(a);
}

/* Copies what both sides know of a structure; the rest stays as it was. */
static inline uint32_t diag_copy_prefix(void *dst, size_t dsz,
					const struct nlattr *a)
{
	uint32_t n = mnl_attr_get_payload_len(a);

	memcpy(dst, mnl_attr_get_payload(a), n < dsz ? n : dsz);
	return n;
}

static inline uint64_t diag_cookie64(const uint32_t c[2])
{
	return (uint64_t)c[0] | (uint64_t)c[1] << 32;
}

/*
 * SCTP (diag_proto.c): INET_DIAG_LOCALS and INET_DIAG_PEERS (either may
 * be NULL) into x's address lists, whole sockaddr_storage entries only;
 * INET_DIAG_INFO as a struct sctp_info, zero-filled beyond what was sent.
 * Both allocate in ar.
 */
void diag_sctp_addrs(struct sk_ext *x, const struct nlattr *locals,
		     const struct nlattr *peers, struct arena *ar);
void diag_sctp_info(struct sk_ext *x, const struct nlattr *info,
		    struct arena *ar);
/*
 * TIPC (diag_proto.c): one SOCK_DIAG_BY_FAMILY answer to an AF_TIPC
 * request, whose payload is a TIPC_NLA_SOCK nest (no header).  Same
 * contract as diag_parse_msg().
 */
int diag_parse_tipc(const struct nlmsghdr *nlh, const struct diag_pctx *c);
/* VSOCK and XDP (diag_proto.c): same contract as diag_parse_msg(). */
int diag_parse_vsock(const struct nlmsghdr *nlh, const struct diag_pctx *c);
int diag_parse_xdp(const struct nlmsghdr *nlh, const struct diag_pctx *c);

/* Older libc and kernel headers lack these; the engine and parser share them.
 */
#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
#ifndef TCPDIAG_GETSOCK
#define TCPDIAG_GETSOCK 18
#endif
#ifndef DCCPDIAG_GETSOCK
#define DCCPDIAG_GETSOCK 19
#endif

#endif
