/*
 * bytecode.c: filters compiled to inet_diag bytecode, and the kernel's
 * interpreter and auditor re-implemented for tests.
 *
 * A compiled fragment accepts by running to its end and rejects by
 * jumping to its end + 4, as in ss: AND concatenates and re-targets the
 * first part's reject exits, OR puts a JMP between the parts, NOT appends
 * {JMP, 4, 8}.  Every op's `yes` is its own length, so walking by `yes`
 * visits every op.  Conditions the kernel cannot test are approximated:
 * "true" where a superset is wanted, "false" under an odd number of NOTs,
 * with constants folded away, so the program selects a superset of the
 * expression (exactly it when nothing was approximated).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/inet_diag.h>

#include "bytecode.h"
#include "xalloc.h"

/* The kernel's limit: `no` is 16 bits and the attribute length too. */
#define BC_MAX 60000

enum { K_NONE = -1, K_FALSE = 0, K_TRUE = 1 };

struct frag {
	uint8_t *b;
	size_t len;
	int konst; /* K_NONE: code in b; otherwise a constant, no code */
	int exact;
};

static struct frag fconst(int k, int exact)
{
	return (struct frag){NULL, 0, k, exact};
}

static struct inet_diag_bc_op *op_at(uint8_t *b, size_t off)
{
	return (struct inet_diag_bc_op *)(void *)(b + off);
}

/* One condition op with `extra` bytes of operand: reject jumps past end. */
static struct frag leaf(int code, const void *extra, size_t elen)
{
	struct frag f = {xcalloc(1, 4 + elen), 4 + elen, K_NONE, 1};
	struct inet_diag_bc_op *op = op_at(f.b, 0);

	op->code = (unsigned char)code;
	op->yes = (unsigned char)(4 + elen);
	op->no = (unsigned short)(4 + elen + 4);
	if (elen)
		memcpy(f.b + 4, extra, elen);
	return f;
}

static struct frag too_long(struct frag *a, struct frag *b, int over)
{
	free(a->b);
	free(b->b);
	return fconst(over ? K_TRUE : K_FALSE, 0);
}

static struct frag f_and(struct frag a, struct frag b, int over)
{
	struct frag r;
	size_t rest;

	if (a.konst == K_FALSE || b.konst == K_FALSE) {
		free(a.b);
		free(b.b);
		return fconst(K_FALSE, a.exact && b.exact);
	}
	if (a.konst == K_TRUE) {
		b.exact = b.exact && a.exact;
		return b;
	}
	if (b.konst == K_TRUE) {
		a.exact = a.exact && b.exact;
		return a;
	}
	if (a.len + b.len > BC_MAX)
		return too_long(&a, &b, over);
	r = (struct frag){xmalloc(a.len + b.len), a.len + b.len, K_NONE,
			  a.exact && b.exact};
	memcpy(r.b, a.b, a.len);
	memcpy(r.b + a.len, b.b, b.len);
	/* The first part's rejects must now skip the second part too. */
	for (size_t off = 0; off < a.len; off += op_at(r.b, off)->yes) {
		struct inet_diag_bc_op *op = op_at(r.b, off);

		rest = a.len - off;
		if (op->no == rest + 4)
			op->no = (unsigned short)(op->no + b.len);
	}
	free(a.b);
	free(b.b);
	return r;
}

static struct frag f_or(struct frag a, struct frag b, int over)
{
	struct frag r;
	struct inet_diag_bc_op *j;

	if (a.konst == K_TRUE || b.konst == K_TRUE) {
		free(a.b);
		free(b.b);
		return fconst(K_TRUE, a.exact && b.exact);
	}
	if (a.konst == K_FALSE) {
		b.exact = b.exact && a.exact;
		return b;
	}
	if (b.konst == K_FALSE) {
		a.exact = a.exact && b.exact;
		return a;
	}
	if (a.len + b.len + 4 > BC_MAX)
		return too_long(&a, &b, over);
	r = (struct frag){xmalloc(a.len + 4 + b.len), a.len + 4 + b.len, K_NONE,
			  a.exact && b.exact};
	memcpy(r.b, a.b, a.len);
	memcpy(r.b + a.len + 4, b.b, b.len);
	/* a accepted: jump over b to the end; a's rejects land on b. */
	j = op_at(r.b, a.len);
	j->code = INET_DIAG_BC_JMP;
	j->yes = 4;
	j->no = (unsigned short)(b.len + 4);
	free(a.b);
	free(b.b);
	return r;
}

static struct frag f_not(struct frag a)
{
	struct inet_diag_bc_op *j;

	if (a.konst != K_NONE) {
		a.konst = !a.konst;
		return a;
	}
	a.b = xrealloc(a.b, a.len + 4);
	j = op_at(a.b, a.len);
	j->code = INET_DIAG_BC_JMP;
	j->yes = 4;
	j->no = 8;
	a.len += 4;
	return a;
}

static struct frag host(const struct filter_node *n, int over)
{
	struct frag acc = fconst(K_FALSE, 1);
	int code =
		n->side == FS_SRC ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND;

	for (uint32_t i = 0; i < n->n_addrs; i++) {
		const struct filter_addr *a = &n->addrs[i];
		uint8_t buf[sizeof(struct inet_diag_hostcond) + 16];
		struct inet_diag_hostcond *c = (void *)buf;
		size_t alen;

		/* Rules of other families never match an inet socket. */
		if (a->family != AF_UNSPEC && a->family != AF_INET &&
		    a->family != AF_INET6)
			continue;
		alen = a->family == AF_INET6  ? 16
		       : a->family == AF_INET ? 4
					      : 0;
		memset(buf, 0, sizeof(buf));
		c->family = a->family;
		c->prefix_len = a->prefix;
		c->port = a->port;
		memcpy(c->addr, a->addr, alen);
		acc = f_or(acc, leaf(code, buf, sizeof(*c) + alen), over);
	}
	return acc;
}

static struct frag port_cmp(const struct filter_node *n)
{
	static const int codes[2][2] = {
		[FS_SRC] = {INET_DIAG_BC_S_GE, INET_DIAG_BC_S_LE},
		[FS_DST] = {INET_DIAG_BC_D_GE, INET_DIAG_BC_D_LE},
	};
	struct inet_diag_bc_op port = {0, 0, (unsigned short)n->val};

	return leaf(codes[n->side][n->kind == FN_PORT_LE], &port, sizeof(port));
}

static int kernel_can(const struct filter_node *n, const struct bc_opts *o)
{
	switch (n->kind) {
	case FN_HOST:
	case FN_PORT_GE:
	case FN_PORT_LE:
	case FN_DEV:
	case FN_CGROUP:
	case FN_AUTO:
		return 1;
	case FN_MARK:
		return o->allow_mark;
	default:
		return 0;
	}
}

/* A condition; over: a superset of n is wanted (else a subset). */
static struct frag compile_cond(const struct filter_node *n,
				const struct bc_opts *o, int over)
{
	if (!kernel_can(n, o))
		return fconst(over ? K_TRUE : K_FALSE, 0);
	switch (n->kind) {
	case FN_HOST:
		return host(n, over);
	case FN_PORT_GE:
	case FN_PORT_LE:
		return port_cmp(n);
	case FN_DEV: {
		uint32_t idx = (uint32_t)n->val;

		return leaf(INET_DIAG_BC_DEV_COND, &idx, sizeof(idx));
	}
	case FN_MARK: {
		struct inet_diag_markcond m = {(uint32_t)n->val, n->mask};

		return leaf(INET_DIAG_BC_MARK_COND, &m, sizeof(m));
	}
	case FN_CGROUP: {
		uint64_t id = n->val;

		return leaf(INET_DIAG_BC_CGROUP_COND, &id, sizeof(id));
	}
	default: /* FN_AUTO */
		return leaf(INET_DIAG_BC_AUTO, NULL, 0);
	}
}

/*
 * Down the left spine in a loop (each `not` flips `over`), then back up
 * through `up` joining the right operands: only parentheses recurse, so
 * a flat chain of 100 000 terms costs no stack.
 */
static struct frag compile(const struct filter_node *top,
			   const struct bc_opts *o, int over)
{
	const struct filter_node *n = top;
	struct frag acc;

	for (; filter_node_is_op(n); n = n->l)
		if (n->kind == FN_NOT)
			over = !over;
	acc = compile_cond(n, o, over);
	while (n != top) {
		n = n->up;
		if (n->kind == FN_AND)
			acc = f_and(acc, compile(n->r, o, over), over);
		else if (n->kind == FN_OR)
			acc = f_or(acc, compile(n->r, o, over), over);
		else {
			over = !over;
			acc = f_not(acc);
		}
	}
	return acc;
}

int bc_compile(const struct filter *f, const struct bc_opts *o,
	       struct bc_prog *out)
{
	static const struct bc_opts defaults;
	const struct filter_node *root = filter_root(f);
	struct frag r;

	memset(out, 0, sizeof(*out));
	out->exact = 1;
	if (!root)
		return 0;
	r = compile(root, o ? o : &defaults, 1);
	out->exact = r.exact;
	if (r.konst == K_TRUE)
		return 0;
	if (r.konst == K_FALSE) {
		/* Nothing can match: a program that rejects everything. */
		struct inet_diag_bc_op *j;

		r.b = xcalloc(1, 4);
		r.len = 4;
		j = op_at(r.b, 0);
		j->code = INET_DIAG_BC_JMP;
		j->yes = 4;
		j->no = 8;
	}
	out->code = r.b;
	out->len = r.len;
	return 0;
}

void bc_free(struct bc_prog *p)
{
	free(p->code);
	p->code = NULL;
	p->len = 0;
}

/* ---- the kernel's side ----------------------------------------------- */

void bc_entry_from_rec(struct bc_entry *e, const struct sk_rec *r,
		       int autobound)
{
	memset(e, 0, sizeof(*e));
	e->family = r->family;
	memcpy(e->src, r->a.in.src, 16);
	memcpy(e->dst, r->a.in.dst, 16);
	e->sport = r->sport;
	e->dport = r->dport;
	e->ifindex = r->ifindex;
	e->autobound = autobound;
	if (r->x && (r->x->present & SKX_MARK))
		e->mark = r->x->mark;
	if (r->x && (r->x->present & SKX_CGROUP))
		e->cgroup_id = r->x->cgroup_id;
}

static const struct inet_diag_bc_op *op_c(const uint8_t *b, size_t off)
{
	return (const struct inet_diag_bc_op *)(const void *)(b + off);
}

/* Is the op `cc` bytes before the end a boundary of the program? */
static int valid_cc(const uint8_t *b, int len, int cc)
{
	while (len >= 0) {
		const struct inet_diag_bc_op *op = (const void *)b;

		if (cc > len)
			return 0;
		if (cc == len)
			return 1;
		if (op->yes < 4 || op->yes & 3)
			return 0;
		len -= op->yes;
		b += op->yes;
	}
	return 0;
}

static int valid_hostcond(const uint8_t *b, int len, int *min_len)
{
	struct inet_diag_hostcond c;
	int alen;

	*min_len += (int)sizeof(c);
	if (len < *min_len)
		return 0;
	memcpy(&c, b + 4, sizeof(c));
	switch (c.family) {
	case AF_UNSPEC:
		alen = 0;
		break;
	case AF_INET:
		alen = 4;
		break;
	case AF_INET6:
		alen = 16;
		break;
	default:
		return 0;
	}
	*min_len += alen;
	return len >= *min_len && c.prefix_len <= 8 * alen;
}

int bc_audit(const void *code, size_t blen, int net_admin)
{
	const uint8_t *start = code, *b = code;
	int len = (int)blen;

	if (blen < 4 || blen > 65535)
		return -EINVAL;
	while (len > 0) {
		const struct inet_diag_bc_op *op;
		int min_len = 4;

		if (len < 4)
			return -EINVAL;
		op = (const void *)b;
		switch (op->code) {
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			if (!valid_hostcond(b, len, &min_len))
				return -EINVAL;
			break;
		case INET_DIAG_BC_DEV_COND:
			min_len += 4;
			break;
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_S_GE:
		case INET_DIAG_BC_S_LE:
		case INET_DIAG_BC_D_EQ:
		case INET_DIAG_BC_D_GE:
		case INET_DIAG_BC_D_LE:
			min_len += 4;
			break;
		case INET_DIAG_BC_MARK_COND:
			if (!net_admin)
				return -EPERM;
			min_len += (int)sizeof(struct inet_diag_markcond);
			break;
		case INET_DIAG_BC_CGROUP_COND:
			min_len += 8;
			break;
		case INET_DIAG_BC_AUTO:
		case INET_DIAG_BC_JMP:
		case INET_DIAG_BC_NOP:
			break;
		default:
			return -EINVAL;
		}
		if (len < min_len)
			return -EINVAL;
		if (op->code != INET_DIAG_BC_NOP) {
			if (op->no < min_len || op->no > len + 4 || op->no & 3)
				return -EINVAL;
			if (op->no < len &&
			    !valid_cc(start, (int)blen, len - op->no))
				return -EINVAL;
		}
		if (op->yes < min_len || op->yes > len + 4 || op->yes & 3)
			return -EINVAL;
		b += op->yes;
		len -= op->yes;
	}
	return len == 0 ? 0 : -EINVAL;
}

static int bits_match(const uint8_t *a, const uint8_t *p, unsigned bits)
{
	unsigned bytes = bits / 8, rest = bits % 8;

	if (memcmp(a, p, bytes))
		return 0;
	return !rest || !((a[bytes] ^ p[bytes]) & (0xff << (8 - rest)) & 0xff);
}

static int run_hostcond(const uint8_t *b, const struct bc_entry *e, int src)
{
	static const uint8_t mapped[12] = {0, 0, 0, 0, 0,    0,
					   0, 0, 0, 0, 0xff, 0xff};
	struct inet_diag_hostcond c;
	const uint8_t *caddr = b + 4 + sizeof(c);
	const uint8_t *addr = src ? e->src : e->dst;

	memcpy(&c, b + 4, sizeof(c));
	if (c.port != -1 && c.port != (src ? e->sport : e->dport))
		return 0;
	if (c.family != AF_UNSPEC && c.family != e->family)
		return e->family == AF_INET6 && c.family == AF_INET &&
		       !memcmp(addr, mapped, 12) &&
		       bits_match(addr + 12, caddr, c.prefix_len);
	return c.prefix_len == 0 || bits_match(addr, caddr, c.prefix_len);
}

int bc_run(const void *code, size_t blen, const struct bc_entry *e)
{
	const uint8_t *b = code;
	long len = (long)blen;

	while (len > 0) {
		const struct inet_diag_bc_op *op = op_c(b, 0);
		uint32_t u32;
		uint64_t u64;
		int yes = 1;

		switch (op->code) {
		case INET_DIAG_BC_JMP:
			yes = 0;
			break;
		case INET_DIAG_BC_S_EQ:
			yes = e->sport == op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_S_GE:
			yes = e->sport >= op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_S_LE:
			yes = e->sport <= op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_D_EQ:
			yes = e->dport == op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_D_GE:
			yes = e->dport >= op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_D_LE:
			yes = e->dport <= op_c(b, 4)->no;
			break;
		case INET_DIAG_BC_AUTO:
			yes = e->autobound;
			break;
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			yes = run_hostcond(b, e,
					   op->code == INET_DIAG_BC_S_COND);
			break;
		case INET_DIAG_BC_DEV_COND:
			memcpy(&u32, b + 4, 4);
			yes = u32 == e->ifindex;
			break;
		case INET_DIAG_BC_MARK_COND: {
			struct inet_diag_markcond m;

			memcpy(&m, b + 4, sizeof(m));
			yes = (e->mark & m.mask) == m.mark;
			break;
		}
		case INET_DIAG_BC_CGROUP_COND:
			memcpy(&u64, b + 4, 8);
			yes = u64 == e->cgroup_id;
			break;
		default: /* NOP */
			break;
		}
		if (yes) {
			len -= op->yes;
			b += op->yes;
		} else {
			len -= op->no;
			b += op->no;
		}
	}
	return len == 0;
}
