/*
 * sock.h: the socket record, the one shape every layer of sstop shares.
 *
 * The collection layer (diag.c, replay) fills records from sock_diag
 * messages; the filter evaluates them; batch output and the screen draw
 * them.  A record is small and fixed (the core) so that 100k sockets fit
 * in a few megabytes; whatever only some views need (tcp_info, memory,
 * congestion control, unix details...) hangs off `x`, allocated in the
 * snapshot's arena only when the kernel sent it.
 *
 * Strings inside a record (unix paths, congestion names...) are raw bytes
 * from the kernel: never print them without sanitize.h.
 */
#ifndef SSTOP_SOCK_H
#define SSTOP_SOCK_H

#include <stdint.h>
#include <stddef.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/xdp_diag.h>

/*
 * Socket tables, as ss names them (-A QUERY) and in the order ss prints
 * them.  The value is the bit index in a table mask.
 */
enum sk_tab {
	SKT_NETLINK,
	SKT_PACKET_RAW,
	SKT_PACKET_DGRAM,
	SKT_UNIX_STREAM,
	SKT_UNIX_DGRAM,
	SKT_UNIX_SEQPACKET,
	SKT_RAW,
	SKT_UDP,
	SKT_TCP,
	SKT_DCCP,
	SKT_SCTP,
	SKT_VSOCK_STREAM,
	SKT_VSOCK_DGRAM,
	SKT_MPTCP,
	SKT_TIPC,
	SKT_XDP,
	SKT_UDPLITE, /* sstop only: ss has no table for it */
	SKT_COUNT
};

#define SKT_BIT(t) (1u << (t))
#define SKT_UNIX_MASK                                                          \
	(SKT_BIT(SKT_UNIX_STREAM) | SKT_BIT(SKT_UNIX_DGRAM) |                  \
	 SKT_BIT(SKT_UNIX_SEQPACKET))
#define SKT_PACKET_MASK (SKT_BIT(SKT_PACKET_RAW) | SKT_BIT(SKT_PACKET_DGRAM))
#define SKT_VSOCK_MASK (SKT_BIT(SKT_VSOCK_STREAM) | SKT_BIT(SKT_VSOCK_DGRAM))
#define SKT_INET_MASK                                                          \
	(SKT_BIT(SKT_RAW) | SKT_BIT(SKT_UDP) | SKT_BIT(SKT_TCP) |              \
	 SKT_BIT(SKT_DCCP) | SKT_BIT(SKT_SCTP) | SKT_BIT(SKT_MPTCP) |          \
	 SKT_BIT(SKT_UDPLITE))

/*
 * Socket states, in the kernel's TCP numbering (as ss's SS_* values).
 * Other families map onto these as ss does (unix listening = LISTEN,
 * unconnected = CLOSE).
 */
enum sk_state {
	SKS_UNKNOWN,
	SKS_ESTABLISHED,
	SKS_SYN_SENT,
	SKS_SYN_RECV,
	SKS_FIN_WAIT1,
	SKS_FIN_WAIT2,
	SKS_TIME_WAIT,
	SKS_CLOSE,
	SKS_CLOSE_WAIT,
	SKS_LAST_ACK,
	SKS_LISTEN,
	SKS_CLOSING,
	SKS_NEW_SYN_RECV,
	SKS_BOUND_INACTIVE,
	SKS_MAX
};

#define SKS_BIT(s) (1u << (s))
#define SKS_ALL ((1u << SKS_MAX) - 1)

/* Presence bits for the core's optional fields (rec.has). */
enum {
	SKR_HAS_UID = 1u << 0,
	SKR_HAS_INO = 1u << 1,
	SKR_HAS_COOKIE = 1u << 2,
	SKR_HAS_TIMER = 1u << 3,
	SKR_HAS_SHUTDOWN = 1u << 4,
	SKR_HAS_QUEUES = 1u << 5,
	SKR_HAS_PEER = 1u << 6, /* unix: a.un.peer is valid */
	SKR_HAS_NAME = 1u << 7, /* unix: a.un.name is valid */
	/*
	 * sctp: an association (the kernel sent its peers), listed after
	 * its endpoint; state is then an SCTP_STATE_* value, not SKS_*.
	 */
	SKR_SCTP_ASSOC = 1u << 8,
};

struct sk_ext;
struct sk_tcpc;
struct mptcp_info;
struct sctp_info;

/*
 * One socket.  Inet addresses are in network byte order, IPv4 in the first
 * four bytes; ports in host order.  For unix sockets the "ports" ss prints
 * are the inode and the peer's inode.
 */
struct sk_rec {
	uint8_t tab;	 /* enum sk_tab */
	uint8_t family;	 /* AF_INET, AF_INET6, AF_UNIX, AF_PACKET, ... */
	uint8_t state;	 /* enum sk_state */
	uint8_t timer;	 /* idiag_timer: 0 off, 1 on, 2 keepalive, 3 tw, 4 probe
			  */
	uint8_t retrans; /* idiag_retrans */
	uint8_t shutdown; /* bit 0: receive shut, bit 1: send shut */
	uint16_t has;	  /* SKR_HAS_* */
	uint16_t sport;	  /* inet: local port; packet: protocol (host order) */
	uint16_t dport;	  /* inet: remote port */
	uint32_t ifindex; /* inet: bound device; packet: interface */
	uint32_t uid;
	uint32_t ino;
	uint32_t rq;	  /* Recv-Q (LISTEN: accept queue) */
	uint32_t wq;	  /* Send-Q (LISTEN: backlog) */
	uint32_t expires; /* timer expiry, ms */
	/*
	 * Health codes (SKH_* bits), written by the view layer's health pass
	 * (view/health.h) after the dump; 0: healthy or not assessed.  Sits
	 * in what was padding, so the record does not grow.
	 */
	uint32_t health;
	uint64_t cookie;
	union {
		struct {
			uint8_t src[16];
			uint8_t dst[16];
		} in;
		struct {
			const char *name; /* bytes; abstract names start with
					     '\0' */
			uint32_t name_len;
			uint32_t peer; /* peer inode */
			uint8_t type; /* SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET
				       */
		} un;
		struct {
			uint32_t portid;
			uint32_t dst_portid;
			uint32_t dst_group;
			uint8_t protocol;
		} nl;
		struct {
			uint32_t src_cid, src_port;
			uint32_t dst_cid, dst_port;
			uint8_t type;
		} vs;
		struct {
			uint32_t type; /* SOCK_RAW, SOCK_DGRAM */
		} pk;
		struct {
			uint32_t ifindex, queue_id;
		} xdp;
		struct {
			uint32_t node, ref; /* TIPC_NLA_SOCK_ADDR, _REF */
			uint32_t peer_node,
				peer_ref;  /* TIPC_NLA_CON_NODE, _SOCK */
			uint8_t type;	   /* SOCK_STREAM, SOCK_RDM... */
			uint8_t connected; /* TIPC_NLA_SOCK_CON sent */
		} tipc;
	} a;
	/*
	 * Optional attributes or NULL; owned by the snapshot, and possibly
	 * shared by several records (snap_ext_shared): read-only once the
	 * record is parsed.
	 */
	struct sk_ext *x;
	/*
	 * TCP with INET_DIAG_INFO: the rates worked out from tcp_info's
	 * counters, or NULL; owned by the snapshot, like x.
	 */
	struct sk_tcpc *tc;
};

/* Presence bits for sk_ctr.has and sk_tcpc.has. */
enum {
	SKC_BYTES = 1u << 0,   /* acked, received (4.1) */
	SKC_SEGS = 1u << 1,    /* segs_out, segs_in (4.2) */
	SKC_CHRONO = 1u << 2,  /* busy, rwnd, sndbuf (4.10) */
	SKC_RETRANS = 1u << 3, /* retrans (4.19) */
	/* the rates of sk_tcpc that are set (view/rates.c) */
	SKC_RATE = 1u << 4,	 /* tx, rx */
	SKC_RATE_RETX = 1u << 5, /* retx */
	SKC_RATE_SEGS = 1u << 6, /* sout, sin */
	SKC_RATE_LIM = 1u << 7,	 /* lim_* */
	SKC_RATES = 0xf0u,
};

/*
 * What throughput needs from a TCP socket's tcp_info: its counters as the
 * kernel sent them (an older kernel sends a shorter tcp_info: `has` says
 * which are there).  They live in the snapshot only until the rates are
 * worked out (snap_ctr, snap_ctr_release).
 */
struct sk_ctr {
	uint64_t acked, received, retrans; /* tcpi_bytes_acked, _received,
					      _retrans */
	uint64_t busy, rwnd, sndbuf;	   /* tcpi_busy_time, _rwnd_limited,
					      _sndbuf_limited (us) */
	uint32_t segs_out, segs_in;
	uint8_t has;   /* SKC_* counters */
	uint8_t state; /* tcpi_state */
};

/*
 * A TCP socket's rates over the last refresh, which the view
 * (rates_update) sets on a fresh snapshot before anyone else reads it;
 * 32 bytes, kept as long as the snapshot.
 */
struct sk_tcpc {
	uint8_t has;   /* SKC_BYTES if the kernel sent byte counters, and
			  the SKC_RATE* that are set */
	uint8_t state; /* tcpi_state */
	/* share of the interval limited by rwnd, sndbuf, the application,
	 * per 10000 (SKC_RATE_LIM) */
	uint16_t lim_rwnd, lim_sndbuf, lim_app;
	uint32_t ctr; /* the counters: snap.ctr[ctr], until released */
	/* per second: payload bytes sent (acked) and received (SKC_RATE),
	 * bytes retransmitted (SKC_RATE_RETX), segments out and in
	 * (SKC_RATE_SEGS) */
	float tx, rx, retx, sout, sin;
};

/* Presence bits for sk_ext.present. */
enum {
	SKX_MARK = 1u << 0,
	SKX_CLASS_ID = 1u << 1,
	SKX_CGROUP = 1u << 2,
	SKX_TOS = 1u << 3,
	SKX_TCLASS = 1u << 4,
	SKX_V6ONLY = 1u << 5,
	SKX_SKMEM = 1u << 6,
	SKX_MEMINFO = 1u << 7,
	SKX_TCPINFO = 1u << 8,
	SKX_CONG = 1u << 9,
	SKX_VEGAS = 1u << 10,
	SKX_DCTCP = 1u << 11,
	SKX_BBR = 1u << 12,
	SKX_ULP = 1u << 13,
	SKX_MD5 = 1u << 14,
	SKX_SOCKOPT = 1u << 15,
	SKX_ICONS = 1u << 16, /* unix: pending connections */
	SKX_VFS = 1u << 17,   /* unix: bound file's device and inode */
	SKX_UNIXMEM = 1u << 18,
	SKX_PACKET = 1u << 19, /* packet: info */
	SKX_NETLINK = 1u << 20,
	SKX_PROTOCOL = 1u << 21, /* inet: INET_DIAG_PROTOCOL */
	SKX_BPF = 1u << 22,	 /* -b: classic BPF filter attached */
	SKX_MPTCPINFO =
		1u << 23,	/* mptcp: INET_DIAG_INFO (struct mptcp_info) */
	SKX_TLS = 1u << 24,	/* ULP "tls": sk_ext.tls */
	SKX_SUBFLOW = 1u << 25, /* ULP "mptcp": sk_ext.sf */
	SKX_SCTP_LOCALS = 1u << 26, /* sctp: INET_DIAG_LOCALS */
	SKX_SCTP_PEERS = 1u << 27,  /* sctp: INET_DIAG_PEERS */
	SKX_SCTPINFO = 1u << 28, /* sctp: INET_DIAG_INFO (struct sctp_info) */
	SKX_TIPC = 1u << 29,	 /* tipc: sk_ext.tipc */
};

/* One address of an SCTP socket's list (a struct sockaddr_storage). */
struct sk_saddr {
	uint16_t family; /* AF_INET, AF_INET6; other values print empty */
	uint16_t port;	 /* host order */
	uint8_t addr[16];
};

/* TIPC flags (sk_ext.tipc.flags). */
enum {
	SKX_TIPC_LINK_CONG = 1u << 0, /* TIPC_NLA_SOCK_STAT_LINK_CONG */
	SKX_TIPC_CONN_CONG = 1u << 1, /* TIPC_NLA_SOCK_STAT_CONN_CONG */
	SKX_TIPC_PUBL = 1u << 2,      /* TIPC_NLA_SOCK_HAS_PUBL */
	SKX_TIPC_VIA = 1u << 3,	      /* TIPC_NLA_CON_FLAG: con type/inst */
};

/* sk_ext.xdp.has: which of XDP's -e attributes the kernel sent. */
enum {
	SKX_XDP_RX = 1u << 0,	 /* XDP_DIAG_RX_RING */
	SKX_XDP_TX = 1u << 1,	 /* XDP_DIAG_TX_RING */
	SKX_XDP_UMEM = 1u << 2,	 /* XDP_DIAG_UMEM */
	SKX_XDP_FR = 1u << 3,	 /* XDP_DIAG_UMEM_FILL_RING */
	SKX_XDP_CR = 1u << 4,	 /* XDP_DIAG_UMEM_COMPLETION_RING */
	SKX_XDP_STATS = 1u << 5, /* XDP_DIAG_STATS */
};

/*
 * What only some views need.  All pointers point into the snapshot's
 * arena; the snapshot frees them.  Fields may be appended; do not reorder.
 * A pointer added here is added to diag_cache.c's ext_flat too.
 */
struct sk_ext {
	uint32_t present; /* SKX_* */
	uint32_t mark;
	uint32_t class_id;
	uint8_t tos;
	uint8_t tclass;
	uint8_t v6only;
	uint8_t cc_kind; /* SKX_VEGAS, SKX_DCTCP or SKX_BBR as a small tag */
	uint64_t cgroup_id;
	uint32_t skmem[SK_MEMINFO_VARS]; /* SK_MEMINFO_* order */
	uint8_t skmem_n;		 /* how many the kernel sent */
	struct inet_diag_meminfo meminfo;
	/* INET_DIAG_INFO: zero-filled beyond what the kernel sent */
	struct tcp_info *tcpi;
	uint32_t tcpi_len; /* bytes the kernel sent */
	const char *cong;  /* congestion algorithm, NUL-terminated */
	union {
		struct tcpvegas_info vegas;
		struct tcp_dctcp_info dctcp;
		struct tcp_bbr_info bbr;
	} cc;
	const char *ulp;    /* ULP name ("tls", "mptcp"...) */
	uint32_t md5_count; /* number of MD5 keys */
	struct inet_diag_sockopt sockopt;
	/* unix */
	uint32_t *icons; /* pending connections' inodes */
	uint32_t n_icons;
	uint32_t vfs_ino, vfs_dev;
	/* packet */
	struct {
		uint8_t type;
		uint16_t num; /* protocol, host order */
		uint32_t ifindex;
		uint8_t has_fanout;
		uint32_t fanout;
		uint32_t nbpf; /* classic BPF instructions (-b) */
		void *bpf;     /* struct sock_filter[nbpf] */
		/* PACKET_DIAG_INFO beyond the index (SKX_PACKET) */
		uint32_t version, copy_thresh, flags; /* PDI_* flags */
	} pk;
	/* netlink */
	struct {
		uint32_t *groups; /* bitmap words */
		uint32_t ngroups;
	} nl;
	/* Appended by the engine (diag.c); each has its SKX_* bit. */
	uint8_t protocol; /* INET_DIAG_PROTOCOL (raw: IPPROTO_*) */
	/* mptcp table: INET_DIAG_INFO, zero-filled beyond what was sent */
	struct mptcp_info *mptcpi;
	uint32_t mptcpi_len;
	struct {
		uint16_t version, cipher; /* TLS_VERSION_*, TLS_CIPHER_* */
		uint16_t txconf, rxconf;  /* TLS_CONF_* */
		uint8_t zc_ro_tx, rx_no_pad;
	} tls;
	struct {
		uint64_t map_seq;
		uint32_t token_rem, token_loc;
		uint32_t relwrite_seq, map_sfseq, ssn_offset, flags;
		uint16_t map_datalen;
		uint8_t id_rem, id_loc;
		uint16_t has; /* bit MPTCP_SUBFLOW_ATTR_X: attribute X sent */
	} sf;		      /* MPTCP subflow, MPTCP_SUBFLOW_ATTR_* */
	/* sctp: the address lists, in the kernel's order (whole entries) */
	struct sk_saddr *locals, *peers;
	uint32_t n_locals, n_peers;
	/* sctp: INET_DIAG_INFO, zero-filled beyond what the kernel sent */
	struct sctp_info *sctpi;
	uint32_t sctpi_len;
	/* tipc (SKX_TIPC) */
	struct {
		uint32_t drop;		     /* TIPC_NLA_SOCK_STAT_DROP */
		uint32_t con_type, con_inst; /* TIPC_NLA_CON_TYPE, _INST */
		uint8_t flags;		     /* SKX_TIPC_* */
	} tipc;
	/* xdp: -e's rings, umem and statistics (has: SKX_XDP_*) */
	struct {
		uint8_t has;
		uint32_t rx, tx, fr, cr; /* rings' entries */
		struct xdp_diag_umem umem;
		struct xdp_diag_stats stats;
	} xdp;
};

/*
 * Health codes, one bit each, in the order of their severity: the most
 * urgent is the highest bit, so that a descending sort on the bits puts
 * it first.  Names and ids: format/hcode.h; the rules: view/health.h.
 */
enum sk_health {
	SKH_RETRANS = 1u << 0,	    /* retransmissions or RTO backoff growing */
	SKH_SYN_STUCK = 1u << 1,    /* SYN-SENT for too long */
	SKH_CLOSE_WAIT = 1u << 2,   /* CLOSE-WAIT for too long */
	SKH_RCVBUF_FULL = 1u << 3,  /* receive memory at its limit, drops */
	SKH_ACCEPTQ_FULL = 1u << 4, /* a listener's accept queue is full */
	SKH_ZERO_WINDOW = 1u << 5,  /* the peer advertises a zero window */
};

#define SKH_COUNT 6
/* r's counters when they carry rates (SKC_RATE), else NULL. */
static inline const struct sk_tcpc *sk_rates(const struct sk_rec *r)
{
	return r->tc && (r->tc->has & SKC_RATE) ? r->tc : NULL;
}

/* Names ss prints for a table ("tcp", "u_str"...); never NULL. */
const char *sk_tab_netid(enum sk_tab t);
/* -A identifiers ("tcp", "unix_stream"...); never NULL. */
const char *sk_tab_name(enum sk_tab t);
/* State names as ss prints them ("ESTAB", "LISTEN"...); never NULL. */
const char *sk_state_name(enum sk_state s);

#endif
