/*
 * ssfmt_cols.c: the columns every row has (Netid, State, Recv-Q, Send-Q)
 * and an inet socket's Local and Peer Address:Port, written straight into
 * the cells' text: digits and addresses are formatted in place, with no
 * string in between, no copy and no strlen (a listing of a million sockets
 * spends its user time here).  Split from ssfmt.c.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "ssfmt.h"
#include "ssfmt_int.h"

/* "00" to "99": two digits per division. */
static const char pairs[201] = "0001020304050607080910111213141516171819"
			       "2021222324252627282930313233343536373839"
			       "4041424344454647484950515253545556575859"
			       "6061626364656667686970717273747576777879"
			       "8081828384858687888990919293949596979899";

/* v's decimal digits at p; returns their end. */
static char *put_dec(char *p, uint32_t v)
{
	size_t n = v < 10	  ? 1
		   : v < 100	  ? 2
		   : v < 1000	  ? 3
		   : v < 10000	  ? 4
		   : v < 100000	  ? 5
		   : v < 1000000  ? 6
		   : v < 10000000 ? 7
				  : 8;
	char *e;

	for (uint32_t t = v / 100000000; t; t /= 10)
		n++;
	e = p + n;
	while (v >= 100) {
		e -= 2;
		memcpy(e, pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(e - 2, pairs + 2 * v, 2);
	else
		e[-1] = (char)('0' + v);
	return p + n;
}

/* An address byte's digits (0-255) at p; returns their end. */
static char *put_octet(char *p, unsigned v)
{
	if (v >= 100) {
		*p++ = (char)('0' + v / 100);
		v %= 100;
		memcpy(p, pairs + 2 * v, 2);
		return p + 2;
	}
	if (v >= 10) {
		memcpy(p, pairs + 2 * v, 2);
		return p + 2;
	}
	*p = (char)('0' + v);
	return p + 1;
}

/* Dotted IPv4 (inet_ntop's text) at p, 15 bytes at most; returns its end. */
static char *put_inet4(char *p, const uint8_t *a)
{
	p = put_octet(p, a[0]);
	*p++ = '.';
	p = put_octet(p, a[1]);
	*p++ = '.';
	p = put_octet(p, a[2]);
	*p++ = '.';
	return put_octet(p, a[3]);
}

static int is_any6(const uint8_t *a)
{
	static const uint8_t any6[16];

	return !memcmp(a, any6, 16);
}

/* An inet address as ss prints it at p (48 bytes); returns its end. */
static char *put_inet(char *p, int family, const uint8_t *addr, int v6only)
{
	if (family == AF_INET)
		return put_inet4(p, addr);
	if (!v6only && is_any6(addr)) {
		*p++ = '*';
		return p;
	}
	*p++ = '[';
	inet_ntop(AF_INET6, addr, p, INET6_ADDRSTRLEN);
	p += strlen(p);
	*p++ = ']';
	return p;
}

const char *ssfmt_inet_addr(char *buf, size_t n, int family,
			    const uint8_t *addr, int v6only)
{
	char tmp[INET6_ADDRSTRLEN + 2];

	if (family == AF_INET && n >= INET_ADDRSTRLEN) {
		/* inet_ntop's text, without its sprintf (hot in listings) */
		*put_inet4(buf, addr) = '\0';
		return buf;
	}
	if (family == AF_INET) {
		inet_ntop(AF_INET, addr, buf, (socklen_t)n);
		return buf;
	}
	*put_inet(tmp, family, addr, v6only) = '\0';
	snprintf(buf, n, "%s", tmp);
	return buf;
}

/* A queue length as ss prints it ("%-6d") at p (20 bytes); its end. */
static char *put_queue(char *p, int32_t v)
{
	char *s = p;
	uint32_t u = (uint32_t)v;

	memcpy(p, "      ", 6);
	if (v < 0) {
		*p++ = '-';
		u = 0u - u;
	}
	p = put_dec(p, u);
	return p - s < 6 ? s + 6 : p;
}

/* A NUL-terminated string of known length into column c. */
static void put_known(struct ssfmt *f, enum ssfmt_col c, const char *s,
		      size_t n)
{
	char *p = ssfmt_room(f, n);

	memcpy(p, s, n);
	ssfmt_cell_end(f, c, p + n);
}

void ssfmt_state_cols(struct ssfmt *f, const struct sk_rec *r)
{
	char *p;

	if (ssfmt_sctp_is_assoc(f, r)) {
		/* ss: an association's Netid is empty, its state SCTP's */
		ssfmt_put_str(f, SSF_STATE, "`- ");
		ssfmt_put_str(f, SSF_STATE, ssfmt_sctp_state(r->state));
	} else {
		/* ss names TIPC sockets by their type (ti_st...) */
		ssfmt_put_str(f, SSF_NETID, ssfmt_netid(r));
		if (r->state < SKS_MAX)
			put_known(f, SSF_STATE, f->stname[r->state],
				  f->stlen[r->state]);
		else
			ssfmt_put_str(f, SSF_STATE,
				      sk_state_name((enum sk_state)r->state));
	}
	p = ssfmt_room(f, 40);
	p = put_queue(p, (int32_t)r->rq);
	ssfmt_cell_end(f, SSF_RECVQ, p);
	p = put_queue(p, (int32_t)r->wq);
	ssfmt_cell_end(f, SSF_SENDQ, p);
}

/*
 * An address as ss prints it, with -r its host name where it has one (ss
 * keeps the v6 wildcard "*"; brackets only around a numeric v6 address),
 * then ifname's "%NAME" if any and the ':' before the port.
 */
static void addr_col(struct ssfmt *f, enum ssfmt_col c, int family,
		     const uint8_t *addr, int v6only, const char *ifname)
{
	const char *name;
	char *p;

	if (f->o.resolve && (family == AF_INET || v6only || !is_any6(addr)) &&
	    (name = names_host(&f->names, family, addr))) {
		char a[128];

		snprintf(a, sizeof(a), strchr(name, ':') ? "[%s]" : "%s", name);
		ssfmt_put_str(f, c, a);
	} else {
		p = put_inet(ssfmt_room(f, 64), family, addr, v6only);
		if (!ifname)
			*p++ = ':';
		ssfmt_cell_end(f, c, p);
		if (!ifname)
			return;
	}
	if (ifname) {
		ssfmt_put(f, c, "%", 1);
		ssfmt_put_str(f, c, ifname);
	}
	ssfmt_put(f, c, ":", 1);
}

static void port_col(struct ssfmt *f, enum ssfmt_col c, enum names_proto p,
		     uint16_t port)
{
	char *q;

	if (!f->o.numeric && port) {
		ssfmt_put_str(f, c, names_service(&f->names, p, port, 0));
		return;
	}
	q = ssfmt_room(f, 8);
	if (port)
		q = put_dec(q, port);
	else
		*q++ = '*';
	ssfmt_cell_end(f, c, q);
}

void ssfmt_inet_ends(struct ssfmt *f, const struct sk_rec *r,
		     const uint8_t *src, const uint8_t *dst, int v6only,
		     enum names_proto p)
{
	addr_col(f, SSF_LADDR, r->family, src, v6only,
		 r->ifindex ? names_ifname(&f->names, r->ifindex) : NULL);
	port_col(f, SSF_LPORT, p, r->sport);
	addr_col(f, SSF_PADDR, r->family, dst, v6only, NULL);
	port_col(f, SSF_PPORT, p, r->dport);
}
