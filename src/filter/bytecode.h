/*
 * bytecode.h: a filter compiled to inet_diag bytecode
 * (INET_DIAG_REQ_BYTECODE), so that the kernel selects the sockets, and an
 * interpreter of the kernel's semantics so tests can check the compiler
 * without a kernel.
 *
 * What the kernel cannot test (sstop's extensions, other families' rules,
 * fwmark without CAP_NET_ADMIN) is replaced by the largest safe superset:
 * the program then selects too much, never too little, and the caller
 * re-checks in user space with filter_match().  Pure: no I/O.
 */
#ifndef SSTOP_BYTECODE_H
#define SSTOP_BYTECODE_H

#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "sock.h"

struct bc_opts {
	unsigned allow_mark : 1; /* MARK_COND needs CAP_NET_ADMIN */
};

struct bc_prog {
	uint8_t *code; /* NULL when no bytecode is needed (owned, bc_free) */
	size_t len;
	/*
	 * 1: the program is exactly the expression for every inet socket
	 * (no user-space check needed: "[in kernel]"); 0: a superset.
	 */
	int exact;
};

/* Compiles f (states excluded: they go as idiag_states).  Returns 0. */
int bc_compile(const struct filter *f, const struct bc_opts *o,
	       struct bc_prog *out);
void bc_free(struct bc_prog *p);

/* What the kernel knows of a socket when it runs a program. */
struct bc_entry {
	uint8_t family;
	uint8_t src[16], dst[16];
	uint16_t sport, dport;
	uint32_t ifindex;
	int autobound; /* !(userlocks & SOCK_BINDPORT_LOCK) */
	uint32_t mark;
	uint64_t cgroup_id;
};

/* Fills e from an inet record; autobound as the caller knows it. */
void bc_entry_from_rec(struct bc_entry *e, const struct sk_rec *r,
		       int autobound);
/* The kernel's inet_diag_bc_audit: 0, -EINVAL or -EPERM (mark). */
int bc_audit(const void *code, size_t len, int net_admin);
/* The kernel's inet_diag_bc_run: 1 if e passes an audited program. */
int bc_run(const void *code, size_t len, const struct bc_entry *e);

#endif
