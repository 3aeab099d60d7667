/*
 * filter_addr.c: the operands of filter conditions.
 *
 * Reads what follows src/dst/sport/dport/dev/cgroup the way ss's
 * parse_hostcond and friends do: family prefixes (unix: link: netlink:
 * vsock: inet: inet6:), IPv4 with missing parts zero-filled to the right,
 * [v6] in brackets when a port may follow, prefixes, default/any/all,
 * host names (every address), ports by number or service name, unix
 * globs.  Errors point at the part of the operand that is wrong.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "filter_int.h"
#include "i18n.h"
#include "lookup.h"
#include "xalloc.h"

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

static const struct {
	const char *prefix;
	int family;
} fam_prefixes[] = {
	{"unix:", AF_UNIX},   {"link:", AF_PACKET}, {"netlink:", AF_NETLINK},
	{"vsock:", AF_VSOCK}, {"inet:", AF_INET},   {"inet6:", AF_INET6},
};

/* Link-layer protocol names ss accepts most often (ll_proto_a2n). */
static const struct {
	const char *name;
	uint16_t id;
} ll_protos[] = {
	{"all", 0x0003},     {"ip", 0x0800},	{"ipv6", 0x86dd},
	{"arp", 0x0806},     {"rarp", 0x8035},	{"8021q", 0x8100},
	{"802_2", 0x0004},   {"802_3", 0x0001}, {"lldp", 0x88cc},
	{"mpls_uc", 0x8847},
};

/* Netlink protocol names as ss prints them (nl_proto_a2n). */
static const char *const nl_protos[] = {
	[0] = "rtnl",	   [1] = "unused",     [2] = "usersock",
	[3] = "fw",	   [4] = "tcpdiag",    [5] = "nflog",
	[6] = "xfrm",	   [7] = "selinux",    [8] = "iscsi",
	[9] = "audit",	   [10] = "fiblookup", [11] = "connector",
	[12] = "nft",	   [13] = "ip6fw",     [14] = "dec-rt",
	[15] = "uevent",   [16] = "genl",      [18] = "scsi-trans",
	[19] = "ecryptfs", [20] = "rdma",      [21] = "crypto",
	[22] = "smc",
};

static int parse_u32(const char *s, uint32_t *out)
{
	uint64_t v;

	if (filter_parse_size(s, 0, &v) || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int filter_parse_port(struct fparse *p, const struct ftok *t, const char *s,
		      int32_t *port)
{
	uint32_t tabs = p->o->tabs, v;
	int tcp = -1, udp = -1, want_tcp, want_udp;

	if (!*s || !strcmp(s, "*")) {
		*port = -1;
		return 0;
	}
	if (*s >= '0' && *s <= '9') {
		if (parse_u32(s, &v))
			return filter_err_tok(p, t, s, strlen(s),
					      _("'%s' does not look like a "
						"port"),
					      s);
		if (v > 65535)
			return filter_err_tok(p, t, s, strlen(s),
					      _("port %s is out of range"), s);
		*port = (int32_t)v;
		return 0;
	}
	want_tcp = !tabs || (tabs & (SKT_BIT(SKT_TCP) | SKT_BIT(SKT_MPTCP) |
				     SKT_BIT(SKT_DCCP)));
	want_udp = !tabs || (tabs & (SKT_BIT(SKT_UDP) | SKT_BIT(SKT_UDPLITE)));
	if (!want_tcp && !want_udp)
		want_tcp = want_udp = 1;
	/* an entry of any length up to LOOKUP_MAX (lookup.h) */
	if ((want_tcp && lookup_serv_port(s, "tcp", &tcp) == -ERANGE) ||
	    (want_udp && lookup_serv_port(s, "udp", &udp) == -ERANGE))
		return filter_err_tok(p, t, s, strlen(s),
				      _("service '%s': its entry is longer "
					"than %u KiB"),
				      s, LOOKUP_MAX >> 10);
	if (tcp >= 0 && udp >= 0 && tcp != udp)
		return filter_err_tok(p, t, s, strlen(s),
				      _("ambiguous port '%s': %d for tcp, %d "
					"for udp"),
				      s, tcp, udp);
	if (tcp < 0 && udp < 0)
		return filter_err_tok(p, t, s, strlen(s),
				      _("'%s' does not look like a port"), s);
	*port = tcp >= 0 ? tcp : udp;
	return 0;
}

/* IPv4 as iproute2 reads it: base-0 parts, missing ones zero on the right. */
static int parse_v4(const char *s, uint8_t out[4])
{
	memset(out, 0, 4);
	for (int i = 0; i < 4; i++) {
		unsigned long n;
		char *end;

		if (*s < '0' || *s > '9')
			return -1;
		errno = 0;
		n = strtoul(s, &end, 0);
		if (errno || n > 255)
			return -1;
		out[i] = (uint8_t)n;
		if (!*end)
			return 0;
		if (i == 3 || *end != '.')
			return -1;
		s = end + 1;
	}
	return -1;
}

/* An inet prefix (no brackets); 0, or -1 if it is not one. */
static int parse_prefix(const char *s, int fam, struct filter_addr *a)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	size_t alen = slash ? (size_t)(slash - s) : strlen(s);
	int bits;

	if (!strcmp(s, "default") || !strcmp(s, "any") || !strcmp(s, "all")) {
		a->family = (uint8_t)(fam == AF_INET || fam == AF_INET6
					      ? fam
					      : AF_UNSPEC);
		a->prefix = 0;
		return 0;
	}
	if (alen >= sizeof(buf))
		return -1;
	memcpy(buf, s, alen);
	buf[alen] = '\0';
	if (strchr(buf, ':')) {
		if (fam == AF_INET || inet_pton(AF_INET6, buf, a->addr) != 1)
			return -1;
		a->family = AF_INET6;
		bits = 128;
	} else {
		if (fam == AF_INET6 || parse_v4(buf, a->addr))
			return -1;
		a->family = AF_INET;
		bits = 32;
	}
	a->prefix = (uint8_t)bits;
	if (slash) {
		uint32_t v;

		if (parse_u32(slash + 1, &v) || v > (uint32_t)bits)
			return -1;
		a->prefix = (uint8_t)v;
	}
	return 0;
}

/* Every address of a host name, each a full-length prefix. */
static int resolve(struct fparse *p, const char *host, int fam, int32_t port,
		   struct filter_node *n)
{
	struct addrinfo hints = {0}, *ai = NULL, *i;
	size_t cnt = 0, k = 0;

	hints.ai_family = fam == AF_INET || fam == AF_INET6 ? fam : AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, NULL, &hints, &ai) || !ai)
		return -1;
	for (i = ai; i; i = i->ai_next)
		cnt++;
	n->addrs = filter_alloc(p->f, cnt * sizeof(*n->addrs));
	for (i = ai; i; i = i->ai_next) {
		struct filter_addr a = {.port = port};
		size_t j;

		if (i->ai_family == AF_INET) {
			const struct sockaddr_in *sin = (void *)i->ai_addr;

			a.family = AF_INET;
			a.prefix = 32;
			memcpy(a.addr, &sin->sin_addr, 4);
		} else if (i->ai_family == AF_INET6) {
			const struct sockaddr_in6 *sin6 = (void *)i->ai_addr;

			a.family = AF_INET6;
			a.prefix = 128;
			memcpy(a.addr, &sin6->sin6_addr, 16);
		} else {
			continue;
		}
		for (j = 0; j < k; j++)
			if (!memcmp(&n->addrs[j], &a, sizeof(a)))
				break;
		if (j == k)
			n->addrs[k++] = a;
	}
	freeaddrinfo(ai);
	n->n_addrs = (uint32_t)k;
	return k ? 0 : -1;
}

static struct filter_addr *one_addr(struct fparse *p, struct filter_node *n)
{
	n->addrs = filter_alloc(p->f, sizeof(*n->addrs));
	n->n_addrs = 1;
	n->addrs->port = -1;
	return n->addrs;
}

static int parse_packet(struct fparse *p, const struct ftok *t, char *s,
			struct filter_node *n)
{
	struct filter_addr *a = one_addr(p, n);
	char *colon = strchr(s, ':');

	a->family = AF_PACKET;
	if (colon) {
		const char *port = colon + 1;
		uint32_t v;

		*colon = '\0';
		if (*port && strcmp(port, "*")) {
			if (parse_u32(port, &v) && !(v = if_nametoindex(port)))
				return filter_err_tok(p, t, NULL, 0,
						      _("'%s' is not an "
							"interface"),
						      port);
			a->port = (int32_t)v;
		}
	}
	if (*s && strcmp(s, "*")) {
		size_t i;

		for (i = 0; i < sizeof(ll_protos) / sizeof(*ll_protos); i++)
			if (!strcmp(s, ll_protos[i].name))
				break;
		if (i < sizeof(ll_protos) / sizeof(*ll_protos))
			a->id = ll_protos[i].id;
		else if (parse_u32(s, &a->id) || a->id > 0xffff)
			return filter_err_tok(p, t, NULL, 0,
					      _("'%s' is not a link-layer "
						"protocol"),
					      s);
		a->prefix = 32;
	}
	return 0;
}

static int parse_netlink(struct fparse *p, const struct ftok *t, char *s,
			 struct filter_node *n)
{
	struct filter_addr *a = one_addr(p, n);
	char *colon = strchr(s, ':');

	a->family = AF_NETLINK;
	if (colon) {
		const char *port = colon + 1;
		uint32_t v;

		*colon = '\0';
		if (*port && strcmp(port, "*")) {
			if (!strcmp(port, "kernel"))
				v = 0;
			else if (parse_u32(port, &v))
				return filter_err_tok(p, t, NULL, 0,
						      _("'%s' is not a "
							"netlink port id"),
						      port);
			a->port = (int32_t)v;
		}
	}
	if (*s && strcmp(s, "*")) {
		size_t i, np = sizeof(nl_protos) / sizeof(*nl_protos);

		for (i = 0; i < np; i++)
			if (nl_protos[i] && !strcmp(s, nl_protos[i]))
				break;
		if (i < np)
			a->id = (uint32_t)i;
		else if (parse_u32(s, &a->id))
			return filter_err_tok(p, t, NULL, 0,
					      _("'%s' is not a netlink "
						"protocol"),
					      s);
		a->prefix = 32;
	}
	return 0;
}

static int parse_vsock(struct fparse *p, const struct ftok *t, char *s,
		       struct filter_node *n)
{
	struct filter_addr *a = one_addr(p, n);
	char *colon = strrchr(s, ':');

	a->family = AF_VSOCK;
	if (colon) {
		const char *port = colon + 1;
		uint32_t v;

		*colon = '\0';
		if (*port && strcmp(port, "*")) {
			if (parse_u32(port, &v))
				return filter_err_tok(p, t, NULL, 0,
						      _("'%s' is not a vsock "
							"port"),
						      port);
			a->port = (int32_t)v;
		}
	}
	if (*s && strcmp(s, "*")) {
		if (parse_u32(s, &a->id))
			return filter_err_tok(p, t, NULL, 0,
					      _("'%s' is not a vsock CID"), s);
		a->prefix = 32;
	}
	return 0;
}

int filter_parse_host(struct fparse *p, const struct ftok *t, int is_port,
		      struct filter_node *n)
{
	char buf[1024];
	char *s = buf, *host, *port = NULL;
	int fam = p->o->family, rc;
	int32_t portno = -1;
	struct filter_addr *a;

	if (strlen(t->s) >= sizeof(buf))
		return filter_err_tok(p, t, NULL, 0, _("this is too long"));
	strcpy(buf, t->s);
	for (size_t i = 0; i < sizeof(fam_prefixes) / sizeof(*fam_prefixes);
	     i++) {
		size_t l = strlen(fam_prefixes[i].prefix);

		if (!strncmp(s, fam_prefixes[i].prefix, l)) {
			fam = fam_prefixes[i].family;
			p->f->families |= 1ull << fam;
			s += l;
			break;
		}
	}
	n->kind = FN_HOST;
	if (fam == AF_UNIX) {
		a = one_addr(p, n);
		a->family = AF_UNIX;
		a->glob = filter_strdup(p->f, s);
		return 0;
	}
	if (fam == AF_PACKET)
		return parse_packet(p, t, s, n);
	if (fam == AF_NETLINK)
		return parse_netlink(p, t, s, n);
	if (fam == AF_VSOCK)
		return parse_vsock(p, t, s, n);

	host = s;
	if (is_port) {
		port = s;
		host = NULL;
	} else if (*s == '[') {
		char *close = strchr(s, ']');

		if (!close)
			return filter_err_tok(p, t, s, 1,
					      _("this '[' is never closed"));
		*close = '\0';
		host = s + 1;
		if (close[1] == ':')
			port = close + 2;
		else if (close[1])
			return filter_err_tok(
				p, t, t->s + (close + 1 - buf), 1,
				_("expected ':' and a port after ']'"));
	} else {
		char *slash = strchr(s, '/'), *c1 = strchr(s, ':');

		/* ss reads "::1" as host ":" and port "1": say what helps. */
		if (c1 && strchr(c1 + 1, ':') && !slash)
			return filter_err_tok(p, t, NULL, 0,
					      _("an IPv6 address needs "
						"brackets: [%s]"),
					      s);
		port = strrchr(slash ? slash : s, ':');
		if (port)
			*port++ = '\0';
	}
	if (port) {
		if (is_port && *port == ':')
			port++;
		/* The port is a suffix of the token: errors can point at it. */
		rc = filter_parse_port(p, t, t->s + (port - buf), &portno);
		if (rc)
			return rc;
	}
	if (!host || !*host || !strcmp(host, "*")) {
		a = one_addr(p, n);
		a->family = (uint8_t)(fam == AF_INET || fam == AF_INET6
					      ? fam
					      : AF_UNSPEC);
		a->port = portno;
		return 0;
	}
	a = one_addr(p, n);
	a->port = portno;
	if (parse_prefix(host, fam, a) == 0)
		return 0;
	if (!p->o->no_dns && !strchr(host, '/') &&
	    resolve(p, host, fam, portno, n) == 0)
		return 0;
	if (strchr(host, '/'))
		return filter_err_tok(p, t, t->s + (host - buf), strlen(host),
				      _("'%s' is not an address prefix"), host);
	/* the first error, and a lookup might have answered it */
	if (p->o->no_dns && p->res->ok)
		p->res->need_dns = 1;
	return filter_err_tok(p, t, t->s + (host - buf), strlen(host),
			      _("'%s' is neither an address nor a known "
				"host name"),
			      host);
}

int filter_parse_dev(struct fparse *p, const struct ftok *t,
		     struct filter_node *n)
{
	unsigned idx = if_nametoindex(t->s);
	uint32_t v;

	if (!idx) {
		if (parse_u32(t->s, &v) || !v)
			return filter_err_tok(p, t, NULL, 0,
					      _("no device '%s'"), t->s);
		idx = v;
	}
	n->val = idx;
	n->str = filter_strdup(p->f, t->s);
	return 0;
}

int filter_parse_cgroup(struct fparse *p, const struct ftok *t,
			struct filter_node *n)
{
	/* mountinfo's lines whole, a mount point of any length */
	char *mnt = lookup_cgroup2_mount(), *path;
	const char *root = mnt ? mnt : "/sys/fs/cgroup";
	size_t len = strlen(root) + strlen(t->s) + 2;
	struct stat st;
	int rc;

	path = xmalloc(len);
	snprintf(path, len, "%s%s%s", root, t->s[0] == '/' ? "" : "/", t->s);
	/* A cgroup2 directory's inode number is the cgroup's id. */
	rc = stat(path, &st) || !S_ISDIR(st.st_mode);
	free(path);
	free(mnt);
	if (rc)
		return filter_err_tok(p, t, NULL, 0, _("no cgroup '%s'"), t->s);
	n->val = st.st_ino;
	n->str = filter_strdup(p->f, t->s);
	return 0;
}
