/*
 * names.h: numbers to the names ss prints, with caches: service names
 * (getservbyport), interface names, IP, link-layer and netlink protocol
 * names, cgroup paths from cgroup2 ids, the ephemeral port range.
 *
 * Lookups read /etc/services, /proc and /sys; nothing here prints.  All
 * returned strings are owned by the cache and live until names_free().
 */
#ifndef SSTOP_NAMES_H
#define SSTOP_NAMES_H

#include <stdint.h>

struct names_cg;
struct names_host;

struct names {
	const char **serv[5];	  /* per service protocol: port -> name or "" */
	char *ifname[64];	  /* small interface indexes */
	int eph_lo, eph_hi;	  /* ephemeral range; eph_lo 0 until read */
	struct names_cg *cg;	  /* cgroup id -> path, built on first use */
	struct names_host *hosts; /* -r: address -> host name, as asked */
	char buf[64];		  /* scratch for numeric answers */
};

/* Which protocol's service names: as ss's dg_proto. */
enum names_proto {
	NAMES_TCP,
	NAMES_UDP,
	NAMES_SCTP,
	NAMES_RAW, /* the "port" is an IP protocol number */
	NAMES_ANY, /* any protocol's name for the port (dg_proto NULL) */
	NAMES_COUNT
};

void names_init(struct names *n);
void names_free(struct names *n);

/*
 * The port as ss prints it: "*" for 0, the number with numeric set, else
 * the service name outside the ephemeral range, or the number.  The result
 * is valid until the next call.
 */
const char *names_service(struct names *n, enum names_proto p, uint16_t port,
			  int numeric);
/* Interface name for ifindex, or "if%u"; valid until names_free(). */
const char *names_ifname(struct names *n, uint32_t ifindex);
/*
 * A packet socket's protocol (host order) as ss prints it: "*" for
 * ETH_P_ALL, else the name ("ip", "arp"...), or "[NUMBER]" when unknown or
 * with numeric set.  The result is valid until the next call.
 */
const char *names_ll_proto(struct names *n, uint16_t proto, int numeric);
/* Netlink protocol name ("rtnl", "tcpdiag"...) or NULL when unknown. */
const char *names_netlink_proto(unsigned proto);
/*
 * -r: the host name of an address (AF_INET: 4 bytes, AF_INET6: 16), as
 * getnameinfo gives it (/etc/hosts, then DNS), sanitized; NULL when the
 * address has no name.  Each address is looked up once; the result lives
 * until names_free().
 */
const char *names_host(struct names *n, int family, const uint8_t *addr);
/* cgroup2 path for id ("/" for the root), or "unreachable:ID". */
const char *names_cgroup(struct names *n, uint64_t id);

#endif
