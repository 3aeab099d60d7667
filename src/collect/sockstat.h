/*
 * sockstat.h: the namespace's socket totals as `ss -s` reads them, from
 * /proc/net/sockstat, sockstat6, protocols and snmp (those of the network
 * namespace sstop runs in, the one -N entered): what the header shows as
 * the host's counts while a filter narrows the table.  No printing.
 */
#ifndef SSTOP_SOCKSTAT_H
#define SSTOP_SOCKSTAT_H

struct sockstat {
	unsigned tcp;	/* TCP and TCP6 inuse, plus tw (what -ta lists, but
			   the connections still in their handshake) */
	unsigned estab; /* Tcp CurrEstab: ESTAB and CLOSE-WAIT, as ss -s */
	unsigned tw;	/* TCP tw */
	unsigned udp;	/* UDP and UDP6 inuse (UDP-Lite aside) */
	unsigned raw;	/* RAW and RAW6 inuse */
	unsigned unx;	/* /proc/net/protocols' UNIX and UNIX-STREAM sockets */
};

/*
 * Reads the totals of the current network namespace (dir NULL: /proc/net;
 * else a directory holding files of the same names, for tests).  Returns
 * 0 when sockstat was read (the other files' figures stay 0 when they
 * cannot be), else a negative errno.
 */
int sockstat_read(struct sockstat *s, const char *dir);

#endif
