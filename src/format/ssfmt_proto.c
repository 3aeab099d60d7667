/*
 * ssfmt_proto.c: what ss 6.1 prints for SCTP and TIPC sockets.
 *
 * SCTP: an endpoint's line, then one line per association, whose Netid
 * is empty and whose State reads "`- ESTAB" (SCTP state names); ss tells
 * them apart by the inode, an association's being its endpoint's, and so
 * do we.  -o shows the T3_RTX timer; -m/-i the memory, the local and peer
 * address lists and struct sctp_info's non-zero fields.
 *
 * TIPC: node:ref for each end ("-" for the peer when unconnected), the
 * socket type as Netid (ti_st...), -e's details, then --tipcinfo's line.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <stdint.h>
#include <linux/sctp.h>

#include "ssfmt.h"
#include "ssfmt_int.h"

/* SCTP_STATE_* names, as ss prints them (ss's sctp_sstate_name). */
static const char *const sctp_states[] = {
	[0] = "CLOSED",
	[1] = "COOKIE_WAIT",
	[2] = "COOKIE_ECHOED",
	[3] = "ESTAB",
	[4] = "SHUTDOWN_PENDING",
	[5] = "SHUTDOWN_SENT",
	[6] = "SHUTDOWN_RECEIVED",
	[7] = "ACK_SENT",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *ssfmt_sctp_state(unsigned int state)
{
	return state < NELEM(sctp_states) ? sctp_states[state] : "UNKNOWN";
}

int ssfmt_sctp_is_assoc(const struct ssfmt *f, const struct sk_rec *r)
{
	return r->tab == SKT_SCTP && f->sctp_ino && r->ino == f->sctp_ino;
}

void ssfmt_sctp_timer(struct ssfmt *f, const struct sk_rec *r)
{
	char t[64];

	if (r->timer)
		ssfmt_out(f, SSF_PROC, " timer:(T3_RTX,%s,%d)",
			  ssfmt_timer(t, sizeof(t), r->expires),
			  (int)r->retrans);
}

/* One address of a list: numeric (v6 without brackets) or its name. */
static void sctp_addr(struct ssfmt *f, const struct sk_saddr *a)
{
	char b[128];
	const char *name;

	if (a->family != AF_INET && a->family != AF_INET6)
		return; /* ss prints nothing for another family */
	if (f->o.resolve &&
	    (name = names_host(&f->names, a->family, a->addr))) {
		ssfmt_put_str(f, SSF_PROC, name);
		return;
	}
	ssfmt_inet_addr(b, sizeof(b), a->family, a->addr, 1);
	if (a->family == AF_INET6) {
		/* ssfmt_inet_addr brackets v6; ss's lists do not */
		size_t l = strlen(b);

		ssfmt_put(f, SSF_PROC, b + 1, l > 2 ? l - 2 : 0);
		return;
	}
	ssfmt_put_str(f, SSF_PROC, b);
}

static void sctp_list(struct ssfmt *f, const char *label,
		      const struct sk_saddr *v, uint32_t n)
{
	ssfmt_put_str(f, SSF_PROC, label);
	for (uint32_t k = 0; k < n; k++) {
		if (k)
			ssfmt_put_str(f, SSF_PROC, ",");
		sctp_addr(f, &v[k]);
	}
}

/* sctp_info's fields ss prints when non-zero, in its order and formats. */
enum sctp_fmt { DEC, HEX, STATE };

static const struct {
	const char *label;
	size_t off;
	uint8_t size; /* bytes: 1, 2 or 4 */
	uint8_t fmt;  /* enum sctp_fmt */
} sctp_fields[] = {
#define F(l, m, f)                                                             \
	{                                                                      \
		l, offsetof(struct sctp_info, m),                              \
			sizeof(((struct sctp_info *)0)->m), f                  \
	}
	F(" tag:", sctpi_tag, HEX),
	F(" state:", sctpi_state, STATE),
	F(" rwnd:", sctpi_rwnd, DEC),
	F(" unackdata:", sctpi_unackdata, DEC),
	F(" penddata:", sctpi_penddata, DEC),
	F(" instrms:", sctpi_instrms, DEC),
	F(" outstrms:", sctpi_outstrms, DEC),
	F(" inqueue:", sctpi_inqueue, DEC),
	F(" outqueue:", sctpi_outqueue, DEC),
	F(" overerr:", sctpi_overall_error, DEC),
	F(" maxburst:", sctpi_max_burst, DEC),
	F(" maxseg:", sctpi_maxseg, DEC),
	F(" prwnd:", sctpi_peer_rwnd, DEC),
	F(" ptag:", sctpi_peer_tag, HEX),
	F(" pcapable:", sctpi_peer_capable, DEC),
	F(" psack:", sctpi_peer_sack, DEC),
	F(" autoclose:", sctpi_s_autoclose, DEC),
	F(" adapind:", sctpi_s_adaptation_ind, DEC),
	F(" pdpoint:", sctpi_s_pd_point, DEC),
	F(" nodelay:", sctpi_s_nodelay, DEC),
	F(" nofrag:", sctpi_s_disable_fragments, DEC),
	F(" v4mapped:", sctpi_s_v4mapped, DEC),
	F(" fraginl:", sctpi_s_frag_interleave, DEC),
#undef F
};

static uint32_t field_value(const struct sctp_info *i, size_t k)
{
	const unsigned char *p = (const unsigned char *)i + sctp_fields[k].off;
	uint32_t v32;
	uint16_t v16;

	switch (sctp_fields[k].size) {
	case 1:
		return *p;
	case 2:
		memcpy(&v16, p, sizeof(v16));
		return v16;
	default:
		memcpy(&v32, p, sizeof(v32));
		return v32;
	}
}

static void sctp_stats(struct ssfmt *f, const struct sctp_info *i)
{
	for (size_t k = 0; k < NELEM(sctp_fields); k++) {
		uint32_t v = field_value(i, k);

		if (!v)
			continue;
		ssfmt_put_str(f, SSF_PROC, sctp_fields[k].label);
		if (sctp_fields[k].fmt == HEX)
			ssfmt_out(f, SSF_PROC, "%x", v);
		else if (sctp_fields[k].fmt == STATE)
			ssfmt_put_str(f, SSF_PROC, ssfmt_sctp_state(v));
		else /* ss prints them with %d */
			ssfmt_out(f, SSF_PROC, "%d", (int)v);
	}
}

void ssfmt_sctp_info(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sk_ext *x = r->x;

	if (!x)
		return;
	ssfmt_skmem(f, x);
	if (x->present & SKX_SCTP_LOCALS)
		sctp_list(f, " locals:", x->locals, x->n_locals);
	if (x->present & SKX_SCTP_PEERS)
		sctp_list(f, " peers:", x->peers, x->n_peers);
	if ((x->present & SKX_SCTPINFO) && x->sctpi)
		sctp_stats(f, x->sctpi);
}

/* ---- TIPC ---- */

/* ss's tipc_netid_name and stype_nameg, by socket type. */
static const struct {
	const char *netid, *type;
} tipc_types[] = {
	[SOCK_STREAM] = {"ti_st", "STREAM"},
	[SOCK_DGRAM] = {"ti_dg", "DGRAM"},
	[SOCK_RDM] = {"ti_rd", "RDM"},
	[SOCK_SEQPACKET] = {"ti_sq", "SEQPACKET"},
};

const char *ssfmt_tipc_netid(unsigned int type)
{
	return type < NELEM(tipc_types) && tipc_types[type].netid
		       ? tipc_types[type].netid
		       : "???";
}

const char *ssfmt_netid(const struct sk_rec *r)
{
	if (r->tab == SKT_TIPC)
		return ssfmt_tipc_netid(r->a.tipc.type);
	/* ss names a seqpacket VSOCK socket "???" */
	if (r->family == AF_VSOCK && r->a.vs.type != SOCK_STREAM &&
	    r->a.vs.type != SOCK_DGRAM)
		return "???";
	/* raw_diag's raw sockets: ss names them by their IP protocol */
	if (r->tab == SKT_RAW && r->x && (r->x->present & SKX_PROTOCOL)) {
		switch (r->x->protocol) {
		case 0:
			return "raw";
		case IPPROTO_UDP:
			return "udp";
		case IPPROTO_TCP:
			return "tcp";
		case IPPROTO_SCTP:
			return "sctp";
		case IPPROTO_DCCP:
			return "dccp";
		case IPPROTO_ICMPV6:
			return "icmp6";
		default:
			return "???";
		}
	}
	return sk_tab_netid((enum sk_tab)r->tab);
}

static const char *tipc_type(unsigned int type)
{
	return type < NELEM(tipc_types) && tipc_types[type].type
		       ? tipc_types[type].type
		       : "UNKNOWN";
}

/* --tipcinfo, as ss prints it (spaces included). */
static void tipc_info(struct ssfmt *f, const struct sk_rec *r)
{
	const struct sk_ext *x = r->x;
	uint8_t fl = x && (x->present & SKX_TIPC) ? x->tipc.flags : 0;

	ssfmt_out(f, SSF_PROC, "%stype:%s", f->o.oneline ? " " : "\n ",
		  tipc_type(r->a.tipc.type));
	ssfmt_out(f, SSF_PROC, " cong:%s ",
		  fl & SKX_TIPC_LINK_CONG   ? "link"
		  : fl & SKX_TIPC_CONN_CONG ? "conn"
					    : "none");
	ssfmt_out(f, SSF_PROC, " drop:%d ",
		  x && (x->present & SKX_TIPC) ? (int)x->tipc.drop : 0);
	if (fl & SKX_TIPC_PUBL)
		ssfmt_put_str(f, SSF_PROC, " publ");
	if (fl & SKX_TIPC_VIA)
		ssfmt_out(f, SSF_PROC, " via {%u,%u} ", x->tipc.con_type,
			  x->tipc.con_inst);
}

void ssfmt_tipc_rec(struct ssfmt *f, const struct sk_rec *r)
{
	ssfmt_state_cols(f, r);
	ssfmt_ends_cols(f, r);
	/* ss: details before the owners, unlike inet */
	if (f->o.extended) {
		if (r->uid)
			ssfmt_out(f, SSF_PROC, " uid:%u", r->uid);
		ssfmt_out(f, SSF_PROC, " ino:%u sk:%llx", r->ino,
			  (unsigned long long)r->cookie);
	}
	ssfmt_users_col(f, r);
	if (f->o.tipcinfo)
		tipc_info(f, r);
}
