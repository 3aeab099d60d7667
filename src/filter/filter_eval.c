/*
 * filter_eval.c: the filter evaluated on a socket record, and its
 * canonical text form.
 *
 * For inet sockets the meaning is the kernel's bytecode meaning
 * (net/ipv4/inet_diag.c): prefix rules are family-aware, an IPv4 rule also
 * matches IPv4-mapped IPv6 sockets, a port-only rule matches any family.
 * Other families follow ss's user-space rules: unix names are globbed
 * (case-insensitive), the inode is the unix "port".  bytecode.c's
 * interpreter must agree with this file on every inet record; the
 * property tests check it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "filter_int.h"
#include "xalloc.h"

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

static int is_inet(const struct sk_rec *r)
{
	return r->family == AF_INET || r->family == AF_INET6;
}

/*
 * The "port" of each side, as ss compares it for every family.  Netlink
 * port ids compare as the signed numbers the Local column prints (an
 * autobound id is negative), and the peer's is unknown (-1, shown "*"):
 * no dport matches it, every dport != does.
 */
static int64_t rec_port(const struct sk_rec *r, int side)
{
	switch (r->family) {
	case AF_UNIX:
		return side == FS_SRC ? r->ino : r->a.un.peer;
	case AF_NETLINK:
		return side == FS_SRC ? (int32_t)r->a.nl.portid : -1;
	case AF_PACKET:
		return side == FS_SRC ? r->ifindex : 0;
	case AF_VSOCK:
		return side == FS_SRC ? r->a.vs.src_port : r->a.vs.dst_port;
	default:
		return side == FS_SRC ? r->sport : r->dport;
	}
}

static int bits_match(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned bytes = bits / 8, rest = bits % 8;

	if (memcmp(a, b, bytes))
		return 0;
	if (rest) {
		uint8_t mask = (uint8_t)(0xff << (8 - rest));

		return ((a[bytes] ^ b[bytes]) & mask) == 0;
	}
	return 1;
}

/* The kernel's S_COND/D_COND on an inet socket. */
static int inet_cond(const struct filter_addr *a, const struct sk_rec *r,
		     int side)
{
	const uint8_t *addr = side == FS_SRC ? r->a.in.src : r->a.in.dst;
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0,    0,
					   0, 0, 0, 0, 0xff, 0xff};

	if (a->port != -1 && a->port != rec_port(r, side))
		return 0;
	if (a->family != AF_UNSPEC && a->family != r->family) {
		/* An IPv4 rule also matches IPv4-mapped IPv6 sockets. */
		return r->family == AF_INET6 && a->family == AF_INET &&
		       !memcmp(addr, mapped, 12) &&
		       bits_match(addr + 12, a->addr, a->prefix);
	}
	return bits_match(addr, a->addr, a->prefix);
}

/*
 * A unix name as ss shows it: "@..." for abstract, "" when unnamed.  It
 * is written whole into buf (sz bytes) or, longer (a replayed dump's name
 * can be), into memory allocated for it; the caller frees what is not buf.
 */
static char *unix_name(const struct sk_rec *r, char *buf, size_t sz)
{
	size_t n = 0;

	buf[0] = '\0';
	if (!(r->has & SKR_HAS_NAME) || !r->a.un.name || !r->a.un.name_len)
		return buf;
	n = r->a.un.name_len;
	if (n >= sz)
		buf = xmalloc(n + 1);
	memcpy(buf, r->a.un.name, n);
	buf[n] = '\0';
	if (buf[0] == '\0')
		buf[0] = '@';
	return buf;
}

static int host_one(const struct filter_addr *a, const struct sk_rec *r,
		    int side)
{
	char buf[512], *name;
	uint32_t id;
	int m;

	switch (a->family) {
	case AF_UNIX:
		if (r->family != AF_UNIX)
			return 0;
		/* a peer's name is not known here: dst matches "" */
		buf[0] = '\0';
		name = side == FS_SRC ? unix_name(r, buf, sizeof(buf)) : buf;
		m = fnmatch(a->glob, name, FNM_CASEFOLD) == 0;
		if (name != buf)
			free(name);
		return m;
	case AF_INET:
	case AF_INET6:
		return is_inet(r) && inet_cond(a, r, side);
	case AF_UNSPEC:
		if (is_inet(r))
			return inet_cond(a, r, side);
		return a->port == -1 || a->port == rec_port(r, side);
	default:
		break;
	}
	if (r->family != a->family)
		return 0;
	if (a->port != -1 && a->port != rec_port(r, side))
		return 0;
	if (!a->prefix)
		return 1;
	if (a->family == AF_PACKET)
		id = r->sport;
	else if (a->family == AF_NETLINK)
		id = side == FS_SRC ? r->a.nl.protocol : r->a.nl.dst_group;
	else
		id = side == FS_SRC ? r->a.vs.src_cid : r->a.vs.dst_cid;
	return id == a->id;
}

int filter_autobound(const struct filter *f, const struct sk_rec *r)
{
	char buf[512], *name;
	int m;

	switch (r->family) {
	case AF_INET:
	case AF_INET6:
		/* Time-wait and request sockets carry no bind locks. */
		if (r->state == SKS_TIME_WAIT || r->state == SKS_SYN_RECV ||
		    r->state == SKS_NEW_SYN_RECV)
			return 1;
		return r->sport >= f->eph_lo && r->sport <= f->eph_hi;
	case AF_UNIX:
		name = unix_name(r, buf, sizeof(buf));
		m = !name[0] || (name[0] == '@' && strlen(name) == 6 &&
				 strspn(name + 1, "0123456789abcdef") == 5);
		if (name != buf)
			free(name);
		return m;
	case AF_PACKET:
		return r->ifindex == 0 && r->sport == 0;
	case AF_NETLINK:
		return (int32_t)r->a.nl.portid < 0;
	case AF_VSOCK:
		return r->a.vs.src_port > 1023;
	default:
		return 0;
	}
}

/* An extension's value for r; 0 if r lacks it. */
static int num_value(const struct filter_node *n, const struct sk_rec *r,
		     uint64_t *v)
{
	const struct tcp_info *ti =
		r->x && (r->x->present & SKX_TCPINFO) ? r->x->tcpi : NULL;

	switch (n->field) {
	case FF_UID:
		*v = r->uid;
		return (r->has & SKR_HAS_UID) != 0;
	case FF_RECVQ:
		*v = r->rq;
		return 1;
	case FF_SENDQ:
		*v = r->wq;
		return 1;
	case FF_RTT:
		*v = ti ? ti->tcpi_rtt : 0;
		return ti != NULL;
	case FF_RETRANS:
		*v = ti ? ti->tcpi_total_retrans : 0;
		return ti != NULL;
	case FF_INODE:
		*v = r->ino;
		return 1;
	case FF_COOKIE:
		*v = r->cookie;
		return (r->has & SKR_HAS_COOKIE) != 0;
	default:
		return 0;
	}
}

static int eval_cond(const struct filter *f, const struct filter_node *n,
		     const struct sk_rec *r)
{
	uint64_t v;

	switch (n->kind) {
	case FN_HOST:
		for (uint32_t i = 0; i < n->n_addrs; i++)
			if (host_one(&n->addrs[i], r, n->side))
				return 1;
		return 0;
	case FN_PORT_GE:
		return rec_port(r, n->side) >= (int64_t)n->val;
	case FN_PORT_LE:
		return rec_port(r, n->side) <= (int64_t)n->val;
	case FN_DEV:
		return r->ifindex == n->val;
	case FN_MARK: {
		uint32_t mark =
			r->x && (r->x->present & SKX_MARK) ? r->x->mark : 0;

		return (mark & n->mask) == n->val;
	}
	case FN_CGROUP:
		return (r->x && (r->x->present & SKX_CGROUP) ? r->x->cgroup_id
							     : 0) == n->val;
	case FN_AUTO:
		return filter_autobound(f, r);
	case FN_NUM:
		if (!num_value(n, r, &v))
			return 0;
		switch (n->cmp) {
		case FC_GE:
			return v >= n->val;
		case FC_LE:
			return v <= n->val;
		case FC_NE:
			return v != n->val;
		case FC_GT:
			return v > n->val;
		case FC_LT:
			return v < n->val;
		default:
			return v == n->val;
		}
	case FN_OWNER:
		if (!f->owner || !(r->has & SKR_HAS_INO))
			return 0;
		return f->owner(r->ino, n->field, n->str, (long)n->val,
				f->owner_arg) != 0;
	case FN_NS:
		return f->ns && f->ns(r, n->field, n->str, f->ns_arg) != 0;
	default:
		return 0;
	}
}

/*
 * Down the left spine in a loop, then back up through `up`, evaluating
 * each right operand only when and/or need it: only parentheses recurse.
 */
static int eval(const struct filter *f, const struct filter_node *top,
		const struct sk_rec *r)
{
	const struct filter_node *n = top;
	int v;

	while (filter_node_is_op(n))
		n = n->l;
	v = eval_cond(f, n, r);
	while (n != top) {
		n = n->up;
		if (n->kind == FN_AND)
			v = v && eval(f, n->r, r);
		else if (n->kind == FN_OR)
			v = v || eval(f, n->r, r);
		else
			v = !v;
	}
	return v;
}

int filter_match(const struct filter *f, const struct sk_rec *r)
{
	return !f || !f->root || eval(f, f->root, r);
}

static uint32_t needs_cond(const struct filter_node *n)
{
	if (n->kind == FN_NUM && (n->field == FF_RTT || n->field == FF_RETRANS))
		return FILTER_NEEDS_INFO;
	return 0;
}

static uint32_t needs(const struct filter_node *top)
{
	const struct filter_node *n = top;
	uint32_t v;

	if (!n)
		return 0;
	while (filter_node_is_op(n))
		n = n->l;
	v = needs_cond(n);
	while (n != top) {
		n = n->up;
		if (n->kind != FN_NOT)
			v |= needs(n->r);
	}
	return v;
}

uint32_t filter_needs(const struct filter *f)
{
	return f ? needs(f->root) : 0;
}

static int uses_kind(const struct filter_node *top, int kind)
{
	const struct filter_node *n = top;
	int v;

	if (!n)
		return 0;
	while (filter_node_is_op(n))
		n = n->l;
	v = n->kind == kind;
	while (!v && n != top) {
		n = n->up;
		if (n->kind != FN_NOT)
			v = uses_kind(n->r, kind);
	}
	return v;
}

int filter_needs_owners(const struct filter *f)
{
	return f && uses_kind(f->root, FN_OWNER);
}

int filter_needs_ns(const struct filter *f)
{
	return f && uses_kind(f->root, FN_NS);
}

/* ---- canonical text -------------------------------------------------- */

struct out {
	char *buf;
	size_t sz, len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->sz ? o->buf + o->len : NULL,
		      o->len < o->sz ? o->sz - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static const char *const side_names[] = {[FS_SRC] = "src", [FS_DST] = "dst"};
static const char *const field_names[] = {
	[FF_UID] = "uid",	[FF_RECVQ] = "recvq",	  [FF_SENDQ] = "sendq",
	[FF_RTT] = "rtt",	[FF_RETRANS] = "retrans", [FF_INODE] = "inode",
	[FF_COOKIE] = "cookie",
};
static const char *const cmp_names[] = {
	[FC_EQ] = "=",	[FC_GE] = ">=", [FC_LE] = "<=",
	[FC_NE] = "!=", [FC_GT] = ">",	[FC_LT] = "<"};

static void dump_addr(struct out *o, const struct filter_addr *a)
{
	char ip[INET6_ADDRSTRLEN];

	switch (a->family) {
	case AF_UNIX:
		put(o, "unix:\"%s\"", a->glob);
		return;
	case AF_INET:
		inet_ntop(AF_INET, a->addr, ip, sizeof(ip));
		put(o, "%s/%u", ip, a->prefix);
		break;
	case AF_INET6:
		inet_ntop(AF_INET6, a->addr, ip, sizeof(ip));
		put(o, "[%s]/%u", ip, a->prefix);
		break;
	case AF_UNSPEC:
		put(o, "*");
		break;
	default:
		put(o, "%s:",
		    a->family == AF_PACKET    ? "link"
		    : a->family == AF_NETLINK ? "netlink"
					      : "vsock");
		if (a->prefix)
			put(o, "%u", a->id);
		else
			put(o, "*");
		break;
	}
	if (a->port < 0)
		put(o, ":*");
	else
		put(o, ":%d", a->port);
}

static void dump_cond(struct out *o, const struct filter_node *n)
{
	switch (n->kind) {
	case FN_HOST:
		put(o, "(%s", side_names[n->side]);
		for (uint32_t i = 0; i < n->n_addrs; i++) {
			put(o, " ");
			dump_addr(o, &n->addrs[i]);
		}
		put(o, ")");
		return;
	case FN_PORT_GE:
	case FN_PORT_LE:
		put(o, "(%sport %s %llu)", n->side == FS_SRC ? "s" : "d",
		    n->kind == FN_PORT_GE ? ">=" : "<=",
		    (unsigned long long)n->val);
		return;
	case FN_DEV:
		put(o, "(dev %llu)", (unsigned long long)n->val);
		return;
	case FN_MARK:
		put(o, "(fwmark 0x%llx/0x%x)", (unsigned long long)n->val,
		    n->mask);
		return;
	case FN_CGROUP:
		put(o, "(cgroup %llu)", (unsigned long long)n->val);
		return;
	case FN_AUTO:
		put(o, "autobound");
		return;
	case FN_NUM:
		put(o, "(%s %s %llu)", field_names[n->field], cmp_names[n->cmp],
		    (unsigned long long)n->val);
		return;
	case FN_OWNER:
		if (n->field == FILTER_OWNER_PROC)
			put(o, "(proc \"%s\")", n->str);
		else
			put(o, "(pid %llu)", (unsigned long long)n->val);
		return;
	case FN_NS:
		put(o, "(%s \"%s\")",
		    n->field == FILTER_NS_NETNS ? "netns" : "container",
		    n->str);
		return;
	default:
		put(o, "?");
	}
}

/* (op left right) without recursing down the left spine (see eval). */
static void dump(struct out *o, const struct filter_node *top)
{
	const struct filter_node *n = top;

	for (; filter_node_is_op(n); n = n->l)
		put(o, "(%s ",
		    n->kind == FN_AND  ? "and"
		    : n->kind == FN_OR ? "or"
				       : "not");
	dump_cond(o, n);
	while (n != top) {
		n = n->up;
		if (n->kind != FN_NOT) {
			put(o, " ");
			dump(o, n->r);
		}
		put(o, ")");
	}
}

size_t filter_dump(const struct filter *f, char *buf, size_t sz)
{
	struct out o = {buf, sz, 0};

	if (sz)
		buf[0] = '\0';
	if (f && f->states_given)
		put(&o, "states=0x%x ", f->states);
	if (f && f->families)
		put(&o, "families=0x%llx ", (unsigned long long)f->families);
	if (f && f->root)
		dump(&o, f->root);
	else
		put(&o, "all");
	return o.len;
}
