/*
 * kill.c: SOCK_DESTROY requests (see kill.h).
 *
 * The request is what `ss -K` sends: an inet_diag_req_v2 with states 0 and
 * the record's whole socket id, on a sock_diag socket of our own, with
 * NLM_F_ACK so that the kernel's verdict comes back as an NLMSG_ERROR.
 * Which tables can be destroyed at all is decided here from a table,
 * before asking, so unix or packet sockets never cost a round trip.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "caps.h"
#include "i18n.h"
#include "kill.h"
#include "sanitize.h"
#include "xalloc.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

/* A request is ~100 bytes; an ack echoes it after its own header. */
#define KILL_BUF 8192

struct kill_ctx {
	struct mnl_socket *nl;
	unsigned int portid;
	unsigned int seq;
};

/*
 * The tables the kernel can destroy, and the protocol to ask for.  Others
 * (unix, packet, netlink, vsock, tipc, xdp; DCCP and SCTP, whose diag
 * modules have no destroy handler) are refused before asking.
 */
static const struct kill_tab {
	unsigned int protocol; /* IPPROTO_*; 0: not destroyable */
	/*
	 * Kernel 6.18 answers ENOENT for a live MPTCP socket (SS-NOTES):
	 * mptcp_diag has no destroy handler.  There ENOENT cannot be told
	 * from "gone", so it is reported as not supported.
	 */
	unsigned enoent_unsupported : 1;
} kill_tabs[SKT_COUNT] = {
	[SKT_TCP] = {.protocol = IPPROTO_TCP},
	[SKT_UDP] = {.protocol = IPPROTO_UDP},
	[SKT_UDPLITE] = {.protocol = IPPROTO_UDPLITE},
	[SKT_RAW] = {.protocol = IPPROTO_RAW},
	[SKT_MPTCP] = {.protocol = IPPROTO_MPTCP, .enoent_unsupported = 1},
};

static const char *const status_text[KILL_STATUS_COUNT] = {
	[KILL_CLOSED] = N_("closed"),
	[KILL_GONE] = N_("already gone"),
	[KILL_UNSUPPORTED] = N_("not supported for this socket type"),
	[KILL_DENIED] = N_("permission denied (needs CAP_NET_ADMIN)"),
	[KILL_NO_DESTROY] =
		N_("kernel without SOCK_DESTROY (CONFIG_INET_DIAG_DESTROY)"),
	[KILL_ERROR] = N_("error"),
};

const char *kill_status_text(enum kill_status s)
{
	if ((unsigned int)s >= KILL_STATUS_COUNT)
		s = KILL_ERROR;
	return _(status_text[s]);
}

int kill_unsupported(const struct sk_rec *r)
{
	if (r->tab >= SKT_COUNT || !kill_tabs[r->tab].protocol)
		return 1;
	return r->family != AF_INET && r->family != AF_INET6;
}

int kill_open(struct kill_ctx **out)
{
	struct kill_ctx *k = xcalloc(1, sizeof(*k));
	int e;

	k->nl = mnl_socket_open2(NETLINK_SOCK_DIAG, SOCK_CLOEXEC);
	if (!k->nl)
		goto fail;
	if (mnl_socket_bind(k->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	k->portid = mnl_socket_get_portid(k->nl);
	k->seq = (unsigned int)time(NULL);
	*out = k;
	return 0;
fail:
	e = errno ? -errno : -EIO;
	if (k->nl)
		mnl_socket_close(k->nl);
	free(k);
	return e;
}

void kill_close(struct kill_ctx *k)
{
	if (!k)
		return;
	mnl_socket_close(k->nl);
	free(k);
}

static void put_cookie(uint32_t c[2], uint64_t cookie)
{
	/* The kernel's order: low word first (sock_diag_save_cookie). */
	c[0] = (uint32_t)cookie;
	c[1] = (uint32_t)(cookie >> 32);
}

/* Builds the SOCK_DESTROY request for r in buf; returns its header. */
static struct nlmsghdr *build(struct kill_ctx *k, const struct sk_rec *r,
			      char *buf)
{
	const struct kill_tab *t = &kill_tabs[r->tab];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct inet_diag_req_v2 *q;

	nlh->nlmsg_type = SOCK_DESTROY;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++k->seq;
	q = mnl_nlmsg_put_extra_header(nlh, sizeof(*q));
	q->sdiag_family = r->family;
	/* Protocols above 255 (MPTCP) travel as an attribute, as in dumps. */
	q->sdiag_protocol =
		t->protocol > 255 ? IPPROTO_TCP : (uint8_t)t->protocol;
	q->idiag_states = 0; /* as ss: the id alone names the socket */
	q->id.idiag_sport = htons(r->sport);
	q->id.idiag_dport = htons(r->dport);
	memcpy(q->id.idiag_src, r->a.in.src, sizeof(q->id.idiag_src));
	memcpy(q->id.idiag_dst, r->a.in.dst, sizeof(q->id.idiag_dst));
	q->id.idiag_if = r->ifindex;
	put_cookie(q->id.idiag_cookie, r->cookie);
	if (r->tab == SKT_RAW) {
		/*
		 * raw_diag finds the socket by its protocol, which the dump
		 * gave as INET_DIAG_PROTOCOL and as the local "port".
		 */
		struct inet_diag_req_raw *raw = (void *)q;

		raw->sdiag_raw_protocol = r->x && (r->x->present & SKX_PROTOCOL)
						  ? r->x->protocol
						  : (uint8_t)r->sport;
	}
	if (t->protocol > 255)
		mnl_attr_put_u32(nlh, INET_DIAG_REQ_PROTOCOL, t->protocol);
	return nlh;
}

static int talk_raised(struct kill_ctx *k, struct nlmsghdr *nlh);

/*
 * Sends the request and reads the ack: 0 or a negative errno.  The kernel
 * checks CAP_NET_ADMIN of the sender: effective for this exchange only.
 */
static int talk(struct kill_ctx *k, struct nlmsghdr *nlh)
{
	int raised = caps_raise(), rc = talk_raised(k, nlh);

	caps_lower(raised);
	return rc;
}

static int talk_raised(struct kill_ctx *k, struct nlmsghdr *nlh)
{
	char buf[KILL_BUF];
	ssize_t n;
	int rc;

	if (mnl_socket_sendto(k->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		n = mnl_socket_recvfrom(k->nl, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		/* The ack is an NLMSG_ERROR: mnl_cb_run turns it into errno. */
		errno = 0;
		rc = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, k->portid, NULL,
				NULL);
		if (rc == MNL_CB_ERROR)
			return errno ? -errno : -EIO;
		if (rc == MNL_CB_STOP)
			return 0;
		/* MNL_CB_OK: something before the ack; keep reading. */
	}
}

static enum kill_status classify(const struct sk_rec *r, int err)
{
	switch (err) {
	case 0:
		return KILL_CLOSED;
	case ENOENT:
		return kill_tabs[r->tab].enoent_unsupported ? KILL_UNSUPPORTED
							    : KILL_GONE;
	case EPERM:
	case EACCES:
		return KILL_DENIED;
	case EOPNOTSUPP:
		/* A table we expect to work: the kernel lacks the handler. */
		return KILL_NO_DESTROY;
	default:
		return KILL_ERROR;
	}
}

enum kill_status kill_socket(struct kill_ctx *k, const struct sk_rec *r,
			     struct kill_result *res)
{
	char buf[KILL_BUF];
	struct kill_result tmp = {.status = KILL_UNSUPPORTED};
	int rc;

	if (!res)
		res = &tmp;
	*res = tmp;
	if (kill_unsupported(r))
		return res->status;
	rc = talk(k, build(k, r, buf));
	res->err = -rc;
	res->status = classify(r, -rc);
	return res->status;
}

/* "addr:port", IPv6 in brackets as ss prints it, "*" for any. */
static void endpoint(const struct sk_rec *r, const uint8_t *a, uint16_t port,
		     char *buf, size_t n)
{
	char addr[INET6_ADDRSTRLEN];

	if (!inet_ntop(r->family, a, addr, sizeof(addr)))
		snprintf(addr, sizeof(addr), "?");
	if (r->family == AF_INET6)
		snprintf(buf, n, "[%s]:%u", addr, port);
	else
		snprintf(buf, n, "%s:%u", addr, port);
}

char *kill_describe(const struct sk_rec *r)
{
	const char *netid = sk_tab_netid((enum sk_tab)r->tab);
	char l[64], p[64], *buf;
	size_t n;

	if (r->family == AF_INET || r->family == AF_INET6) {
		endpoint(r, r->a.in.src, r->sport, l, sizeof(l));
		endpoint(r, r->a.in.dst, r->dport, p, sizeof(p));
		n = strlen(netid) + strlen(l) + strlen(p) + 3;
		buf = xmalloc(n);
		snprintf(buf, n, "%s %s %s", netid, l, p);
	} else if (r->family == AF_UNIX && (r->has & SKR_HAS_NAME) &&
		   r->a.un.name) {
		size_t len = r->a.un.name_len, esc;

		/* A path may arrive with its terminating NUL. */
		if (len > 1 && r->a.un.name[len - 1] == '\0')
			len--;
		/* each byte may take 4 escaped ("\x01"): sized, not cut */
		esc = san_escape(NULL, 0, r->a.un.name, len);
		n = strlen(netid) + esc + 16;
		buf = xmalloc(n);
		n = (size_t)snprintf(buf, n, "%s ", netid);
		n += san_escape(buf + n, esc + 1, r->a.un.name, len);
		snprintf(buf + n, 12, " %u", r->ino);
	} else {
		n = strlen(netid) + 14;
		buf = xmalloc(n);
		snprintf(buf, n, "%s * %u", netid, r->ino);
	}
	return buf;
}

__attribute__((format(printf, 2, 3))) static void
report_add(struct kill_report *rep, const char *fmt, ...)
{
	va_list ap;
	int len;

	for (;;) {
		size_t room = rep->cap - rep->len;

		va_start(ap, fmt);
		len = vsnprintf(rep->text + rep->len, room, fmt, ap);
		va_end(ap);
		if (len < 0)
			return;
		if ((size_t)len < room)
			break;
		rep->text = xgrow(rep->text, &rep->cap,
				  rep->len + (size_t)len + 1, 1);
	}
	rep->len += (size_t)len;
}

int kill_snap(struct snap *s, struct kill_report *rep)
{
	return kill_snap_ctx(s, NULL, rep);
}

int kill_snap_ctx(struct snap *s, struct kill_ctx *with,
		  struct kill_report *rep)
{
	struct kill_ctx *k = with;
	size_t kept = 0;
	int rc = 0;

	memset(rep, 0, sizeof(*rep));
	rep->cap = 256;
	rep->text = xmalloc(rep->cap);
	rep->text[0] = '\0';
	if (!k)
		rc = kill_open(&k);
	if (rc) {
		report_add(rep, _("sstop: cannot open sock_diag to kill: %s\n"),
			   strerror(-rc));
		rep->failed = s->n;
		s->n = 0;
		return rc;
	}
	for (size_t i = 0; i < s->n; i++) {
		struct kill_result res;
		char *what;

		if (kill_socket(k, &s->v[i], &res) == KILL_CLOSED) {
			s->v[kept++] = s->v[i];
			rep->closed++;
			continue;
		}
		rep->failed++;
		what = kill_describe(&s->v[i]);
		if (res.status == KILL_ERROR)
			report_add(rep, _("sstop: cannot close %s: %s\n"), what,
				   strerror(res.err));
		else
			report_add(rep, _("sstop: cannot close %s: %s\n"), what,
				   kill_status_text(res.status));
		free(what);
	}
	s->n = kept;
	if (!with)
		kill_close(k);
	return 0;
}

void kill_report_fini(struct kill_report *rep)
{
	free(rep->text);
	memset(rep, 0, sizeof(*rep));
}
