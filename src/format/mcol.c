/*
 * mcol.c: the columns of the socket table (see mcol.h).  Each column is a
 * row of one static const table: a formatter that writes a cell for the
 * screen and a key function that the model calls once per row before
 * sorting, so that comparing two rows never formats or chases pointers.
 *
 * Addresses are written as ss writes them (v6 in brackets, `*` for a
 * wildcard or port 0, `%dev` for a bound device); names from the kernel go
 * through san_escape() before they reach a cell.
 */
#include "config.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "diag.h"
#include "i18n.h"
#include "hcode.h"
#include "mcol.h"
#include "mcol_int.h"
#include "names.h"
#include "owners.h"
#include "sanitize.h"
#include "snap.h"
#include "ssfmt.h"
#include "xalloc.h"

static int is_inet(const struct sk_rec *r)
{
	return r->family == AF_INET || r->family == AF_INET6;
}

static const struct tcp_info *tcpi(const struct sk_rec *r)
{
	if (r->x && (r->x->present & SKX_TCPINFO) && r->x->tcpi)
		return r->x->tcpi;
	return NULL;
}

static void put_u(uint64_t v, char *buf, size_t n)
{
	snprintf(buf, n, "%llu", (unsigned long long)v);
}

/* An interface's name, from the names cache when there is one. */
static void iface_text(const struct sk_rec *r, const struct mfmt *f, char *buf,
		       size_t n)
{
	char name[IF_NAMESIZE];
	const char *s;

	if (f->names) {
		s = names_ifname(f->names, r->ifindex);
		san_escape(buf, n, s, strlen(s));
	} else if (if_indextoname(r->ifindex, name)) {
		san_escape(buf, n, name, strlen(name));
	} else {
		snprintf(buf, n, "if%u", r->ifindex);
	}
}

/* ss's dg_proto: whose service names a table's ports take. */
static const int tab_proto[SKT_COUNT] = {
	[SKT_TCP] = NAMES_TCP + 1,     [SKT_DCCP] = NAMES_TCP + 1,
	[SKT_MPTCP] = NAMES_TCP + 1,   [SKT_UDP] = NAMES_UDP + 1,
	[SKT_UDPLITE] = NAMES_UDP + 1, [SKT_RAW] = NAMES_RAW + 1,
	[SKT_SCTP] = NAMES_SCTP + 1,
};

/*
 * The port as ss prints it: the names cache never blocks (it reads
 * /etc/services once), and without a cache the number shows.
 */
static void port_text(const struct sk_rec *r, uint16_t port,
		      const struct mfmt *f, char *buf, size_t n)
{
	int p = r->tab < SKT_COUNT ? tab_proto[r->tab] : 0;
	const char *s;

	if (f->names && p) {
		s = names_service(f->names, (enum names_proto)(p - 1), port,
				  f->numeric);
		/* a name longer than the cell holds: its number, not a part */
		if (san_escape(buf, n, s, strlen(s)) >= n)
			snprintf(buf, n, "%u", port);
	} else if (!port) {
		snprintf(buf, n, "*");
	} else {
		snprintf(buf, n, "%u", port);
	}
}

static void inet_text(const struct sk_rec *r, const uint8_t *addr,
		      uint16_t port, int local, const struct mfmt *f, char *buf,
		      size_t n)
{
	char a[INET6_ADDRSTRLEN + 2], dev[IF_NAMESIZE * 4 + 2] = "";
	int v6only = r->x && (r->x->present & SKX_V6ONLY) && r->x->v6only;
	int k;

	ssfmt_inet_addr(a, sizeof(a), r->family, addr, v6only);
	if (local && r->ifindex) {
		char name[IF_NAMESIZE + 8];

		iface_text(r, f, name, sizeof(name));
		snprintf(dev, sizeof(dev), "%%%s", name);
	}
	/* the port's name (any length) straight into the cell */
	k = snprintf(buf, n, "%s%s:", a, dev);
	if (k >= 0 && (size_t)k < n)
		port_text(r, port, f, buf + k, n - (size_t)k);
}

/*
 * The path, escaped into buf; returns its escaped length, as snprintf (4
 * bytes a byte of the name: mcol_end_size).
 */
static size_t unix_name(const struct sk_rec *r, char *buf, size_t n)
{
	char stack[128], *name = stack;
	size_t len;

	if (!(r->has & SKR_HAS_NAME) || !r->a.un.name || !r->a.un.name_len)
		return (size_t)snprintf(buf, n, "*");
	/* the kernel's are 108 bytes at most, a replayed dump's any */
	if (r->a.un.name_len >= sizeof(stack))
		name = xmalloc(r->a.un.name_len + 1);
	len = ssfmt_unix_name(name, r->a.un.name_len + 1, r->a.un.name,
			      r->a.un.name_len);
	len = san_escape(buf, n, name, len);
	if (name != stack)
		free(name);
	return len;
}

size_t mcol_end_size(const struct sk_rec *r)
{
	size_t n = 1100;

	if (r->family == AF_UNIX && (r->has & SKR_HAS_NAME))
		n += 4 * (size_t)r->a.un.name_len;
	return n;
}

static void fmt_netid(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	(void)f;
	snprintf(buf, n, "%s", ssfmt_netid(r));
}

static void fmt_state(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	(void)f;
	snprintf(buf, n, "%s", sk_state_name(r->state));
}

static void fmt_size(uint64_t v, const struct mfmt *f, char *buf, size_t n)
{
	if (f->exact)
		put_u(v, buf, n);
	else
		mcol_human(v, buf, n);
}

static void fmt_recvq(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	fmt_size(r->rq, f, buf, n);
}

static void fmt_sendq(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	fmt_size(r->wq, f, buf, n);
}

static void fmt_end(const struct sk_rec *r, int local, const struct mfmt *f,
		    char *buf, size_t n)
{
	if (is_inet(r)) {
		inet_text(r, local ? r->a.in.src : r->a.in.dst,
			  local ? r->sport : r->dport, local, f, buf, n);
	} else if (r->family == AF_UNIX) {
		if (local) {
			/* escaped straight into buf: a path of 108 control
			 * characters is 432 bytes there, never cut short of
			 * buf's end */
			size_t k = unix_name(r, buf, n);

			if (k < n)
				snprintf(buf + k, n - k, " %u", r->ino);
		} else {
			snprintf(buf, n, "* %u", r->a.un.peer);
		}
	} else {
		/* netlink, packet, TIPC, VSOCK...: as ss prints them */
		struct ssfmt_ends e;

		ssfmt_ends(r, f->names, f->numeric, &e);
		snprintf(buf, n, "%s%s", local ? e.laddr : e.paddr,
			 local ? e.lport : e.pport);
	}
}

static void fmt_local(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	fmt_end(r, 1, f, buf, n);
}

static void fmt_peer(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n)
{
	fmt_end(r, 0, f, buf, n);
}

static void fmt_empty(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	(void)r;
	(void)f;
	if (n)
		buf[0] = '\0';
}

/*
 * "name(pid)" of the first owner, "+N" when there are more; an ellipsis
 * while the owners are still being looked for, never a guess.
 */
static void fmt_process(const struct sk_rec *r, const struct mfmt *f, char *buf,
			size_t n)
{
	struct own_owner o;
	size_t total;

	fmt_empty(r, f, buf, n);
	if (!f->own || !(r->has & SKR_HAS_INO) || !r->ino)
		return;
	switch (own_lookup(f->own, r->ino)) {
	case OWN_PENDING:
		snprintf(buf, n, "\u2026");
		return;
	case OWN_FOUND:
		total = own_owners(f->own, r->ino, f->threads, &o, 1);
		if (!total)
			return;
		if (total > 1)
			snprintf(buf, n, "%s(%d)+%zu", o.name, o.pid,
				 total - 1);
		else
			snprintf(buf, n, "%s(%d)", o.name, o.pid);
		return;
	default:
		return;
	}
}

static void fmt_uid(const struct sk_rec *r, const struct mfmt *f, char *buf,
		    size_t n)
{
	if (r->has & SKR_HAS_UID)
		put_u(r->uid, buf, n);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_inode(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	(void)f;
	put_u(r->ino, buf, n);
}

static void fmt_cookie(const struct sk_rec *r, const struct mfmt *f, char *buf,
		       size_t n)
{
	if (r->has & SKR_HAS_COOKIE)
		snprintf(buf, n, "%llx", (unsigned long long)r->cookie);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_rtt(const struct sk_rec *r, const struct mfmt *f, char *buf,
		    size_t n)
{
	const struct tcp_info *t = tcpi(r);

	if (t)
		snprintf(buf, n, "%.2fms", t->tcpi_rtt / 1000.0);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_cwnd(const struct sk_rec *r, const struct mfmt *f, char *buf,
		     size_t n)
{
	const struct tcp_info *t = tcpi(r);

	if (t)
		put_u(t->tcpi_snd_cwnd, buf, n);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_retrans(const struct sk_rec *r, const struct mfmt *f, char *buf,
			size_t n)
{
	const struct tcp_info *t = tcpi(r);

	(void)f;
	if (t)
		snprintf(buf, n, "%u/%u", t->tcpi_retransmits,
			 t->tcpi_total_retrans);
	else
		put_u(r->retrans, buf, n);
}

/* ss's names of the kernel's timer kinds (ss prints "unknown" past 4). */
static const char *const timer_names[] = {
	[0] = "off",	  [1] = "on",	   [2] = "keepalive",
	[3] = "timewait", [4] = "persist",
};

/*
 * What ss -o prints, whole: timer:(KIND,EXPIRY,RETRANSMITS), nothing for a
 * socket without a running timer (as ss).
 */
static void fmt_timer(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	const char *name =
		r->timer < sizeof(timer_names) / sizeof(timer_names[0])
			? timer_names[r->timer]
			: "unknown";
	char t[32];

	if (!(r->has & SKR_HAS_TIMER) || !r->timer) {
		fmt_empty(r, f, buf, n);
		return;
	}
	snprintf(buf, n, "timer:(%s,%s,%u)", name,
		 ssfmt_timer(t, sizeof(t), r->expires), r->retrans);
}

static uint64_t mem_total(const struct sk_rec *r)
{
	if (!r->x || !(r->x->present & SKX_SKMEM))
		return 0;
	return (uint64_t)r->x->skmem[SK_MEMINFO_RMEM_ALLOC] +
	       r->x->skmem[SK_MEMINFO_WMEM_QUEUED];
}

static void fmt_mem(const struct sk_rec *r, const struct mfmt *f, char *buf,
		    size_t n)
{
	if (r->x && (r->x->present & SKX_SKMEM))
		fmt_size(mem_total(r), f, buf, n);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_cgroup(const struct sk_rec *r, const struct mfmt *f, char *buf,
		       size_t n)
{
	if (r->x && (r->x->present & SKX_CGROUP))
		put_u(r->x->cgroup_id, buf, n);
	else
		fmt_empty(r, f, buf, n);
}

static void fmt_netns(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	const struct snap_ns *ns = f ? snap_ns_rec(f->snap, r) : NULL;

	/* the label is sanitized where it is made (collect/nsset.c) */
	snprintf(buf, n, "%s", ns ? ns->label : "");
}

static void fmt_iface(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	if (!r->ifindex)
		fmt_empty(r, f, buf, n);
	else
		iface_text(r, f, buf, n);
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void key_end(const struct sk_rec *r, int local, struct mkey *k)
{
	k->a = r->family;
	if (is_inet(r)) {
		const uint8_t *ad = local ? r->a.in.src : r->a.in.dst;

		k->b = be64(ad);
		k->c = be64(ad + 8);
		k->d = local ? r->sport : r->dport;
	} else if (r->family == AF_UNIX) {
		if (local && (r->has & SKR_HAS_NAME)) {
			k->s = r->a.un.name;
			k->slen = r->a.un.name_len;
		}
		k->d = local ? r->ino : r->a.un.peer;
	} else if (r->family == AF_NETLINK) {
		k->b = local ? r->a.nl.portid : r->a.nl.dst_portid;
	} else if (r->family == AF_VSOCK) {
		k->b = local ? r->a.vs.src_cid : r->a.vs.dst_cid;
		k->c = local ? r->a.vs.src_port : r->a.vs.dst_port;
	}
}

static void key_netid(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->tab;
}

static void key_state(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->state;
}

static void key_recvq(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->rq;
}

static void key_sendq(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->wq;
}

static void key_local(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	key_end(r, 1, k);
}

static void key_peer(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k)
{
	(void)f;
	key_end(r, 0, k);
}

static uint64_t be64n(const char *s, size_t len)
{
	uint64_t v = 0;

	for (size_t i = 0; i < 8; i++)
		v = v << 8 | (i < len ? (unsigned char)s[i] : 0);
	return v;
}

/*
 * The first owner's name (its first 16 bytes as numbers, which holds a
 * whole comm), then its pid; pending and unknown owners sort last.
 */
static void key_process(const struct sk_rec *r, const struct mfmt *f,
			struct mkey *k)
{
	struct own_owner o;
	size_t len;

	k->last = 1;
	/* no owner counted: unknown, pending or none */
	if (!f || !f->own || !(r->has & SKR_HAS_INO) || !r->ino ||
	    !own_owners(f->own, r->ino, f->threads, &o, 1))
		return;
	len = strlen(o.name);
	k->last = 0;
	k->b = be64n(o.name, len);
	k->c = len > 8 ? be64n(o.name + 8, len - 8) : 0;
	k->d = (uint64_t)o.pid;
	if (len > 16) {
		k->s = o.name + 16;
		k->slen = (uint32_t)(len - 16);
	}
}

static void key_uid(const struct sk_rec *r, const struct mfmt *f,
		    struct mkey *k)
{
	(void)f;
	k->a = r->uid;
}

static void key_inode(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->ino;
}

static void key_cookie(const struct sk_rec *r, const struct mfmt *f,
		       struct mkey *k)
{
	(void)f;
	k->a = r->cookie;
}

static void key_rtt(const struct sk_rec *r, const struct mfmt *f,
		    struct mkey *k)
{
	(void)f;
	const struct tcp_info *t = tcpi(r);

	k->a = t ? t->tcpi_rtt : 0;
}

static void key_cwnd(const struct sk_rec *r, const struct mfmt *f,
		     struct mkey *k)
{
	(void)f;
	const struct tcp_info *t = tcpi(r);

	k->a = t ? t->tcpi_snd_cwnd : 0;
}

static void key_retrans(const struct sk_rec *r, const struct mfmt *f,
			struct mkey *k)
{
	(void)f;
	const struct tcp_info *t = tcpi(r);

	k->a = t ? t->tcpi_retransmits : r->retrans;
	k->b = t ? t->tcpi_total_retrans : 0;
}

/* By expiry (the next timer to fire first), then kind and retransmits. */
static void key_timer(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	if (!(r->has & SKR_HAS_TIMER) || !r->timer) {
		k->last = 1;
		return;
	}
	k->a = r->expires;
	k->b = r->timer;
	k->c = r->retrans;
}

static void key_mem(const struct sk_rec *r, const struct mfmt *f,
		    struct mkey *k)
{
	(void)f;
	k->a = mem_total(r);
}

static void key_cgroup(const struct sk_rec *r, const struct mfmt *f,
		       struct mkey *k)
{
	(void)f;
	k->a = r->x && (r->x->present & SKX_CGROUP) ? r->x->cgroup_id : 0;
}

static void key_netns(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	const struct snap_ns *ns = f ? snap_ns_rec(f->snap, r) : NULL;

	if (!ns) {
		k->last = 1;
		return;
	}
	k->s = ns->label;
	k->slen = (uint32_t)strlen(ns->label);
}

static void key_iface(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->ifindex;
}

/* The health codes' short words (hcode.h), most urgent first. */
static void fmt_health(const struct sk_rec *r, const struct mfmt *f, char *buf,
		       size_t n)
{
	(void)f;
	hcode_words(r->health, buf, n);
}

/* The bits are in order of urgency: descending puts problems first. */
static void key_health(const struct sk_rec *r, const struct mfmt *f,
		       struct mkey *k)
{
	(void)f;
	k->a = r->health;
}

static const struct mcol_def cols[MC_COUNT] = {
	[MC_NETID] = {.id = "netid",
		      .title = N_("Netid"),
		      .width = 6,
		      .fmt = fmt_netid,
		      .key = key_netid},
	[MC_STATE] = {.id = "state",
		      .title = N_("State"),
		      .width = 10,
		      .fmt = fmt_state,
		      .key = key_state},
	[MC_RECVQ] = {.id = "recv-q",
		      .title = N_("Recv-Q"),
		      .width = 7,
		      .right = 1,
		      .fmt = fmt_recvq,
		      .key = key_recvq},
	[MC_SENDQ] = {.id = "send-q",
		      .title = N_("Send-Q"),
		      .width = 7,
		      .right = 1,
		      .fmt = fmt_sendq,
		      .key = key_sendq},
	[MC_LOCAL] = {.id = "local",
		      .title = N_("Local Address:Port"),
		      .width = 28,
		      .fmt = fmt_local,
		      .key = key_local},
	[MC_PEER] = {.id = "peer",
		     .title = N_("Peer Address:Port"),
		     .width = 28,
		     .fmt = fmt_peer,
		     .key = key_peer},
	[MC_PROCESS] = {.id = "process",
			.title = N_("Process"),
			.width = 20,
			.owners = 1,
			.fmt = fmt_process,
			.key = key_process},
	[MC_UID] = {.id = "uid",
		    .title = N_("UID"),
		    .width = 6,
		    .right = 1,
		    .fmt = fmt_uid,
		    .key = key_uid},
	[MC_INODE] = {.id = "inode",
		      .title = N_("Inode"),
		      .width = 9,
		      .right = 1,
		      .fmt = fmt_inode,
		      .key = key_inode},
	[MC_COOKIE] = {.id = "cookie",
		       .title = N_("Cookie"),
		       .width = 10,
		       .right = 1,
		       .fmt = fmt_cookie,
		       .key = key_cookie},
	[MC_RTT] = {.id = "rtt",
		    .title = N_("RTT"),
		    .width = 9,
		    .right = 1,
		    .need = DIAG_X_INFO,
		    .fmt = fmt_rtt,
		    .key = key_rtt},
	[MC_CWND] = {.id = "cwnd",
		     .title = N_("Cwnd"),
		     .width = 5,
		     .right = 1,
		     .need = DIAG_X_INFO,
		     .fmt = fmt_cwnd,
		     .key = key_cwnd},
	[MC_RETRANS] = {.id = "retrans",
			.title = N_("Retrans"),
			.width = 8,
			.right = 1,
			.need = DIAG_X_INFO,
			.fmt = fmt_retrans,
			.key = key_retrans},
	[MC_TIMER] = {.id = "timer",
		      .title = N_("Timer"),
		      .width = 24,
		      .fmt = fmt_timer,
		      .key = key_timer},
	[MC_MEM] = {.id = "mem",
		    .title = N_("Mem"),
		    .width = 6,
		    .right = 1,
		    .need = DIAG_X_MEM,
		    .fmt = fmt_mem,
		    .key = key_mem},
	[MC_CGROUP] = {.id = "cgroup",
		       .title = N_("Cgroup"),
		       .width = 8,
		       .right = 1,
		       .fmt = fmt_cgroup,
		       .key = key_cgroup},
	[MC_IFACE] = {.id = "iface",
		      .title = N_("Interface"),
		      .width = 9,
		      .fmt = fmt_iface,
		      .key = key_iface},
	[MC_TXRATE] = {.id = "tx-rate",
		       .title = N_("TX/s"),
		       .width = 8,
		       .right = 1,
		       .need = DIAG_X_RATE,
		       .fmt = mcol_fmt_txrate,
		       .key = mcol_key_txrate},
	[MC_RXRATE] = {.id = "rx-rate",
		       .title = N_("RX/s"),
		       .width = 8,
		       .right = 1,
		       .need = DIAG_X_RATE,
		       .fmt = mcol_fmt_rxrate,
		       .key = mcol_key_rxrate},
	[MC_HEALTH] = {.id = "health",
		       .title = N_("Health"),
		       .width = 10,
		       .need = DIAG_X_INFO | DIAG_X_MEM,
		       .fmt = fmt_health,
		       .key = key_health},
	[MC_NETNS] = {.id = "netns",
		      .title = N_("Netns"),
		      .width = 14,
		      .fmt = fmt_netns,
		      .key = key_netns},
};

const struct mcol_def *mcol_get(enum mcol c)
{
	return &cols[(unsigned)c < MC_COUNT ? c : 0];
}

int mcol_by_id(const char *id)
{
	for (int c = 0; c < MC_COUNT; c++)
		if (!strcmp(cols[c].id, id))
			return c;
	return -1;
}
