/*
 * netstat.h: the namespace's protocol counters that tell of trouble no
 * socket shows any more (a connection dropped before it was accepted, a
 * datagram dropped for want of buffer), read from /proc/net/netstat and
 * /proc/net/snmp: those of the network namespace sstop runs in (the one
 * -N entered).  No printing.
 */
#ifndef SSTOP_NETSTAT_H
#define SSTOP_NETSTAT_H

#include <stdint.h>

/* The counters, as the kernel counts them (monotonic since boot). */
struct netstat {
	uint64_t listen_overflows;  /* TcpExt ListenOverflows */
	uint64_t listen_drops;	    /* TcpExt ListenDrops */
	uint64_t tcp_retrans_segs;  /* Tcp RetransSegs */
	uint64_t tcp_timeouts;	    /* TcpExt TCPTimeouts */
	uint64_t tcp_curr_estab;    /* Tcp CurrEstab (a gauge, not a count) */
	uint64_t udp_rcvbuf_errors; /* Udp RcvbufErrors */
	uint64_t udp_in_errors;	    /* Udp InErrors */
	unsigned have;		    /* NETSTAT_HAVE_* */
};

enum {
	NETSTAT_HAVE_NETSTAT = 1u << 0, /* /proc/net/netstat was read */
	NETSTAT_HAVE_SNMP = 1u << 1,	/* /proc/net/snmp was read */
};

/*
 * Reads the counters of the current network namespace (dir NULL: /proc/net;
 * else a directory holding files named netstat and snmp, for tests).
 * Counters a file lacks stay 0.  Returns 0 when at least one file was
 * read, else a negative errno.
 */
int netstat_read(struct netstat *ns, const char *dir);

#endif
