/*
 * select.c: ss's selection options turned into masks of tables, families
 * and states (see select.h).
 *
 * ss keeps three things apart while it reads its options, and so do we:
 * the tables and families named so far (each also ORs in its default
 * states), a separate "state filter" set by -a, -l, -A and the state words,
 * and whether anything was named at all (else every table is listed).  At
 * the end the state filter, when set, replaces the ORed default states, and
 * each table drags in its family and each family its tables.  The result is
 * ss 6.1's, quirks included (`ss -u` lists only ESTAB sockets; `ss -u -a`
 * lists all).
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "i18n.h"
#include "select.h"
#include "sock.h"

#define FAM(af) (1ull << (af))
/* ss's SS_ALL: the twelve states ss knows, not the kernel's extra ones. */
#define SS_ALL (SKS_BIT(SKS_NEW_SYN_RECV) - 1)
#define SS_CONN                                                                \
	(SS_ALL & ~(SKS_BIT(SKS_LISTEN) | SKS_BIT(SKS_CLOSE) |                 \
		    SKS_BIT(SKS_TIME_WAIT) | SKS_BIT(SKS_SYN_RECV)))
#define SS_INET (FAM(AF_INET) | FAM(AF_INET6))
/* ss's default for TIPC: its sockets are established, listening or open. */
#define TIPC_SS_CONN                                                           \
	(SKS_BIT(SKS_ESTABLISHED) | SKS_BIT(SKS_LISTEN) | SKS_BIT(SKS_CLOSE))

/* What naming a table implies: its default states and families. */
struct tab_default {
	uint32_t states;
	uint64_t families;
};

static const struct tab_default tab_defaults[SKT_COUNT] = {
	[SKT_TCP] = {SS_CONN, SS_INET},
	[SKT_DCCP] = {SS_CONN, SS_INET},
	[SKT_UDP] = {SKS_BIT(SKS_ESTABLISHED), SS_INET},
	[SKT_RAW] = {SKS_BIT(SKS_ESTABLISHED), SS_INET},
	[SKT_UNIX_DGRAM] = {SKS_BIT(SKS_CLOSE), FAM(AF_UNIX)},
	[SKT_UNIX_STREAM] = {SS_CONN, FAM(AF_UNIX)},
	[SKT_UNIX_SEQPACKET] = {SS_CONN, FAM(AF_UNIX)},
	[SKT_PACKET_DGRAM] = {SKS_BIT(SKS_CLOSE), FAM(AF_PACKET)},
	[SKT_PACKET_RAW] = {SKS_BIT(SKS_CLOSE), FAM(AF_PACKET)},
	[SKT_NETLINK] = {SKS_BIT(SKS_CLOSE), FAM(AF_NETLINK)},
	[SKT_SCTP] = {SS_CONN, SS_INET},
	[SKT_VSOCK_STREAM] = {SS_CONN, FAM(AF_VSOCK)},
	[SKT_VSOCK_DGRAM] = {SS_CONN, FAM(AF_VSOCK)},
	[SKT_TIPC] = {TIPC_SS_CONN, FAM(AF_TIPC)},
	[SKT_XDP] = {SKS_BIT(SKS_CLOSE), FAM(AF_XDP)},
	[SKT_MPTCP] = {SS_CONN, SS_INET},
	[SKT_UDPLITE] = {SKS_BIT(SKS_ESTABLISHED), SS_INET},
};

#define INET_TABS                                                              \
	(SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP) | SKT_BIT(SKT_DCCP) |             \
	 SKT_BIT(SKT_SCTP) | SKT_BIT(SKT_MPTCP) | SKT_BIT(SKT_RAW))

/* What naming a family implies: its tables and default states. */
struct fam_default {
	int af;
	uint32_t tabs;
	uint32_t states;
};

static const struct fam_default fam_defaults[] = {
	{AF_INET, INET_TABS, SS_CONN},
	{AF_INET6, INET_TABS, SS_CONN},
	{AF_UNIX, SKT_UNIX_MASK, SS_CONN},
	{AF_PACKET, SKT_PACKET_MASK, SKS_BIT(SKS_CLOSE)},
	{AF_NETLINK, SKT_BIT(SKT_NETLINK), SKS_BIT(SKS_CLOSE)},
	{AF_VSOCK, SKT_VSOCK_MASK, SS_CONN},
	{AF_TIPC, SKT_BIT(SKT_TIPC), TIPC_SS_CONN},
	{AF_XDP, SKT_BIT(SKT_XDP), SKS_BIT(SKS_CLOSE)},
};

#define ALL_TABS                                                               \
	(SKT_BIT(SKT_UDP) | SKT_BIT(SKT_DCCP) | SKT_BIT(SKT_TCP) |             \
	 SKT_BIT(SKT_MPTCP) | SKT_BIT(SKT_RAW) | SKT_UNIX_MASK |               \
	 SKT_PACKET_MASK | SKT_BIT(SKT_NETLINK) | SKT_BIT(SKT_SCTP) |          \
	 SKT_VSOCK_MASK | SKT_BIT(SKT_XDP))

/* -A identifiers, with ss's short aliases. */
struct query {
	const char *name;
	uint32_t tabs;
};

static const struct query queries[] = {
	{"all", ALL_TABS},
	{"inet", INET_TABS},
	{"udp", SKT_BIT(SKT_UDP)},
	{"dccp", SKT_BIT(SKT_DCCP)},
	{"tcp", SKT_BIT(SKT_TCP)},
	{"mptcp", SKT_BIT(SKT_MPTCP)},
	{"sctp", SKT_BIT(SKT_SCTP)},
	{"raw", SKT_BIT(SKT_RAW)},
	{"unix", SKT_UNIX_MASK},
	{"unix_stream", SKT_BIT(SKT_UNIX_STREAM)},
	{"u_str", SKT_BIT(SKT_UNIX_STREAM)},
	{"unix_dgram", SKT_BIT(SKT_UNIX_DGRAM)},
	{"u_dgr", SKT_BIT(SKT_UNIX_DGRAM)},
	{"unix_seqpacket", SKT_BIT(SKT_UNIX_SEQPACKET)},
	{"u_seq", SKT_BIT(SKT_UNIX_SEQPACKET)},
	{"packet", SKT_PACKET_MASK},
	{"packet_raw", SKT_BIT(SKT_PACKET_RAW)},
	{"p_raw", SKT_BIT(SKT_PACKET_RAW)},
	{"packet_dgram", SKT_BIT(SKT_PACKET_DGRAM)},
	{"p_dgr", SKT_BIT(SKT_PACKET_DGRAM)},
	{"netlink", SKT_BIT(SKT_NETLINK)},
	{"tipc", SKT_BIT(SKT_TIPC)},
	{"vsock", SKT_VSOCK_MASK},
	{"vsock_stream", SKT_BIT(SKT_VSOCK_STREAM)},
	{"v_str", SKT_BIT(SKT_VSOCK_STREAM)},
	{"vsock_dgram", SKT_BIT(SKT_VSOCK_DGRAM)},
	{"v_dgr", SKT_BIT(SKT_VSOCK_DGRAM)},
	{"xdp", SKT_BIT(SKT_XDP)},
};

/* -f names. */
struct family_name {
	const char *name;
	int af;
};

static const struct family_name family_names[] = {
	{"inet", AF_INET},   {"inet6", AF_INET6},     {"link", AF_PACKET},
	{"unix", AF_UNIX},   {"netlink", AF_NETLINK}, {"tipc", AF_TIPC},
	{"vsock", AF_VSOCK}, {"xdp", AF_XDP},
};

/* State words; groups first.  ss compares them case-insensitively. */
struct state_name {
	const char *name;
	uint32_t mask;
};

static const struct state_name state_names[] = {
	{"all", SS_ALL},
	{"connected", SS_ALL & ~(SKS_BIT(SKS_CLOSE) | SKS_BIT(SKS_LISTEN))},
	{"synchronized", SS_ALL & ~(SKS_BIT(SKS_CLOSE) | SKS_BIT(SKS_LISTEN) |
				    SKS_BIT(SKS_SYN_SENT))},
	{"bucket", SKS_BIT(SKS_SYN_RECV) | SKS_BIT(SKS_TIME_WAIT)},
	{"big", SS_ALL & ~(SKS_BIT(SKS_SYN_RECV) | SKS_BIT(SKS_TIME_WAIT))},
	{"established", SKS_BIT(SKS_ESTABLISHED)},
	{"syn-sent", SKS_BIT(SKS_SYN_SENT)},
	{"syn-recv", SKS_BIT(SKS_SYN_RECV)},
	{"syn-rcv", SKS_BIT(SKS_SYN_RECV)},
	{"fin-wait-1", SKS_BIT(SKS_FIN_WAIT1)},
	{"fin-wait-2", SKS_BIT(SKS_FIN_WAIT2)},
	{"time-wait", SKS_BIT(SKS_TIME_WAIT)},
	{"closed", SKS_BIT(SKS_CLOSE)},
	{"close", SKS_BIT(SKS_CLOSE)},
	{"unconnected", SKS_BIT(SKS_CLOSE)},
	{"close-wait", SKS_BIT(SKS_CLOSE_WAIT)},
	{"last-ack", SKS_BIT(SKS_LAST_ACK)},
	{"listening", SKS_BIT(SKS_LISTEN)},
	{"closing", SKS_BIT(SKS_CLOSING)},
	{"unknown", SKS_BIT(SKS_UNKNOWN)},
};

uint32_t sel_state_mask(const char *name)
{
	for (size_t i = 0; i < sizeof(state_names) / sizeof(*state_names); i++)
		if (!strcasecmp(state_names[i].name, name))
			return state_names[i].mask;
	return 0;
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

void sel_init(struct sk_select *s)
{
	memset(s, 0, sizeof(*s));
	s->do_default = 1;
}

static void tabs_set(struct sk_select *s, uint32_t tabs, int enable)
{
	for (int t = 0; t < SKT_COUNT; t++) {
		if (!(tabs & SKT_BIT(t)))
			continue;
		if (enable) {
			s->states |= tab_defaults[t].states;
			s->tabs |= SKT_BIT(t);
		} else {
			s->tabs &= ~SKT_BIT(t);
		}
	}
	s->do_default = 0;
	s->tabs_set = 1;
}

static void family_set(struct sk_select *s, int af)
{
	for (size_t i = 0; i < ARRAY_LEN(fam_defaults); i++) {
		if (fam_defaults[i].af != af)
			continue;
		s->states |= fam_defaults[i].states;
		/* a family of tables a kernel may lack names them */
		if (af == AF_VSOCK || af == AF_TIPC || af == AF_XDP)
			s->named |= fam_defaults[i].tabs;
	}
	s->fam_mask |= FAM(af);
	s->pref_family = (uint8_t)af;
	s->do_default = 0;
	s->fams_set = 1;
}

/* One -A word, "!" disabling. */
static int query_apply(struct sk_select *s, const char *w, size_t n)
{
	int enable = 1;

	if (n && w[0] == '!') {
		enable = 0;
		w++;
		n--;
	}
	for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
		if (strlen(queries[i].name) == n &&
		    !strncmp(queries[i].name, w, n)) {
			tabs_set(s, queries[i].tabs, enable);
			/* "all" and "inet" only imply their tables */
			if (!enable)
				s->named &= ~queries[i].tabs;
			else if (queries[i].tabs != ALL_TABS &&
				 queries[i].tabs != INET_TABS)
				s->named |= queries[i].tabs;
			return 0;
		}
	}
	return -EINVAL;
}

static int query_option(struct sk_select *s, const char *arg,
			struct sel_err *err)
{
	const char *p = arg;

	if (!s->saw_query) {
		s->tabs = 0;
		if (!s->state_filter)
			s->state_filter = SS_CONN;
		s->saw_query = 1;
		s->do_default = 0;
	}
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (query_apply(s, p, n)) {
			err->msg = _("illegal socket table id in -A");
			return -EINVAL;
		}
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

const char *sel_family_name(int af)
{
	for (size_t i = 0; i < ARRAY_LEN(family_names); i++)
		if (family_names[i].af == af)
			return family_names[i].name;
	return NULL;
}

static int family_option(struct sk_select *s, const char *arg,
			 struct sel_err *err)
{
	for (size_t i = 0; i < ARRAY_LEN(family_names); i++) {
		if (!strcmp(family_names[i].name, arg)) {
			family_set(s, family_names[i].af);
			return 0;
		}
	}
	err->msg = _("invalid family for -f (inet, inet6, link, unix, "
		     "netlink, tipc, vsock or xdp)");
	return -EINVAL;
}

int sel_option(struct sk_select *s, int opt, const char *arg,
	       struct sel_err *err)
{
	switch (opt) {
	case 't':
		tabs_set(s, SKT_BIT(SKT_TCP), 1);
		s->named |= SKT_BIT(SKT_TCP);
		return 0;
	case 'u':
		tabs_set(s, SKT_BIT(SKT_UDP), 1);
		s->named |= SKT_BIT(SKT_UDP);
		return 0;
	case 'd':
		tabs_set(s, SKT_BIT(SKT_DCCP), 1);
		s->named |= SKT_BIT(SKT_DCCP);
		return 0;
	case 'w':
		tabs_set(s, SKT_BIT(SKT_RAW), 1);
		s->named |= SKT_BIT(SKT_RAW);
		return 0;
	case 'S':
		tabs_set(s, SKT_BIT(SKT_SCTP), 1);
		s->named |= SKT_BIT(SKT_SCTP);
		return 0;
	case 'M':
		tabs_set(s, SKT_BIT(SKT_MPTCP), 1);
		s->named |= SKT_BIT(SKT_MPTCP);
		return 0;
	case 'x':
		family_set(s, AF_UNIX);
		return 0;
	case '4':
		family_set(s, AF_INET);
		return 0;
	case '6':
		family_set(s, AF_INET6);
		return 0;
	case '0':
		family_set(s, AF_PACKET);
		return 0;
	case SEL_OPT_VSOCK:
		family_set(s, AF_VSOCK);
		return 0;
	case SEL_OPT_TIPC:
		family_set(s, AF_TIPC);
		return 0;
	case SEL_OPT_XDP:
		family_set(s, AF_XDP);
		return 0;
	case 'a':
		s->state_filter = SS_ALL;
		s->all = 1;
		s->listen = 0;
		return 0;
	case 'l':
		s->state_filter = SKS_BIT(SKS_LISTEN) | SKS_BIT(SKS_CLOSE);
		s->listen = 1;
		s->all = 0;
		return 0;
	case 'f':
		return family_option(s, arg ? arg : "", err);
	case 'A':
		return query_option(s, arg ? arg : "", err);
	default:
		return 1;
	}
}

int sel_state(struct sk_select *s, const char *name, int exclude,
	      struct sel_err *err)
{
	uint32_t mask = sel_state_mask(name);

	if (!mask) {
		err->msg = _("wrong state name");
		return -EINVAL;
	}
	/* The first state word starts afresh: it overrides -a and -l. */
	if (!s->states_set)
		s->state_filter = exclude ? SS_ALL : 0;
	if (exclude)
		s->state_filter &= ~mask;
	else
		s->state_filter |= mask;
	s->states_set = 1;
	return 0;
}

void sel_finish(struct sk_select *s)
{
	if (s->do_default) {
		if (!s->state_filter)
			s->state_filter = SS_CONN;
		tabs_set(s, ALL_TABS, 1);
		s->tabs_set = 0;
		s->do_default = 1;
	}
	if (s->state_filter)
		s->states = s->state_filter;

	/* Each table drags in its families, each family its tables. */
	for (int t = 0; t < SKT_COUNT; t++) {
		if ((s->tabs & SKT_BIT(t)) &&
		    !(tab_defaults[t].families & s->fam_mask))
			s->fam_mask |= tab_defaults[t].families;
	}
	for (size_t i = 0; i < ARRAY_LEN(fam_defaults); i++) {
		if ((s->fam_mask & FAM(fam_defaults[i].af)) &&
		    !(fam_defaults[i].tabs & s->tabs))
			s->tabs |= fam_defaults[i].tabs;
	}
	s->families = (uint32_t)(s->fam_mask & 0xffffffffu);
}
