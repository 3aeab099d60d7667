/*
 * ssfmt_ends.c: the Local and Peer Address:Port of the sockets that are
 * neither inet nor unix, as ss 6.1 prints them: netlink ("rtnl:kernel",
 * "tcpdiag:sstop/812"; the peer "*" or "group:port"), packet ("ip:eth0",
 * "*:*"), TIPC ("node:ref", "-"), VSOCK ("cid:port", "*" for any) and the
 * rest ("*:*").  The batch output and the screen's columns both use it.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "sanitize.h"
#include "ssfmt.h"

/* ss: the name of the process a netlink port id belongs to, "comm/pid". */
static void netlink_proc(char *buf, size_t n, int32_t pid, int numeric)
{
	char path[64], comm[32] = "";
	FILE *fp;

	if (pid == -1) {
		snprintf(buf, n, "*");
		return;
	}
	if (numeric) {
		snprintf(buf, n, "%d", pid);
		return;
	}
	if (pid == 0) {
		snprintf(buf, n, "kernel");
		return;
	}
	snprintf(buf, n, "%d", pid);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fp = pid > 0 ? fopen(path, "re") : NULL;
	if (!fp)
		return;
	if (fscanf(fp, "%*d (%31[^)])", comm) == 1) {
		char safe[sizeof(comm) * 4];

		san_escape(safe, sizeof(safe), comm, strlen(comm));
		snprintf(buf, n, "%s/%d", safe, pid);
	}
	fclose(fp);
}

/* VSOCK: ~0 is "any", printed "*". */
static void vsock_part(char *buf, size_t n, uint32_t v, const char *colon)
{
	if (v == ~0u)
		snprintf(buf, n, "*%s", colon);
	else
		snprintf(buf, n, "%u%s", v, colon);
}

void ssfmt_ends(const struct sk_rec *r, struct names *nm, int numeric,
		struct ssfmt_ends *e)
{
	memset(e, 0, sizeof(*e));
	switch (r->family) {
	case AF_NETLINK: {
		const char *p = names_netlink_proto(r->a.nl.protocol);

		if (numeric || !p)
			snprintf(e->laddr, sizeof(e->laddr),
				 "%u:", r->a.nl.protocol);
		else
			snprintf(e->laddr, sizeof(e->laddr), "%s:", p);
		netlink_proc(e->lport, sizeof(e->lport),
			     (int32_t)r->a.nl.portid, numeric);
		if (r->state == SKS_ESTABLISHED) {
			snprintf(e->paddr, sizeof(e->paddr),
				 "%u:", r->a.nl.dst_group);
			snprintf(e->pport, sizeof(e->pport), "%u",
				 r->a.nl.dst_portid);
		} else {
			snprintf(e->paddr, sizeof(e->paddr), "*");
		}
		break;
	}
	case AF_PACKET:
		if (nm) {
			snprintf(e->laddr, sizeof(e->laddr),
				 "%s:", names_ll_proto(nm, r->sport, numeric));
			snprintf(e->lport, sizeof(e->lport), "%s",
				 r->ifindex ? names_ifname(nm, r->ifindex)
					    : "*");
		} else {
			snprintf(e->laddr, sizeof(e->laddr), "[%u]:", r->sport);
			snprintf(e->lport, sizeof(e->lport), "%u", r->ifindex);
		}
		snprintf(e->paddr, sizeof(e->paddr), "*");
		break;
	case AF_TIPC:
		snprintf(e->laddr, sizeof(e->laddr), "%u:", r->a.tipc.node);
		snprintf(e->lport, sizeof(e->lport), "%u", r->a.tipc.ref);
		if (r->a.tipc.connected) {
			snprintf(e->paddr, sizeof(e->paddr),
				 "%u:", r->a.tipc.peer_node);
			snprintf(e->pport, sizeof(e->pport), "%u",
				 r->a.tipc.peer_ref);
		} else {
			snprintf(e->paddr, sizeof(e->paddr), "-");
		}
		break;
	case AF_VSOCK:
		vsock_part(e->laddr, sizeof(e->laddr), r->a.vs.src_cid, ":");
		vsock_part(e->lport, sizeof(e->lport), r->a.vs.src_port, "");
		vsock_part(e->paddr, sizeof(e->paddr), r->a.vs.dst_cid, ":");
		vsock_part(e->pport, sizeof(e->pport), r->a.vs.dst_port, "");
		break;
	case AF_XDP:
		/* ss: "ifname:qN" when bound, else "*" */
		if (r->a.xdp.ifindex && nm) {
			snprintf(e->laddr, sizeof(e->laddr),
				 "%s:", names_ifname(nm, r->a.xdp.ifindex));
			snprintf(e->lport, sizeof(e->lport), "q%u",
				 r->a.xdp.queue_id);
		} else if (r->a.xdp.ifindex) {
			snprintf(e->laddr, sizeof(e->laddr),
				 "%u:", r->a.xdp.ifindex);
			snprintf(e->lport, sizeof(e->lport), "q%u",
				 r->a.xdp.queue_id);
		} else {
			snprintf(e->laddr, sizeof(e->laddr), "*");
		}
		snprintf(e->paddr, sizeof(e->paddr), "*");
		break;
	default:
		snprintf(e->laddr, sizeof(e->laddr), "*:");
		snprintf(e->lport, sizeof(e->lport), "*");
		snprintf(e->paddr, sizeof(e->paddr), "*");
		break;
	}
}
