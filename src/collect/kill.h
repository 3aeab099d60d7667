/*
 * kill.h: closing sockets with SOCK_DESTROY, as `ss -K` does.
 *
 * A kill context owns its own NETLINK_SOCK_DIAG socket (never the dump
 * socket, whose receive buffer may hold a dump in progress).  Each request
 * echoes the whole inet_diag_sockid of a record (addresses, ports,
 * interface, cookie), so the kernel closes that socket and no other: a
 * socket that was replaced by a new one with the same addresses has a new
 * cookie and is reported as gone.
 *
 * Nothing here prints: results are an enum with a translated text.
 */
#ifndef SSTOP_KILL_H
#define SSTOP_KILL_H

#include <stddef.h>

#include "snap.h"
#include "sock.h"

enum kill_status {
	KILL_CLOSED,	  /* the kernel closed it */
	KILL_GONE,	  /* ENOENT: it closed before we asked */
	KILL_UNSUPPORTED, /* unix, packet, netlink...: no SOCK_DESTROY */
	KILL_DENIED,	  /* EPERM/EACCES: no CAP_NET_ADMIN here */
	KILL_NO_DESTROY,  /* kernel without CONFIG_INET_DIAG_DESTROY */
	KILL_ERROR,	  /* any other errno (see kill_result.err) */
	KILL_STATUS_COUNT
};

struct kill_result {
	enum kill_status status;
	int err; /* the errno the kernel sent, 0 when closed or decided here */
};

struct kill_ctx; /* opaque: the netlink socket and a sequence number */

/* Opens a context.  Returns 0 or a negative errno. */
int kill_open(struct kill_ctx **out);
void kill_close(struct kill_ctx *k);

/*
 * Asks the kernel to close the socket r describes and waits for its ack.
 * Returns the outcome; also in *res when res is not NULL.
 */
enum kill_status kill_socket(struct kill_ctx *k, const struct sk_rec *r,
			     struct kill_result *res);

/* Non-zero if sstop knows no way to destroy sockets of r's table. */
int kill_unsupported(const struct sk_rec *r);

/* Translated text of a status ("closed", "already gone"...); never NULL. */
const char *kill_status_text(enum kill_status s);

/*
 * "tcp 127.0.0.1:80 10.0.0.1:5000", "u_str PATH INODE" (sanitized, for a
 * message), whole however long the path: allocated, the caller frees it.
 */
char *kill_describe(const struct sk_rec *r);

/*
 * Batch -K: the failures of kill_snap(), one line each, ready for stderr.
 * text is owned by the report (xmalloc'd), NUL-terminated, "" when none.
 */
struct kill_report {
	char *text;
	size_t len, cap;
	size_t closed, failed;
};

/*
 * Tries to close every record of s and keeps in s only those it closed
 * (in order), as `ss -K` lists what it killed.  Each failure, and a
 * failure to open the netlink socket, becomes a line of rep->text.
 * Returns 0 or the negative errno of kill_open().
 */
int kill_snap(struct snap *s, struct kill_report *rep);
/*
 * kill_snap through the context k (bound to the records' namespace,
 * borrowed), or its own when k is NULL.
 */
int kill_snap_ctx(struct snap *s, struct kill_ctx *k, struct kill_report *rep);
void kill_report_fini(struct kill_report *rep);

#endif
