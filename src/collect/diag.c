/*
 * diag.c: the sock_diag engine's netlink side (see diag.h).  Builds one
 * SOCK_DIAG_BY_FAMILY dump request per table and family, in the order ss
 * prints its tables, runs each dump through libmnl and hands every message
 * to diag_parse.c.  Also records what it receives; the socket-destroy
 * multicast groups (-E) are in diag_events.c.
 */
#include "config.h"

#include <errno.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/tipc_sockets_diag.h>
#include <linux/unix_diag.h>
#include <linux/vm_sockets_diag.h>
#include <linux/xdp_diag.h>
#include <libmnl/libmnl.h>

#include "caps.h"
#include "diag.h"
#include "diag_int.h"
#include "diag_parse.h"
#include "diag_proc.h"
#include "xalloc.h"

/* Builds the family-specific part of a dump request. */
typedef void (*build_fn)(struct nlmsghdr *nlh, const struct diag_req *req,
			 int family, unsigned int protocol);

struct dump_spec {
	uint32_t tabs;	   /* tables this request answers */
	uint8_t tab;	   /* table of inet records, and of notes */
	uint8_t family;	   /* AF_INET: once per inet family; else the family */
	uint16_t protocol; /* inet: IPPROTO_* */
	build_fn build;
};

static uint8_t inet_ext(uint32_t x)
{
	uint8_t e = 0;

	if (x & DIAG_X_MEM)
		e |= 1u << (INET_DIAG_MEMINFO - 1) |
		     1u << (INET_DIAG_SKMEMINFO - 1);
	if (x & DIAG_X_INFO)
		e |= 1u << (INET_DIAG_INFO - 1) |
		     1u << (INET_DIAG_VEGASINFO - 1) |
		     1u << (INET_DIAG_CONG - 1);
	if (x & DIAG_X_RATE)
		e |= 1u << (INET_DIAG_INFO - 1);
	if (x & DIAG_X_TOS)
		e |= 1u << (INET_DIAG_TOS - 1) | 1u << (INET_DIAG_TCLASS - 1);
	return e;
}

static void build_inet(struct nlmsghdr *nlh, const struct diag_req *req,
		       int family, unsigned int protocol)
{
	struct inet_diag_req_v2 *r =
		mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	r->sdiag_family = (uint8_t)family;
	/* Protocols above 255 (MPTCP) travel as an attribute. */
	r->sdiag_protocol = protocol > 255 ? IPPROTO_TCP : (uint8_t)protocol;
	r->idiag_ext = inet_ext(req->ext);
	r->idiag_states = req->states ? req->states : SKS_ALL;
	if (protocol > 255)
		mnl_attr_put_u32(nlh, INET_DIAG_REQ_PROTOCOL, protocol);
	if (req->bytecode && req->bytecode_len)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, req->bytecode_len,
			     req->bytecode);
}

/*
 * TCP for both families at once: the old TCPDIAG_GETSOCK request dumps with
 * no family (AF_UNSPEC), so the kernel walks its socket hash once instead of
 * once per family, which is most of what a TCP dump costs it.  The request
 * carries the same states, extensions and bytecode as the per-family one.
 */
static void build_tcp_both(struct nlmsghdr *nlh, const struct diag_req *req,
			   int family, unsigned int protocol)
{
	struct inet_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)family;
	(void)protocol;
	nlh->nlmsg_type = TCPDIAG_GETSOCK;
	r->idiag_family = AF_UNSPEC;
	r->idiag_ext = inet_ext(req->ext);
	r->idiag_states = req->states ? req->states : SKS_ALL;
	if (req->bytecode && req->bytecode_len)
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, req->bytecode_len,
			     req->bytecode);
}

static void build_unix(struct nlmsghdr *nlh, const struct diag_req *req,
		       int family, unsigned int protocol)
{
	struct unix_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	r->udiag_states = req->states ? req->states : SKS_ALL;
	r->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN |
			UDIAG_SHOW_UID;
	if (req->ext & DIAG_X_MEM)
		r->udiag_show |= UDIAG_SHOW_MEMINFO;
	if (req->ext & DIAG_X_UNIX)
		r->udiag_show |=
			UDIAG_SHOW_VFS | UDIAG_SHOW_ICONS | UDIAG_SHOW_MEMINFO;
}

static void build_packet(struct nlmsghdr *nlh, const struct diag_req *req,
			 int family, unsigned int protocol)
{
	struct packet_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	/* MEMINFO always: Recv-Q is its rmem_alloc. */
	r->pdiag_show =
		PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO | PACKET_SHOW_FANOUT;
	if (req->ext & DIAG_X_BPF)
		r->pdiag_show |= PACKET_SHOW_FILTER;
}

static void build_netlink(struct nlmsghdr *nlh, const struct diag_req *req,
			  int family, unsigned int protocol)
{
	struct netlink_diag_req *r =
		mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)req;
	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	r->sdiag_protocol = NDIAG_PROTO_ALL;
	/* MEMINFO always: Recv-Q and Send-Q come from it. */
	r->ndiag_show = NDIAG_SHOW_GROUPS | NDIAG_SHOW_MEMINFO;
}

static void build_vsock(struct nlmsghdr *nlh, const struct diag_req *req,
			int family, unsigned int protocol)
{
	struct vsock_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	r->vdiag_states = req->states ? req->states : SKS_ALL;
}

static void build_xdp(struct nlmsghdr *nlh, const struct diag_req *req,
		      int family, unsigned int protocol)
{
	struct xdp_diag_req *r = mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	/* MEMINFO always: Recv-Q is its rmem_alloc, as in ss. */
	r->xdiag_show = XDP_SHOW_INFO | XDP_SHOW_MEMINFO;
	if (req->ext & DIAG_X_UNIX)
		r->xdiag_show |=
			XDP_SHOW_RING_CFG | XDP_SHOW_UMEM | XDP_SHOW_STATS;
}

/* TIPC answers through sock_diag too (module tipc_diag), as ss asks it. */
static void build_tipc(struct nlmsghdr *nlh, const struct diag_req *req,
		       int family, unsigned int protocol)
{
	struct tipc_sock_diag_req *r =
		mnl_nlmsg_put_extra_header(nlh, sizeof(*r));

	(void)protocol;
	r->sdiag_family = (uint8_t)family;
	r->tidiag_states = req->states ? req->states : SKS_ALL;
}

/*
 * The dumps, in the order ss prints its tables (ss.c main(): netlink,
 * packet, unix, raw, udp, tcp, dccp, sctp, vsock, tipc, xdp, mptcp), then
 * UDP-Lite, which ss does not list.  enum sk_tab's order differs (MPTCP
 * before TIPC and XDP): this table, not the enum, sets the output order.
 * TIPC's answers have no family header: the parser is told their table.
 */
static const struct dump_spec dumps[] = {
	{SKT_BIT(SKT_NETLINK), SKT_NETLINK, AF_NETLINK, 0, build_netlink},
	{SKT_PACKET_MASK, SKT_PACKET_RAW, AF_PACKET, 0, build_packet},
	{SKT_UNIX_MASK, SKT_UNIX_STREAM, AF_UNIX, 0, build_unix},
	{SKT_BIT(SKT_RAW), SKT_RAW, AF_INET, IPPROTO_RAW, build_inet},
	{SKT_BIT(SKT_UDP), SKT_UDP, AF_INET, IPPROTO_UDP, build_inet},
	{SKT_BIT(SKT_TCP), SKT_TCP, AF_INET, IPPROTO_TCP, build_inet},
	{SKT_BIT(SKT_DCCP), SKT_DCCP, AF_INET, IPPROTO_DCCP, build_inet},
	{SKT_BIT(SKT_SCTP), SKT_SCTP, AF_INET, IPPROTO_SCTP, build_inet},
	{SKT_VSOCK_MASK, SKT_VSOCK_STREAM, AF_VSOCK, 0, build_vsock},
	{SKT_BIT(SKT_TIPC), SKT_TIPC, AF_TIPC, 0, build_tipc},
	{SKT_BIT(SKT_XDP), SKT_XDP, AF_XDP, 0, build_xdp},
	{SKT_BIT(SKT_MPTCP), SKT_MPTCP, AF_INET, IPPROTO_MPTCP, build_inet},
	{SKT_BIT(SKT_UDPLITE), SKT_UDPLITE, AF_INET, IPPROTO_UDPLITE,
	 build_inet},
};

void diag_record(struct diag *d, const void *p, size_t n)
{
	const char *b = p;

	while (d->record_fd >= 0 && n) {
		ssize_t w = write(d->record_fd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			d->record_err = w < 0 ? -errno : -EIO;
			d->record_fd = -1;
			return;
		}
		b += w;
		n -= (size_t)w;
	}
}

static void record_marker(struct diag *d, int tab, int family, int flags)
{
	union {
		struct nlmsghdr h;
		unsigned char b[NLMSG_HDRLEN + sizeof(struct diag_marker) +
				sizeof(struct diag_refresh)];
	} m;
	size_t len = NLMSG_HDRLEN + sizeof(struct diag_marker);
	struct diag_marker mk = {
		.magic = DIAG_MARKER_MAGIC,
		.tab = (uint8_t)tab,
		.family = (uint8_t)family,
		.flags = (uint8_t)flags,
		.version = 1,
	};

	if (d->record_fd < 0 || d->record_plain)
		return;
	memset(&m, 0, sizeof(m));
	m.h.nlmsg_type = NLMSG_NOOP;
	memcpy(m.b + NLMSG_HDRLEN, &mk, sizeof(mk));
	if (flags & DIAG_MARK_REFRESH) {
		struct diag_refresh rf;
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		rf.mono_us = (uint64_t)ts.tv_sec * 1000000u +
			     (uint64_t)ts.tv_nsec / 1000u;
		clock_gettime(CLOCK_REALTIME, &ts);
		rf.real_us = (uint64_t)ts.tv_sec * 1000000u +
			     (uint64_t)ts.tv_nsec / 1000u;
		memcpy(m.b + len, &rf, sizeof(rf));
		len += sizeof(rf);
	}
	m.h.nlmsg_len = (uint32_t)len;
	diag_record(d, m.b, len);
}

static int open_raised(struct diag **out, unsigned int groups, int sz);

/*
 * The socket remembers who opened it: the kernel sends a socket's mark
 * only when the opener held CAP_NET_ADMIN (as the reader must), and the
 * destroy groups are for holders of it; the buffer beyond rmem_max too.
 */
int diag_open_socket(struct diag **out, unsigned int groups, int sz)
{
	int raised = caps_raise(), rc = open_raised(out, groups, sz);

	caps_lower(raised);
	return rc;
}

static int open_raised(struct diag **out, unsigned int groups, int sz)
{
	struct diag *d = xcalloc(1, sizeof(*d));
	int fd, err;

	d->record_fd = -1;
	d->nl = mnl_socket_open(NETLINK_SOCK_DIAG);
	if (!d->nl) {
		err = -errno;
		free(d);
		return err;
	}
	fd = mnl_socket_get_fd(d->nl);
	/* Beyond rmem_max only with CAP_NET_ADMIN; best effort either way. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	if (mnl_socket_bind(d->nl, groups, MNL_SOCKET_AUTOPID) < 0) {
		err = -errno;
		mnl_socket_close(d->nl);
		free(d);
		return err;
	}
	d->portid = mnl_socket_get_portid(d->nl);
	d->seq = 1;
	d->buf = xmalloc(DIAG_BUFSZ);
	d->req = xmalloc(DIAG_REQSZ);
	*out = d;
	return 0;
}

int diag_open(struct diag **out)
{
	return diag_open_socket(out, 0, DIAG_RCVBUF);
}

void diag_close(struct diag *d)
{
	if (!d)
		return;
	mnl_socket_close(d->nl);
	free(d->buf);
	free(d->req);
	free(d->v6);
	dc_free(&d->dc);
	free(d);
}

void diag_set_record(struct diag *d, int fd)
{
	d->record_fd = fd;
	d->record_err = 0;
	d->record_plain = 0;
}

void diag_set_record_plain(struct diag *d, int fd)
{
	diag_set_record(d, fd);
	d->record_plain = 1;
}

int diag_record_error(const struct diag *d)
{
	return d->record_err;
}

int diag_fd(const struct diag *d)
{
	return mnl_socket_get_fd(d->nl);
}

int diag_ends_dump(const void *buf, size_t n)
{
	const struct nlmsghdr *nlh = buf;
	int len = (int)n;

	for (; mnl_nlmsg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
		if (nlh->nlmsg_type == NLMSG_DONE ||
		    nlh->nlmsg_type == NLMSG_ERROR)
			return 1;
	return 0;
}

struct run_ctx {
	struct diag_pctx pc;
	int err; /* parse error, negative errno */
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct run_ctx *rc = data;
	int err;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY &&
	    nlh->nlmsg_type != TCPDIAG_GETSOCK)
		return MNL_CB_OK;
	err = diag_parse_msg(nlh, &rc->pc);
	if (err) {
		rc->err = err;
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/*
 * NLMSG_DONE may carry the dump's error (a table the kernel cannot dump
 * answers so); libmnl would take it for success.
 */
static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	int err;

	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(err))
		return MNL_CB_STOP;
	memcpy(&err, mnl_nlmsg_get_payload(nlh), sizeof(err));
	if (err >= 0)
		return MNL_CB_STOP;
	errno = -err;
	return MNL_CB_ERROR;
}

/* With a control array, libmnl leaves NLMSG_ERROR to us as well. */
static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nlmsgerr e;

	(void)data;
	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(e)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	memcpy(&e, mnl_nlmsg_get_payload(nlh), sizeof(e));
	if (e.error >= 0)
		return MNL_CB_STOP;
	errno = -e.error;
	return MNL_CB_ERROR;
}

ssize_t diag_recv(struct diag *d)
{
	if (d->feed)
		return d->feed->recv(d->feed, d->buf, DIAG_BUFSZ);
	return mnl_socket_recvfrom(d->nl, d->buf, DIAG_BUFSZ);
}

/* Reads what is left of an abandoned dump, so the next one starts clean. */
static int drain(struct diag *d)
{
	for (;;) {
		ssize_t n = diag_recv(d);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		diag_record(d, d->buf, (size_t)n);
		if (diag_ends_dump(d->buf, (size_t)n))
			return 0;
	}
}

/*
 * Receives one dump.  Returns 0; RECV_INTR if the kernel flagged it
 * interrupted;
 * a positive errno the kernel answered (the table is missing...); or a
 * negative errno when the socket itself failed.
 */
static int receive(struct diag *d, unsigned int seq, struct run_ctx *rc)
{
	/* libmnl takes the array as non-const; it never writes to it */
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = error_cb,
		[NLMSG_DONE] = done_cb,
	};

	for (;;) {
		ssize_t n;
		size_t before;
		int ret, e, end;

		if (__atomic_load_n(&d->aborted, __ATOMIC_RELAXED))
			return -ECANCELED;
		n = diag_recv(d);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		diag_record(d, d->buf, (size_t)n);
		/* the last dump's own buffer: its records are still there */
		if (d->dc.on &&
		    dc_buffer(d, rc->pc.out, d->buf, (size_t)n, &end, &ret)) {
			if (end)
				return ret;
			continue;
		}
		before = rc->pc.out->n;
		ret = mnl_cb_run2(d->buf, (size_t)n, seq, d->portid, dump_cb,
				  rc, ctl, NLMSG_MIN_TYPE);
		if (d->dc.on)
			dc_parsed(d, rc->pc.out, before);
		if (ret == MNL_CB_STOP)
			return 0;
		if (ret > 0)
			continue;
		e = rc->err ? -rc->err : errno;
		/* The kernel's error ends the dump; anything else may not. */
		if (!diag_ends_dump(d->buf, (size_t)n)) {
			int derr;

			dc_unclean(d, rc->pc.out);
			derr = drain(d);

			if (derr)
				return derr;
		}
		if (rc->err)
			return rc->err; /* negative: a malformed message */
		if (e == EINTR)
			return RECV_INTR; /* libmnl's word for NLM_F_DUMP_INTR
					   */
		return e ? e : EIO;
	}
}

/* A missing table is noted once, not once per family. */
static void note_once(struct snap *out, int tab, int family, int err)
{
	size_t i;

	for (i = 0; i < out->n_notes; i++)
		if (out->notes[i].tab == tab)
			return;
	snap_note(out, (enum sk_tab)tab, family, err);
}

/* Without raw_diag, raw sockets are still in /proc, where ss finds them. */
static int proc_fallback(int family, const struct diag_req *req,
			 struct snap *out)
{
	FILE *f = fopen(family == AF_INET ? "/proc/net/raw" : "/proc/net/raw6",
			"re");
	size_t start = out->n;
	int err;

	if (!f)
		return -errno;
	err = diag_proc_parse(f, family, SKT_RAW, req, out);
	fclose(f);
	if (err)
		while (out->n > start)
			snap_pop(out);
	return err;
}

static int dump_one(struct diag *d, const struct dump_spec *s, int family,
		    const struct diag_req *req, struct snap *out)
{
	struct run_ctx rc;
	int attempt, ret = 0;

	if (req->bytecode_len > DIAG_REQSZ - 512) {
		/* Cannot be sent: dump all, the caller filters (as below). */
		struct diag_req plain = *req;

		dc_unclean(d, out);
		d->bc_rejected = 1;
		plain.bytecode = NULL;
		plain.bytecode_len = 0;
		return dump_one(d, s, family, &plain, out);
	}
	for (attempt = 0; attempt <= DIAG_RETRIES; attempt++) {
		size_t start = out->n;
		struct nlmsghdr *nlh;

		memset(d->req, 0, DIAG_REQSZ);
		nlh = mnl_nlmsg_put_header(d->req);
		nlh->nlmsg_type = SOCK_DIAG_BY_FAMILY;
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		nlh->nlmsg_seq = ++d->seq;
		s->build(nlh, req, family, s->protocol);

		record_marker(d, s->tab, family, attempt ? DIAG_MARK_RETRY : 0);
		if (d->feed ? d->feed->send(d->feed, nlh) < 0
			    : mnl_socket_sendto(d->nl, nlh, nlh->nlmsg_len) < 0)
			return -errno;
		dc_sub_begin(d, out, family == AF_UNSPEC, s->family == AF_INET);
		memset(&rc, 0, sizeof(rc));
		rc.pc.req = req;
		rc.pc.out = out;
		rc.pc.tab = s->family == AF_INET || s->tab == SKT_TIPC ? s->tab
								       : -1;
		ret = receive(d, nlh->nlmsg_seq, &rc);
		dc_sub_end(d, out, ret);
		if (ret != RECV_INTR)
			break;
		/* Interrupted: forget this attempt's records, try again. */
		while (out->n > start)
			snap_pop(out);
	}
	if (ret == RECV_INTR) {
		/* Still moving after every retry: keep the last, say so. */
		snap_note(out, (enum sk_tab)s->tab, family, EINTR);
		return 0;
	}
	if (ret > 0 && req->bytecode_len && !d->bc_rejected &&
	    (ret == EINVAL || ret == EPERM || ret == EACCES)) {
		/*
		 * An older kernel may not know an op (CGROUP_COND, DEV_COND),
		 * and MARK_COND needs CAP_NET_ADMIN: dump without bytecode,
		 * from now on, and let the caller filter (it asks
		 * diag_bytecode_rejected()).
		 */
		struct diag_req plain = *req;

		dc_unclean(d, out);
		d->bc_rejected = 1;
		plain.bytecode = NULL;
		plain.bytecode_len = 0;
		return dump_one(d, s, family, &plain, out);
	}
	if (ret > 0 && s->tab == SKT_RAW) {
		/* /proc's lines are not in the bytes compared */
		dc_unclean(d, out);
		if (proc_fallback(family, req, out) == 0)
			return 0;
	}
	if (ret > 0) {
		/* ENOENT, EOPNOTSUPP, EINVAL...: this kernel lacks the table.
		 */
		note_once(out, s->tab, family, ret);
		return 0;
	}
	return ret;
}

/*
 * A both-family dump comes in hash order, families mixed; ss prints the
 * IPv4 dump, then the IPv6 one.  Each family's records are in the same
 * order as in its own dump (the kernel walks the same tables, skipping the
 * other family), so a stable partition gives exactly ss's order.
 */
static void v4_first(struct diag *d, struct snap *out, size_t start)
{
	size_t i, w, n6 = 0;

	for (i = start; i < out->n && out->v[i].family != AF_INET6; i++)
		;
	for (w = i; i < out->n; i++) {
		if (out->v[i].family == AF_INET6) {
			d->v6 = xgrow(d->v6, &d->cap_v6, n6 + 1,
				      sizeof(*d->v6));
			d->v6[n6++] = out->v[i];
		} else {
			out->v[w++] = out->v[i];
		}
	}
	if (n6)
		memcpy(&out->v[w], d->v6, n6 * sizeof(*d->v6));
}

/* Dumps TCP for both families in one request; see build_tcp_both(). */
static int dump_tcp_both(struct diag *d, const struct dump_spec *s,
			 const struct diag_req *req, struct snap *out)
{
	static const struct dump_spec both = {
		SKT_BIT(SKT_TCP), SKT_TCP, AF_INET, IPPROTO_TCP, build_tcp_both,
	};
	size_t start = out->n, notes = out->n_notes, j;
	int err;

	err = dump_one(d, &both, AF_UNSPEC, req, out);
	if (err || out->n_notes == notes) {
		/*
		 * Records kept from the last dump are in order already; a
		 * failed dump's too, as far as it went (diag_dump_cached's
		 * records are then the same as diag_dump's)
		 */
		if (!(d->dc.on && d->dc.sub_kept))
			v4_first(d, out, start);
		return err;
	}
	/* A kernel without the old request: one dump per family. */
	dc_unclean(d, out);
	out->n_notes = notes;
	while (out->n > start)
		snap_pop(out);
	for (j = 0; j < 2 && !err; j++)
		err = dump_one(d, s, j ? AF_INET6 : AF_INET, req, out);
	return err;
}

static int dump_raised(struct diag *d, const struct diag_req *req,
		       struct snap *out);

/* CAP_NET_ADMIN (marks) is checked as the dump runs: raised meanwhile. */
int diag_dump(struct diag *d, const struct diag_req *req, struct snap *out)
{
	int raised, rc;

	if (__atomic_load_n(&d->aborted, __ATOMIC_RELAXED))
		return -ECANCELED;
	raised = caps_raise();
	rc = dump_raised(d, req, out);
	caps_lower(raised);
	return rc;
}

void diag_abort(struct diag *d)
{
	__atomic_store_n(&d->aborted, 1, __ATOMIC_RELAXED);
}

static int dump_raised(struct diag *d, const struct diag_req *req,
		       struct snap *out)
{
	static const uint8_t inet_fams[] = {AF_INET, AF_INET6};
	uint32_t both = (1u << AF_INET) | (1u << AF_INET6);
	uint32_t fams = req->families ? req->families : both;
	size_t i, j;
	struct diag_req plain;
	int err;

	/* a recording says where each refresh begins, and when */
	record_marker(d, SKT_COUNT, 0, DIAG_MARK_REFRESH);
	if (d->bc_rejected && req->bytecode_len) {
		plain = *req;
		plain.bytecode = NULL;
		plain.bytecode_len = 0;
		req = &plain;
	}
	for (i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		const struct dump_spec *s = &dumps[i];

		if (!(req->tabs & s->tabs))
			continue;
		/*
		 * A recording keeps one dump per family, the requests ss
		 * sends, so that its markers name each dump's family.
		 */
		if (s->tab == SKT_TCP && (fams & both) == both &&
		    d->record_fd < 0) {
			err = dump_tcp_both(d, s, req, out);
			if (err)
				return err;
			continue;
		}
		if (s->family != AF_INET) {
			err = dump_one(d, s, s->family, req, out);
			if (err)
				return err;
			continue;
		}
		for (j = 0; j < sizeof(inet_fams); j++) {
			if (!(fams & (1u << inet_fams[j])))
				continue;
			err = dump_one(d, s, inet_fams[j], req, out);
			if (err)
				return err;
		}
	}
	return 0;
}

int diag_bytecode_rejected(const struct diag *d)
{
	return d && d->bc_rejected;
}
