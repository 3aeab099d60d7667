/*
 * mcol.h: the columns of the socket table.  One static const table says,
 * for each column id (`netid state recv-q send-q local peer process uid
 * inode cookie rtt cwnd retrans timer mem cgroup iface tx-rate rx-rate
 * health netns`), its
 * title, width, alignment, what the dump must carry for it, how a cell is
 * written and how it sorts.  Shared by the model and the screen; no curses, no
 * I/O except the names cache (names.h: /etc/services, interface names).
 */
#ifndef SSTOP_MCOL_H
#define SSTOP_MCOL_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

enum mcol {
	MC_NETID,
	MC_STATE,
	MC_RECVQ,
	MC_SENDQ,
	MC_LOCAL,
	MC_PEER,
	MC_PROCESS,
	MC_UID,
	MC_INODE,
	MC_COOKIE,
	MC_RTT,
	MC_CWND,
	MC_RETRANS,
	MC_TIMER,
	MC_MEM,
	MC_CGROUP,
	MC_IFACE,
	MC_TXRATE,
	MC_RXRATE,
	MC_HEALTH,
	MC_NETNS,
	MC_COUNT
};

/* Formatting choices a column's formatter follows. */
struct own_map;
struct names;
struct snap;
struct mfmt {
	unsigned numeric : 1;	   /* port numbers instead of service names */
	unsigned exact : 1;	   /* exact sizes instead of 4.0M */
	unsigned threads : 1;	   /* owners per thread (-T) */
	const struct own_map *own; /* the Process column's owners, or NULL */
	struct names *names; /* service and interface names cache, or NULL */
	/*
	 * --all-netns: the snapshot the records are in, for their
	 * namespace's label (snap_ns_rec); NULL: none.
	 */
	const struct snap *snap;
};

/* A sort key, computed once per row before sorting. */
struct mkey {
	uint64_t a, b, c, d;
	const char *s; /* compared after a..d, bytes; may be NULL */
	uint32_t slen;
	uint32_t row; /* tie-break: keeps the sort stable */
	unsigned
		last : 1; /* unknown value: after the others, in either order */
};

struct mcol_def {
	const char
		*id; /* for --columns, --sort, the rc file: never translated */
	const char *title;   /* N_(): translate at the point of use */
	int width;	     /* preferred width on screen */
	unsigned right : 1;  /* right-aligned */
	unsigned owners : 1; /* its key reads the owners map (f->own) */
	uint32_t need;	     /* DIAG_X_* this column needs from the dump */
	/* Writes the cell's text to buf (always NUL-terminated, sanitized). */
	void (*fmt)(const struct sk_rec *r, const struct mfmt *f, char *buf,
		    size_t n);
	/* Its sort key; f may be NULL (then owners are unknown). */
	void (*key)(const struct sk_rec *r, const struct mfmt *f,
		    struct mkey *k);
};

/* The column table; never NULL for c < MC_COUNT. */
const struct mcol_def *mcol_get(enum mcol c);
/*
 * Bytes a Local or Peer cell of r takes whole, its NUL included: a unix
 * path is 4 bytes a byte escaped (432 for the kernel's 108, more for a
 * replayed dump's); 1 100 hold any other end.
 */
size_t mcol_end_size(const struct sk_rec *r);
/* Column by id ("recv-q"); returns -1 when unknown. */
int mcol_by_id(const char *id);
/*
 * "ID[:asc|:desc]" (--sort, the rc file): 0 with *col and *desc set, or
 * -1 when ID is not a column or the suffix is neither.
 */
int mcol_parse_sort(const char *spec, enum mcol *col, int *desc);
/*
 * "ID[,ID...]" (--columns, the rc file): the columns, in order, into
 * out[0..max) (out may be NULL: only checks); returns how many, or -1
 * when an ID is not a column.
 */
int mcol_parse_list(const char *list, enum mcol *out, int max);
/*
 * Whether a column is first sorted biggest first when chosen on screen:
 * the numbers (queues, sizes, rates, counters) and health (problems
 * first); names, addresses, states and timers go A to Z.
 */
int mcol_desc_first(enum mcol c);
/* Compares the column values of two keys, ascending (row is ignored). */
int mcol_cmp(const struct mkey *x, const struct mkey *y);
/* Scratch of mcol_sort, reused from one sort to the next; zero it first. */
struct mcol_sorter {
	void *a, *b;	   /* radix buffers (owned) */
	size_t cap;	   /* bytes of each */
	struct mkey *keys; /* mcol_sort_by: keys kept (no radix, strings) */
	size_t cap_keys;
	uint32_t *run; /* mcol_sort_by: a run's indices */
	size_t cap_run;
};

void mcol_sorter_free(struct mcol_sorter *s);
/* Bytes of the sorter's buffers. */
size_t mcol_sorter_mem(const struct mcol_sorter *s);
/*
 * Sorts keys[0..n) as the model orders rows: known values first, then the
 * column's value, then the key's index in keys (so the order is stable),
 * both descending when desc: a descending order is the ascending one
 * turned over, but for unknown values, last in both (each part turned
 * over by itself).  Writes the indices, in order, to out[0..n).
 * Keys that differ in at most 16 bytes of a..d (nearly every column) go
 * through an LSD radix sort of those bytes, O(n) per varying byte; others
 * through qsort.  Thread-safe on distinct sorters.
 */
void mcol_sort(struct mcol_sorter *s, const struct mkey *keys, size_t n,
	       int desc, uint32_t *out);
/* Writes the key of item i to *k (zeroed before the call). */
typedef void (*mcol_key_at)(size_t i, struct mkey *k, void *arg);
/*
 * As mcol_sort, with the keys computed when needed (twice each for the
 * radix sort) instead of read from an array: the keys are not stored,
 * save for the qsort fallback and the runs a string decides.  The result
 * is the same as mcol_sort's on the same keys.
 */
void mcol_sort_by(struct mcol_sorter *s, mcol_key_at fn, void *arg, size_t n,
		  int desc, uint32_t *out);
/* Human-readable size ("4.0M") of v into buf. */
void mcol_human(uint64_t v, char *buf, size_t n);
/* A rate in bytes per second: "1.9M/s", or "1992294/s" when exact. */
void mcol_rate_human(double v, int exact, char *buf, size_t n);

#endif
