/*
 * filter_int.h: what the filter's own files (filter.c, filter_addr.c,
 * filter_eval.c, filter_tail.c) share and nobody else sees: the filter
 * object, tokens, the parser's state and its error reporting.
 */
#ifndef SSTOP_FILTER_INT_H
#define SSTOP_FILTER_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "filter.h"

struct filter_blk;

struct filter {
	struct filter_node *root;
	uint32_t states;
	int states_given;
	uint64_t families; /* 1ull << AF_* from family prefixes */
	filter_owner_fn owner;
	void *owner_arg;
	filter_ns_fn ns;
	void *ns_arg;
	unsigned eph_lo, eph_hi; /* ephemeral ports, to guess `autobound` */
	struct filter_blk *mem;	 /* every allocation of the tree */
};

/* One token: its text (unescaped) and where its bytes are in the source. */
struct ftok {
	char *s;
	uint32_t off, len;
	uint8_t in_file; /* came from -F text: no state words there */
};

struct ftoks {
	struct ftok *v;
	size_t n, cap;
};

/* The parser's state, one per parse: nothing global. */
struct fparse {
	struct filter *f;
	const struct filter_opts *o;
	struct filter_result *res;
	const struct ftok *t;
	size_t n, i;
	int depth;
};

/* Zeroed memory owned by f, freed by filter_free(). */
void *filter_alloc(struct filter *f, size_t n);
char *filter_strdup(struct filter *f, const char *s);

/*
 * Records the first error: the message (a translated printf format) and
 * the span [off, off+len) in the source.  Returns -1 for convenience.
 */
int filter_err_at(struct fparse *p, size_t off, size_t len, const char *fmt,
		  ...) __attribute__((format(printf, 4, 5)));
/* The same for a part of token t (sub points into t->s), or all of it. */
int filter_err_tok(struct fparse *p, const struct ftok *t, const char *sub,
		   size_t sublen, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/*
 * Parses the operand t of src/dst (is_port 0) or sport/dport (is_port 1)
 * into n->addrs.  Returns 0, or -1 with the error recorded.
 */
int filter_parse_host(struct fparse *p, const struct ftok *t, int is_port,
		      struct filter_node *n);
/* Parses a port (number, service name, `*` = -1) for sport/dport ranges. */
int filter_parse_port(struct fparse *p, const struct ftok *t, const char *s,
		      int32_t *port);

/* dev NAME|INDEX and cgroup PATH operands (filter_addr.c). */
int filter_parse_dev(struct fparse *p, const struct ftok *t,
		     struct filter_node *n);
int filter_parse_cgroup(struct fparse *p, const struct ftok *t,
			struct filter_node *n);

/* Splits one word (chars s[0..n) at source offsets o[]) as ss does. */
void filter_ss_split(const char *s, const uint32_t *o, size_t n, int in_file,
		     struct ftoks *out);
/* An empty filter (filter.c). */
struct filter *filter_new(void);
/* Tokens, then the expression: the parser proper (filter.c). */
struct filter *filter_parse_toks(const struct ftok *t, size_t n,
				 int allow_state, const struct filter_opts *o,
				 struct filter_result *res);
void filter_toks_free(struct ftoks *t);

/* Shell-like split keeping each character's source offset (filter.c). */
struct fword {
	char *s;
	uint32_t *o;
	size_t n;
};
int filter_split_words(const char *text, struct fword **out, size_t *n,
		       size_t *err_off);
void filter_fwords_free(struct fword *w, size_t n);

/*
 * A base-0 unsigned number (no sign); with `suffix`, a size as the table
 * prints it instead: decimal (or 0x hexadecimal), a unit K M G T in
 * either case (powers of 1024), a fraction before a unit ("1.5M").
 * Returns 0, or -1 when s is not one.
 */
int filter_parse_size(const char *s, int suffix, uint64_t *out);

#endif
