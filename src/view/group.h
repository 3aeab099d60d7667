/*
 * group.h: the screen's rows grouped (F5) by one of several views: owning
 * process, program (every pid of one executable name), remote host,
 * local listening port, network namespace.
 *
 * Grouping is a pass over the model's sorted order: each row goes to its
 * group (made on first sight), or to a catch-all group ("(no owner)",
 * "(pending)", "(no remote host)", "(no listener)"); rows keep their sorted
 * order within a group, and the groups are ordered by the sort column
 * applied to their totals (Recv-Q and Send-Q sums, tx-rate and rx-rate
 * sums, the group's name, else where the group's first row sorted).  The
 * model's order is rewritten so that each group's rows are contiguous; the
 * rows of a collapsed group are left out of it (its header stays).  The
 * screen's lines are each group's header followed by its shown rows, and
 * the two numberings convert with group_line_of() / group_row_at().
 * Everything is O(rows) but the ranking of the groups.  No curses here.
 */
#ifndef SSTOP_GROUP_H
#define SSTOP_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "hmap.h"
#include "model.h"

struct own_map;

/* What the rows are grouped by (the rc file's `group=` ids). */
enum group_view {
	GV_NONE,  /* "none": not grouped */
	GV_PROC,  /* "process": first owner's pid */
	GV_PROG,  /* "program": first owner's name (comm), all its pids */
	GV_RHOST, /* "host": the peer's address, without its port */
	GV_LPORT, /* "port": a listener's port (namespace, protocol, port) */
	GV_NETNS, /* "netns": network namespace (--all-netns) */
	GV_COUNT
};

/* The view's id ("process"); never NULL for v < GV_COUNT. */
const char *group_view_id(enum group_view v);
/* Its menu text, N_() (translate at the point of use). */
const char *group_view_title(enum group_view v);
/* The view of an id, or -1. */
int group_view_by_id(const char *id);

enum group_kind {
	GROUP_KEYED,   /* a process, program, host, port or namespace */
	GROUP_OTHER,   /* the view's catch-all: no peer, no listener... */
	GROUP_NOOWNER, /* no owner found (or owners unknown) */
	GROUP_PENDING, /* owners not searched yet */
};

struct group_head {
	enum group_kind kind;
	uint64_t key;  /* the group's identity in its view (collapse, select) */
	int pid;       /* GV_PROC */
	char name[64]; /* process or program name (sanitized), netns label */
	uint32_t name_at;      /* a longer name (a netns label up to 255 bytes):
				  1 + its offset in the group's names, or 0 */
	uint8_t family, tab;   /* GV_RHOST: address family; GV_LPORT: table */
	uint8_t addr[16];      /* GV_RHOST */
	uint16_t port;	       /* GV_LPORT */
	uint64_t ino;	       /* GV_LPORT, GV_NETNS: the namespace */
	uint32_t first;	       /* position of the group's first shown row */
	uint32_t n;	       /* its rows (shown or not) */
	uint32_t shown;	       /* its rows in the order: n, or 0 collapsed */
	uint32_t n_proc;       /* GV_PROG: its processes */
	uint64_t rq, wq;       /* Recv-Q and Send-Q sums, listeners left out
				  (their Recv-Q is the accept queue, their
				  Send-Q the backlog limit: not bytes) */
	uint32_t n_listen;     /* listeners, */
	uint64_t acc, acc_max; /* their accept queues and backlog limits */
	uint32_t state[SKS_MAX];    /* sockets per state */
	uint32_t n_health;	    /* sockets with a health code */
	uint32_t health[SKH_COUNT]; /* per code (hcode_get's order) */
	uint64_t drops;		    /* skmem drops summed (when dumped) */
	double tx, rx; /* rates' sums (bytes/s), over n_rated rows */
	uint32_t n_rated;
};

struct group {
	const struct own_map *own; /* NULL: every row is "(no owner)" */
	int threads;
	enum group_view view;
	enum group_view last; /* the last view chosen (GV_PROC at first) */
	struct group_head *v; /* in screen order; owned */
	size_t n, cap;
	/*
	 * Collapsed groups: those whose key is in flip, or, after
	 * group_collapse_all(1), those whose key is not.
	 */
	struct hmap flip;
	int coll_all;
	/*
	 * The selection on a group's header (the UI keeps it): good while
	 * the model's sel_gen is hsel_gen (no row was selected since).
	 */
	uint64_t hsel_key;
	long hsel; /* its index in v after the last pass, or -1 */
	uint64_t hsel_gen;
	unsigned hsel_on : 1;
	unsigned n_ns;	 /* namespaces seen by the last pass */
	size_t n_hidden; /* live rows (not tombstones) of collapsed groups */
	/* scratch, kept between passes */
	uint32_t *row_grp; /* group of each visible row */
	size_t cap_row;
	struct hmap keys;  /* key -> group (group.c's key_slot) */
	struct hmap procs; /* GV_PROG: pids already counted */
	struct hmap lsn;   /* GV_LPORT: listening ports */
	uint32_t *rank, *tmp;
	size_t cap_rank, cap_tmp;
	char *names; /* the heads' names too long for their name, each ended */
	size_t names_len, cap_names;
};

void group_init(struct group *g, const struct own_map *own, int threads);
void group_free(struct group *g);
/* Chooses the view; the collapsed set starts empty. */
void group_set_view(struct group *g, enum group_view v);

/* The whole name of one of g's heads (process, program, netns label). */
const char *group_head_name(const struct group *g, const struct group_head *h);

/*
 * The model's post-sort hook (model.h, model_order_fn): arg is a struct
 * group.  Rewrites m->order group by group, collapsed groups' rows left
 * out, and fills g->v.
 */
void group_apply(struct model *m, void *arg);

/* Whether the group of that key is collapsed. */
int group_collapsed(const struct group *g, uint64_t key);
/* Collapses (1) or expands (0) the group of that key. */
void group_collapse(struct group *g, uint64_t key, int on);
/* Collapses (1) or expands (0) every group, those to come too. */
void group_collapse_all(struct group *g, int on);
/*
 * The keys of the groups that differ from the rule (collapsed, or after
 * group_collapse_all(1) expanded): up to max of them in out; returns how
 * many were put.
 */
size_t group_flips(const struct group *g, uint64_t *out, size_t max);

/*
 * The collapsed groups kept across views and runs (group_keep.c), as the
 * rc file's `collapsed=` text: comma-separated VIEW:KEY (the view's id, the
 * group's key in hex) and VIEW:* (every group of the view, the keys after
 * it being those expanded), at most GROUP_KEEP_MAX entries, which fit in
 * GROUP_KEEP_LEN bytes.
 */
#define GROUP_KEEP_MAX 32
#define GROUP_KEEP_LEN 832
/* 0 if text is such a list (empty too), or -EINVAL. */
int group_keep_check(const char *text);
/* Applies text's entries for g's view (a bad text is ignored). */
void group_keep_load(struct group *g, const char *text);
/*
 * Replaces text's entries for g's view (not GV_NONE) by g's state, the
 * other views' kept (the oldest dropped beyond GROUP_KEEP_MAX); size is
 * GROUP_KEEP_LEN at least.
 */
void group_keep_store(const struct group *g, char *text, size_t size);

/* Screen lines: one header per group plus the shown rows. */
size_t group_lines(const struct group *g, size_t n_rows);
/* The line of row position pos. */
size_t group_line_of(const struct group *g, size_t pos);
/* The line of group k's header. */
size_t group_head_line(const struct group *g, size_t k);
/*
 * What line `line` shows: the row position (>= 0), or -1 - k for the
 * header of group k.
 */
long group_row_at(const struct group *g, size_t line);

#endif
