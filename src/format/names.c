/*
 * names.c: the name caches behind ss-compatible output (see names.h).
 *
 * ss resolves every port through getservbyport and walks the cgroup2 tree
 * to turn cgroup ids into paths; both are slow enough to cache: a table of
 * 65536 entries per protocol is allocated on first use, the cgroup tree is
 * walked once.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <net/if.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>

#include "lookup.h"
#include "names.h"
#include "sanitize.h"
#include "xalloc.h"

struct cg_ent {
	uint64_t id;
	char *path;
};

struct host_ent {
	int family;
	uint8_t addr[16];
	char *name; /* NULL: no name */
};

struct names_host {
	struct host_ent *v;
	size_t n, cap;
};

struct names_cg {
	struct cg_ent *v;
	size_t n, cap;
	char unreach[48];
};

static const char *const serv_proto[] = {
	[NAMES_TCP] = "tcp", [NAMES_UDP] = "udp", [NAMES_SCTP] = "sctp",
	[NAMES_RAW] = "raw", [NAMES_ANY] = NULL,
};

static const char *const nl_protos[] = {
	[NETLINK_ROUTE] = "rtnl",
	[1] = "unused",
	[NETLINK_USERSOCK] = "usersock",
	[NETLINK_FIREWALL] = "fw",
	[NETLINK_SOCK_DIAG] = "tcpdiag",
	[NETLINK_NFLOG] = "nflog",
	[NETLINK_XFRM] = "xfrm",
	[NETLINK_SELINUX] = "selinux",
	[NETLINK_ISCSI] = "iscsi",
	[NETLINK_AUDIT] = "audit",
	[NETLINK_FIB_LOOKUP] = "fiblookup",
	[NETLINK_CONNECTOR] = "connector",
	[NETLINK_NETFILTER] = "nft",
	[NETLINK_IP6_FW] = "ip6fw",
	[NETLINK_DNRTMSG] = "dec-rt",
	[NETLINK_KOBJECT_UEVENT] = "uevent",
	[NETLINK_GENERIC] = "genl",
	[NETLINK_SCSITRANSPORT] = "scsi-trans",
	[NETLINK_ECRYPTFS] = "ecryptfs",
	[NETLINK_RDMA] = "rdma",
	[NETLINK_CRYPTO] = "crypto",
};

void names_init(struct names *n)
{
	memset(n, 0, sizeof(*n));
}

void names_free(struct names *n)
{
	if (n->hosts) {
		for (size_t i = 0; i < n->hosts->n; i++)
			free(n->hosts->v[i].name);
		free(n->hosts->v);
		free(n->hosts);
	}
	for (size_t p = 0; p < NAMES_COUNT; p++) {
		if (!n->serv[p])
			continue;
		for (size_t i = 0; i < 65536; i++)
			if (n->serv[p][i] && n->serv[p][i][0])
				free((char *)n->serv[p][i]);
		free(n->serv[p]);
	}
	for (size_t i = 0; i < 64; i++)
		free(n->ifname[i]);
	if (n->cg) {
		for (size_t i = 0; i < n->cg->n; i++)
			free(n->cg->v[i].path);
		free(n->cg->v);
		free(n->cg);
	}
	memset(n, 0, sizeof(*n));
}

/* The range is per network namespace; ss falls back to 1024-4999. */
static void read_ephemeral(struct names *n)
{
	FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "r");

	if (!f || fscanf(f, "%d %d", &n->eph_lo, &n->eph_hi) != 2) {
		n->eph_lo = 1024;
		n->eph_hi = 4999;
	}
	if (f)
		fclose(f);
}

static const char *lookup_service(struct names *n, enum names_proto p,
				  uint16_t port)
{
	const char **tab;

	if (!n->serv[p])
		n->serv[p] = xcalloc(65536, sizeof(*n->serv[p]));
	tab = n->serv[p];
	if (!tab[port]) {
		char *name = NULL;

		if (!n->eph_lo)
			read_ephemeral(n);
		/* an entry of any length (lookup.h) */
		if ((port < n->eph_lo || port > n->eph_hi) &&
		    lookup_serv_name(port, serv_proto[p], &name))
			name = NULL;
		if (name && !name[0]) {
			free(name);
			name = NULL;
		}
		tab[port] = name ? name : "";
	}
	return tab[port][0] ? tab[port] : NULL;
}

const char *names_service(struct names *n, enum names_proto p, uint16_t port,
			  int numeric)
{
	const char *s = NULL;

	if (port == 0)
		return "*";
	if (!numeric && p == NAMES_RAW) {
		struct protoent *pe = getprotobynumber(port);

		/* ss names an unknown IP protocol, it never prints a number */
		if (pe)
			return pe->p_name;
		snprintf(n->buf, sizeof(n->buf), "ipproto-%u", port);
		return n->buf;
	} else if (!numeric && (unsigned)p < NAMES_COUNT) {
		s = lookup_service(n, p, port);
	}
	if (s)
		return s;
	{
		/* "%u" without printf: every row of a numeric listing */
		char d[8], *q = d + sizeof(d), *o = n->buf;

		do {
			*--q = (char)('0' + port % 10);
			port /= 10;
		} while (port);
		while (q < d + sizeof(d))
			*o++ = *q++;
		*o = '\0';
	}
	return n->buf;
}

/*
 * Link-layer protocols as ss 6.1 names them (iproute2's ll_proto table, in
 * its order: the first match wins, so 0x0800 is "ip", not "ipv4").
 */
static const struct {
	uint16_t id;
	const char *name;
} ll_protos[] = {
	{ETH_P_LOOP, "loop"},
	{ETH_P_PUP, "pup"},
	{ETH_P_PUPAT, "pupat"},
	{ETH_P_IP, "ip"},
	{ETH_P_X25, "x25"},
	{ETH_P_ARP, "arp"},
	{ETH_P_BPQ, "bpq"},
	{ETH_P_IEEEPUP, "ieeepup"},
	{ETH_P_IEEEPUPAT, "ieeepupat"},
	{ETH_P_DEC, "dec"},
	{ETH_P_DNA_DL, "dna_dl"},
	{ETH_P_DNA_RC, "dna_rc"},
	{ETH_P_DNA_RT, "dna_rt"},
	{ETH_P_LAT, "lat"},
	{ETH_P_DIAG, "diag"},
	{ETH_P_CUST, "cust"},
	{ETH_P_SCA, "sca"},
	{ETH_P_RARP, "rarp"},
	{ETH_P_ATALK, "atalk"},
	{ETH_P_AARP, "aarp"},
	{ETH_P_IPX, "ipx"},
	{ETH_P_IPV6, "ipv6"},
	{ETH_P_PPP_DISC, "ppp_disc"},
	{ETH_P_PPP_SES, "ppp_ses"},
	{ETH_P_ATMMPOA, "atmmpoa"},
	{ETH_P_ATMFATE, "atmfate"},
	{ETH_P_802_3, "802_3"},
	{ETH_P_AX25, "ax25"},
	{ETH_P_ALL, "all"},
	{ETH_P_802_2, "802_2"},
	{ETH_P_SNAP, "snap"},
	{ETH_P_DDCMP, "ddcmp"},
	{ETH_P_WAN_PPP, "wan_ppp"},
	{ETH_P_PPP_MP, "ppp_mp"},
	{ETH_P_LOCALTALK, "localtalk"},
	{ETH_P_CAN, "can"},
	{ETH_P_PPPTALK, "ppptalk"},
	{ETH_P_TR_802_2, "tr_802_2"},
	{ETH_P_MOBITEX, "mobitex"},
	{ETH_P_CONTROL, "control"},
	{ETH_P_IRDA, "irda"},
	{ETH_P_ECONET, "econet"},
	{ETH_P_TIPC, "tipc"},
	{ETH_P_PROFINET, "profinet"},
	{ETH_P_AOE, "aoe"},
	{ETH_P_ETHERCAT, "ethercat"},
	{ETH_P_8021Q, "802.1Q"},
	{ETH_P_8021AD, "802.1ad"},
	{ETH_P_MPLS_UC, "mpls_uc"},
	{ETH_P_MPLS_MC, "mpls_mc"},
	{ETH_P_TEB, "teb"},
	{0x88cc, "LLDP"},
	{ETH_P_IP, "ipv4"},
};

const char *names_ll_proto(struct names *n, uint16_t proto, int numeric)
{
	if (proto == ETH_P_ALL)
		return "*";
	if (!numeric)
		for (size_t i = 0; i < sizeof(ll_protos) / sizeof(ll_protos[0]);
		     i++)
			if (ll_protos[i].id == proto)
				return ll_protos[i].name;
	snprintf(n->buf, sizeof(n->buf), "[%u]", proto);
	return n->buf;
}

const char *names_ifname(struct names *n, uint32_t ifindex)
{
	char tmp[IF_NAMESIZE];
	static const char unknown[] = "";

	if (ifindex < 64 && n->ifname[ifindex])
		return n->ifname[ifindex];
	if (!if_indextoname(ifindex, tmp))
		snprintf(tmp, sizeof(tmp), "if%u", ifindex);
	if (ifindex < 64) {
		n->ifname[ifindex] = xstrdup(tmp);
		return n->ifname[ifindex];
	}
	snprintf(n->buf, sizeof(n->buf), "%s", tmp);
	return n->buf[0] ? n->buf : unknown;
}

const char *names_netlink_proto(unsigned proto)
{
	if (proto < sizeof(nl_protos) / sizeof(nl_protos[0]))
		return nl_protos[proto];
	return NULL;
}

static void cg_add(struct names_cg *cg, uint64_t id, const char *path)
{
	cg->v = xgrow(cg->v, &cg->cap, cg->n + 1, sizeof(*cg->v));
	cg->v[cg->n].id = id;
	cg->v[cg->n].path = xstrdup(path);
	cg->n++;
}

/* The id of a cgroup2 directory is its file handle (8 bytes). */
static int cg_id(const char *dir, uint64_t *id)
{
	struct {
		struct file_handle fh;
		uint64_t id;
	} h;
	int mnt;

	h.fh.handle_bytes = sizeof(h.id);
	if (name_to_handle_at(AT_FDCWD, dir, &h.fh, &mnt, 0) < 0 ||
	    h.fh.handle_bytes != sizeof(uint64_t))
		return -1;
	memcpy(id, h.fh.f_handle, sizeof(*id));
	return 0;
}

static void cg_walk(struct names_cg *cg, char *path, size_t root_len,
		    size_t cap, int depth)
{
	size_t len = strlen(path);
	DIR *d;
	struct dirent *e;
	uint64_t id;

	if (!cg_id(path, &id))
		cg_add(cg, id, len > root_len ? path + root_len : "/");
	if (depth > 32 || !(d = opendir(path)))
		return;
	while ((e = readdir(d))) {
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (len + strlen(e->d_name) + 2 > cap)
			continue;
		snprintf(path + len, cap - len, "/%s", e->d_name);
		cg_walk(cg, path, root_len, cap, depth + 1);
		path[len] = '\0';
	}
	closedir(d);
}

const char *names_cgroup(struct names *n, uint64_t id)
{
	struct names_cg *cg = n->cg;

	if (!cg) {
		/* PATH_MAX: the kernel opens no longer path, nor do we */
		char path[4096], *mnt = lookup_cgroup2_mount();

		cg = n->cg = xcalloc(1, sizeof(*cg));
		if (mnt && strlen(mnt) < sizeof(path)) {
			snprintf(path, sizeof(path), "%s", mnt);
			cg_walk(cg, path, strlen(path), sizeof(path), 0);
		}
		free(mnt);
	}
	for (size_t i = 0; i < cg->n; i++)
		if (cg->v[i].id == id)
			return cg->v[i].path;
	snprintf(cg->unreach, sizeof(cg->unreach), "unreachable:%" PRIx64, id);
	return cg->unreach;
}

/*
 * A few dozen distinct addresses at most in practice: a linear cache is
 * enough, and it keeps one slow lookup per address.
 */
const char *names_host(struct names *n, int family, const uint8_t *addr)
{
	size_t alen = family == AF_INET ? 4 : 16;
	struct sockaddr_storage ss;
	struct host_ent *e;
	char host[NI_MAXHOST];
	socklen_t sl;

	if (!n->hosts)
		n->hosts = xcalloc(1, sizeof(*n->hosts));
	for (size_t i = 0; i < n->hosts->n; i++) {
		e = &n->hosts->v[i];
		if (e->family == family && !memcmp(e->addr, addr, alen))
			return e->name;
	}
	n->hosts->v = xgrow(n->hosts->v, &n->hosts->cap, n->hosts->n + 1,
			    sizeof(*n->hosts->v));
	e = &n->hosts->v[n->hosts->n++];
	memset(e, 0, sizeof(*e));
	e->family = family;
	memcpy(e->addr, addr, alen);
	memset(&ss, 0, sizeof(ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		memcpy(&a->sin_addr, addr, 4);
		sl = sizeof(*a);
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		memcpy(&a->sin6_addr, addr, 16);
		sl = sizeof(*a);
	}
	if (getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), NULL, 0,
			NI_NAMEREQD) == 0) {
		size_t len = san_escape(NULL, 0, host, strlen(host)) + 1;

		e->name = xmalloc(len);
		san_escape(e->name, len, host, strlen(host));
	}
	return e->name;
}
