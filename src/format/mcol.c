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
#include "mcol.h"
#include "names.h"
#include "owners.h"
#include "sanitize.h"
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

void mcol_human(uint64_t v, char *buf, size_t n)
{
	static const char units[] = "KMGTPE";
	double d = (double)v;
	int u = -1;

	if (v < 1024) {
		snprintf(buf, n, "%llu", (unsigned long long)v);
		return;
	}
	while (d >= 1024 && u < 5) {
		d /= 1024;
		u++;
	}
	snprintf(buf, n, d < 10 ? "%.1f%c" : "%.0f%c", d, units[u]);
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
		san_escape(buf, n, s, strlen(s));
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
	char a[INET6_ADDRSTRLEN + 2], p[64], dev[IF_NAMESIZE * 4 + 2] = "";
	int v6only = r->x && (r->x->present & SKX_V6ONLY) && r->x->v6only;

	ssfmt_inet_addr(a, sizeof(a), r->family, addr, v6only);
	if (local && r->ifindex) {
		char name[IF_NAMESIZE + 8];

		iface_text(r, f, name, sizeof(name));
		snprintf(dev, sizeof(dev), "%%%s", name);
	}
	port_text(r, port, f, p, sizeof(p));
	snprintf(buf, n, "%s%s:%s", a, dev, p);
}

static void unix_name(const struct sk_rec *r, char *buf, size_t n)
{
	char name[256];
	size_t len;

	if (!(r->has & SKR_HAS_NAME) || !r->a.un.name || !r->a.un.name_len) {
		snprintf(buf, n, "*");
		return;
	}
	len = ssfmt_unix_name(name, sizeof(name), r->a.un.name,
			      r->a.un.name_len);
	san_escape(buf, n, name, len);
}

static void fmt_netid(const struct sk_rec *r, const struct mfmt *f, char *buf,
		      size_t n)
{
	(void)f;
	snprintf(buf, n, "%s", sk_tab_netid(r->tab));
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
	char name[256];

	if (is_inet(r)) {
		inet_text(r, local ? r->a.in.src : r->a.in.dst,
			  local ? r->sport : r->dport, local, f, buf, n);
	} else if (r->family == AF_UNIX) {
		if (local) {
			unix_name(r, name, sizeof(name));
			snprintf(buf, n, "%s %u", name, r->ino);
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

static void key_iface(const struct sk_rec *r, const struct mfmt *f,
		      struct mkey *k)
{
	(void)f;
	k->a = r->ifindex;
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

int mcol_parse_sort(const char *spec, enum mcol *col, int *desc)
{
	char id[32];
	const char *colon = strchr(spec, ':');
	size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
	int c;

	if (n >= sizeof(id))
		return -1;
	memcpy(id, spec, n);
	id[n] = '\0';
	if (colon && strcmp(colon, ":asc") && strcmp(colon, ":desc"))
		return -1;
	c = mcol_by_id(id);
	if (c < 0)
		return -1;
	*col = (enum mcol)c;
	*desc = colon && !strcmp(colon, ":desc");
	return 0;
}

int mcol_parse_list(const char *list, enum mcol *out, int max)
{
	const char *p = list;
	int n = 0;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char id[32];
		int c;

		if (len >= sizeof(id))
			return -1;
		memcpy(id, p, len);
		id[len] = '\0';
		c = mcol_by_id(id);
		if (c < 0)
			return -1;
		if (out && n < max)
			out[n] = (enum mcol)c;
		n++;
		if (!comma)
			return out && n > max ? max : n;
		p = comma + 1;
	}
}

static int cmp_u64(uint64_t x, uint64_t y)
{
	return (x > y) - (x < y);
}

/* Compares the column's value only; the row tie-break is the caller's. */
int mcol_cmp(const struct mkey *x, const struct mkey *y)
{
	int c;
	size_t n;

	if ((c = cmp_u64(x->a, y->a)) || (c = cmp_u64(x->b, y->b)) ||
	    (c = cmp_u64(x->c, y->c)) || (c = cmp_u64(x->d, y->d)))
		return c;
	n = x->slen < y->slen ? x->slen : y->slen;
	if (n && (c = memcmp(x->s, y->s, n)))
		return c;
	return cmp_u64(x->slen, y->slen);
}

/*
 * Sorting.  A column's key is up to 33 bytes (last, a..d) plus a string,
 * but across the rows of one table few of those bytes vary: the netid is
 * one byte, 127.x.y.z:port a handful.  Those bytes, packed big-endian into
 * 128 bits (inverted when descending, `last` above them all), sort by LSD
 * radix: each pass is stable, so equal keys stay in index order, which is
 * the model's tie-break.  glibc's qsort took 40-250 ms for 100-200k rows,
 * mostly in comparisons that tie on the value and go on to the row.
 */
struct mcol_rk {
	uint64_t hi, lo;
	uint32_t i;
};

struct sort_ctx {
	const struct mkey *keys;
	int desc;
};

void mcol_sorter_free(struct mcol_sorter *s)
{
	free(s->a);
	free(s->b);
	memset(s, 0, sizeof(*s));
}

/* The whole order on indices (the fallback, and runs that tie on a..d). */
static int idx_cmp(const void *pa, const void *pb, void *arg)
{
	const struct sort_ctx *x = arg;
	uint32_t ia = *(const uint32_t *)pa, ib = *(const uint32_t *)pb;
	const struct mkey *a = &x->keys[ia], *b = &x->keys[ib];
	int c = (int)a->last - (int)b->last;

	if (c)
		return c;
	c = mcol_cmp(a, b);
	if (c)
		return x->desc ? -c : c;
	return (ia > ib) - (ia < ib);
}

/* The 5 fields in order of significance: last, a, b, c, d. */
static uint64_t field(const struct mkey *k, int f)
{
	switch (f) {
	case 0:
		return k->last;
	case 1:
		return k->a;
	case 2:
		return k->b;
	case 3:
		return k->c;
	default:
		return k->d;
	}
}

/*
 * The varying bytes, most significant first, as field * 8 + byte; returns
 * how many (more than 16: the radix sort does not apply).  *str tells
 * whether any key has a string.
 */
static int vary(const struct mkey *keys, size_t n, uint8_t sel[16], int *str)
{
	uint64_t diff[5] = {0};
	int v = 0;

	*str = 0;
	for (size_t i = 0; i < n; i++) {
		for (int f = 0; f < 5; f++)
			diff[f] |= field(&keys[i], f) ^ field(&keys[0], f);
		*str |= keys[i].slen != 0;
	}
	for (int f = 0; f < 5; f++) {
		for (int b = 7; b >= 0; b--) {
			if (!((diff[f] >> (8 * b)) & 0xff))
				continue;
			if (v == 16)
				return 17;
			sel[v++] = (uint8_t)(f * 8 + b);
		}
	}
	return v;
}

static unsigned rk_byte(const struct mcol_rk *r, int p)
{
	return (unsigned)((p < 8 ? r->lo >> (8 * p) : r->hi >> (8 * (p - 8))) &
			  0xff);
}

/* Runs of equal packed keys where a string decides: sorted by qsort. */
static void fix_strings(const struct mcol_rk *v, size_t n, uint32_t *out,
			struct sort_ctx *ctx)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;
		int str = ctx->keys[v[i].i].slen != 0;

		while (j < n && v[j].hi == v[i].hi && v[j].lo == v[i].lo)
			str |= ctx->keys[v[j++].i].slen != 0;
		if (j - i > 1 && str)
			qsort_r(out + i, j - i, sizeof(*out), idx_cmp, ctx);
		i = j;
	}
}

void mcol_sort(struct mcol_sorter *s, const struct mkey *keys, size_t n,
	       int desc, uint32_t *out)
{
	struct sort_ctx ctx = {.keys = keys, .desc = desc};
	uint32_t cnt[16][256];
	struct mcol_rk *src, *dst;
	uint8_t sel[16];
	int v, str;

	if (!n)
		return;
	v = vary(keys, n, sel, &str);
	if (v > 16) {
		for (size_t i = 0; i < n; i++)
			out[i] = (uint32_t)i;
		qsort_r(out, n, sizeof(*out), idx_cmp, &ctx);
		return;
	}
	if (s->cap < n) {
		free(s->a);
		free(s->b);
		s->cap = n;
		s->a = xmalloc(n * sizeof(struct mcol_rk));
		s->b = xmalloc(n * sizeof(struct mcol_rk));
	}
	src = s->a;
	dst = s->b;
	memset(cnt, 0, sizeof(cnt[0]) * (size_t)v);
	for (size_t i = 0; i < n; i++) {
		struct mcol_rk *r = &src[i];

		r->hi = r->lo = 0;
		r->i = (uint32_t)i;
		for (int k = 0; k < v; k++) {
			int f = sel[k] >> 3;
			unsigned b = (unsigned)(field(&keys[i], f) >>
						(8 * (sel[k] & 7))) &
				     0xff;

			if (desc && f)
				b ^= 0xff;
			r->hi = r->hi << 8 | r->lo >> 56;
			r->lo = r->lo << 8 | b;
		}
		for (int p = 0; p < v; p++)
			cnt[p][rk_byte(r, p)]++;
	}
	for (int p = 0; p < v; p++) {
		uint32_t sum = 0;
		struct mcol_rk *t;

		if (cnt[p][rk_byte(&src[0], p)] == n)
			continue;
		for (int b = 0; b < 256; b++) {
			uint32_t c = cnt[p][b];

			cnt[p][b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[cnt[p][rk_byte(&src[i], p)]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = src[i].i;
	if (str)
		fix_strings(src, n, out, &ctx);
}
