/*
 * diag_proto.c: the sock_diag answers of the families a kernel often lacks:
 * SCTP and TIPC (modules sctp_diag and tipc_diag), whose shapes differ from
 * the other inet and socket families, and VSOCK and XDP.
 *
 * SCTP answers are inet_diag messages with three attributes of their own:
 * INET_DIAG_LOCALS and INET_DIAG_PEERS, arrays of struct sockaddr_storage,
 * and INET_DIAG_INFO as a struct sctp_info.  TIPC answers to an AF_TIPC
 * request are a bare TIPC_NLA_SOCK nest of netlink attributes (the layout
 * of the TIPC generic netlink family), without any header.  As everywhere
 * in the engine, every length is checked before a read and a malformed
 * answer yields -EINVAL.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stdint.h>
#include <linux/sctp.h>
#include <linux/tipc_netlink.h>
#include <linux/vm_sockets_diag.h>
#include <linux/xdp_diag.h>
#include <libmnl/libmnl.h>

#include "diag_parse.h"

/* The size the kernel gives each entry of INET_DIAG_LOCALS/PEERS. */
#define SCTP_SA_SIZE sizeof(struct sockaddr_storage)

/* One sockaddr_storage (SCTP_SA_SIZE bytes at p) into a. */
static void take_sa(struct sk_saddr *a, const unsigned char *p)
{
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
	sa_family_t fam;

	memcpy(&fam, p, sizeof(fam));
	memset(a, 0, sizeof(*a));
	a->family = fam;
	if (fam == AF_INET) {
		memcpy(&in, p, sizeof(in));
		memcpy(a->addr, &in.sin_addr, 4);
		a->port = ntohs(in.sin_port);
	} else if (fam == AF_INET6) {
		memcpy(&in6, p, sizeof(in6));
		memcpy(a->addr, &in6.sin6_addr, 16);
		a->port = ntohs(in6.sin6_port);
	}
}

/*
 * An address list; *n counts whole entries (a truncated last entry is
 * left out: ss would read past the attribute).
 */
static struct sk_saddr *take_list(const struct nlattr *attr, uint32_t *n,
				  struct arena *ar)
{
	const unsigned char *p = mnl_attr_get_payload(attr);
	uint32_t k, count = mnl_attr_get_payload_len(attr) / SCTP_SA_SIZE;
	struct sk_saddr *v = arena_alloc(ar, (count + 1) * sizeof(*v));

	for (k = 0; k < count; k++)
		take_sa(&v[k], p + (size_t)k * SCTP_SA_SIZE);
	*n = count;
	return v;
}

void diag_sctp_addrs(struct sk_ext *x, const struct nlattr *locals,
		     const struct nlattr *peers, struct arena *ar)
{
	if (locals) {
		x->locals = take_list(locals, &x->n_locals, ar);
		x->present |= SKX_SCTP_LOCALS;
	}
	if (peers) {
		x->peers = take_list(peers, &x->n_peers, ar);
		x->present |= SKX_SCTP_PEERS;
	}
}

void diag_sctp_info(struct sk_ext *x, const struct nlattr *info,
		    struct arena *ar)
{
	uint32_t n = mnl_attr_get_payload_len(info);

	x->sctpi = arena_alloc(ar, sizeof(*x->sctpi));
	memcpy(x->sctpi, mnl_attr_get_payload(info),
	       n < sizeof(*x->sctpi) ? n : sizeof(*x->sctpi));
	x->sctpi_len = n;
	x->present |= SKX_SCTPINFO;
}

/* ---- TIPC ---- */

static const uint8_t tipc_sock_min[TIPC_NLA_SOCK_MAX + 1] = {
	[TIPC_NLA_SOCK_ADDR] = 4,   [TIPC_NLA_SOCK_REF] = 4,
	[TIPC_NLA_SOCK_TYPE] = 4,   [TIPC_NLA_SOCK_INO] = 4,
	[TIPC_NLA_SOCK_UID] = 4,    [TIPC_NLA_SOCK_TIPC_STATE] = 4,
	[TIPC_NLA_SOCK_COOKIE] = 8,
};

static const uint8_t tipc_stat_min[TIPC_NLA_SOCK_STAT_MAX + 1] = {
	[TIPC_NLA_SOCK_STAT_RCVQ] = 4,
	[TIPC_NLA_SOCK_STAT_SENDQ] = 4,
	[TIPC_NLA_SOCK_STAT_DROP] = 4,
};

static const uint8_t tipc_con_min[TIPC_NLA_CON_MAX + 1] = {
	[TIPC_NLA_CON_NODE] = 4,
	[TIPC_NLA_CON_SOCK] = 4,
	[TIPC_NLA_CON_TYPE] = 4,
	[TIPC_NLA_CON_INST] = 4,
};

/* Indexes and checks the nest a into tb; -EINVAL if malformed. */
static int nest(const struct nlattr *a, const struct nlattr **tb,
		const uint8_t *minlen, unsigned int max)
{
	if (diag_attr_index(mnl_attr_get_payload(a),
			    mnl_attr_get_payload_len(a), tb, max))
		return -EINVAL;
	return diag_attr_check(tb, minlen, max);
}

/* A u32 attribute's value, 0 when absent (ss would crash). */
static uint32_t opt_u32(const struct nlattr *a)
{
	return a ? diag_u32(a) : 0;
}

/* The record from a checked TIPC_NLA_SOCK nest's attributes. */
static void tipc_fill(struct sk_rec *r, struct sk_ext *x,
		      const struct nlattr *const *sk,
		      const struct nlattr *const *st,
		      const struct nlattr *const *con)
{
	uint64_t cookie = 0;

	r->tab = SKT_TIPC;
	r->family = AF_TIPC;
	r->state = (uint8_t)opt_u32(sk[TIPC_NLA_SOCK_TIPC_STATE]);
	r->uid = opt_u32(sk[TIPC_NLA_SOCK_UID]);
	r->ino = opt_u32(sk[TIPC_NLA_SOCK_INO]);
	if (sk[TIPC_NLA_SOCK_COOKIE])
		memcpy(&cookie, mnl_attr_get_payload(sk[TIPC_NLA_SOCK_COOKIE]),
		       sizeof(cookie));
	r->cookie = cookie;
	r->rq = opt_u32(st[TIPC_NLA_SOCK_STAT_RCVQ]);
	r->wq = opt_u32(st[TIPC_NLA_SOCK_STAT_SENDQ]);
	r->has = SKR_HAS_UID | SKR_HAS_INO | SKR_HAS_COOKIE | SKR_HAS_QUEUES;
	r->a.tipc.node = opt_u32(sk[TIPC_NLA_SOCK_ADDR]);
	r->a.tipc.ref = opt_u32(sk[TIPC_NLA_SOCK_REF]);
	r->a.tipc.type = (uint8_t)opt_u32(sk[TIPC_NLA_SOCK_TYPE]);
	r->a.tipc.connected = sk[TIPC_NLA_SOCK_CON] != NULL;
	r->a.tipc.peer_node = opt_u32(con[TIPC_NLA_CON_NODE]);
	r->a.tipc.peer_ref = opt_u32(con[TIPC_NLA_CON_SOCK]);

	x->present |= SKX_TIPC;
	x->tipc.drop = opt_u32(st[TIPC_NLA_SOCK_STAT_DROP]);
	if (st[TIPC_NLA_SOCK_STAT_LINK_CONG])
		x->tipc.flags |= SKX_TIPC_LINK_CONG;
	if (st[TIPC_NLA_SOCK_STAT_CONN_CONG])
		x->tipc.flags |= SKX_TIPC_CONN_CONG;
	if (sk[TIPC_NLA_SOCK_HAS_PUBL])
		x->tipc.flags |= SKX_TIPC_PUBL;
	if (con[TIPC_NLA_CON_FLAG]) {
		x->tipc.flags |= SKX_TIPC_VIA;
		x->tipc.con_type = opt_u32(con[TIPC_NLA_CON_TYPE]);
		x->tipc.con_inst = opt_u32(con[TIPC_NLA_CON_INST]);
	}
}

int diag_parse_tipc(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	static const uint8_t top_min[TIPC_NLA_MAX + 1] = {0};
	const struct nlattr *top[TIPC_NLA_MAX + 1];
	const struct nlattr *sk[TIPC_NLA_SOCK_MAX + 1];
	const struct nlattr *st[TIPC_NLA_SOCK_STAT_MAX + 1];
	const struct nlattr *con[TIPC_NLA_CON_MAX + 1];
	uint32_t states = c->req->states ? c->req->states : SKS_ALL;
	struct sk_rec *r;
	uint32_t state;

	if (diag_attr_index(mnl_nlmsg_get_payload(nlh),
			    mnl_nlmsg_get_payload_len(nlh), top,
			    TIPC_NLA_MAX) ||
	    diag_attr_check(top, top_min, TIPC_NLA_MAX))
		return -EINVAL;
	if (!top[TIPC_NLA_SOCK])
		return 0; /* ss skips such a message too */
	if (nest(top[TIPC_NLA_SOCK], sk, tipc_sock_min, TIPC_NLA_SOCK_MAX))
		return -EINVAL;
	memset(st, 0, sizeof(st));
	memset(con, 0, sizeof(con));
	if (sk[TIPC_NLA_SOCK_STAT] &&
	    nest(sk[TIPC_NLA_SOCK_STAT], st, tipc_stat_min,
		 TIPC_NLA_SOCK_STAT_MAX))
		return -EINVAL;
	if (sk[TIPC_NLA_SOCK_CON] &&
	    nest(sk[TIPC_NLA_SOCK_CON], con, tipc_con_min, TIPC_NLA_CON_MAX))
		return -EINVAL;

	/* The kernel filtered by state; a replayed file was not. */
	state = opt_u32(sk[TIPC_NLA_SOCK_TIPC_STATE]);
	if (!(c->req->tabs & SKT_BIT(SKT_TIPC)) || state >= 32 ||
	    !(states & SKS_BIT(state)))
		return 0;
	r = snap_push(c->out);
	tipc_fill(r, snap_ext(c->out, r), sk, st, con);
	diag_parse_finish(c, r);
	return 0;
}

/* ---- vsock ---- */

int diag_parse_vsock(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	const struct vsock_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	struct sk_rec *r;
	unsigned int tab;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*m))
		return -EINVAL;
	if (m->vdiag_type == SOCK_STREAM)
		tab = SKT_VSOCK_STREAM;
	else if (m->vdiag_type == SOCK_DGRAM)
		tab = SKT_VSOCK_DGRAM;
	else if (c->req->tabs & SKT_BIT(SKT_VSOCK_STREAM))
		/* ss lists the other types (seqpacket) with either vsock
		 * table, Netid "???" (ssfmt_netid) */
		tab = SKT_VSOCK_STREAM;
	else
		tab = SKT_VSOCK_DGRAM;
	r = diag_parse_push(c, tab, AF_VSOCK, m->vdiag_state, m->vdiag_ino,
			    m->vdiag_cookie);
	if (!r)
		return 0;
	r->shutdown = m->vdiag_shutdown & 3;
	r->a.vs.src_cid = m->vdiag_src_cid;
	r->a.vs.src_port = m->vdiag_src_port;
	r->a.vs.dst_cid = m->vdiag_dst_cid;
	r->a.vs.dst_port = m->vdiag_dst_port;
	r->a.vs.type = m->vdiag_type;
	r->has |= SKR_HAS_SHUTDOWN;
	diag_parse_finish(c, r);
	return 0;
}

/* ---- xdp ---- */

int diag_parse_xdp(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	static const uint8_t minlen[XDP_DIAG_MAX + 1] = {
		[XDP_DIAG_INFO] = sizeof(struct xdp_diag_info),
		[XDP_DIAG_UID] = 4,
		[XDP_DIAG_RX_RING] = sizeof(struct xdp_diag_ring),
		[XDP_DIAG_TX_RING] = sizeof(struct xdp_diag_ring),
		[XDP_DIAG_UMEM] = sizeof(struct xdp_diag_umem),
		[XDP_DIAG_UMEM_FILL_RING] = sizeof(struct xdp_diag_ring),
		[XDP_DIAG_UMEM_COMPLETION_RING] = sizeof(struct xdp_diag_ring),
		[XDP_DIAG_STATS] = sizeof(struct xdp_diag_stats),
	};
	static const struct {
		uint8_t attr, bit;
	} rings[] = {
		{XDP_DIAG_RX_RING, SKX_XDP_RX},
		{XDP_DIAG_TX_RING, SKX_XDP_TX},
		{XDP_DIAG_UMEM_FILL_RING, SKX_XDP_FR},
		{XDP_DIAG_UMEM_COMPLETION_RING, SKX_XDP_CR},
	};
	struct sk_ext *x;
	const struct nlattr *tb[XDP_DIAG_MAX + 1];
	const struct xdp_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct sk_rec *r;

	if (diag_msg_index(nlh, sizeof(*m), tb, XDP_DIAG_MAX, minlen))
		return -EINVAL;
	r = diag_parse_push(c, SKT_XDP, AF_XDP, SKS_CLOSE, m->xdiag_ino,
			    m->xdiag_cookie);
	if (!r)
		return 0;
	if ((a = tb[XDP_DIAG_INFO])) {
		struct xdp_diag_info xi;

		memcpy(&xi, mnl_attr_get_payload(a), sizeof(xi));
		r->a.xdp.ifindex = xi.ifindex;
		r->a.xdp.queue_id = xi.queue_id;
		r->ifindex = xi.ifindex;
	}
	if ((a = tb[XDP_DIAG_UID])) {
		r->uid = diag_u32(a);
		r->has |= SKR_HAS_UID;
	}
	if ((a = tb[XDP_DIAG_MEMINFO])) {
		x = snap_ext(c->out, r);
		diag_take_skmem(x, a);
		if (x->skmem_n > SK_MEMINFO_RMEM_ALLOC) {
			r->rq = x->skmem[SK_MEMINFO_RMEM_ALLOC];
			r->has |= SKR_HAS_QUEUES;
		}
	}
	for (size_t k = 0; k < sizeof(rings) / sizeof(rings[0]); k++) {
		struct xdp_diag_ring ring;
		uint32_t *to;

		if (!(a = tb[rings[k].attr]))
			continue;
		x = snap_ext(c->out, r);
		memcpy(&ring, mnl_attr_get_payload(a), sizeof(ring));
		to = rings[k].bit == SKX_XDP_RX	  ? &x->xdp.rx
		     : rings[k].bit == SKX_XDP_TX ? &x->xdp.tx
		     : rings[k].bit == SKX_XDP_FR ? &x->xdp.fr
						  : &x->xdp.cr;
		*to = ring.entries;
		x->xdp.has |= rings[k].bit;
	}
	if ((a = tb[XDP_DIAG_UMEM])) {
		x = snap_ext(c->out, r);
		memcpy(&x->xdp.umem, mnl_attr_get_payload(a),
		       sizeof(x->xdp.umem));
		x->xdp.has |= SKX_XDP_UMEM;
	}
	if ((a = tb[XDP_DIAG_STATS])) {
		x = snap_ext(c->out, r);
		memcpy(&x->xdp.stats, mnl_attr_get_payload(a),
		       sizeof(x->xdp.stats));
		x->xdp.has |= SKX_XDP_STATS;
	}
	diag_parse_finish(c, r);
	return 0;
}
