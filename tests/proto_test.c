/*
 * proto_test.c: SCTP and TIPC, which this kernel lacks, on hand-built
 * sock_diag answers (libmnl builds them) parsed through diag_replay and
 * printed by ssfmt.  The expected text is what ss 6.1's code prints for
 * the same messages (sock_state_print, sctp_timer_print, sctp_show_info,
 * sctp_stats_print, tipc_show_sock), written out by hand: an endpoint
 * with its associations ("`- ESTAB"), locals and peers in v4 and v6,
 * sctp_info's non-zero fields, TIPC's node:ref ends and --tipcinfo.
 * Truncated and malformed attributes are length-checked.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/sctp.h>
#include <linux/tipc_netlink.h>
#include <libmnl/libmnl.h>

#include "diag.h"
#include "diag_parse.h"
#include "json.h"
#include "opts.h"
#include "ssfmt.h"
#include "check.h"

static void expect(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL %s:\n got \"%s\"\nwant \"%s\"\n", what,
			got, want);
		failures++;
	}
}

/* Messages as a dump holds them. */
struct mb {
	uint32_t words[8192];
	size_t len;
};

static struct nlmsghdr *mb_msg(struct mb *b, uint16_t type)
{
	struct nlmsghdr *nlh =
		mnl_nlmsg_put_header((unsigned char *)b->words + b->len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	return nlh;
}

static void mb_end(struct mb *b, struct nlmsghdr *nlh)
{
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void mb_marker(struct mb *b, int tab, int family)
{
	struct nlmsghdr *nlh = mb_msg(b, NLMSG_NOOP);
	struct diag_marker *mk = mnl_nlmsg_put_extra_header(nlh, sizeof(*mk));

	mk->magic = DIAG_MARKER_MAGIC;
	mk->tab = (uint8_t)tab;
	mk->family = (uint8_t)family;
	mk->version = 1;
	mb_end(b, nlh);
}

static int replay(struct mb *b, const struct diag_req *q, struct snap *s)
{
	return diag_replay(b->words, b->len, q, s);
}

/* ---- SCTP ---- */

static const uint32_t skmem[SK_MEMINFO_VARS] = {
	[SK_MEMINFO_RCVBUF] = 212992,
	[SK_MEMINFO_SNDBUF] = 212992,
	[SK_MEMINFO_WMEM_QUEUED] = 5,
};

/* An SCTP message (sctp_diag's layout); the caller adds attributes. */
static struct nlmsghdr *sctp_msg(struct mb *b, int family, int state,
				 const char *src, const char *dst,
				 uint16_t sport, uint16_t dport, uint32_t ino)
{
	struct nlmsghdr *nlh = mb_msg(b, SOCK_DIAG_BY_FAMILY);
	struct inet_diag_msg *m = mnl_nlmsg_put_extra_header(nlh, sizeof(*m));

	m->idiag_family = (uint8_t)family;
	m->idiag_state = (uint8_t)state;
	inet_pton(family, src, m->id.idiag_src);
	inet_pton(family, dst, m->id.idiag_dst);
	m->id.idiag_sport = htons(sport);
	m->id.idiag_dport = htons(dport);
	m->id.idiag_cookie[0] = 0x11223344;
	m->id.idiag_cookie[1] = 0x55;
	m->idiag_inode = ino;
	m->idiag_wqueue = state == SKS_LISTEN ? 10 : 0;
	return nlh;
}

/* INET_DIAG_LOCALS or _PEERS: "a,b,..." as sockaddr_storage entries. */
static void put_addrs(struct nlmsghdr *nlh, int type, int family,
		      const char *const *addrs, size_t n, size_t extra)
{
	struct sockaddr_storage *v = calloc(n + 1, sizeof(*v));

	for (size_t k = 0; k < n; k++) {
		if (family == AF_INET) {
			struct sockaddr_in *in = (void *)&v[k];

			in->sin_family = AF_INET;
			in->sin_port = htons(5000);
			inet_pton(AF_INET, addrs[k], &in->sin_addr);
		} else if (family == AF_INET6) {
			struct sockaddr_in6 *in6 = (void *)&v[k];

			in6->sin6_family = AF_INET6;
			inet_pton(AF_INET6, addrs[k], &in6->sin6_addr);
		} else {
			v[k].ss_family = (sa_family_t)family;
		}
	}
	mnl_attr_put(nlh, (uint16_t)type, n * sizeof(*v) + extra, v);
	free(v);
}

/* The cells of row i of f, '|' between columns. */
static const char *cells(const struct ssfmt *f, size_t row)
{
	static char out[1024];
	size_t l = 0;

	for (int c = 0; c < SSF_NCOLS; c++) {
		const struct ssfmt_cell *x = &f->cells[row * SSF_NCOLS + c];

		l += (size_t)snprintf(out + l, sizeof(out) - l, "%s%.*s",
				      c ? "|" : "", (int)x->len,
				      f->buf + x->off);
	}
	return out;
}

/* --json of s into a string. */
static char *json(const struct snap *s)
{
	static char out[16384];
	struct fmt_show o;
	struct names n;
	FILE *tmp = tmpfile();
	size_t len;

	memset(&o, 0, sizeof(o));
	names_init(&n);
	json_doc(tmp, s, NULL, &n, NULL);
	names_free(&n);
	rewind(tmp);
	len = fread(out, 1, sizeof(out) - 1, tmp);
	out[len] = '\0';
	fclose(tmp);
	return out;
}

/* f: every row of s, as o and tabs show them. */
static void fmt_all(struct ssfmt *f, const struct fmt_show *o, uint32_t tabs,
		    const struct snap *s)
{
	ssfmt_init(f, o, tabs, SKS_ALL, 0);
	for (size_t k = 0; k < s->n; k++)
		ssfmt_add(f, &s->v[k]);
}

static void expect_in(const char *what, const char *hay, const char *needle)
{
	if (!strstr(hay, needle)) {
		fprintf(stderr, "FAIL %s: no \"%s\" in\n%s\n", what, needle,
			hay);
		failures++;
	}
}

static void test_sctp(void)
{
	static const char *const loc4[] = {"127.0.0.1", "10.0.0.1"};
	static const char *const peer4[] = {"127.0.0.2", "127.0.0.3"};
	static const char *const loc6[] = {"::1", "fe80::1"};
	struct diag_req q = {.tabs = SKT_BIT(SKT_SCTP) | SKT_BIT(SKT_TCP),
			     .states = SKS_BIT(SKS_ESTABLISHED)};
	struct sctp_info si;
	struct nlmsghdr *nlh;
	struct fmt_show o;
	struct ssfmt f;
	struct snap s;
	struct mb *b = calloc(1, sizeof(*b));

	mb_marker(b, SKT_SCTP, AF_INET);
	/* the endpoint: LISTEN, though only ESTABLISHED was asked */
	nlh = sctp_msg(b, AF_INET, SKS_LISTEN, "127.0.0.1", "0.0.0.0", 5000, 0,
		       777);
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(skmem), skmem);
	memset(&si, 0, sizeof(si));
	si.sctpi_s_frag_interleave = 1;
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(si), &si);
	put_addrs(nlh, INET_DIAG_LOCALS, AF_INET, loc4, 2, 0);
	mb_end(b, nlh);
	/* its association, ESTABLISHED in SCTP's numbering (3) */
	nlh = sctp_msg(b, AF_INET, 3, "127.0.0.1", "127.0.0.2", 5000, 6000,
		       777);
	((struct inet_diag_msg *)mnl_nlmsg_get_payload(nlh))->idiag_timer = 4;
	((struct inet_diag_msg *)mnl_nlmsg_get_payload(nlh))->idiag_retrans = 1;
	((struct inet_diag_msg *)mnl_nlmsg_get_payload(nlh))->idiag_expires =
		200;
	mnl_attr_put(nlh, INET_DIAG_SKMEMINFO, sizeof(skmem), skmem);
	memset(&si, 0, sizeof(si));
	si.sctpi_tag = 0xabc;
	si.sctpi_state = 3;
	si.sctpi_rwnd = 106496;
	si.sctpi_instrms = 10;
	si.sctpi_outstrms = 10;
	si.sctpi_peer_rwnd = 106496;
	si.sctpi_peer_tag = 0x1f;
	si.sctpi_peer_capable = 1;
	si.sctpi_s_nodelay = 1;
	si.sctpi_overall_error = 0xffffffff; /* ss's %d: -1 */
	mnl_attr_put(nlh, INET_DIAG_INFO, sizeof(si), &si);
	put_addrs(nlh, INET_DIAG_LOCALS, AF_INET, loc4, 2, 0);
	put_addrs(nlh, INET_DIAG_PEERS, AF_INET, peer4, 2, 0);
	mnl_attr_put_strz(nlh, INET_DIAG_CONG, "reno");
	mb_end(b, nlh);
	/* a second association in SHUTDOWN_SENT (5), one peer */
	nlh = sctp_msg(b, AF_INET, 5, "127.0.0.1", "127.0.0.4", 5000, 6001,
		       777);
	put_addrs(nlh, INET_DIAG_LOCALS, AF_INET, loc4, 1, 0);
	put_addrs(nlh, INET_DIAG_PEERS, AF_INET, peer4 + 1, 1, 0);
	mb_end(b, nlh);
	/* a v6 endpoint: a truncated third local and a short sctp_info */
	mb_marker(b, SKT_SCTP, AF_INET6);
	nlh = sctp_msg(b, AF_INET6, SKS_LISTEN, "::1", "::", 5001, 0, 888);
	mnl_attr_put_u8(nlh, INET_DIAG_SKV6ONLY, 0);
	put_addrs(nlh, INET_DIAG_LOCALS, AF_INET6, loc6, 2, 40);
	memset(&si, 0, sizeof(si));
	si.sctpi_tag = 0x77;
	mnl_attr_put(nlh, INET_DIAG_INFO, 8, &si); /* tag and state only */
	mb_end(b, nlh);
	/* an endpoint whose list holds a family ss does not print */
	nlh = sctp_msg(b, AF_INET6, SKS_CLOSE, "::1", "::", 5002, 0, 999);
	put_addrs(nlh, INET_DIAG_LOCALS, AF_UNIX, loc6, 1, 0);
	mb_end(b, nlh);

	snap_init(&s);
	CHECK(replay(b, &q, &s) == 0);
	CHECK(s.n == 5);
	if (s.n != 5)
		goto out;
	CHECK(!(s.v[0].has & SKR_SCTP_ASSOC));
	CHECK(s.v[1].has & SKR_SCTP_ASSOC);
	CHECK(s.v[2].has & SKR_SCTP_ASSOC);
	CHECK(s.v[1].x && s.v[1].x->n_locals == 2 && s.v[1].x->n_peers == 2);
	CHECK(s.v[1].x && s.v[1].x->peers[0].port == 5000 &&
	      s.v[1].x->peers[0].family == AF_INET);
	CHECK(s.v[3].x && s.v[3].x->n_locals == 2);
	CHECK(s.v[3].x && s.v[3].x->sctpi_len == 8 &&
	      s.v[3].x->sctpi->sctpi_tag == 0x77 &&
	      s.v[3].x->sctpi->sctpi_rwnd == 0);

	o = (struct fmt_show){.numeric = 1,
			      .timers = 1,
			      .extended = 1,
			      .memory = 1,
			      .info = 1};
	fmt_all(&f, &o, q.tabs, &s);
	expect("sctp endpoint", cells(&f, 0),
	       "sctp|LISTEN|0     |10    |127.0.0.1:|5000|0.0.0.0:|*|"
	       " ino:777 sk:5511223344\n\t"
	       " skmem:(r0,rb212992,t0,tb212992,f0,w5,o0,bl0,d0)"
	       " locals:127.0.0.1,10.0.0.1 fraginl:1");
	expect("sctp assoc", cells(&f, 1),
	       "|`- ESTAB|0     |0     |127.0.0.1:|5000|127.0.0.2:|6000|"
	       " timer:(T3_RTX,200ms,1) ino:777 sk:5511223344\n\t"
	       " skmem:(r0,rb212992,t0,tb212992,f0,w5,o0,bl0,d0)"
	       " locals:127.0.0.1,10.0.0.1 peers:127.0.0.2,127.0.0.3"
	       " tag:abc state:ESTAB rwnd:106496 instrms:10 outstrms:10"
	       " overerr:-1 prwnd:106496 ptag:1f pcapable:1 nodelay:1");
	expect("sctp assoc 2", cells(&f, 2),
	       "|`- SHUTDOWN_SENT|0     |0     |127.0.0.1:|5000|127.0.0.4:|"
	       "6001| ino:777 sk:5511223344\n\t locals:127.0.0.1"
	       " peers:127.0.0.3");
	expect("sctp v6", cells(&f, 3),
	       "sctp|LISTEN|0     |10    |[::1]:|5001|*:|*|"
	       " ino:888 sk:5511223344 v6only:0\n\t locals:::1,fe80::1"
	       " tag:77");
	expect("sctp odd family", cells(&f, 4),
	       "sctp|UNCONN|0     |0     |[::1]:|5002|*:|*|"
	       " ino:999 sk:5511223344\n\t locals:");
	ssfmt_free(&f);

	/*
	 * -O, -m without -i.  A fresh listing has seen no endpoint: ss then
	 * takes an association for an endpoint and names its state (5) in
	 * TCP's numbering, FIN-WAIT-2; so do we.
	 */
	o.oneline = 1;
	o.info = 0;
	o.extended = 0;
	o.timers = 0;
	ssfmt_init(&f, &o, SKT_BIT(SKT_SCTP), SKS_ALL, 0);
	o.no_header = 1;
	ssfmt_add(&f, &s.v[2]);
	expect("sctp oneline", cells(&f, 0),
	       "sctp|FIN-WAIT-2|0     |0     |127.0.0.1:|5000|127.0.0.4:|"
	       "6001| locals:127.0.0.1 peers:127.0.0.3");
	ssfmt_free(&f);

	/* --json: the same fields */
	{
		const char *j = json(&s);

		expect_in("json assoc", j,
			  "\"netid\":\"sctp\",\"state\":\"ESTAB\","
			  "\"sctp_assoc\":true");
		expect_in("json timer", j, "\"name\":\"T3_RTX\"");
		expect_in("json locals", j,
			  "\"locals\":[{\"family\":2,\"addr\":\"127.0.0.1\","
			  "\"port\":5000},{\"family\":2,\"addr\":"
			  "\"10.0.0.1\",\"port\":5000}]");
		expect_in("json peers", j,
			  "\"peers\":[{\"family\":2,\"addr\":\"127.0.0.2\"");
		expect_in("json sctp_info", j,
			  "\"sctp_info\":{\"tag\":2748,\"state\":3,"
			  "\"rwnd\":106496,");
		expect_in("json short sctp_info", j,
			  "\"sctp_info\":{\"tag\":119,\"state\":0}");
		expect_in("json v6 locals", j, "\"addr\":\"[fe80::1]\"");
	}
out:
	snap_free(&s);
	free(b);
}

/* Truncated or malformed SCTP attributes. */
static void test_sctp_bad(void)
{
	struct diag_req q = {.tabs = SKT_BIT(SKT_SCTP)};
	struct nlmsghdr *nlh;
	struct snap s;
	struct mb *b = calloc(1, sizeof(*b));
	char junk[100];

	memset(junk, 0xff, sizeof(junk));
	snap_init(&s);
	/* a list shorter than one entry: present, empty */
	mb_marker(b, SKT_SCTP, AF_INET);
	nlh = sctp_msg(b, AF_INET, 3, "127.0.0.1", "127.0.0.2", 1, 2, 5);
	mnl_attr_put(nlh, INET_DIAG_PEERS, 100, junk);
	mnl_attr_put(nlh, INET_DIAG_LOCALS, 0, junk);
	mnl_attr_put(nlh, INET_DIAG_INFO, 3, junk);
	mb_end(b, nlh);
	CHECK(replay(b, &q, &s) == 0);
	CHECK(s.n == 1 && s.v[0].x && s.v[0].x->n_peers == 0 &&
	      s.v[0].x->n_locals == 0 && (s.v[0].x->present & SKX_SCTP_PEERS) &&
	      s.v[0].x->sctpi->sctpi_tag == 0xffffff &&
	      s.v[0].x->sctpi->sctpi_state == 0);
	/* an attribute running past the message: refused, earlier kept */
	nlh = sctp_msg(b, AF_INET, 3, "127.0.0.1", "127.0.0.2", 1, 2, 6);
	mnl_attr_put(nlh, INET_DIAG_PEERS, 64, junk);
	mb_end(b, nlh);
	((struct nlattr *)((char *)nlh + NLMSG_HDRLEN +
			   NLMSG_ALIGN(sizeof(struct inet_diag_msg))))
		->nla_len = 400;
	snap_clear(&s);
	CHECK(replay(b, &q, &s) == -EINVAL);
	CHECK(s.n == 1);
	snap_free(&s);
	free(b);
}

/* ---- TIPC ---- */

struct tipc_sk {
	uint32_t type, state, node, ref, ino, uid;
	uint64_t cookie;
	uint32_t rcvq, sendq, drop;
	int link_cong, conn_cong, publ;
	int con; /* TIPC_NLA_SOCK_CON sent */
	int via; /* with TIPC_NLA_CON_FLAG */
	uint32_t peer_node, peer_ref, con_type, con_inst;
};

/* tipc_sk_fill_sock_diag()'s layout: one bare TIPC_NLA_SOCK nest. */
static struct nlmsghdr *tipc_msg(struct mb *b, const struct tipc_sk *t)
{
	struct nlmsghdr *nlh = mb_msg(b, SOCK_DIAG_BY_FAMILY);
	struct nlattr *sk, *n;

	sk = mnl_attr_nest_start(nlh, TIPC_NLA_SOCK);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_ADDR, t->node);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_REF, t->ref);
	if (t->con) {
		n = mnl_attr_nest_start(nlh, TIPC_NLA_SOCK_CON);
		mnl_attr_put_u32(nlh, TIPC_NLA_CON_NODE, t->peer_node);
		mnl_attr_put_u32(nlh, TIPC_NLA_CON_SOCK, t->peer_ref);
		if (t->via) {
			mnl_attr_put(nlh, TIPC_NLA_CON_FLAG, 0, NULL);
			mnl_attr_put_u32(nlh, TIPC_NLA_CON_TYPE, t->con_type);
			mnl_attr_put_u32(nlh, TIPC_NLA_CON_INST, t->con_inst);
		}
		mnl_attr_nest_end(nlh, n);
	}
	if (t->publ)
		mnl_attr_put(nlh, TIPC_NLA_SOCK_HAS_PUBL, 0, NULL);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_TYPE, t->type);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_TIPC_STATE, t->state);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_INO, t->ino);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_UID, t->uid);
	mnl_attr_put_u64(nlh, TIPC_NLA_SOCK_COOKIE, t->cookie);
	n = mnl_attr_nest_start(nlh, TIPC_NLA_SOCK_STAT);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_STAT_RCVQ, t->rcvq);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_STAT_SENDQ, t->sendq);
	mnl_attr_put_u32(nlh, TIPC_NLA_SOCK_STAT_DROP, t->drop);
	if (t->link_cong)
		mnl_attr_put(nlh, TIPC_NLA_SOCK_STAT_LINK_CONG, 0, NULL);
	if (t->conn_cong)
		mnl_attr_put(nlh, TIPC_NLA_SOCK_STAT_CONN_CONG, 0, NULL);
	mnl_attr_nest_end(nlh, n);
	mnl_attr_nest_end(nlh, sk);
	return nlh;
}

static void test_tipc(void)
{
	static const struct tipc_sk rdm = {
		.type = SOCK_RDM,
		.state = SKS_CLOSE,
		.node = 16781314,
		.ref = 12345,
		.ino = 555,
		.uid = 1000,
		.cookie = 0x1234,
		.drop = 3,
		.publ = 1,
	};
	static const struct tipc_sk st = {
		.type = SOCK_STREAM,
		.state = SKS_ESTABLISHED,
		.node = 16781314,
		.ref = 222,
		.ino = 556,
		.cookie = 0xabcd,
		.rcvq = 2,
		.sendq = 1,
		.link_cong = 1,
		.con = 1,
		.via = 1,
		.peer_node = 16781315,
		.peer_ref = 333,
		.con_type = 1000,
		.con_inst = 7,
	};
	static const struct tipc_sk listener = {
		.type = SOCK_SEQPACKET,
		.state = SKS_LISTEN,
		.node = 1,
		.ref = 9,
		.ino = 557,
		.conn_cong = 1,
	};
	struct diag_req q = {.tabs = SKT_BIT(SKT_TIPC) | SKT_BIT(SKT_TCP)};
	struct fmt_show o;
	struct ssfmt f;
	struct snap s;
	struct mb *b = calloc(1, sizeof(*b));
	struct nlmsghdr *nlh;

	mb_marker(b, SKT_TIPC, AF_TIPC);
	mb_end(b, tipc_msg(b, &rdm));
	mb_end(b, tipc_msg(b, &st));
	mb_end(b, tipc_msg(b, &listener));
	snap_init(&s);
	CHECK(replay(b, &q, &s) == 0);
	CHECK(s.n == 3);
	if (s.n != 3)
		goto out;
	CHECK(s.v[0].tab == SKT_TIPC && s.v[0].family == AF_TIPC);
	CHECK(s.v[1].rq == 2 && s.v[1].wq == 1 && s.v[1].cookie == 0xabcd);
	CHECK(s.v[1].a.tipc.connected && s.v[1].a.tipc.peer_ref == 333);
	CHECK(!s.v[0].a.tipc.connected && s.v[0].uid == 1000);

	o = (struct fmt_show){.extended = 1, .tipcinfo = 1};
	fmt_all(&f, &o, q.tabs, &s);
	expect("tipc rdm", cells(&f, 0),
	       "ti_rd|UNCONN|0     |0     |16781314:|12345|-||"
	       " uid:1000 ino:555 sk:1234\n type:RDM cong:none  drop:3  publ");
	expect("tipc stream", cells(&f, 1),
	       "ti_st|ESTAB|2     |1     |16781314:|222|16781315:|333|"
	       " ino:556 sk:abcd\n type:STREAM cong:link  drop:0  via "
	       "{1000,7} ");
	expect("tipc seqpacket", cells(&f, 2),
	       "ti_sq|LISTEN|0     |0     |1:|9|-||"
	       " ino:557 sk:0\n type:SEQPACKET cong:conn  drop:0 ");
	ssfmt_free(&f);

	/* --tipc alone, no details: whole lines as ss renders them */
	memset(&o, 0, sizeof(o));
	o.no_header = 1;
	ssfmt_init(&f, &o, SKT_BIT(SKT_TIPC), SKS_ALL, 0);
	ssfmt_add(&f, &s.v[0]);
	ssfmt_add(&f, &s.v[1]);
	expect("tipc render", check_render(&f),
	       "UNCONN 0      0      16781314:12345         -   \n"
	       "ESTAB  2      1      16781314:222   16781315:333\n");
	ssfmt_free(&f);

	{
		const char *j = json(&s);

		expect_in("json tipc", j,
			  "\"netid\":\"ti_rd\",\"state\":\"UNCONN\"");
		expect_in("json tipc ends", j,
			  "\"local\":{\"node\":16781314,\"ref\":222},"
			  "\"peer\":{\"node\":16781315,\"ref\":333}");
		expect_in("json tipc info", j,
			  "\"tipc\":{\"drop\":0,\"link_cong\":true,"
			  "\"conn_cong\":false,\"publ\":false,\"via\":{"
			  "\"type\":1000,\"instance\":7}}");
	}

	/* the kernel's state filter, applied again to a replayed file */
	snap_clear(&s);
	q.states = SKS_BIT(SKS_LISTEN);
	CHECK(replay(b, &q, &s) == 0);
	CHECK(s.n == 1 && s.v[0].ino == 557);
	/* without a marker, TIPC answers are not taken for another family */
	snap_clear(&s);
	b->len = 0;
	mb_end(b, tipc_msg(b, &rdm));
	CHECK(replay(b, &q, &s) == 0 || s.n == 0);
	CHECK(s.n == 0 || s.v[0].tab != SKT_TIPC);
	/* malformed nests are refused */
	snap_clear(&s);
	b->len = 0;
	mb_marker(b, SKT_TIPC, AF_TIPC);
	nlh = tipc_msg(b, &st);
	mb_end(b, nlh);
	/* the REF attribute says 2 bytes: shorter than its u32 */
	((struct nlattr *)((char *)nlh + NLMSG_HDRLEN + 4 + 8))->nla_len = 6;
	CHECK(replay(b, &q, &s) == -EINVAL);
	CHECK(s.n == 0);
out:
	snap_free(&s);
	free(b);
}

int main(void)
{
	test_sctp();
	test_sctp_bad();
	test_tipc();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
