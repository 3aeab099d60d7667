/*
 * diag_parse_test.c: the engine's parser on hand-built sock_diag messages
 * (libmnl builds them), through diag_replay: every field lands where it
 * should for each family, variable-size structures of any length, unknown
 * attributes skipped, markers and ss -D files, and malformed input
 * (truncated, overflowing, zero-length, random bytes) rejected with
 * -EINVAL without a crash and without losing earlier records.  The
 * /proc/net/raw fallback and record rollback are in diag_parse2_test.c.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/tls.h>
#include <linux/unix_diag.h>
#include <linux/vm_sockets_diag.h>
#include <linux/xdp_diag.h>
#include <libmnl/libmnl.h>

#include "diag.h"
#include "diag_parse.h"
#include "check.h"

#ifndef AF_XDP
#define AF_XDP 44
#endif

/* A growing stream of netlink messages, as a dump or a file holds them. */
struct mb {
	uint32_t words[16384]; /* 64 KB, aligned */
	size_t len;
};

static unsigned char *mb_bytes(struct mb *b)
{
	return (unsigned char *)b->words;
}

static struct nlmsghdr *mb_msg(struct mb *b, uint16_t type)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(mb_bytes(b) + b->len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	return nlh;
}

static void mb_end(struct mb *b, struct nlmsghdr *nlh)
{
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void mb_done(struct mb *b)
{
	struct nlmsghdr *nlh = mb_msg(b, NLMSG_DONE);
	int *e = mnl_nlmsg_put_extra_header(nlh, sizeof(int));

	*e = 0;
	mb_end(b, nlh);
}

static void mb_marker(struct mb *b, int tab, int family, int flags)
{
	struct nlmsghdr *nlh = mb_msg(b, NLMSG_NOOP);
	struct diag_marker *mk = mnl_nlmsg_put_extra_header(nlh, sizeof(*mk));

	mk->magic = DIAG_MARKER_MAGIC;
	mk->tab = (uint8_t)tab;
	mk->family = (uint8_t)family;
	mk->flags = (uint8_t)flags;
	mk->version = 1;
	mb_end(b, nlh);
}

/* An inet message; the caller adds attributes, then mb_end(). */
static struct nlmsghdr *mb_inet(struct mb *b, int family, int state,
				uint16_t sport, uint16_t dport, uint32_t ino)
{
	struct nlmsghdr *nlh = mb_msg(b, SOCK_DIAG_BY_FAMILY);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));

	m->idiag_family = (uint8_t)family;
	m->idiag_state = (uint8_t)state;
	m->idiag_timer = 1;
	m->idiag_retrans = 2;
	m->id.idiag_sport = htons(sport);
	m->id.idiag_dport = htons(dport);
	m->id.idiag_src[0] = htonl(0x7f000001);
	m->id.idiag_dst[0] = htonl(0x0a000002);
	m->id.idiag_if = 3;
	m->id.idiag_cookie[0] = 0x11223344;
	m->id.idiag_cookie[1] = 0x55667788;
	m->idiag_expires = 200;
	m->idiag_rqueue = 10;
	m->idiag_wqueue = 20;
	m->idiag_uid = 1000;
	m->idiag_inode = ino;
	return nlh;
}

static const struct diag_req all_req = {
	.tabs = (1u << SKT_COUNT) - 1,
	.states = SKS_ALL,
};

static void test_inet_fields(void)
{
	static struct mb b;
	struct nlmsghdr *nlh;
	struct nlattr *nest, *tls;
	struct inet_diag_meminfo mi = {1, 2, 3, 4};
	uint32_t skmem[SK_MEMINFO_VARS];
	struct tcp_info ti;
	struct tcp_bbr_info bbr = {.bbr_bw_lo = 7, .bbr_min_rtt = 9};
	struct tcp_diag_md5sig md5[2];
	struct inet_diag_sockopt so;
	const struct sk_rec *r;
	const struct sk_ext *x;
	struct snap s;
	int i;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < SK_MEMINFO_VARS; i++)
		skmem[i] = 100u + (uint32_t)i;
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_rtt = 1234;
	ti.tcpi_snd_cwnd = 10;
	memset(md5, 0, sizeof(md5));
	memset(&so, 0, sizeof(so));
	so.recverr = 1;

	mb_marker(&b, SKT_TCP, AF_INET, 0);
	nlh = mb_inet(&b, AF_INET, SKS_ESTABLISHED, 443, 51234, 777);
	mnl_attr_put(nlh, INET_DIAG_MEMINFO, sizeof(mi), &mi);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(skmem), skmem);
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);
	mnl_attr_put_strz(nlh, INET_DIAG_CONG, "bbr");
	mnl_attr_put(nlh, INET_DIAG_BBRINFO, sizeof(bbr), &bbr);
	mnl_attr_put_u8(nlh, INET_DIAG_TOS, 0x10);
	mnl_attr_put_u8(nlh, INET_DIAG_TCLASS, 0x20);
	mnl_attr_put_u8(nlh, INET_DIAG_SHUTDOWN, 2);
	mnl_attr_put_u32(nlh, INET_DIAG_MARK, 0xbeef);
	mnl_attr_put_u32(nlh, INET_DIAG_CLASS_ID, 0x10001);
	mnl_attr_put_u64(nlh, INET_DIAG_CGROUP_ID, 0x123456789ull);
	mnl_attr_put_u8(nlh, INET_DIAG_SKV6ONLY, 0);
	mnl_attr_put_u8(nlh, INET_DIAG_PROTOCOL, IPPROTO_TCP);
	mnl_attr_put(nlh, INET_DIAG_SOCKOPT, sizeof(so), &so);
	mnl_attr_put(nlh, INET_DIAG_MD5SIG, sizeof(md5), md5);
	mnl_attr_put_u32(nlh, 200, 0xdead); /* unknown: skipped */
	nest = mnl_attr_nest_start(nlh, INET_DIAG_ULP_INFO);
	mnl_attr_put_strz(nlh, INET_ULP_INFO_NAME, "tls");
	tls = mnl_attr_nest_start(nlh, INET_ULP_INFO_TLS);
	mnl_attr_put_u16(nlh, TLS_INFO_VERSION, TLS_1_3_VERSION);
	mnl_attr_put_u16(nlh, TLS_INFO_CIPHER, TLS_CIPHER_AES_GCM_128);
	mnl_attr_put_u16(nlh, TLS_INFO_TXCONF, TLS_CONF_SW);
	mnl_attr_put(nlh, TLS_INFO_ZC_RO_TX, 0, NULL);
	mnl_attr_put_u32(nlh, 99, 1); /* unknown inside a nest */
	mnl_attr_nest_end(nlh, tls);
	mnl_attr_nest_end(nlh, nest);
	mb_end(&b, nlh);
	mb_done(&b);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 1);
	if (s.n != 1)
		goto out;
	r = &s.v[0];
	CHECK(r->tab == SKT_TCP && r->family == AF_INET);
	CHECK(r->state == SKS_ESTABLISHED);
	CHECK(r->timer == 1 && r->retrans == 2 && r->expires == 200);
	CHECK(r->sport == 443 && r->dport == 51234);
	CHECK(r->ifindex == 3 && r->rq == 10 && r->wq == 20);
	CHECK(r->uid == 1000 && r->ino == 777);
	CHECK(r->cookie == 0x5566778811223344ull);
	CHECK(r->a.in.src[0] == 127 && r->a.in.src[3] == 1);
	CHECK(r->a.in.dst[0] == 10 && r->a.in.dst[3] == 2);
	CHECK(r->shutdown == 2 && (r->has & SKR_HAS_SHUTDOWN));
	x = r->x;
	CHECK(x != NULL);
	if (!x)
		goto out;
	CHECK((x->present & SKX_MEMINFO) && x->meminfo.idiag_tmem == 4);
	CHECK((x->present & SKX_SKMEM) && x->skmem_n == SK_MEMINFO_VARS &&
	      x->skmem[SK_MEMINFO_DROPS] == 108);
	CHECK((x->present & SKX_TCPINFO) && x->tcpi &&
	      x->tcpi->tcpi_rtt == 1234 && x->tcpi_len == sizeof(ti));
	CHECK((x->present & SKX_CONG) && !strcmp(x->cong, "bbr"));
	CHECK((x->present & SKX_BBR) && x->cc.bbr.bbr_bw_lo == 7 &&
	      x->cc.bbr.bbr_min_rtt == 9 && x->cc_kind == 3);
	CHECK((x->present & SKX_TOS) && x->tos == 0x10);
	CHECK((x->present & SKX_TCLASS) && x->tclass == 0x20);
	CHECK((x->present & SKX_MARK) && x->mark == 0xbeef);
	CHECK((x->present & SKX_CLASS_ID) && x->class_id == 0x10001);
	CHECK((x->present & SKX_CGROUP) && x->cgroup_id == 0x123456789ull);
	CHECK((x->present & SKX_V6ONLY) && x->v6only == 0);
	CHECK((x->present & SKX_PROTOCOL) && x->protocol == IPPROTO_TCP);
	CHECK((x->present & SKX_SOCKOPT) && x->sockopt.recverr == 1);
	CHECK((x->present & SKX_MD5) && x->md5_count == 2);
	CHECK((x->present & SKX_ULP) && !strcmp(x->ulp, "tls"));
	CHECK((x->present & SKX_TLS) && x->tls.version == TLS_1_3_VERSION &&
	      x->tls.cipher == TLS_CIPHER_AES_GCM_128 &&
	      x->tls.txconf == TLS_CONF_SW && x->tls.zc_ro_tx &&
	      !x->tls.rx_no_pad);
out:
	snap_free(&s);
}

/* tcp_info shorter and longer than ours; skmem shorter than ours. */
static void test_sizes(void)
{
	static struct mb b;
	unsigned char big[sizeof(struct tcp_info) + 16];
	uint32_t small[4] = {1, 2, 3, 4};
	struct nlmsghdr *nlh;
	struct snap s;

	memset(&b, 0, sizeof(b));
	memset(big, 0xab, sizeof(big));
	nlh = mb_inet(&b, AF_INET6, SKS_LISTEN, 80, 0, 1);
	mnl_attr_put(nlh, INET_DIAG_INFO, 8, big);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(small), small);
	mb_end(&b, nlh);
	nlh = mb_inet(&b, AF_INET6, SKS_LISTEN, 81, 0, 2);
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(big), big);
	mb_end(&b, nlh);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 2);
	if (s.n == 2 && s.v[0].x && s.v[1].x) {
		const struct tcp_info *t = s.v[0].x->tcpi;

		CHECK(s.v[0].x->tcpi_len == 8);
		CHECK(t && t->tcpi_state == 0xab && t->tcpi_rto == 0 &&
		      t->tcpi_rtt == 0);
		CHECK(s.v[0].x->skmem_n == 4 && s.v[0].x->skmem[3] == 4 &&
		      s.v[0].x->skmem[4] == 0);
		CHECK(s.v[1].x->tcpi_len == sizeof(big));
		CHECK(s.v[1].x->tcpi && s.v[1].x->tcpi->tcpi_rtt == 0xabababab);
	} else {
		CHECK(!"records with extensions");
	}
	snap_free(&s);
}

/* ss -D files: no markers, DONE after each family, inet is TCP by default. */
static void test_unmarked(void)
{
	static struct mb b;
	struct nlmsghdr *nlh;
	struct snap s;

	memset(&b, 0, sizeof(b));
	mb_end(&b, mb_inet(&b, AF_INET, SKS_ESTABLISHED, 1, 2, 1));
	mb_done(&b);
	nlh = mb_inet(&b, AF_INET, SKS_CLOSE, 53, 0, 2);
	mnl_attr_put_u8(nlh, INET_DIAG_PROTOCOL, IPPROTO_UDP);
	mb_end(&b, nlh);
	nlh = mb_inet(&b, AF_INET, SKS_CLOSE, 1, 0, 3);
	mnl_attr_put_u8(nlh, INET_DIAG_PROTOCOL, IPPROTO_ICMP);
	mb_end(&b, nlh);
	mb_done(&b);
	nlh = mb_inet(&b, AF_INET6, SKS_LISTEN, 22, 0, 4);
	nlh->nlmsg_type = 19; /* DCCPDIAG_GETSOCK */
	mb_end(&b, nlh);
	mb_done(&b);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 4);
	if (s.n == 4) {
		CHECK(s.v[0].tab == SKT_TCP);
		CHECK(s.v[1].tab == SKT_UDP);
		CHECK(s.v[2].tab == SKT_RAW && s.v[2].sport == 1);
		CHECK(s.v[3].tab == SKT_DCCP && s.v[3].family == AF_INET6);
	}
	snap_free(&s);
}

static void test_unix(void)
{
	static struct mb b;
	struct nlmsghdr *nlh;
	struct unix_diag_msg *m;
	struct unix_diag_rqlen q = {.udiag_rqueue = 5, .udiag_wqueue = 9};
	struct unix_diag_vfs v = {.udiag_vfs_ino = 42, .udiag_vfs_dev = 7};
	uint32_t icons[3] = {11, 12, 13}, mem[SK_MEMINFO_VARS] = {77};
	const struct sk_rec *r;
	struct snap s;
	static const int types[] = {SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET};
	static const int tabs[] = {SKT_UNIX_STREAM, SKT_UNIX_DGRAM,
				   SKT_UNIX_SEQPACKET};
	size_t i;

	memset(&b, 0, sizeof(b));
	mb_marker(&b, SKT_UNIX_STREAM, AF_UNIX, 0);
	for (i = 0; i < 3; i++) {
		nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
		m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));
		m->udiag_family = AF_UNIX;
		m->udiag_type = (uint8_t)types[i];
		m->udiag_state = i == 0 ? SKS_LISTEN : SKS_ESTABLISHED;
		m->udiag_ino = 100 + (uint32_t)i;
		m->udiag_cookie[0] = 5;
		if (i == 0) {
			mnl_attr_put(nlh, UNIX_DIAG_NAME, 5, "\0abc\n");
			mnl_attr_put(nlh, UNIX_DIAG_VFS, sizeof(v), &v);
			mnl_attr_put(nlh, UNIX_DIAG_ICONS, sizeof(icons),
				     icons);
			mnl_attr_put(nlh, UNIX_DIAG_RQLEN, sizeof(q), &q);
			mnl_attr_put(nlh, UNIX_DIAG_MEMINFO, sizeof(mem), mem);
			mnl_attr_put_u8(nlh, UNIX_DIAG_SHUTDOWN, 3);
			mnl_attr_put_u32(nlh, UNIX_DIAG_UID, 1001);
		} else {
			mnl_attr_put_u32(nlh, UNIX_DIAG_PEER, 200);
		}
		mb_end(&b, nlh);
	}
	mb_done(&b);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 3);
	for (i = 0; i < s.n && i < 3; i++) {
		CHECK(s.v[i].tab == tabs[i] && s.v[i].family == AF_UNIX);
		CHECK(s.v[i].ino == 100 + i && s.v[i].cookie == 5);
		CHECK(s.v[i].a.un.type == types[i]);
	}
	if (s.n == 3) {
		r = &s.v[0];
		CHECK(r->state == SKS_LISTEN);
		CHECK((r->has & SKR_HAS_NAME) && r->a.un.name_len == 5 &&
		      !memcmp(r->a.un.name, "\0abc\n", 5));
		CHECK(r->rq == 5 && r->wq == 9 && (r->has & SKR_HAS_QUEUES));
		CHECK(r->shutdown == 3 && r->uid == 1001 &&
		      (r->has & SKR_HAS_UID));
		CHECK(r->x && r->x->vfs_ino == 42 && r->x->vfs_dev == 7);
		CHECK(r->x && r->x->n_icons == 3 && r->x->icons[2] == 13);
		CHECK(r->x && (r->x->present & SKX_UNIXMEM) &&
		      r->x->skmem[0] == 77);
		CHECK(s.v[1].a.un.peer == 200 && (s.v[1].has & SKR_HAS_PEER));
		CHECK(!(s.v[1].has & SKR_HAS_NAME));
	}
	snap_free(&s);
}

static void test_other_families(void)
{
	static struct mb b;
	struct nlmsghdr *nlh;
	struct packet_diag_msg *pm;
	struct packet_diag_info pi = {.pdi_index = 4,
				      .pdi_version = 2,
				      .pdi_copy_thresh = 7,
				      .pdi_flags = PDI_RUNNING | PDI_AUXDATA};
	struct netlink_diag_msg *nm;
	struct vsock_diag_msg *vm;
	struct xdp_diag_msg *xm;
	struct xdp_diag_info xi = {.ifindex = 6, .queue_id = 2};
	uint32_t mem[SK_MEMINFO_VARS] = {300, 0, 400}, groups[2] = {5, 0};
	struct snap s;

	memset(&b, 0, sizeof(b));
	nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
	pm = mnl_nlmsg_put_extra_header(nlh, sizeof(*pm));
	pm->pdiag_family = AF_PACKET;
	pm->pdiag_type = SOCK_DGRAM;
	pm->pdiag_num = 0x0800; /* host order, as the kernel sends it */
	pm->pdiag_ino = 1;
	mnl_attr_put(nlh, PACKET_DIAG_INFO, sizeof(pi), &pi);
	mnl_attr_put(nlh, PACKET_DIAG_MEMINFO, sizeof(mem), mem);
	mnl_attr_put_u32(nlh, PACKET_DIAG_UID, 0);
	mnl_attr_put_u32(nlh, PACKET_DIAG_FANOUT, 0x10002);
	mb_end(&b, nlh);

	nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
	nm = mnl_nlmsg_put_extra_header(nlh, sizeof(*nm));
	nm->ndiag_family = AF_NETLINK;
	nm->ndiag_protocol = 4;
	nm->ndiag_portid = 1234;
	nm->ndiag_dst_group = 1;
	nm->ndiag_ino = 2;
	mnl_attr_put(nlh, NETLINK_DIAG_MEMINFO, sizeof(mem), mem);
	mnl_attr_put(nlh, NETLINK_DIAG_GROUPS, sizeof(groups), groups);
	mb_end(&b, nlh);

	nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
	vm = mnl_nlmsg_put_extra_header(nlh, sizeof(*vm));
	vm->vdiag_family = AF_VSOCK;
	vm->vdiag_type = SOCK_STREAM;
	vm->vdiag_state = SKS_LISTEN;
	vm->vdiag_src_cid = 3;
	vm->vdiag_src_port = 1024;
	vm->vdiag_ino = 3;
	mb_end(&b, nlh);

	nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
	xm = mnl_nlmsg_put_extra_header(nlh, sizeof(*xm));
	xm->xdiag_family = AF_XDP;
	xm->xdiag_type = SOCK_RAW;
	xm->xdiag_ino = 4;
	mnl_attr_put(nlh, XDP_DIAG_INFO, sizeof(xi), &xi);
	mnl_attr_put_u32(nlh, XDP_DIAG_UID, 1002);
	mb_end(&b, nlh);

	/* a family nobody parses (TIPC): skipped, not an error */
	nlh = mb_msg(&b, SOCK_DIAG_BY_FAMILY);
	*(uint32_t *)mnl_nlmsg_put_extra_header(nlh, 4) = AF_TIPC;
	mb_end(&b, nlh);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 4);
	if (s.n == 4) {
		CHECK(s.v[0].tab == SKT_PACKET_DGRAM &&
		      s.v[0].state == SKS_CLOSE && s.v[0].sport == 0x0800);
		CHECK(s.v[0].ifindex == 4 && s.v[0].rq == 300);
		CHECK(s.v[0].x && s.v[0].x->pk.has_fanout &&
		      s.v[0].x->pk.fanout == 0x10002 &&
		      (s.v[0].x->present & SKX_PACKET));
		CHECK(s.v[0].x && s.v[0].x->pk.version == 2 &&
		      s.v[0].x->pk.copy_thresh == 7 &&
		      s.v[0].x->pk.flags == (PDI_RUNNING | PDI_AUXDATA));
		CHECK(s.v[1].tab == SKT_NETLINK && s.v[1].a.nl.protocol == 4 &&
		      s.v[1].a.nl.portid == 1234 && s.v[1].rq == 300 &&
		      s.v[1].wq == 400);
		CHECK(s.v[1].x && s.v[1].x->nl.ngroups == 2 &&
		      s.v[1].x->nl.groups[0] == 5);
		CHECK(s.v[2].tab == SKT_VSOCK_STREAM &&
		      s.v[2].state == SKS_LISTEN && s.v[2].a.vs.src_cid == 3 &&
		      s.v[2].a.vs.src_port == 1024);
		CHECK(s.v[3].tab == SKT_XDP && s.v[3].a.xdp.ifindex == 6 &&
		      s.v[3].a.xdp.queue_id == 2 && s.v[3].uid == 1002);
	}
	snap_free(&s);
}

static int odd_port(const struct sk_rec *r, void *arg)
{
	(void)arg;
	return r->sport & 1;
}

/* Selection while parsing, and a retried dump's marker. */
static void test_select(void)
{
	static struct mb b;
	struct diag_req q = all_req;
	struct snap s;
	uint16_t p;

	memset(&b, 0, sizeof(b));
	mb_marker(&b, SKT_UDP, AF_INET, 0);
	mb_end(&b, mb_inet(&b, AF_INET, SKS_ESTABLISHED, 9, 1, 1));
	/* interrupted: the retry marker drops the record above */
	mb_marker(&b, SKT_UDP, AF_INET, DIAG_MARK_RETRY);
	for (p = 1; p <= 4; p++)
		mb_end(&b,
		       mb_inet(&b, AF_INET,
			       p == 4 ? SKS_CLOSE : SKS_ESTABLISHED, p, 1, p));
	mb_done(&b);
	mb_marker(&b, SKT_UDP, AF_INET6, 0);
	mb_end(&b, mb_inet(&b, AF_INET6, SKS_ESTABLISHED, 5, 1, 5));
	mb_done(&b);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &q, &s) == 0);
	CHECK(s.n == 5 && s.v[0].sport == 1 && s.v[0].tab == SKT_UDP);
	snap_clear(&s);
	q.families = 1u << AF_INET6;
	CHECK(diag_replay(mb_bytes(&b), b.len, &q, &s) == 0);
	CHECK(s.n == 1 && s.v[0].sport == 5);
	snap_clear(&s);
	q.families = 0;
	q.states = SKS_BIT(SKS_CLOSE);
	CHECK(diag_replay(mb_bytes(&b), b.len, &q, &s) == 0);
	CHECK(s.n == 1 && s.v[0].sport == 4);
	snap_clear(&s);
	q.states = SKS_ALL;
	q.accept = odd_port;
	CHECK(diag_replay(mb_bytes(&b), b.len, &q, &s) == 0);
	CHECK(s.n == 3 && s.v[0].sport == 1 && s.v[1].sport == 3 &&
	      s.v[2].sport == 5);
	snap_clear(&s);
	q.accept = NULL;
	q.tabs = SKT_BIT(SKT_TCP);
	CHECK(diag_replay(mb_bytes(&b), b.len, &q, &s) == 0);
	CHECK(s.n == 0);
	snap_free(&s);
}

/* Two good records, then whatever bad() appends: -EINVAL, both kept. */
static void expect_bad(const char *what, void (*bad)(struct mb *))
{
	static struct mb b;
	struct snap s;
	int rc;

	memset(&b, 0, sizeof(b));
	mb_end(&b, mb_inet(&b, AF_INET, SKS_ESTABLISHED, 1, 2, 1));
	mb_end(&b, mb_inet(&b, AF_INET, SKS_ESTABLISHED, 3, 4, 2));
	bad(&b);
	snap_init(&s);
	rc = diag_replay(mb_bytes(&b), b.len, &all_req, &s);
	if (rc != -EINVAL || s.n != 2) {
		fprintf(stderr, "FAIL %s: rc %d, %zu records\n", what, rc, s.n);
		failures++;
	}
	snap_free(&s);
}

static void bad_truncated(struct mb *b)
{
	struct nlmsghdr *nlh = mb_inet(b, AF_INET, 1, 5, 6, 3);

	mnl_attr_put_u32(nlh, INET_DIAG_MARK, 1);
	mb_end(b, nlh);
	b->len -= 6; /* the file ends inside the message */
}

static void bad_attr_overflow(struct mb *b)
{
	struct nlmsghdr *nlh = mb_inet(b, AF_INET, 1, 5, 6, 3);
	struct nlattr *a = mnl_nlmsg_get_payload_tail(nlh);

	mnl_attr_put_u32(nlh, INET_DIAG_MARK, 1);
	a->nla_len = 4000; /* claims more than the message holds */
	mb_end(b, nlh);
}

static void bad_zero_len(struct mb *b)
{
	memset(mb_bytes(b) + b->len, 0, 32);
	b->len += 32;
}

static void bad_short_header(struct mb *b)
{
	struct nlmsghdr *nlh = mb_msg(b, SOCK_DIAG_BY_FAMILY);
	unsigned char *p = mnl_nlmsg_put_extra_header(nlh, 12);

	p[0] = AF_INET; /* an inet_diag_msg needs 72 bytes */
	mb_end(b, nlh);
}

static void bad_short_scalar(struct mb *b)
{
	struct nlmsghdr *nlh = mb_inet(b, AF_INET, 1, 5, 6, 3);

	mnl_attr_put(nlh, INET_DIAG_CGROUP_ID, 2, "ab"); /* needs 8 */
	mb_end(b, nlh);
}

static void bad_nested(struct mb *b)
{
	struct nlmsghdr *nlh = mb_inet(b, AF_INET, 1, 5, 6, 3);
	struct nlattr *nest = mnl_attr_nest_start(nlh, INET_DIAG_ULP_INFO);
	struct nlattr *name = mnl_nlmsg_get_payload_tail(nlh);

	mnl_attr_put_strz(nlh, INET_ULP_INFO_NAME, "tls");
	name->nla_len = 200; /* overflows its nest */
	mnl_attr_nest_end(nlh, nest);
	mb_end(b, nlh);
}

static void bad_trailing(struct mb *b)
{
	memset(mb_bytes(b) + b->len, 0xff, 7);
	b->len += 7; /* shorter than a header */
}

static void bad_unix_short(struct mb *b)
{
	struct nlmsghdr *nlh = mb_msg(b, SOCK_DIAG_BY_FAMILY);
	struct unix_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));

	m->udiag_family = AF_UNIX;
	m->udiag_type = SOCK_STREAM;
	mnl_attr_put(nlh, UNIX_DIAG_RQLEN, 4, "abcd"); /* needs 8 */
	mb_end(b, nlh);
}

/* Random bytes, and random damage to a valid stream: never a crash. */
static void test_garbage(void)
{
	static struct mb b, good;
	uint32_t seed = 12345;
	struct snap s;
	int round;
	size_t i;

	memset(&good, 0, sizeof(good));
	mb_marker(&good, SKT_TCP, AF_INET, 0);
	for (i = 0; i < 4; i++) {
		struct nlmsghdr *nlh =
			mb_inet(&good, AF_INET, SKS_ESTABLISHED, 1, 2, 1);

		mnl_attr_put_strz(nlh, INET_DIAG_CONG, "cubic");
		mnl_attr_put_u32(nlh, INET_DIAG_MARK, 1);
		mb_end(&good, nlh);
	}
	snap_init(&s);
	for (round = 0; round < 2000; round++) {
		size_t n;

		if (round & 1) {
			n = good.len;
			memcpy(b.words, good.words, n);
			for (i = 0; i < 4; i++) {
				seed = seed * 1103515245u + 12345u;
				mb_bytes(&b)[(seed >> 8) % n] =
					(uint8_t)(seed >> 24);
			}
		} else {
			seed = seed * 1103515245u + 12345u;
			n = (seed >> 8) % 2048;
			for (i = 0; i < n; i++) {
				seed = seed * 1103515245u + 12345u;
				mb_bytes(&b)[i] = (uint8_t)(seed >> 24);
			}
		}
		(void)diag_replay(mb_bytes(&b), n, &all_req, &s);
		snap_clear(&s);
	}
	/* and a misaligned copy of a good stream parses the same */
	{
		unsigned char *p = malloc(good.len + 1);

		if (p) {
			memcpy(p + 1, good.words, good.len);
			CHECK(diag_replay(p + 1, good.len, &all_req, &s) == 0);
			CHECK(s.n == 4);
			free(p);
		}
	}
	snap_free(&s);
}

/*
 * The small attributes every inet socket carries (mark, cgroup, sockopt)
 * are shared between records with equal values; records with their own
 * data (tcp_info) keep their own block; a TCPDIAG_GETSOCK answer (the
 * engine's both-family dump) parses as TCP.
 */
static void test_shared_ext(void)
{
	static struct mb b;
	const uint32_t marks[] = {0, 0, 7, 0};
	struct nlmsghdr *nlh;
	struct tcp_info ti;
	struct snap s;
	size_t i;

	memset(&b, 0, sizeof(b));
	mb_marker(&b, SKT_TCP, AF_INET, 0);
	for (i = 0; i < 4; i++) {
		nlh = mb_inet(&b, i == 1 ? AF_INET6 : AF_INET, SKS_ESTABLISHED,
			      80, (uint16_t)(1000 + i), (uint32_t)(10 + i));
		if (i == 3)
			nlh->nlmsg_type = 18; /* TCPDIAG_GETSOCK */
		mnl_attr_put_u32(nlh, INET_DIAG_MARK, marks[i]);
		mnl_attr_put_u64(nlh, INET_DIAG_CGROUP_ID, 42);
		mnl_attr_put_u8(nlh, INET_DIAG_SHUTDOWN, 0);
		mb_end(&b, nlh);
	}
	nlh = mb_inet(&b, AF_INET, SKS_ESTABLISHED, 80, 2000, 20);
	memset(&ti, 0, sizeof(ti));
	ti.tcpi_rtt = 5;
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(ti), &ti);
	mnl_attr_put_u64(nlh, INET_DIAG_CGROUP_ID, 42);
	mb_end(&b, nlh);
	mb_done(&b);

	snap_init(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 5);
	if (s.n == 5) {
		CHECK(s.v[0].x && s.v[0].x == s.v[1].x && s.v[0].x == s.v[3].x);
		CHECK(s.v[0].x->cgroup_id == 42 && s.v[0].x->mark == 0);
		CHECK(s.v[2].x && s.v[2].x != s.v[0].x && s.v[2].x->mark == 7 &&
		      s.v[2].x->cgroup_id == 42);
		CHECK(s.v[3].tab == SKT_TCP && s.v[3].family == AF_INET);
		CHECK(s.v[4].x && s.v[4].x != s.v[0].x &&
		      (s.v[4].x->present & SKX_TCPINFO) &&
		      s.v[4].x->tcpi->tcpi_rtt == 5 &&
		      s.v[4].x->cgroup_id == 42);
	}
	/* After a clear, the shared blocks are gone with the arena. */
	snap_clear(&s);
	CHECK(diag_replay(mb_bytes(&b), b.len, &all_req, &s) == 0);
	CHECK(s.n == 5 && s.v[2].x && s.v[2].x->mark == 7);
	snap_free(&s);
}

int main(void)
{
	test_inet_fields();
	test_sizes();
	test_unmarked();
	test_unix();
	test_other_families();
	test_select();
	test_shared_ext();
	expect_bad("truncated", bad_truncated);
	expect_bad("attribute overflow", bad_attr_overflow);
	expect_bad("zero-length message", bad_zero_len);
	expect_bad("short header", bad_short_header);
	expect_bad("short scalar", bad_short_scalar);
	expect_bad("nested overflow", bad_nested);
	expect_bad("trailing bytes", bad_trailing);
	expect_bad("unix short RQLEN", bad_unix_short);
	test_garbage();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
