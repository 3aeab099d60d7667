/*
 * diag_parse.c: sock_diag messages into socket records, for live dumps,
 * events and replayed files alike.
 *
 * Everything here reads bytes that came from the kernel or from a file
 * anyone may have written: every header and attribute is length-checked
 * before it is read, unknown attributes are skipped, and a malformed
 * message yields -EINVAL without touching the records already parsed.
 * Variable-size structures (tcp_info, meminfo...) are copied up to what
 * both sides know into zeroed memory, so older and newer kernels work.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/filter.h>
#include <linux/mptcp.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/tls.h>
#include <linux/unix_diag.h>
#include <libmnl/libmnl.h>

#include "diag_parse.h"

/* The largest attribute type any family's parser indexes. */
#define ATTR_SLOTS 32

int diag_attr_index(const void *p, size_t len, const struct nlattr **tb,
		    unsigned int max)
{
	const struct nlattr *a = p;
	int rem;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	if (len > INT32_MAX)
		return -EINVAL;
	rem = (int)len;
	while (mnl_attr_ok(a, rem)) {
		uint16_t t = mnl_attr_get_type(a);

		if (t <= max)
			tb[t] = a;
		rem -= MNL_ALIGN(a->nla_len);
		a = (const struct nlattr *)((const char *)a +
					    MNL_ALIGN(a->nla_len));
	}
	/* A last attribute may end unpadded (rem < 0); leftovers are not. */
	return rem > 0 ? -EINVAL : 0;
}

int diag_attr_check(const struct nlattr *const *tb, const uint8_t *minlen,
		    unsigned int max)
{
	unsigned int i;

	for (i = 0; i <= max; i++)
		if (tb[i] && mnl_attr_get_payload_len(tb[i]) < minlen[i])
			return -EINVAL;
	return 0;
}

/* SK_MEMINFO_* array: as many as both sides know; counts what was sent. */
void diag_take_skmem(struct sk_ext *x, const struct nlattr *a)
{
	uint32_t n = mnl_attr_get_payload_len(a) / sizeof(uint32_t);

	x->skmem_n = (uint8_t)(n < SK_MEMINFO_VARS ? n : SK_MEMINFO_VARS);
	memcpy(x->skmem, mnl_attr_get_payload(a),
	       x->skmem_n * sizeof(uint32_t));
	x->present |= SKX_SKMEM;
}

/* Applies the request's table, family and state selection. */
static int selected(const struct diag_pctx *c, unsigned int tab,
		    unsigned int family, unsigned int state)
{
	const struct diag_req *q = c->req;
	uint32_t fams =
		q->families ? q->families : (1u << AF_INET) | (1u << AF_INET6);
	uint32_t states = q->states ? q->states : SKS_ALL;

	if (tab >= SKT_COUNT || !(q->tabs & SKT_BIT(tab)))
		return 0;
	if ((family == AF_INET || family == AF_INET6) &&
	    !(fams & (1u << family)))
		return 0;
	/*
	 * SCTP: the kernel lists an endpoint with associations whatever the
	 * states asked, then its associations in SCTP_STATE_* numbering;
	 * ss shows all it is sent, and so do we.
	 */
	if (tab == SKT_SCTP)
		return 1;
	/*
	 * raw_diag lists every raw socket whatever the states asked, and ss
	 * shows them all (`ss -w` lists unconnected ones); from /proc, which
	 * ss filters itself, the states apply (diag_proc.c).
	 */
	if (tab == SKT_RAW)
		return 1;
	return state < 32 && (states & SKS_BIT(state));
}

void diag_parse_finish(const struct diag_pctx *c, const struct sk_rec *r)
{
	if (c->req->accept && !c->req->accept(r, c->req->accept_arg))
		snap_pop(c->out);
}

int diag_msg_index(const struct nlmsghdr *nlh, size_t hdr,
		   const struct nlattr **tb, unsigned int max,
		   const uint8_t *minlen)
{
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	size_t hl = MNL_ALIGN(hdr);

	if (plen < hdr)
		return -EINVAL;
	if (diag_attr_index((const char *)mnl_nlmsg_get_payload(nlh) + hl,
			    plen > hl ? plen - hl : 0, tb, max) ||
	    diag_attr_check(tb, minlen, max))
		return -EINVAL;
	return 0;
}

struct sk_rec *diag_parse_push(const struct diag_pctx *c, unsigned int tab,
			       unsigned int family, unsigned int state,
			       uint32_t ino, const uint32_t cookie[2])
{
	struct sk_rec *r;

	if (!selected(c, tab, family, state))
		return NULL;
	r = snap_push(c->out);
	r->tab = (uint8_t)tab;
	r->family = (uint8_t)family;
	r->state = (uint8_t)state;
	r->ino = ino;
	r->cookie = diag_cookie64(cookie);
	r->has = SKR_HAS_INO | SKR_HAS_COOKIE;
	return r;
}

/* ---- inet (TCP, UDP, RAW, DCCP, SCTP, MPTCP, UDP-Lite) ---- */

static const uint8_t inet_minlen[INET_DIAG_MAX + 1] = {
	[INET_DIAG_TOS] = 1,	  [INET_DIAG_TCLASS] = 1,
	[INET_DIAG_SHUTDOWN] = 1, [INET_DIAG_PROTOCOL] = 1,
	[INET_DIAG_SKV6ONLY] = 1, [INET_DIAG_MARK] = 4,
	[INET_DIAG_CLASS_ID] = 4, [INET_DIAG_CGROUP_ID] = 8,
};

/* Table of an inet message whose dump is unknown, by its protocol. */
static const struct {
	uint8_t proto;
	uint8_t tab;
} proto_tabs[] = {
	{IPPROTO_TCP, SKT_TCP},		{IPPROTO_UDP, SKT_UDP},
	{IPPROTO_UDPLITE, SKT_UDPLITE}, {IPPROTO_DCCP, SKT_DCCP},
	{IPPROTO_SCTP, SKT_SCTP},
};

static int inet_tab(const struct diag_pctx *c, const struct nlattr *proto)
{
	size_t i;
	uint8_t p;

	if (c->tab >= 0)
		return c->tab;
	if (!proto)
		return SKT_TCP; /* ss -D files: what ss's own replay assumes */
	p = diag_u8(proto);
	for (i = 0; i < sizeof(proto_tabs) / sizeof(proto_tabs[0]); i++)
		if (proto_tabs[i].proto == p)
			return proto_tabs[i].tab;
	return SKT_RAW; /* raw sockets report their IPPROTO_* */
}

static int parse_ulp(struct sk_ext *x, const struct nlattr *ulp,
		     struct arena *ar)
{
	static const uint8_t ulp_min[INET_ULP_INFO_MAX + 1] = {0};
	static const uint8_t tls_min[TLS_INFO_MAX + 1] = {
		[TLS_INFO_VERSION] = 2,
		[TLS_INFO_CIPHER] = 2,
		[TLS_INFO_TXCONF] = 2,
		[TLS_INFO_RXCONF] = 2,
	};
	static const uint8_t sf_min[MPTCP_SUBFLOW_ATTR_MAX + 1] = {
		[MPTCP_SUBFLOW_ATTR_TOKEN_REM] = 4,
		[MPTCP_SUBFLOW_ATTR_TOKEN_LOC] = 4,
		[MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ] = 4,
		[MPTCP_SUBFLOW_ATTR_MAP_SEQ] = 8,
		[MPTCP_SUBFLOW_ATTR_MAP_SFSEQ] = 4,
		[MPTCP_SUBFLOW_ATTR_SSN_OFFSET] = 4,
		[MPTCP_SUBFLOW_ATTR_MAP_DATALEN] = 2,
		[MPTCP_SUBFLOW_ATTR_FLAGS] = 4,
		[MPTCP_SUBFLOW_ATTR_ID_REM] = 1,
		[MPTCP_SUBFLOW_ATTR_ID_LOC] = 1,
	};
	const struct nlattr *tb[INET_ULP_INFO_MAX + 1];
	const struct nlattr *sub[ATTR_SLOTS + 1];

	if (diag_attr_index(mnl_attr_get_payload(ulp),
			    mnl_attr_get_payload_len(ulp), tb,
			    INET_ULP_INFO_MAX) ||
	    diag_attr_check(tb, ulp_min, INET_ULP_INFO_MAX))
		return -EINVAL;
	if (tb[INET_ULP_INFO_NAME]) {
		const char *s = mnl_attr_get_payload(tb[INET_ULP_INFO_NAME]);

		x->ulp = arena_strndup(
			ar, s,
			strnlen(s, mnl_attr_get_payload_len(
					   tb[INET_ULP_INFO_NAME])));
		x->present |= SKX_ULP;
	}
	if (tb[INET_ULP_INFO_TLS]) {
		const struct nlattr *t = tb[INET_ULP_INFO_TLS];

		if (diag_attr_index(mnl_attr_get_payload(t),
				    mnl_attr_get_payload_len(t), sub,
				    TLS_INFO_MAX) ||
		    diag_attr_check(sub, tls_min, TLS_INFO_MAX))
			return -EINVAL;
		if (sub[TLS_INFO_VERSION])
			x->tls.version = diag_u16(sub[TLS_INFO_VERSION]);
		if (sub[TLS_INFO_CIPHER])
			x->tls.cipher = diag_u16(sub[TLS_INFO_CIPHER]);
		if (sub[TLS_INFO_TXCONF])
			x->tls.txconf = diag_u16(sub[TLS_INFO_TXCONF]);
		if (sub[TLS_INFO_RXCONF])
			x->tls.rxconf = diag_u16(sub[TLS_INFO_RXCONF]);
		x->tls.zc_ro_tx = !!sub[TLS_INFO_ZC_RO_TX];
		x->tls.rx_no_pad = !!sub[TLS_INFO_RX_NO_PAD];
		x->present |= SKX_TLS;
	}
	if (tb[INET_ULP_INFO_MPTCP]) {
		const struct nlattr *m = tb[INET_ULP_INFO_MPTCP];

		if (diag_attr_index(mnl_attr_get_payload(m),
				    mnl_attr_get_payload_len(m), sub,
				    MPTCP_SUBFLOW_ATTR_MAX) ||
		    diag_attr_check(sub, sf_min, MPTCP_SUBFLOW_ATTR_MAX))
			return -EINVAL;
		if (sub[MPTCP_SUBFLOW_ATTR_TOKEN_REM])
			x->sf.token_rem =
				diag_u32(sub[MPTCP_SUBFLOW_ATTR_TOKEN_REM]);
		if (sub[MPTCP_SUBFLOW_ATTR_TOKEN_LOC])
			x->sf.token_loc =
				diag_u32(sub[MPTCP_SUBFLOW_ATTR_TOKEN_LOC]);
		if (sub[MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ])
			x->sf.relwrite_seq =
				diag_u32(sub[MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ]);
		if (sub[MPTCP_SUBFLOW_ATTR_MAP_SEQ])
			x->sf.map_seq =
				diag_u64(sub[MPTCP_SUBFLOW_ATTR_MAP_SEQ]);
		if (sub[MPTCP_SUBFLOW_ATTR_MAP_SFSEQ])
			x->sf.map_sfseq =
				diag_u32(sub[MPTCP_SUBFLOW_ATTR_MAP_SFSEQ]);
		if (sub[MPTCP_SUBFLOW_ATTR_SSN_OFFSET])
			x->sf.ssn_offset =
				diag_u32(sub[MPTCP_SUBFLOW_ATTR_SSN_OFFSET]);
		if (sub[MPTCP_SUBFLOW_ATTR_MAP_DATALEN])
			x->sf.map_datalen =
				diag_u16(sub[MPTCP_SUBFLOW_ATTR_MAP_DATALEN]);
		if (sub[MPTCP_SUBFLOW_ATTR_FLAGS])
			x->sf.flags = diag_u32(sub[MPTCP_SUBFLOW_ATTR_FLAGS]);
		if (sub[MPTCP_SUBFLOW_ATTR_ID_REM])
			x->sf.id_rem = diag_u8(sub[MPTCP_SUBFLOW_ATTR_ID_REM]);
		if (sub[MPTCP_SUBFLOW_ATTR_ID_LOC])
			x->sf.id_loc = diag_u8(sub[MPTCP_SUBFLOW_ATTR_ID_LOC]);
		for (unsigned int i = 1; i <= MPTCP_SUBFLOW_ATTR_MAX && i < 16;
		     i++)
			if (sub[i])
				x->sf.has |= (uint16_t)(1u << i);
		x->present |= SKX_SUBFLOW;
	}
	return 0;
}

/*
 * The small inet attributes into x (zeroed: a template, or a record's own
 * block).  Returns whether there was any.
 */
static int inet_small(const struct nlattr *const *tb, struct sk_ext *x)
{
	const struct nlattr *a;

	if ((a = tb[INET_DIAG_TOS])) {
		x->tos = diag_u8(a);
		x->present |= SKX_TOS;
	}
	if ((a = tb[INET_DIAG_TCLASS])) {
		x->tclass = diag_u8(a);
		x->present |= SKX_TCLASS;
	}
	if ((a = tb[INET_DIAG_CLASS_ID])) {
		x->class_id = diag_u32(a);
		x->present |= SKX_CLASS_ID;
	}
	if ((a = tb[INET_DIAG_MARK])) {
		x->mark = diag_u32(a);
		x->present |= SKX_MARK;
	}
	if ((a = tb[INET_DIAG_CGROUP_ID])) {
		x->cgroup_id = diag_u64(a);
		x->present |= SKX_CGROUP;
	}
	if ((a = tb[INET_DIAG_SKV6ONLY])) {
		x->v6only = diag_u8(a);
		x->present |= SKX_V6ONLY;
	}
	if ((a = tb[INET_DIAG_PROTOCOL])) {
		x->protocol = diag_u8(a);
		x->present |= SKX_PROTOCOL;
	}
	if ((a = tb[INET_DIAG_SOCKOPT])) {
		diag_copy_prefix(&x->sockopt, sizeof(x->sockopt), a);
		x->present |= SKX_SOCKOPT;
	}
	return x->present != 0;
}

/* A tcp_info field is there when the kernel sent all of its bytes. */
#define TCPI_HAS(len, f)                                                       \
	((len) >=                                                              \
	 offsetof(struct tcp_info, f) + sizeof(((struct tcp_info *)0)->f))

/*
 * TCP's counters for the rates, from INET_DIAG_INFO as the kernel sent it
 * (a field an older kernel does not send is left out): the record gets
 * its sk_tcpc, the counters go to the snapshot's snap_ctr.
 */
static void tcp_counters(struct snap *s, struct sk_rec *r,
			 const struct nlattr *a)
{
	struct tcp_info ti;
	uint32_t len = diag_copy_prefix(&ti, sizeof(ti), a);
	struct sk_tcpc *t;
	struct sk_ctr *c;

	if (len < sizeof(ti))
		memset((char *)&ti + len, 0, sizeof(ti) - len);
	t = arena_alloc(&s->arena, sizeof(*t));
	c = snap_ctr(s, &t->ctr);
	c->state = t->state = ti.tcpi_state;
	if (TCPI_HAS(len, tcpi_bytes_received)) {
		c->acked = ti.tcpi_bytes_acked;
		c->received = ti.tcpi_bytes_received;
		c->has |= SKC_BYTES;
	}
	if (TCPI_HAS(len, tcpi_segs_in)) {
		c->segs_out = ti.tcpi_segs_out;
		c->segs_in = ti.tcpi_segs_in;
		c->has |= SKC_SEGS;
	}
	if (TCPI_HAS(len, tcpi_sndbuf_limited)) {
		c->busy = ti.tcpi_busy_time;
		c->rwnd = ti.tcpi_rwnd_limited;
		c->sndbuf = ti.tcpi_sndbuf_limited;
		c->has |= SKC_CHRONO;
	}
	if (TCPI_HAS(len, tcpi_bytes_retrans)) {
		c->retrans = ti.tcpi_bytes_retrans;
		c->has |= SKC_RETRANS;
	}
	t->has = c->has & SKC_BYTES;
	r->tc = t;
}

/* The optional attributes of an inet record; tb is already checked. */
static int inet_ext(const struct diag_pctx *c, struct sk_rec *r,
		    const struct nlattr *const *tb)
{
	struct snap *s = c->out;
	struct sk_ext *x;
	const struct nlattr *a;

	int counters_only =
		(c->req->ext & (DIAG_X_RATE | DIAG_X_INFO)) == DIAG_X_RATE;

	if ((a = tb[INET_DIAG_SHUTDOWN])) {
		r->shutdown = diag_u8(a) & 3;
		r->has |= SKR_HAS_SHUTDOWN;
	}
	if ((a = tb[INET_DIAG_INFO]) && r->tab == SKT_TCP)
		tcp_counters(s, r, a);
	/* Everything else lives in the extension block. */
	if (!tb[INET_DIAG_MEMINFO] &&
	    (!tb[INET_DIAG_INFO] || (counters_only && r->tab == SKT_TCP)) &&
	    !tb[INET_DIAG_VEGASINFO] && !tb[INET_DIAG_CONG] &&
	    !tb[INET_DIAG_SKMEMINFO] && !tb[INET_DIAG_DCTCPINFO] &&
	    !tb[INET_DIAG_BBRINFO] && !tb[INET_DIAG_MD5SIG] &&
	    !tb[INET_DIAG_ULP_INFO] && !tb[INET_DIAG_LOCALS] &&
	    !tb[INET_DIAG_PEERS]) {
		/*
		 * Only small attributes, which the kernel sends for every
		 * socket whether asked or not (mark, cgroup, sockopt...)
		 * and whose values repeat: records share one block.
		 */
		struct sk_ext t;

		memset(&t, 0, sizeof(t));
		if (inet_small(tb, &t))
			r->x = snap_ext_shared(s, &t);
		return 0;
	}
	x = snap_ext(s, r);
	inet_small(tb, x);
	if ((a = tb[INET_DIAG_MEMINFO])) {
		diag_copy_prefix(&x->meminfo, sizeof(x->meminfo), a);
		x->present |= SKX_MEMINFO;
	}
	if ((a = tb[INET_DIAG_SKMEMINFO]))
		diag_take_skmem(x, a);
	if ((a = tb[INET_DIAG_INFO]) && !(counters_only && r->tab == SKT_TCP)) {
		if (r->tab == SKT_MPTCP) {
			x->mptcpi = arena_alloc(&s->arena,
						sizeof(struct mptcp_info));
			x->mptcpi_len = diag_copy_prefix(
				x->mptcpi, sizeof(struct mptcp_info), a);
			x->present |= SKX_MPTCPINFO;
		} else if (r->tab == SKT_SCTP) {
			diag_sctp_info(x, a, &s->arena);
		} else if (r->tab == SKT_TCP || r->tab == SKT_DCCP) {
			x->tcpi = arena_alloc(&s->arena, sizeof(*x->tcpi));
			x->tcpi_len =
				diag_copy_prefix(x->tcpi, sizeof(*x->tcpi), a);
			x->present |= SKX_TCPINFO;
		}
	}
	if ((a = tb[INET_DIAG_CONG])) {
		const char *p = mnl_attr_get_payload(a);

		x->cong = arena_strndup(
			&s->arena, p, strnlen(p, mnl_attr_get_payload_len(a)));
		x->present |= SKX_CONG;
	}
	if ((a = tb[INET_DIAG_VEGASINFO])) {
		diag_copy_prefix(&x->cc.vegas, sizeof(x->cc.vegas), a);
		x->present |= SKX_VEGAS;
		x->cc_kind = 1;
	} else if ((a = tb[INET_DIAG_DCTCPINFO])) {
		diag_copy_prefix(&x->cc.dctcp, sizeof(x->cc.dctcp), a);
		x->present |= SKX_DCTCP;
		x->cc_kind = 2;
	} else if ((a = tb[INET_DIAG_BBRINFO])) {
		diag_copy_prefix(&x->cc.bbr, sizeof(x->cc.bbr), a);
		x->present |= SKX_BBR;
		x->cc_kind = 3;
	}
	if ((a = tb[INET_DIAG_MD5SIG])) {
		x->md5_count = mnl_attr_get_payload_len(a) /
			       sizeof(struct tcp_diag_md5sig);
		x->present |= SKX_MD5;
	}
	if (r->tab == SKT_SCTP)
		diag_sctp_addrs(x, tb[INET_DIAG_LOCALS], tb[INET_DIAG_PEERS],
				&s->arena);
	if ((a = tb[INET_DIAG_ULP_INFO]))
		return parse_ulp(x, a, &s->arena);
	return 0;
}

static int parse_inet(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	const struct nlattr *tb[INET_DIAG_MAX + 1];
	const struct inet_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	size_t plen = mnl_nlmsg_get_payload_len(nlh);
	size_t hl = MNL_ALIGN(sizeof(*m));
	struct sk_rec *r;
	int tab;

	if (plen < sizeof(*m))
		return -EINVAL;
	if (diag_attr_index((const char *)m + hl, plen > hl ? plen - hl : 0, tb,
			    INET_DIAG_MAX) ||
	    diag_attr_check(tb, inet_minlen, INET_DIAG_MAX))
		return -EINVAL;
	tab = inet_tab(c, tb[INET_DIAG_PROTOCOL]);
	if (!selected(c, (unsigned int)tab, m->idiag_family, m->idiag_state))
		return 0;

	r = snap_push(c->out);
	r->tab = (uint8_t)tab;
	r->family = m->idiag_family;
	r->state = m->idiag_state;
	r->timer = m->idiag_timer;
	r->retrans = m->idiag_retrans;
	r->sport = ntohs(m->id.idiag_sport);
	r->dport = ntohs(m->id.idiag_dport);
	r->ifindex = m->id.idiag_if;
	memcpy(r->a.in.src, m->id.idiag_src, 16);
	memcpy(r->a.in.dst, m->id.idiag_dst, 16);
	r->cookie = diag_cookie64(m->id.idiag_cookie);
	r->expires = m->idiag_expires;
	r->rq = m->idiag_rqueue;
	r->wq = m->idiag_wqueue;
	r->uid = m->idiag_uid;
	r->ino = m->idiag_inode;
	r->has = SKR_HAS_UID | SKR_HAS_INO | SKR_HAS_COOKIE | SKR_HAS_TIMER |
		 SKR_HAS_QUEUES;
	/* Only an association's message carries its peers. */
	if (tab == SKT_SCTP && tb[INET_DIAG_PEERS])
		r->has |= SKR_SCTP_ASSOC;
	if (inet_ext(c, r, tb)) {
		snap_pop(c->out);
		return -EINVAL;
	}
	diag_parse_finish(c, r);
	return 0;
}

/* ---- unix ---- */

static const uint8_t unix_minlen[UNIX_DIAG_MAX + 1] = {
	[UNIX_DIAG_VFS] = sizeof(struct unix_diag_vfs),
	[UNIX_DIAG_PEER] = 4,
	[UNIX_DIAG_RQLEN] = sizeof(struct unix_diag_rqlen),
	[UNIX_DIAG_SHUTDOWN] = 1,
	[UNIX_DIAG_UID] = 4,
};

static const uint8_t unix_tabs[] = {
	[SOCK_STREAM] = SKT_UNIX_STREAM + 1,
	[SOCK_DGRAM] = SKT_UNIX_DGRAM + 1,
	[SOCK_SEQPACKET] = SKT_UNIX_SEQPACKET + 1,
};

static int parse_unix(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	const struct nlattr *tb[UNIX_DIAG_MAX + 1];
	const struct unix_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	struct arena *ar = &c->out->arena;
	const struct nlattr *a;
	struct sk_rec *r;
	struct sk_ext *x;

	if (diag_msg_index(nlh, sizeof(*m), tb, UNIX_DIAG_MAX, unix_minlen))
		return -EINVAL;
	if (m->udiag_type >= sizeof(unix_tabs) || !unix_tabs[m->udiag_type])
		return 0; /* a type ss does not list */
	r = diag_parse_push(c, unix_tabs[m->udiag_type] - 1u, AF_UNIX,
			    m->udiag_state, m->udiag_ino, m->udiag_cookie);
	if (!r)
		return 0;
	r->a.un.type = m->udiag_type;
	if ((a = tb[UNIX_DIAG_NAME])) {
		r->a.un.name_len = mnl_attr_get_payload_len(a);
		r->a.un.name = arena_strndup(ar, mnl_attr_get_payload(a),
					     r->a.un.name_len);
		r->has |= SKR_HAS_NAME;
	}
	if ((a = tb[UNIX_DIAG_PEER])) {
		r->a.un.peer = diag_u32(a);
		r->has |= SKR_HAS_PEER;
	}
	if ((a = tb[UNIX_DIAG_RQLEN])) {
		struct unix_diag_rqlen q;

		memcpy(&q, mnl_attr_get_payload(a), sizeof(q));
		r->rq = q.udiag_rqueue;
		r->wq = q.udiag_wqueue;
		r->has |= SKR_HAS_QUEUES;
	}
	if ((a = tb[UNIX_DIAG_SHUTDOWN])) {
		r->shutdown = diag_u8(a) & 3;
		r->has |= SKR_HAS_SHUTDOWN;
	}
	if ((a = tb[UNIX_DIAG_UID])) {
		r->uid = diag_u32(a);
		r->has |= SKR_HAS_UID;
	}
	if (tb[UNIX_DIAG_VFS] || tb[UNIX_DIAG_ICONS] || tb[UNIX_DIAG_MEMINFO]) {
		x = snap_ext(c->out, r);
		if ((a = tb[UNIX_DIAG_VFS])) {
			struct unix_diag_vfs v;

			memcpy(&v, mnl_attr_get_payload(a), sizeof(v));
			x->vfs_ino = v.udiag_vfs_ino;
			x->vfs_dev = v.udiag_vfs_dev;
			x->present |= SKX_VFS;
		}
		if ((a = tb[UNIX_DIAG_ICONS])) {
			x->n_icons = mnl_attr_get_payload_len(a) / 4;
			x->icons = arena_alloc(ar, x->n_icons * 4 + 4);
			memcpy(x->icons, mnl_attr_get_payload(a),
			       x->n_icons * 4);
			x->present |= SKX_ICONS;
		}
		if ((a = tb[UNIX_DIAG_MEMINFO])) {
			diag_take_skmem(x, a);
			x->present |= SKX_UNIXMEM;
		}
	}
	diag_parse_finish(c, r);
	return 0;
}

/* ---- packet ---- */

static const uint8_t packet_minlen[PACKET_DIAG_MAX + 1] = {
	[PACKET_DIAG_INFO] = 4, /* pdi_index; the rest is copied if sent */
	[PACKET_DIAG_FANOUT] = 4,
	[PACKET_DIAG_UID] = 4,
};

static int parse_packet(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	const struct nlattr *tb[PACKET_DIAG_MAX + 1];
	const struct packet_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct sk_rec *r;
	struct sk_ext *x;
	unsigned int tab;

	if (diag_msg_index(nlh, sizeof(*m), tb, PACKET_DIAG_MAX, packet_minlen))
		return -EINVAL;
	if (m->pdiag_type == SOCK_RAW)
		tab = SKT_PACKET_RAW;
	else if (m->pdiag_type == SOCK_DGRAM)
		tab = SKT_PACKET_DGRAM;
	else
		return 0;
	/* ss shows packet sockets as unconnected */
	r = diag_parse_push(c, tab, AF_PACKET, SKS_CLOSE, m->pdiag_ino,
			    m->pdiag_cookie);
	if (!r)
		return 0;
	/* The kernel sends the protocol in host order (ntohs(po->num)). */
	r->sport = m->pdiag_num;
	r->a.pk.type = m->pdiag_type;
	if ((a = tb[PACKET_DIAG_UID])) {
		r->uid = diag_u32(a);
		r->has |= SKR_HAS_UID;
	}
	x = snap_ext(c->out, r);
	x->pk.type = m->pdiag_type;
	x->pk.num = r->sport;
	if ((a = tb[PACKET_DIAG_INFO])) {
		struct packet_diag_info pi;

		memset(&pi, 0, sizeof(pi));
		diag_copy_prefix(&pi, sizeof(pi), a);
		r->ifindex = pi.pdi_index;
		x->pk.ifindex = pi.pdi_index;
		x->pk.version = pi.pdi_version;
		x->pk.copy_thresh = pi.pdi_copy_thresh;
		x->pk.flags = pi.pdi_flags;
		x->present |= SKX_PACKET;
	}
	if ((a = tb[PACKET_DIAG_FANOUT])) {
		x->pk.has_fanout = 1;
		x->pk.fanout = diag_u32(a);
	}
	if ((a = tb[PACKET_DIAG_MEMINFO])) {
		diag_take_skmem(x, a);
		if (x->skmem_n > SK_MEMINFO_RMEM_ALLOC) {
			r->rq = x->skmem[SK_MEMINFO_RMEM_ALLOC];
			r->has |= SKR_HAS_QUEUES;
		}
	}
	if ((a = tb[PACKET_DIAG_FILTER])) {
		uint32_t n = mnl_attr_get_payload_len(a) /
			     sizeof(struct sock_filter);

		x->pk.nbpf = n;
		x->pk.bpf = arena_alloc(&c->out->arena,
					n * sizeof(struct sock_filter) + 8);
		memcpy(x->pk.bpf, mnl_attr_get_payload(a),
		       n * sizeof(struct sock_filter));
		x->present |= SKX_BPF;
	}
	diag_parse_finish(c, r);
	return 0;
}

/* ---- netlink ---- */

static int parse_netlink(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	static const uint8_t minlen[NETLINK_DIAG_MAX + 1] = {
		[NETLINK_DIAG_FLAGS] = 4,
	};
	const struct nlattr *tb[NETLINK_DIAG_MAX + 1];
	const struct netlink_diag_msg *m = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *a;
	struct sk_rec *r;
	struct sk_ext *x;

	if (diag_msg_index(nlh, sizeof(*m), tb, NETLINK_DIAG_MAX, minlen))
		return -EINVAL;
	r = diag_parse_push(c, SKT_NETLINK, AF_NETLINK, SKS_CLOSE, m->ndiag_ino,
			    m->ndiag_cookie);
	if (!r)
		return 0;
	r->a.nl.portid = m->ndiag_portid;
	r->a.nl.dst_portid = m->ndiag_dst_portid;
	r->a.nl.dst_group = m->ndiag_dst_group;
	r->a.nl.protocol = m->ndiag_protocol;
	if (tb[NETLINK_DIAG_MEMINFO] || tb[NETLINK_DIAG_GROUPS]) {
		x = snap_ext(c->out, r);
		if ((a = tb[NETLINK_DIAG_MEMINFO])) {
			diag_take_skmem(x, a);
			if (x->skmem_n > SK_MEMINFO_WMEM_ALLOC) {
				r->rq = x->skmem[SK_MEMINFO_RMEM_ALLOC];
				r->wq = x->skmem[SK_MEMINFO_WMEM_ALLOC];
				r->has |= SKR_HAS_QUEUES;
			}
		}
		if ((a = tb[NETLINK_DIAG_GROUPS])) {
			x->nl.ngroups = mnl_attr_get_payload_len(a) / 4;
			x->nl.groups = arena_alloc(&c->out->arena,
						   x->nl.ngroups * 4 + 4);
			memcpy(x->nl.groups, mnl_attr_get_payload(a),
			       x->nl.ngroups * 4);
			x->present |= SKX_NETLINK;
		}
	}
	diag_parse_finish(c, r);
	return 0;
}

typedef int (*parse_fn)(const struct nlmsghdr *, const struct diag_pctx *);

/* One parser per address family (the first byte of every diag message). */
static const parse_fn parsers[AF_XDP + 1] = {
	[AF_INET] = parse_inet,	      [AF_INET6] = parse_inet,
	[AF_UNIX] = parse_unix,	      [AF_PACKET] = parse_packet,
	[AF_NETLINK] = parse_netlink, [AF_VSOCK] = diag_parse_vsock,
	[AF_XDP] = diag_parse_xdp,
};

int diag_parse_msg(const struct nlmsghdr *nlh, const struct diag_pctx *c)
{
	struct diag_pctx c2;
	uint8_t family;

	/*
	 * TIPC's answers start with their attributes: no family byte.  The
	 * kernel (6.1 to 6.12 at least) also sends an empty message for each
	 * socket its state filter leaves out: skipped there, as ss does.
	 */
	if (c->tab == SKT_TIPC)
		return diag_parse_tipc(nlh, c);
	if (nlh->nlmsg_len < NLMSG_HDRLEN + 1)
		return -EINVAL;
	family = *(const uint8_t *)mnl_nlmsg_get_payload(nlh);
	if (family >= sizeof(parsers) / sizeof(parsers[0]) || !parsers[family])
		return 0; /* families we do not know: skipped */
	/* The old inet request types name their protocol themselves. */
	if (c->tab < 0 && (nlh->nlmsg_type == TCPDIAG_GETSOCK ||
			   nlh->nlmsg_type == DCCPDIAG_GETSOCK)) {
		c2 = *c;
		c2.tab =
			nlh->nlmsg_type == TCPDIAG_GETSOCK ? SKT_TCP : SKT_DCCP;
		c = &c2;
	}
	return parsers[family](nlh, c);
}
