/*
 * diag_events.c: sockets as they are destroyed (-E, the closed-connection
 * log): a sock_diag socket bound to the destroy multicast groups of the
 * tables asked for, its messages parsed by diag_parse.c and recorded as
 * dumps are (see diag.h); the receive buffer and its drop counter.
 */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>
#include <linux/sock_diag.h>
#include <libmnl/libmnl.h>

#include "diag.h"
#include "diag_int.h"
#include "diag_parse.h"

int diag_events_open(struct diag **out, uint32_t tabs, uint32_t families)
{
	uint32_t fams =
		families ? families : (1u << AF_INET) | (1u << AF_INET6);
	unsigned int groups = 0;
	struct diag *d;
	int err;

	if (tabs & SKT_BIT(SKT_TCP)) {
		if (fams & (1u << AF_INET))
			groups |= 1u << (SKNLGRP_INET_TCP_DESTROY - 1);
		if (fams & (1u << AF_INET6))
			groups |= 1u << (SKNLGRP_INET6_TCP_DESTROY - 1);
	}
	if (tabs & SKT_BIT(SKT_UDP)) {
		if (fams & (1u << AF_INET))
			groups |= 1u << (SKNLGRP_INET_UDP_DESTROY - 1);
		if (fams & (1u << AF_INET6))
			groups |= 1u << (SKNLGRP_INET6_UDP_DESTROY - 1);
	}
	if (!groups)
		return -EINVAL;
	err = diag_open_socket(&d, groups, DIAG_EV_RCVBUF);
	if (err)
		return err;
	d->events.tabs = tabs & (SKT_BIT(SKT_TCP) | SKT_BIT(SKT_UDP));
	d->events.families = fams;
	d->events.states = SKS_ALL;
	*out = d;
	return 0;
}

ssize_t diag_events_recv(struct diag *d, int nonblock)
{
	ssize_t n;

	/* EINTR goes back to the caller: a signal may mean "stop". */
	n = recv(mnl_socket_get_fd(d->nl), d->buf, DIAG_BUFSZ,
		 nonblock ? MSG_DONTWAIT : 0);
	if (n < 0)
		return -errno;
	diag_record(d, d->buf, (size_t)n);
	return n;
}

int diag_events_parse(struct diag *d, size_t n, struct snap *out)
{
	struct diag_pctx pc = {.req = &d->events, .out = out, .tab = -1};
	const struct nlmsghdr *nlh;
	int len = n > DIAG_BUFSZ ? (int)DIAG_BUFSZ : (int)n, err = 0;

	/* Each message names its protocol (INET_DIAG_PROTOCOL). */
	for (nlh = d->buf; mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
			continue;
		err = diag_parse_msg(nlh, &pc);
		if (err)
			break;
	}
	return err;
}

const void *diag_events_buf(const struct diag *d)
{
	return d->buf;
}

int diag_events_read(struct diag *d, struct snap *out)
{
	ssize_t n = diag_events_recv(d, 0);

	return n < 0 ? (int)n : diag_events_parse(d, (size_t)n, out);
}

void diag_set_rcvbuf(struct diag *d, int bytes)
{
	int fd = mnl_socket_get_fd(d->nl);

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) <
	    0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes,
				 sizeof(bytes));
}

int diag_rcvbuf(const struct diag *d)
{
	int v = 0;
	socklen_t l = sizeof(v);

	if (getsockopt(mnl_socket_get_fd(d->nl), SOL_SOCKET, SO_RCVBUF, &v,
		       &l) < 0)
		return -errno;
	return v;
}

int diag_drops(const struct diag *d, uint64_t *drops)
{
	uint32_t mem[SK_MEMINFO_VARS] = {0};
	socklen_t l = sizeof(mem);

	if (getsockopt(mnl_socket_get_fd(d->nl), SOL_SOCKET, SO_MEMINFO, mem,
		       &l) < 0)
		return -errno;
	if (l < (SK_MEMINFO_DROPS + 1) * sizeof(mem[0]))
		return -EOPNOTSUPP;
	*drops = mem[SK_MEMINFO_DROPS];
	return 0;
}
