/*
 * json.c: --json output (see json.h).
 *
 * tcp_info's fields come from the one table (tcpi.h), so that every field
 * the kernel sent is printed by name without a ladder of printfs; fields
 * beyond what the kernel sent (tcpi_len) are left out.  sctp_info has a
 * table of (name, offset, size) here; SCTP address lists and TIPC's ends
 * are objects and arrays.  Owners (-p) come from the owners map, already
 * in ss's order.
 */
#include "config.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/sctp.h>

#include "hcode.h"
#include "json.h"
#include "nsset.h"
#include "owners.h"
#include "sanitize.h"
#include "sock.h"
#include "ssfmt.h"
#include "tcpi.h"
#include "xalloc.h"

/* A field of a kernel struct: its name, where it lies, its size. */
struct json_field {
	const char *name;
	size_t off;
	uint8_t size;
};

/* struct sctp_info's fields, by their kernel names less "sctpi_". */
#define S(n)                                                                   \
	{                                                                      \
#n, offsetof(struct sctp_info, sctpi_##n),                     \
			sizeof(((struct sctp_info *)0)->sctpi_##n)             \
	}

static const struct json_field sctpi_fields[] = {
	S(tag),
	S(state),
	S(rwnd),
	S(unackdata),
	S(penddata),
	S(instrms),
	S(outstrms),
	S(fragmentation_point),
	S(inqueue),
	S(outqueue),
	S(overall_error),
	S(max_burst),
	S(maxseg),
	S(peer_rwnd),
	S(peer_tag),
	S(peer_capable),
	S(peer_sack),
	S(isacks),
	S(osacks),
	S(opackets),
	S(ipackets),
	S(rtxchunks),
	S(outofseqtsns),
	S(idupchunks),
	S(gapcnt),
	S(ouodchunks),
	S(iuodchunks),
	S(oodchunks),
	S(iodchunks),
	S(octrlchunks),
	S(ictrlchunks),
	S(p_state),
	S(p_cwnd),
	S(p_srtt),
	S(p_rto),
	S(p_hbinterval),
	S(p_pathmaxrxt),
	S(p_sackdelay),
	S(p_sackfreq),
	S(p_ssthresh),
	S(p_partial_bytes_acked),
	S(p_flight_size),
	S(p_error),
	S(s_autoclose),
	S(s_adaptation_ind),
	S(s_pd_point),
	S(s_nodelay),
	S(s_disable_fragments),
	S(s_v4mapped),
	S(s_frag_interleave),
	S(s_type),
};

#undef S

static const char *const skmem_names[SK_MEMINFO_VARS] = {
	[SK_MEMINFO_RMEM_ALLOC] = "rmem_alloc",
	[SK_MEMINFO_RCVBUF] = "rcvbuf",
	[SK_MEMINFO_WMEM_ALLOC] = "wmem_alloc",
	[SK_MEMINFO_SNDBUF] = "sndbuf",
	[SK_MEMINFO_FWD_ALLOC] = "fwd_alloc",
	[SK_MEMINFO_WMEM_QUEUED] = "wmem_queued",
	[SK_MEMINFO_OPTMEM] = "optmem",
	[SK_MEMINFO_BACKLOG] = "backlog",
	[SK_MEMINFO_DROPS] = "drops",
};

static const char *const timer_names[] = {
	"off", "on", "keepalive", "timewait", "persist", "unknown",
};

/*
 * JSON's own escapes, not the terminal's: `"` and `\` escaped, controls
 * (C0, DEL, C1) and the invisible format characters san_escape() shows
 * as \uXXXX (a surrogate pair beyond the BMP), so the text stays safe to
 * print and a parser gets the real characters back.  A byte that is not
 * UTF-8 cannot be said in JSON: it becomes U+FFFD.
 */
void json_string(FILE *out, const char *s, size_t len)
{
	size_t i = 0;

	fputc('"', out);
	while (i < len) {
		uint32_t cp = 0;
		size_t n = san_utf8(s + i, len - i, &cp);

		if (!n) {
			fputs("\\ufffd", out);
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (san_control(cp) || san_invisible(cp)) {
			if (cp > 0xffff)
				fprintf(out, "\\u%04x\\u%04x",
					(unsigned)(0xd800 +
						   ((cp - 0x10000) >> 10)),
					(unsigned)(0xdc00 +
						   ((cp - 0x10000) & 0x3ff)));
			else
				fprintf(out, "\\u%04x", (unsigned)cp);
		} else
			fwrite(s + i, 1, n, out);
		i += n;
	}
	fputc('"', out);
}

static void key(FILE *out, const char *k)
{
	fprintf(out, ",\"%s\":", k);
}

/* tcp_info as an object: the fields the kernel sent (tcpi.h's table). */
static void tcpi(FILE *out, const struct sk_ext *x)
{
	fputs(",\"tcp_info\":{", out);
	for (int id = 0; id < TI_COUNT; id++)
		if (tcpi_sent((enum tcpi_id)id, x->tcpi_len))
			fprintf(out, "%s\"%s\":%" PRIu64, id ? "," : "",
				tcpi_fields[id].name,
				tcpi_get(x->tcpi, (enum tcpi_id)id));
	fputc('}', out);
}

/* sctp_info as an object: the fields the kernel sent, unsigned. */
static void sctpi(FILE *out, const struct sk_ext *x)
{
	const unsigned char *base = (const unsigned char *)x->sctpi;
	int first = 1;

	fputs(",\"sctp_info\":{", out);
	for (size_t i = 0; i < sizeof(sctpi_fields) / sizeof(sctpi_fields[0]);
	     i++) {
		const struct json_field *f = &sctpi_fields[i];
		uint64_t v = 0;
		uint32_t v32;
		uint16_t v16;

		if (f->off + f->size > x->sctpi_len)
			continue;
		if (f->size == 1) {
			v = base[f->off];
		} else if (f->size == 2) {
			memcpy(&v16, base + f->off, 2);
			v = v16;
		} else if (f->size == 4) {
			memcpy(&v32, base + f->off, 4);
			v = v32;
		} else {
			memcpy(&v, base + f->off, 8);
		}
		fprintf(out, "%s\"%s\":%" PRIu64, first ? "" : ",", f->name, v);
		first = 0;
	}
	fputc('}', out);
}

/* An SCTP address list: [{"addr":"10.0.0.1","port":5000},...]. */
static void saddrs(FILE *out, const char *k, const struct sk_saddr *v,
		   uint32_t n)
{
	char a[128];

	fprintf(out, ",\"%s\":[", k);
	for (uint32_t i = 0; i < n; i++) {
		a[0] = '\0';
		if (v[i].family == AF_INET || v[i].family == AF_INET6)
			ssfmt_inet_addr(a, sizeof(a), v[i].family, v[i].addr,
					1);
		fprintf(out, "%s{\"family\":%u,\"addr\":", i ? "," : "",
			v[i].family);
		json_string(out, a, strlen(a));
		fprintf(out, ",\"port\":%u}", v[i].port);
	}
	fputc(']', out);
}

static void ext(FILE *out, const struct sk_rec *r, const struct sk_ext *x,
		struct names *n)
{
	if (x->present & SKX_MARK)
		fprintf(out, ",\"mark\":%u", x->mark);
	if (x->present & SKX_CLASS_ID)
		fprintf(out, ",\"class_id\":%u", x->class_id);
	if (x->present & SKX_CGROUP) {
		const char *p = names_cgroup(n, x->cgroup_id);

		fprintf(out, ",\"cgroup_id\":%" PRIu64, x->cgroup_id);
		key(out, "cgroup");
		json_string(out, p, strlen(p));
	}
	if (x->present & SKX_TOS)
		fprintf(out, ",\"tos\":%u", x->tos);
	if (x->present & SKX_TCLASS)
		fprintf(out, ",\"tclass\":%u", x->tclass);
	if (x->present & SKX_V6ONLY)
		fprintf(out, ",\"v6only\":%u", x->v6only);
	if (x->present & SKX_SKMEM) {
		fputs(",\"skmem\":{", out);
		for (unsigned i = 0; i < x->skmem_n && i < SK_MEMINFO_VARS; i++)
			fprintf(out, "%s\"%s\":%u", i ? "," : "",
				skmem_names[i] ? skmem_names[i] : "unknown",
				x->skmem[i]);
		fputc('}', out);
	}
	if (x->present & SKX_MEMINFO)
		fprintf(out,
			",\"meminfo\":{\"rmem\":%u,\"wmem\":%u,\"fmem\":%u,"
			"\"tmem\":%u}",
			x->meminfo.idiag_rmem, x->meminfo.idiag_wmem,
			x->meminfo.idiag_fmem, x->meminfo.idiag_tmem);
	if ((x->present & SKX_CONG) && x->cong) {
		key(out, "cong");
		json_string(out, x->cong, strlen(x->cong));
	}
	if ((x->present & SKX_ULP) && x->ulp) {
		key(out, "ulp");
		json_string(out, x->ulp, strlen(x->ulp));
	}
	if ((x->present & SKX_TCPINFO) && x->tcpi)
		tcpi(out, x);
	if (x->present & SKX_VFS)
		fprintf(out, ",\"vfs\":{\"ino\":%u,\"dev\":%u}", x->vfs_ino,
			x->vfs_dev);
	if (x->present & SKX_ICONS) {
		fputs(",\"pending\":[", out);
		for (uint32_t i = 0; i < x->n_icons; i++)
			fprintf(out, "%s%u", i ? "," : "", x->icons[i]);
		fputc(']', out);
	}
	if (x->present & SKX_SCTP_LOCALS)
		saddrs(out, "locals", x->locals, x->n_locals);
	if (x->present & SKX_SCTP_PEERS)
		saddrs(out, "peers", x->peers, x->n_peers);
	if ((x->present & SKX_SCTPINFO) && x->sctpi)
		sctpi(out, x);
	if (x->present & SKX_TIPC)
		fprintf(out,
			",\"tipc\":{\"drop\":%u,\"link_cong\":%s,"
			"\"conn_cong\":%s,\"publ\":%s",
			x->tipc.drop,
			x->tipc.flags & SKX_TIPC_LINK_CONG ? "true" : "false",
			x->tipc.flags & SKX_TIPC_CONN_CONG ? "true" : "false",
			x->tipc.flags & SKX_TIPC_PUBL ? "true" : "false");
	if ((x->present & SKX_TIPC) && (x->tipc.flags & SKX_TIPC_VIA))
		fprintf(out, ",\"via\":{\"type\":%u,\"instance\":%u}",
			x->tipc.con_type, x->tipc.con_inst);
	if (x->present & SKX_TIPC)
		fputc('}', out);
	(void)r;
}

static void endpoint(FILE *out, const char *k, const struct sk_rec *r,
		     const uint8_t *addr, uint16_t port)
{
	char a[128];
	int v6only = r->x && (r->x->present & SKX_V6ONLY) && r->x->v6only;

	size_t n;

	ssfmt_inet_addr(a, sizeof(a), r->family, addr, v6only);
	n = strlen(a);
	fprintf(out, ",\"%s\":{\"addr\":", k);
	/* The address alone: "::1", not the text form's "[::1]". */
	if (n >= 2 && a[0] == '[' && a[n - 1] == ']')
		json_string(out, a + 1, n - 2);
	else
		json_string(out, a, n);
	fprintf(out, ",\"port\":%u}", port);
}

/* Enough for nearly every socket; a busier one takes a heap array. */
#define OWNERS_ON_STACK 16

static void owner(FILE *out, const struct json_owners *ow,
		  const struct own_owner *o)
{
	/* raw: json_string escapes it (\u001b), not the screen's \x1b */
	const char *user = own_user_raw(ow->map, o->uid);
	const char *cmd = own_cmdline(ow->map, o->pid);
	int nspid = own_nspid(ow->map, o->pid);

	fprintf(out, "{\"pid\":%d", o->pid);
	/* a process of another pid namespace (a container): its pid there */
	if (nspid != o->pid)
		fprintf(out, ",\"nspid\":%d", nspid);
	if (ow->threads)
		fprintf(out, ",\"tid\":%d", o->tid);
	fprintf(out, ",\"fd\":%d", o->fd);
	key(out, "name");
	json_string(out, o->raw, strlen(o->raw));
	fprintf(out, ",\"uid\":%u", o->uid);
	key(out, "user");
	json_string(out, user, strlen(user));
	key(out, "cmdline");
	if (cmd)
		json_string(out, cmd, strlen(cmd));
	else
		fputs("null", out);
	fputc('}', out);
}

static void owners(FILE *out, const struct sk_rec *r,
		   const struct json_owners *ow)
{
	struct own_owner stack[OWNERS_ON_STACK], *v = stack;
	size_t n = 0;

	if (r->ino)
		n = own_owners(ow->map, r->ino, ow->threads, stack,
			       OWNERS_ON_STACK);
	if (n > OWNERS_ON_STACK) {
		v = xmalloc(n * sizeof(*v));
		n = own_owners(ow->map, r->ino, ow->threads, v, n);
	}
	fputs(",\"owners\":[", out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputc(',', out);
		owner(out, ow, &v[i]);
	}
	fputc(']', out);
	if (v != stack)
		free(v);
}

/* "health":["zero-window",...], most urgent first; [] when healthy. */
static void health_codes(FILE *out, uint32_t bits)
{
	int first = 1;

	fputs(",\"health\":[", out);
	for (unsigned i = 0; i < SKH_COUNT; i++) {
		const struct hcode_def *d = hcode_get(i);

		if (!(bits & d->bit))
			continue;
		fprintf(out, "%s\"%s\"", first ? "" : ",", d->id);
		first = 0;
	}
	fputc(']', out);
}

void json_record_open(FILE *out, const struct sk_rec *r, struct names *n,
		      const struct json_owners *ow)
{
	const char *s = ssfmt_netid(r);

	fputs("{\"netid\":", out);
	json_string(out, s, strlen(s));
	/* An SCTP association's state is in SCTP's numbering. */
	s = r->has & SKR_SCTP_ASSOC ? ssfmt_sctp_state(r->state)
				    : sk_state_name((enum sk_state)r->state);
	key(out, "state");
	json_string(out, s, strlen(s));
	if (r->has & SKR_SCTP_ASSOC)
		fputs(",\"sctp_assoc\":true", out);
	fprintf(out, ",\"family\":%u,\"recv_q\":%u,\"send_q\":%u", r->family,
		r->rq, r->wq);
	if (r->family == AF_INET || r->family == AF_INET6) {
		endpoint(out, "local", r, r->a.in.src, r->sport);
		endpoint(out, "peer", r, r->a.in.dst, r->dport);
		if (r->ifindex) {
			s = names_ifname(n, r->ifindex);
			fprintf(out, ",\"ifindex\":%u", r->ifindex);
			key(out, "iface");
			json_string(out, s, strlen(s));
		}
		fprintf(out,
			",\"timer\":{\"name\":\"%s\",\"expires_ms\":%u,"
			"\"retrans\":%u}",
			/* SCTP's only timer: the association's T3_RTX */
			r->tab == SKT_SCTP && r->timer
				? "T3_RTX"
				: timer_names[r->timer > 4 ? 5 : r->timer],
			r->expires, r->retrans);
	} else if (r->family == AF_UNIX) {
		if ((r->has & SKR_HAS_NAME) && r->a.un.name) {
			char *nm = xmalloc(r->a.un.name_len + 1);
			size_t l =
				ssfmt_unix_name(nm, r->a.un.name_len + 1,
						r->a.un.name, r->a.un.name_len);

			key(out, "path");
			json_string(out, nm, l);
			free(nm);
		}
		fprintf(out, ",\"peer_ino\":%u", r->a.un.peer);
	} else if (r->tab == SKT_TIPC) {
		fprintf(out, ",\"local\":{\"node\":%u,\"ref\":%u}",
			r->a.tipc.node, r->a.tipc.ref);
		if (r->a.tipc.connected)
			fprintf(out, ",\"peer\":{\"node\":%u,\"ref\":%u}",
				r->a.tipc.peer_node, r->a.tipc.peer_ref);
	} else if (r->family == AF_NETLINK) {
		fprintf(out,
			",\"protocol\":%u,\"portid\":%d,"
			"\"dst_portid\":%u,\"dst_group\":%u",
			r->a.nl.protocol, (int32_t)r->a.nl.portid,
			r->a.nl.dst_portid, r->a.nl.dst_group);
	} else if (r->family == AF_PACKET) {
		/* the protocol (ethertype, host order) and the bound device */
		fprintf(out, ",\"protocol\":%u,\"ifindex\":%u", r->sport,
			r->ifindex);
		if (r->ifindex) {
			s = names_ifname(n, r->ifindex);
			key(out, "iface");
			json_string(out, s, strlen(s));
		}
	} else if (r->family == AF_VSOCK) {
		fprintf(out,
			",\"local\":{\"cid\":%u,\"port\":%u}"
			",\"peer\":{\"cid\":%u,\"port\":%u}",
			r->a.vs.src_cid, r->a.vs.src_port, r->a.vs.dst_cid,
			r->a.vs.dst_port);
	}
	if (r->has & SKR_HAS_UID)
		fprintf(out, ",\"uid\":%u", r->uid);
	fprintf(out, ",\"ino\":%u", r->ino);
	if (r->has & SKR_HAS_COOKIE)
		fprintf(out, ",\"cookie\":%" PRIu64, r->cookie);
	if (r->has & SKR_HAS_SHUTDOWN)
		fprintf(out, ",\"shutdown\":%u", r->shutdown);
	if (sk_rates(r))
		fprintf(out, ",\"tx_rate\":%.0f,\"rx_rate\":%.0f",
			(double)r->tc->tx, (double)r->tc->rx);
	if (r->x)
		ext(out, r, r->x, n);
	if (ow && ow->map)
		owners(out, r, ow);
}

static void netns(FILE *out, const struct nsset *nss, uint64_t ino)
{
	const struct nsent *e = nsset_find(nss, ino);

	fprintf(out, ",\"netns\":{\"id\":%" PRIu64, ino);
	if (e) {
		fputs(",\"name\":", out);
		json_string(out, e->label, strlen(e->label));
		if (e->container[0]) {
			fputs(",\"container\":", out);
			json_string(out, e->container, strlen(e->container));
		}
		if (e->runtime) {
			fputs(",\"runtime\":", out);
			json_string(out, e->runtime, strlen(e->runtime));
		}
	}
	fputc('}', out);
}

static void record(FILE *out, const struct sk_rec *r, struct names *n,
		   const struct json_owners *ow, int health, uint64_t ino)
{
	json_record_open(out, r, n, ow);
	if (ino)
		netns(out, ow->nss, ino);
	if (health)
		health_codes(out, r->health);
	fputc('}', out);
}

/* One row of the transport table: {"total":N,"ip":N,"ipv6":N}. */
static void transport_row(FILE *out, const char *name, unsigned v4, unsigned v6,
			  int first)
{
	fprintf(out, "%s\"%s\":{\"total\":%lu,\"ip\":%u,\"ipv6\":%u}",
		first ? "" : ",", name, (unsigned long)v4 + v6, v4, v6);
}

static void summary(FILE *out, const struct json_summary *sm)
{
	unsigned in4 = sm->raw[0] + sm->udp[0] + sm->tcp[0];
	unsigned in6 = sm->raw[1] + sm->udp[1] + sm->tcp[1];

	fprintf(out,
		"\"summary\":{\"total\":%lu,\"tcp\":{\"total\":%u,"
		"\"estab\":%u,\"closed\":%u,\"orphaned\":%u,"
		"\"timewait\":%u},\"transport\":{",
		sm->total, sm->tcp_all, sm->estab, sm->closed, sm->orphaned,
		sm->timewait);
	transport_row(out, "raw", sm->raw[0], sm->raw[1], 1);
	transport_row(out, "udp", sm->udp[0], sm->udp[1], 0);
	transport_row(out, "tcp", sm->tcp[0], sm->tcp[1], 0);
	transport_row(out, "inet", in4, in6, 0);
	transport_row(out, "frag", sm->frag[0], sm->frag[1], 0);
	fputs("}}", out);
}

void json_doc(FILE *out, const struct snap *s, const struct json_summary *sm,
	      struct names *n, const struct json_owners *ow)
{
	json_doc_at(out, s, NULL, sm, n, ow, 0, NULL);
}

void json_doc_health(FILE *out, const struct snap *s,
		     const struct json_summary *sm, struct names *n,
		     const struct json_owners *ow, int health)
{
	json_doc_at(out, s, NULL, sm, n, ow, health, NULL);
}

void json_doc_at(FILE *out, const struct snap *s, const uint32_t *order,
		 const struct json_summary *sm, struct names *n,
		 const struct json_owners *ow, int health, const char *time)
{
	fputc('{', out);
	if (sm)
		summary(out, sm);
	if (s) {
		fputs(sm ? ",\"sockets\":[" : "\"sockets\":[", out);
		for (size_t i = 0; i < s->n; i++) {
			if (i)
				fputc(',', out);
			size_t k = order ? order[i] : i;

			record(out, &s->v[k], n, ow, health,
			       ow && ow->nss ? snap_ns_of(s, k) : 0);
		}
		fputc(']', out);
	}
	if (time) {
		fputs(sm || s ? ",\"time\":" : "\"time\":", out);
		json_string(out, time, strlen(time));
	}
	fputs("}\n", out);
}
