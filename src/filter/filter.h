/*
 * filter.h: ss's filter language, parsed into a tree and evaluated.
 *
 * Text in, a tree or a precise error out.  The grammar is ss's, quirks
 * included (`and` and `or` have equal precedence and group left to right),
 * plus sstop's user-space extensions (uid, user, recvq, sendq, rtt,
 * retrans, inode, cookie, proc, pid).  The same tree is evaluated here on
 * struct sk_rec with the kernel's meaning, and compiled to inet_diag
 * bytecode by bytecode.h.  Nothing here prints or exits; name lookups
 * (getaddrinfo, getservbyname, if_nametoindex, getpwnam) are the only I/O.
 */
#ifndef SSTOP_FILTER_H
#define SSTOP_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "select.h"
#include "sock.h"

enum filter_kind {
	FN_AND,
	FN_OR,
	FN_NOT,
	FN_HOST,    /* src/dst (and sport/dport =): an ORed address list */
	FN_PORT_GE, /* sport/dport >= val */
	FN_PORT_LE, /* sport/dport <= val */
	FN_DEV,	    /* bound device index == val */
	FN_MARK,    /* (mark & mask) == val */
	FN_CGROUP,  /* cgroup id == val */
	FN_AUTO,    /* autobound */
	FN_NUM,	    /* extension: field cmp val */
	FN_OWNER,   /* extension: proc glob / pid, through a callback */
	FN_NS,	    /* extension: netns / container glob, through a callback */
};

enum filter_side { FS_SRC, FS_DST };

/* Extension fields (FN_NUM). */
enum filter_field {
	FF_UID,
	FF_RECVQ,
	FF_SENDQ,
	FF_RTT, /* microseconds (typed in ms) */
	FF_RETRANS,
	FF_INODE,
	FF_COOKIE,
};

/*
 * Comparisons.  Kernel conditions use only EQ/GE/LE (ss's encoding: != is
 * not(=), > is not(<=), < is not(>=)); extensions keep the operator so
 * that a value the socket lacks makes every comparison false.
 */
enum filter_cmp { FC_EQ, FC_GE, FC_LE, FC_NE, FC_GT, FC_LT };

/* What an owner callback is asked (FN_OWNER.field). */
enum filter_owner { FILTER_OWNER_PROC, FILTER_OWNER_PID };
/* What a namespace callback is asked (FN_NS.field). */
enum filter_ns { FILTER_NS_NETNS, FILTER_NS_CONTAINER };

/*
 * One address of a host condition.  family AF_UNSPEC with prefix 0 matches
 * any address (a port-only rule).  Inet addresses are in network order.
 */
struct filter_addr {
	uint8_t family; /* AF_UNSPEC, AF_INET, AF_INET6, AF_UNIX, AF_PACKET,
			   AF_NETLINK, AF_VSOCK */
	uint8_t prefix; /* bits; for packet/netlink/vsock 32 when id is set */
	int32_t port;	/* -1: any port */
	uint8_t addr[16];
	uint32_t id;	  /* packet protocol, netlink protocol, vsock cid */
	const char *glob; /* unix: fnmatch pattern (owned by the filter) */
};

struct filter_node {
	uint8_t kind;		   /* enum filter_kind */
	uint8_t side;		   /* enum filter_side */
	uint8_t field;		   /* enum filter_field, or enum filter_owner */
	uint8_t cmp;		   /* enum filter_cmp */
	struct filter_node *l, *r; /* operands of and/or/not */
	/*
	 * The node whose `l` this node is (NULL for an `r` or the root):
	 * walkers go down the left spine in a loop and climb back through
	 * `up`, so a chain of 100 000 terms needs no recursion.  Only a
	 * parenthesised right operand recurses, at most FILTER_MAX_DEPTH.
	 */
	struct filter_node *up;
	struct filter_addr *addrs; /* FN_HOST: n_addrs addresses, ORed */
	uint32_t n_addrs;
	uint32_t mask; /* FN_MARK */
	uint64_t val;
	const char *str;   /* FN_DEV name, FN_OWNER glob */
	uint32_t off, len; /* the condition's span in the source text */
};

/* How deep parentheses may nest (deeper: refused with a caret). */
#define FILTER_MAX_DEPTH 200

/* Is n an operator (and, or, not) rather than a condition? */
static inline int filter_node_is_op(const struct filter_node *n)
{
	return n->kind == FN_AND || n->kind == FN_OR || n->kind == FN_NOT;
}

struct filter;

/*
 * Owner lookups for `proc` and `pid`: returns non-zero if the socket with
 * inode ino is owned by a process whose name matches glob (kind PROC) or
 * whose pid is pid (kind PID).
 */
typedef int (*filter_owner_fn)(uint32_t ino, int kind, const char *glob,
			       long pid, void *arg);

/*
 * --all-netns lookups for `netns` and `container`: returns non-zero if
 * r's network namespace (kind NETNS: its label, name or id) or its
 * container (kind CONTAINER: name or id) matches glob.
 */
typedef int (*filter_ns_fn)(const struct sk_rec *r, int kind, const char *glob,
			    void *arg);

/* How to read operands. */
struct filter_opts {
	int family;    /* preferred family (-4 -6 -x -0 -f), AF_UNSPEC */
	uint32_t tabs; /* SKT_BIT() tables for service names; 0: tcp+udp */
	unsigned no_dns : 1; /* host names are errors, never looked up */
};

/* The outcome of a parse. */
struct filter_result {
	int ok;
	char msg[256];	 /* translated sentence when !ok */
	size_t off, len; /* the offending bytes in src */
	char *src;	 /* the source line the offsets refer to (owned) */
	int mixed_andor; /* and/or mixed without parentheses somewhere */
	/* the error is a host name not looked up (filter_opts.no_dns) */
	int need_dns;
	uint32_t show; /* FILTER_SHOW_*: display options of a tail */
};

/*
 * ss's display options, as filter_parse_tail() saw them on a line (they
 * select nothing: the caller decides what each shows).
 */
enum filter_show {
	FILTER_SHOW_NUMERIC = 1u << 0,	     /* -n --numeric */
	FILTER_SHOW_RESOLVE = 1u << 1,	     /* -r --resolve */
	FILTER_SHOW_TIMERS = 1u << 2,	     /* -o --options */
	FILTER_SHOW_EXTENDED = 1u << 3,	     /* -e --extended */
	FILTER_SHOW_MEMORY = 1u << 4,	     /* -m --memory */
	FILTER_SHOW_INFO = 1u << 5,	     /* -i --info */
	FILTER_SHOW_PROCESSES = 1u << 6,     /* -p --processes */
	FILTER_SHOW_THREADS = 1u << 7,	     /* -T --threads */
	FILTER_SHOW_CGROUP = 1u << 8,	     /* --cgroup */
	FILTER_SHOW_SUMMARY = 1u << 9,	     /* -s --summary */
	FILTER_SHOW_NO_HEADER = 1u << 10,    /* -H --no-header */
	FILTER_SHOW_ONELINE = 1u << 11,	     /* -O --oneline */
	FILTER_SHOW_BPF = 1u << 12,	     /* -b --bpf */
	FILTER_SHOW_EVENTS = 1u << 13,	     /* -E --events */
	FILTER_SHOW_CONTEXT = 1u << 14,	     /* -Z --context */
	FILTER_SHOW_CONTEXTS = 1u << 15,     /* -z --contexts */
	FILTER_SHOW_TOS = 1u << 16,	     /* --tos */
	FILTER_SHOW_INET_SOCKOPT = 1u << 17, /* --inet-sockopt */
	FILTER_SHOW_TIPCINFO = 1u << 18,     /* --tipcinfo */
};
/*
 * How the FILTER_SHOW_* bit `bit` is spelt ("-n", "--tos"); NULL for no
 * such bit.
 */
const char *filter_show_name(uint32_t bit);

/*
 * Parses an expression given as words (ss's argv: each word is split
 * again on blanks, backslash escapes).  Leading `state X`/`exclude X`
 * words set the state mask.  file_text, if not NULL, is the text of a
 * -F file (lines, # comments) whose tokens follow the words; no state
 * words there.  Returns a filter (owned by the caller, filter_free) or
 * NULL with res->ok = 0.  res->src is always set; release it with
 * filter_result_fini().  An empty expression gives a filter that
 * matches everything.
 */
struct filter *filter_parse_words(int argc, char *const *argv,
				  const char *file_text,
				  const struct filter_opts *o,
				  struct filter_result *res);
/* The same on one line typed by a user, split with shell quoting. */
struct filter *filter_parse_string(const char *text,
				   const struct filter_opts *o,
				   struct filter_result *res);
/*
 * What a user types after `ss`: selection options (applied to sel with
 * sel_option), state/exclude, then the expression.  Options may follow
 * the expression, as with ss's getopt.  Display options (-n -p -e...)
 * select nothing: they are noted in res->show, for the caller to apply.
 * The caller runs sel_finish() afterwards.
 */
struct filter *filter_parse_tail(const char *text, struct sk_select *sel,
				 const struct filter_opts *o,
				 struct filter_result *res);
void filter_result_fini(struct filter_result *res);

/*
 * Terminal columns taken by s[0..n) (wcwidth: "é" one, "日" two), for
 * placing a caret; a byte that is not a character counts one.
 */
size_t filter_text_cols(const char *s, size_t n);
/*
 * The words joined into one line that filter_parse_tail() splits back
 * into the same tokens: a word holding a quote or a backslash is
 * single-quoted ('it'\''s'); spaces split a word as they split the line
 * (as in ss), so they stay bare unless a piece would then read as an
 * option ("x -t").  Malloc'd, the caller frees.
 */
char *filter_join_words(int argc, char *const *argv);

/*
 * "LINE\n      ^^^ message\n" for a failed parse (malloc'd, caller frees),
 * the caret under the offending token (columns, not bytes), `indent`
 * columns further right when the caller prints LINE after a prefix of
 * that width ("sstop: ").  For a source of several lines only the
 * offending line is shown, and of a long line only some 48 bytes before
 * the error and 24 after it, "..." marking the cuts; the line and the
 * message are escaped as any untrusted text (san_escape()).
 */
char *filter_render_error(const struct filter_result *res, size_t indent);

void filter_free(struct filter *f);

/* The tree: NULL when the expression is empty (everything matches). */
const struct filter_node *filter_root(const struct filter *f);

void filter_set_owner_fn(struct filter *f, filter_owner_fn fn, void *arg);
/* Sets the netns/container lookup; without one they match nothing. */
void filter_set_ns_fn(struct filter *f, filter_ns_fn fn, void *arg);

/*
 * 1 if r passes the expression (states are not checked here: they travel
 * as idiag_states), 0 otherwise.  Follows the kernel's
 * bytecode meaning; `autobound` is guessed in user space (see
 * filter_autobound).
 */
int filter_match(const struct filter *f, const struct sk_rec *r);
/* sstop's user-space guess of the kernel's `autobound` for r. */
int filter_autobound(const struct filter *f, const struct sk_rec *r);
/* What an expression reads beyond a socket's basic record. */
enum {
	FILTER_NEEDS_INFO = 1u << 0, /* tcp_info: rtt, retrans */
};
/* FILTER_NEEDS_* bits of what the expression reads (the dump asks). */
uint32_t filter_needs(const struct filter *f);
/* Non-zero if the expression uses proc/pid (needs the owners scan). */
int filter_needs_owners(const struct filter *f);
/* Non-zero if the expression uses netns/container. */
int filter_needs_ns(const struct filter *f);

/*
 * Writes a canonical text form of the tree (for tests and debugging) to
 * buf, at most sz bytes, NUL-terminated.  Returns the full length, as
 * snprintf.
 */
size_t filter_dump(const struct filter *f, char *buf, size_t sz);

#endif
