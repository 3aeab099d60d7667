/*
 * sock.c: names of socket tables and states, as ss prints them.
 */
#include "config.h"

#include "sock.h"

struct tab_names {
	const char *netid; /* Netid column */
	const char *query; /* -A identifier */
};

static const struct tab_names tab_names[SKT_COUNT] = {
	[SKT_NETLINK] = {"nl", "netlink"},
	[SKT_PACKET_RAW] = {"p_raw", "packet_raw"},
	[SKT_PACKET_DGRAM] = {"p_dgr", "packet_dgram"},
	[SKT_UNIX_STREAM] = {"u_str", "unix_stream"},
	[SKT_UNIX_DGRAM] = {"u_dgr", "unix_dgram"},
	[SKT_UNIX_SEQPACKET] = {"u_seq", "unix_seqpacket"},
	[SKT_RAW] = {"raw", "raw"},
	[SKT_UDP] = {"udp", "udp"},
	[SKT_TCP] = {"tcp", "tcp"},
	[SKT_DCCP] = {"dccp", "dccp"},
	[SKT_SCTP] = {"sctp", "sctp"},
	[SKT_VSOCK_STREAM] = {"v_str", "vsock_stream"},
	[SKT_VSOCK_DGRAM] = {"v_dgr", "vsock_dgram"},
	[SKT_MPTCP] = {"mptcp", "mptcp"},
	[SKT_TIPC] = {"tipc", "tipc"},
	[SKT_XDP] = {"xdp", "xdp"},
	[SKT_UDPLITE] = {"udpl", "udplite"},
};

static const char *const state_names[SKS_MAX] = {
	[SKS_UNKNOWN] = "UNKNOWN",	 [SKS_ESTABLISHED] = "ESTAB",
	[SKS_SYN_SENT] = "SYN-SENT",	 [SKS_SYN_RECV] = "SYN-RECV",
	[SKS_FIN_WAIT1] = "FIN-WAIT-1",	 [SKS_FIN_WAIT2] = "FIN-WAIT-2",
	[SKS_TIME_WAIT] = "TIME-WAIT",	 [SKS_CLOSE] = "UNCONN",
	[SKS_CLOSE_WAIT] = "CLOSE-WAIT", [SKS_LAST_ACK] = "LAST-ACK",
	[SKS_LISTEN] = "LISTEN",	 [SKS_CLOSING] = "CLOSING",
	[SKS_NEW_SYN_RECV] = "SYN-RECV", [SKS_BOUND_INACTIVE] = "UNKNOWN",
};

const char *sk_tab_netid(enum sk_tab t)
{
	return (unsigned)t < SKT_COUNT ? tab_names[t].netid : "???";
}

const char *sk_tab_name(enum sk_tab t)
{
	return (unsigned)t < SKT_COUNT ? tab_names[t].query : "???";
}

const char *sk_state_name(enum sk_state s)
{
	return (unsigned)s < SKS_MAX && state_names[s] ? state_names[s]
						       : "UNKNOWN";
}
