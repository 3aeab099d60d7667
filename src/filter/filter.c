/*
 * filter.c: the filter language's grammar, on tokens from filter_text.c.
 *
 * The grammar is ss's: `state`/`exclude` words first, then terms joined by
 * and/or (equal precedence, left to right) or by juxtaposition (and),
 * `!` on one term, parentheses.  Operands are read by filter_addr.c.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "filter_int.h"
#include "i18n.h"
#include "lookup.h"
#include "msgfit.h"
#include "xalloc.h"

struct filter_blk {
	struct filter_blk *next;
	max_align_t data[];
};

void *filter_alloc(struct filter *f, size_t n)
{
	struct filter_blk *b = xcalloc(1, sizeof(*b) + n);

	b->next = f->mem;
	f->mem = b;
	return b->data;
}

char *filter_strdup(struct filter *f, const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(filter_alloc(f, n), s, n);
}

void filter_free(struct filter *f)
{
	struct filter_blk *b, *next;

	if (!f)
		return;
	for (b = f->mem; b; b = next) {
		next = b->next;
		free(b);
	}
	free(f);
}

static int filter_verr(struct fparse *p, size_t off, size_t len,
		       const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int filter_verr(struct fparse *p, size_t off, size_t len,
		       const char *fmt, va_list ap)
{
	if (!p->res->ok)
		return -1; /* keep the first error: later ones follow from it */
	p->res->ok = 0;
	p->res->off = off;
	p->res->len = len;
	msg_vfit(p->res->msg, sizeof(p->res->msg), fmt, ap);
	return -1;
}

int filter_err_at(struct fparse *p, size_t off, size_t len, const char *fmt,
		  ...)
{
	va_list ap;

	va_start(ap, fmt);
	filter_verr(p, off, len, fmt, ap);
	va_end(ap);
	return -1;
}

int filter_err_tok(struct fparse *p, const struct ftok *t, const char *sub,
		   size_t sublen, const char *fmt, ...)
{
	size_t off = t->off, len = t->len;
	va_list ap;

	/* Point inside the token only when its text is the source's bytes. */
	if (sub && t->len == strlen(t->s) && sub >= t->s &&
	    sub + sublen <= t->s + t->len) {
		off = t->off + (size_t)(sub - t->s);
		len = sublen ? sublen : 1;
	}
	va_start(ap, fmt);
	filter_verr(p, off, len, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- the grammar ----------------------------------------------------- */

enum tclass {
	TC_WORD,
	TC_NOT,
	TC_AND,
	TC_OR,
	TC_LP,
	TC_RP,
	TC_EQ,
	TC_NE,
	TC_GE,
	TC_LE,
	TC_GT,
	TC_LT,
	TC_KEY,
};

enum fkey {
	K_NONE,
	K_SRC,
	K_DST,
	K_SPORT,
	K_DPORT,
	K_DEV,
	K_FWMARK,
	K_CGROUP,
	K_AUTOBOUND,
	/* sstop's extensions: keywords only where a condition starts */
	K_UID,
	K_USER,
	K_RECVQ,
	K_SENDQ,
	K_RTT,
	K_RETRANS,
	K_INODE,
	K_COOKIE,
	K_PROC,
	K_PID,
	K_NETNS,
	K_CONTAINER,
};

static const struct {
	const char *word;
	uint8_t cls;
} tclass_words[] = {
	{"!", TC_NOT},	 {"not", TC_NOT}, {"&", TC_AND},  {"&&", TC_AND},
	{"and", TC_AND}, {"|", TC_OR},	  {"||", TC_OR},  {"or", TC_OR},
	{"(", TC_LP},	 {")", TC_RP},	  {"=", TC_EQ},	  {"==", TC_EQ},
	{"eq", TC_EQ},	 {"!=", TC_NE},	  {"ne", TC_NE},  {"neq", TC_NE},
	{">=", TC_GE},	 {"ge", TC_GE},	  {"geq", TC_GE}, {"<=", TC_LE},
	{"le", TC_LE},	 {"leq", TC_LE},  {">", TC_GT},	  {"gt", TC_GT},
	{"<", TC_LT},	 {"lt", TC_LT},
};

/* Operators each keyword takes, as a mask of 1 << TC_*. */
#define OPS_EQ (1u << TC_EQ)
#define OPS_EQNE (OPS_EQ | (1u << TC_NE))
#define OPS_ALL                                                                \
	(OPS_EQNE | (1u << TC_GE) | (1u << TC_LE) | (1u << TC_GT) |            \
	 (1u << TC_LT))

static const struct fkey_def {
	const char *word;
	uint8_t ext;   /* an sstop extension */
	uint8_t field; /* enum filter_field or filter_owner */
	uint32_t ops;
	const char *what; /* the operand, for "expected ... after" */
} fkeys[] = {
	[K_SRC] = {"src", 0, 0, OPS_EQ, N_("an address")},
	[K_DST] = {"dst", 0, 0, OPS_EQ, N_("an address")},
	[K_SPORT] = {"sport", 0, 0, OPS_ALL, N_("a port")},
	[K_DPORT] = {"dport", 0, 0, OPS_ALL, N_("a port")},
	[K_DEV] = {"dev", 0, 0, OPS_EQNE, N_("a device name or index")},
	[K_FWMARK] = {"fwmark", 0, 0, OPS_EQNE, N_("a mark")},
	[K_CGROUP] = {"cgroup", 0, 0, OPS_EQNE, N_("a cgroup path")},
	[K_AUTOBOUND] = {"autobound", 0, 0, 0, NULL},
	[K_UID] = {"uid", 1, FF_UID, OPS_ALL, N_("a number")},
	[K_USER] = {"user", 1, FF_UID, OPS_EQNE, N_("a user name")},
	[K_RECVQ] = {"recvq", 1, FF_RECVQ, OPS_ALL, N_("a size")},
	[K_SENDQ] = {"sendq", 1, FF_SENDQ, OPS_ALL, N_("a size")},
	[K_RTT] = {"rtt", 1, FF_RTT, OPS_ALL, N_("a time in ms")},
	[K_RETRANS] = {"retrans", 1, FF_RETRANS, OPS_ALL, N_("a number")},
	[K_INODE] = {"inode", 1, FF_INODE, OPS_ALL, N_("a number")},
	[K_COOKIE] = {"cookie", 1, FF_COOKIE, OPS_ALL, N_("a number")},
	[K_PROC] = {"proc", 1, FILTER_OWNER_PROC, OPS_EQNE,
		    N_("a process name")},
	[K_PID] = {"pid", 1, FILTER_OWNER_PID, OPS_EQNE, N_("a pid")},
	[K_NETNS] = {"netns", 1, FILTER_NS_NETNS, OPS_EQNE,
		     N_("a namespace name")},
	[K_CONTAINER] = {"container", 1, FILTER_NS_CONTAINER, OPS_EQNE,
			 N_("a container name")},
};

static const struct {
	const char *word;
	uint8_t key;
} fkey_aliases[] = {
	{"mark", K_FWMARK},
};

static int tok_class(const struct ftok *t)
{
	for (size_t i = 0; i < sizeof(tclass_words) / sizeof(*tclass_words);
	     i++)
		if (!strcmp(t->s, tclass_words[i].word))
			return tclass_words[i].cls;
	return TC_WORD;
}

/* The keyword t names (ss's own anywhere; extensions if ext_ok). */
static int tok_key(const struct ftok *t, int ext_ok)
{
	for (size_t k = 1; k < sizeof(fkeys) / sizeof(*fkeys); k++)
		if (!strcmp(t->s, fkeys[k].word) && (ext_ok || !fkeys[k].ext))
			return (int)k;
	for (size_t i = 0; i < sizeof(fkey_aliases) / sizeof(*fkey_aliases);
	     i++)
		if (!strcmp(t->s, fkey_aliases[i].word))
			return fkey_aliases[i].key;
	return K_NONE;
}

static const struct ftok *peek(struct fparse *p)
{
	return p->i < p->n ? &p->t[p->i] : NULL;
}

static struct filter_node *node(struct fparse *p, int kind,
				const struct ftok *from)
{
	struct filter_node *n = filter_alloc(p->f, sizeof(*n));

	n->kind = (uint8_t)kind;
	if (from) {
		n->off = from->off;
		n->len = from->len;
	}
	return n;
}

static struct filter_node *not_of(struct fparse *p, struct filter_node *c)
{
	struct filter_node *n = node(p, FN_NOT, NULL);

	n->l = c;
	c->up = n;
	n->off = c->off;
	n->len = c->len;
	return n;
}

/* Extends n's span to the end of token t. */
static void span_to(struct filter_node *n, const struct ftok *t)
{
	if (t->off + t->len > n->off + n->len)
		n->len = t->off + t->len - n->off;
}

/*
 * A size as the table prints it: decimal digits, a fraction only before a
 * unit ("1.5M"), the units K M G T in either case, powers of 1024 (the
 * table's 126K is 126 * 1024 bytes, give or take its rounding).  A
 * hexadecimal number may take a unit too ("0x10k").
 */
static int parse_human(const char *s, uint64_t *out)
{
	static const char units[] = "kmgt";
	uint64_t v = 0, frac = 0, scale = 1;
	int shift = 0;
	const char *p = s, *u;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		char *end;

		if (!isxdigit((unsigned char)p[2]))
			return -1;
		errno = 0;
		v = strtoull(p + 2, &end, 16);
		if (errno)
			return -1;
		p = end;
	} else {
		if (!isdigit((unsigned char)*p))
			return -1;
		for (; isdigit((unsigned char)*p); p++) {
			if (v > (UINT64_MAX - 9) / 10)
				return -1;
			v = v * 10 + (uint64_t)(*p - '0');
		}
		if (*p == '.') {
			/* six decimals at most: a millionth of a unit */
			if (!isdigit((unsigned char)*++p))
				return -1;
			for (; isdigit((unsigned char)*p); p++) {
				if (scale == 1000000)
					return -1;
				frac = frac * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			}
		}
	}
	if (*p) {
		u = strchr(units, tolower((unsigned char)*p));
		if (!u || p[1])
			return -1;
		shift = 10 * (int)(u - units + 1);
	} else if (scale > 1) {
		return -1; /* a fraction of a byte */
	}
	if (v > (UINT64_MAX >> shift))
		return -1;
	v <<= shift;
	/* frac < 10^6 and shift <= 40: the product fits in 64 bits */
	frac = ((frac << shift) + scale / 2) / scale;
	if (v > UINT64_MAX - frac)
		return -1;
	*out = v + frac;
	return 0;
}

int filter_parse_size(const char *s, int suffix, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	if (suffix)
		return parse_human(s, out);
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

/* Milliseconds, decimals allowed, to microseconds. */
static int parse_ms(const char *s, uint64_t *out)
{
	double v;
	char *end;

	if (!*s || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v != v || v < 0 || v > 4.0e9)
		return -1;
	*out = (uint64_t)(v * 1000.0 + 0.5);
	return 0;
}

static int parse_ext(struct fparse *p, int key, const struct ftok *op,
		     const struct ftok *t, struct filter_node *n)
{
	const struct fkey_def *d = &fkeys[key];
	uint64_t v;
	int rc;

	(void)op;
	if (key == K_NETNS || key == K_CONTAINER) {
		n->kind = FN_NS;
		n->str = filter_strdup(p->f, t->s);
		return 0;
	}
	if (key == K_PROC) {
		n->kind = FN_OWNER;
		n->str = filter_strdup(p->f, t->s);
		return 0;
	}
	if (key == K_PID) {
		n->kind = FN_OWNER;
		if (filter_parse_size(t->s, 0, &v) || v == 0 || v > INT_MAX)
			return filter_err_tok(p, t, NULL, 0,
					      _("'%s' is not a pid"), t->s);
		n->val = v;
		return 0;
	}
	n->kind = FN_NUM;
	if (key == K_USER) {
		uint32_t uid;

		/* an entry of any length up to LOOKUP_MAX (lookup.h) */
		rc = lookup_user_uid(t->s, &uid);
		if (rc == -ERANGE)
			return filter_err_tok(
				p, t, NULL, 0,
				_("user '%s': its entry is longer "
				  "than %u KiB"),
				t->s, LOOKUP_MAX >> 10);
		if (rc)
			return filter_err_tok(p, t, NULL, 0,
					      _("unknown user '%s'"), t->s);
		n->val = uid;
		return 0;
	}
	if (key == K_RTT)
		rc = parse_ms(t->s, &v);
	else
		rc = filter_parse_size(t->s, key == K_RECVQ || key == K_SENDQ,
				       &v);
	if (rc)
		return filter_err_tok(p, t, NULL, 0, _("'%s' is not %s"), t->s,
				      _(d->what));
	if ((key == K_UID || key == K_INODE || key == K_RECVQ ||
	     key == K_SENDQ || key == K_RETRANS) &&
	    v > UINT32_MAX)
		return filter_err_tok(p, t, NULL, 0, _("'%s' is out of range"),
				      t->s);
	n->val = v;
	return 0;
}

static int parse_mark(struct fparse *p, const struct ftok *t,
		      struct filter_node *n)
{
	char *end;
	const char *s = t->s;
	unsigned long long v, m = UINT32_MAX;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || v > UINT32_MAX || *s == '-')
		return filter_err_tok(p, t, NULL, 0,
				      _("'%s' is not a mark (VALUE[/MASK])"),
				      s);
	if (*end == '/') {
		const char *ms = end + 1;

		m = strtoull(ms, &end, 0);
		if (errno || end == ms || m > UINT32_MAX || *ms == '-')
			return filter_err_tok(p, t, ms, strlen(ms),
					      _("'%s' is not a mask"), ms);
	}
	if (*end)
		return filter_err_tok(p, t, NULL, 0,
				      _("'%s' is not a mark (VALUE[/MASK])"),
				      s);
	n->val = v;
	n->mask = (uint32_t)m;
	return 0;
}

/* A condition: keyword [operator] operand. */
static struct filter_node *parse_cond(struct fparse *p, int key)
{
	const struct fkey_def *d = &fkeys[key];
	const struct ftok *kt = &p->t[p->i++], *op = NULL, *t;
	struct filter_node *n = node(p, FN_HOST, kt);
	int cls = TC_EQ, rc = 0, neg = 0;

	if (key == K_AUTOBOUND) {
		n->kind = FN_AUTO;
		return n;
	}
	t = peek(p);
	if (t && tok_class(t) >= TC_EQ && tok_class(t) <= TC_LT) {
		op = t;
		cls = tok_class(t);
		p->i++;
		if (!(d->ops & (1u << cls))) {
			if (d->ops == OPS_EQ)
				filter_err_tok(p, op, NULL, 0,
					       _("'%s' cannot follow '%s': "
						 "only '=' can (write '! %s "
						 "...')"),
					       op->s, kt->s, kt->s);
			else
				filter_err_tok(p, op, NULL, 0,
					       _("'%s' cannot follow '%s'"),
					       op->s, kt->s);
			return NULL;
		}
	}
	t = peek(p);
	if (!t || tok_class(t) != TC_WORD || tok_key(t, 0) != K_NONE) {
		const struct ftok *at = t ? t : (op ? op : kt);

		if (t)
			filter_err_tok(p, at, NULL, 0,
				       _("expected %s after '%s', not '%s'"),
				       _(d->what), (op ? op : kt)->s, t->s);
		else
			filter_err_at(p, at->off + at->len, 1,
				      _("expected %s after '%s'"), _(d->what),
				      at->s);
		return NULL;
	}
	p->i++;
	span_to(n, t);
	/* ss's encoding: != is not(=), > is not(<=), < is not(>=). */
	neg = cls == TC_NE || cls == TC_GT || cls == TC_LT;
	n->side = (key == K_DST || key == K_DPORT) ? FS_DST : FS_SRC;
	n->field = d->field;
	n->cmp = (cls == TC_GE || cls == TC_LT)	  ? FC_GE
		 : (cls == TC_LE || cls == TC_GT) ? FC_LE
						  : FC_EQ;
	switch (key) {
	case K_SRC:
	case K_DST:
		rc = filter_parse_host(p, t, 0, n);
		break;
	case K_SPORT:
	case K_DPORT:
		if (n->cmp == FC_EQ) {
			rc = filter_parse_host(p, t, 1, n);
		} else {
			int32_t port;
			const char *s = t->s[0] == ':' ? t->s + 1 : t->s;

			n->kind = n->cmp == FC_GE ? FN_PORT_GE : FN_PORT_LE;
			rc = filter_parse_port(p, t, s, &port);
			if (!rc && port < 0)
				rc = filter_err_tok(
					p, t, NULL, 0,
					_("'%s' needs a port number, not '*'"),
					op->s);
			n->val = (uint64_t)port;
		}
		break;
	case K_DEV:
		n->kind = FN_DEV;
		rc = filter_parse_dev(p, t, n);
		break;
	case K_FWMARK:
		n->kind = FN_MARK;
		rc = parse_mark(p, t, n);
		break;
	case K_CGROUP:
		n->kind = FN_CGROUP;
		rc = filter_parse_cgroup(p, t, n);
		break;
	default:
		rc = parse_ext(p, key, op, t, n);
		break;
	}
	if (rc)
		return NULL;
	if (n->kind == FN_NUM && neg) {
		/* Keep the operator: unknown values fail every comparison. */
		n->cmp = cls == TC_NE ? FC_NE : cls == TC_GT ? FC_GT : FC_LT;
		return n;
	}
	return neg ? not_of(p, n) : n;
}

static struct filter_node *parse_list(struct fparse *p, int nested);

static struct filter_node *parse_term(struct fparse *p)
{
	const struct ftok *t = peek(p);
	struct filter_node *n;
	int key;

	if (!t) {
		const struct ftok *last = p->n ? &p->t[p->n - 1] : NULL;

		filter_err_at(p, last ? last->off + last->len : 0, 1,
			      _("expected a condition at the end"));
		return NULL;
	}
	switch (tok_class(t)) {
	case TC_LP:
		if (++p->depth > FILTER_MAX_DEPTH) {
			filter_err_tok(p, t, NULL, 0,
				       _("too many nested parentheses"));
			return NULL;
		}
		p->i++;
		if (peek(p) && tok_class(peek(p)) == TC_RP) {
			filter_err_tok(p, peek(p), NULL, 0,
				       _("empty parentheses"));
			return NULL;
		}
		n = parse_list(p, 1);
		if (!n)
			return NULL;
		if (!peek(p) || tok_class(peek(p)) != TC_RP) {
			filter_err_tok(p, t, NULL, 0,
				       _("this '(' is never closed"));
			return NULL;
		}
		p->i++;
		p->depth--;
		return n;
	case TC_NOT: {
		/* not not ... x: a loop, however many there are. */
		size_t first = p->i, k;

		while (peek(p) && tok_class(peek(p)) == TC_NOT) {
			const struct ftok *nt = peek(p);

			p->i++;
			if (!peek(p)) {
				filter_err_at(p, nt->off + nt->len, 1,
					      _("expected a condition after "
						"'%s'"),
					      nt->s);
				return NULL;
			}
		}
		k = p->i;
		n = parse_term(p);
		if (!n)
			return NULL;
		/* Innermost first: each `not` spans to its operand's end. */
		while (k-- > first) {
			const struct ftok *nt = &p->t[k];

			n = not_of(p, n);
			n->off = nt->off;
			n->len = n->l->off + n->l->len - nt->off;
		}
		return n;
	}
	case TC_RP:
		filter_err_tok(p, t, NULL, 0, _("unmatched ')'"));
		return NULL;
	case TC_WORD:
		key = tok_key(t, 1);
		if (key != K_NONE)
			return parse_cond(p, key);
		if (!strcmp(t->s, "state") || !strcmp(t->s, "exclude") ||
		    !strcmp(t->s, "excl"))
			filter_err_tok(p, t, NULL, 0,
				       _("'%s' must come before the "
					 "expression"),
				       t->s);
		else
			filter_err_tok(p, t, NULL, 0, _("unknown keyword '%s'"),
				       t->s);
		return NULL;
	default:
		filter_err_tok(p, t, NULL, 0,
			       _("expected a condition, not '%s'"), t->s);
		return NULL;
	}
}

/* Terms joined by and/or/juxtaposition, left to right, no precedence. */
static struct filter_node *parse_list(struct fparse *p, int nested)
{
	struct filter_node *acc = parse_term(p);
	int saw_and = 0, saw_or = 0;

	while (acc) {
		const struct ftok *t = peek(p);
		struct filter_node *rhs, *n;
		int cls, kind = FN_AND;

		if (!t)
			break;
		cls = tok_class(t);
		if (cls == TC_RP) {
			if (!nested) {
				filter_err_tok(p, t, NULL, 0,
					       _("unmatched ')'"));
				return NULL;
			}
			break;
		}
		if (cls == TC_AND || cls == TC_OR) {
			kind = cls == TC_OR ? FN_OR : FN_AND;
			p->i++;
			if (!peek(p)) {
				filter_err_at(p, t->off + t->len, 1,
					      _("expected a condition after "
						"'%s'"),
					      t->s);
				return NULL;
			}
		}
		if (kind == FN_OR)
			saw_or = 1;
		else
			saw_and = 1;
		rhs = parse_term(p);
		if (!rhs)
			return NULL;
		n = node(p, kind, NULL);
		n->l = acc;
		acc->up = n;
		n->r = rhs;
		n->off = acc->off;
		n->len = rhs->off + rhs->len - acc->off;
		acc = n;
	}
	if (saw_and && saw_or)
		p->res->mixed_andor = 1;
	return acc;
}

/* ---- states ---------------------------------------------------------- */

/* ss's "all": every state from UNKNOWN to CLOSING (not NEW_SYN_RECV). */
#define SS_ALL ((1u << (SKS_CLOSING + 1)) - 1)

/* The same state words as the command line's (select.c). */
static int state_mask(const char *name, uint32_t *mask)
{
	*mask = sel_state_mask(name);
	return *mask ? 0 : -1;
}

/* Leading state/exclude words; returns -1 on error. */
static int parse_states(struct fparse *p, int allow)
{
	const struct ftok *t;

	while ((t = peek(p)) && !t->in_file) {
		int excl = !strcmp(t->s, "exclude") || !strcmp(t->s, "excl");
		uint32_t m;

		if (!excl && strcmp(t->s, "state"))
			break;
		if (!allow)
			return filter_err_tok(p, t, NULL, 0,
					      _("'%s' must come before the "
						"expression"),
					      t->s);
		p->i++;
		if (!peek(p) || peek(p)->in_file)
			return filter_err_at(p, t->off + t->len, 1,
					     _("expected a state name after "
					       "'%s'"),
					     t->s);
		if (state_mask(peek(p)->s, &m))
			return filter_err_tok(p, peek(p), NULL, 0,
					      _("unknown state name '%s'"),
					      peek(p)->s);
		p->i++;
		if (!p->f->states_given)
			p->f->states = excl ? SS_ALL : 0;
		if (excl)
			p->f->states &= ~m;
		else
			p->f->states |= m;
		p->f->states_given = 1;
	}
	return 0;
}

/* ---- entry points ---------------------------------------------------- */

struct filter *filter_new(void)
{
	struct filter *f = xcalloc(1, sizeof(*f));

	f->eph_lo = 32768;
	f->eph_hi = 60999;
	return f;
}

struct filter *filter_parse_toks(const struct ftok *t, size_t n,
				 int allow_state, const struct filter_opts *o,
				 struct filter_result *res)
{
	static const struct filter_opts defaults = {0};
	struct fparse p = {
		.f = filter_new(),
		.o = o ? o : &defaults,
		.res = res,
		.t = t,
		.n = n,
	};

	res->ok = 1;
	res->mixed_andor = 0;
	if (parse_states(&p, allow_state) == 0 && p.i < p.n)
		p.f->root = parse_list(&p, 0);
	if (!res->ok) {
		filter_free(p.f);
		return NULL;
	}
	return p.f;
}

const struct filter_node *filter_root(const struct filter *f)
{
	return f ? f->root : NULL;
}

void filter_set_ns_fn(struct filter *f, filter_ns_fn fn, void *arg)
{
	f->ns = fn;
	f->ns_arg = arg;
}

void filter_set_owner_fn(struct filter *f, filter_owner_fn fn, void *arg)
{
	f->owner = fn;
	f->owner_arg = arg;
}
