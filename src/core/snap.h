/*
 * snap.h: a snapshot, the sockets of one refresh.
 *
 * A snapshot owns an array of records and an arena that holds everything
 * the records point to (sk_ext blocks, names, tcp_info copies).  Clearing
 * a snapshot keeps its memory for the next refresh, so a steady refresh
 * loop allocates nothing.
 */
#ifndef SSTOP_SNAP_H
#define SSTOP_SNAP_H

#include <stddef.h>
#include <stdint.h>

#include "sock.h"

struct arena_chunk;

/* A bump allocator; memory lives until arena_reset() or arena_free(). */
struct arena {
	struct arena_chunk *head; /* chunk being filled */
	struct arena_chunk *free; /* chunks kept by arena_reset() */
	size_t used;		  /* bytes handed out, for statistics */
};

/* Returns zeroed, 8-byte-aligned memory owned by the arena; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
/* Copies n bytes and adds a NUL; owned by the arena. */
char *arena_strndup(struct arena *a, const void *s, size_t n);
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

/* Why a table was not dumped (snap.skipped). */
struct snap_note {
	uint8_t tab; /* enum sk_tab */
	uint8_t family;
	int err; /* positive errno from the kernel */
};

/*
 * Records from index `first` on come from the namespace of inode ino
 * (--all-netns), with what names it (strings in the arena, "" unknown).
 */
struct snap_ns {
	size_t first;
	uint64_t ino;
	const char *label;     /* what the netns column shows */
	const char *container; /* container name or short id */
	const char *runtime;   /* docker, podman...: "" none */
	const char *path;      /* the namespace file it was found by */
	int pid;	       /* its first process, 0: none */
};

/* Shared extension blocks remembered for reuse (snap_ext_shared). */
#define SNAP_SHARED 8

struct snap {
	struct sk_rec *v; /* n records, in dump order */
	size_t n, cap;
	struct arena arena;
	struct snap_note *notes; /* tables the kernel could not dump */
	size_t n_notes, cap_notes;
	struct sk_ext *shared[SNAP_SHARED]; /* in the arena; read-only */
	unsigned int n_shared, next_shared;
	/*
	 * The arena as it was before the last snap_push, so that popping
	 * that record gives its memory back (a filter or a streaming view
	 * that drops every record keeps the arena flat).
	 */
	struct arena_chunk *mark_chunk;
	size_t mark_used, mark_total, mark_n, mark_ctr;
	/*
	 * TCP counters for the rates (sk_tcpc.ctr indexes them): mapped
	 * memory, given back whole by snap_ctr_release once the rates are
	 * known, so that no snapshot kept for display holds them.
	 */
	struct sk_ctr *ctr;
	size_t n_ctr, cap_ctr;
	unsigned int shared_made, mark_shared;
	/*
	 * --all-netns: the records of one namespace are contiguous; each
	 * range begins at its first index (snap_ns_begin), in dump order.
	 */
	struct snap_ns *ns;
	size_t n_ns, cap_ns;
};

void snap_init(struct snap *s);
/* Empties the snapshot, keeping its memory. */
void snap_clear(struct snap *s);
void snap_free(struct snap *s);
/* Appends a zeroed record and returns it; valid until the next push. */
struct sk_rec *snap_push(struct snap *s);
/*
 * Drops the last record (a record the filter rejected while parsing).
 * Right after its snap_push, the arena memory it took is given back too,
 * unless a shared block (snap_ext_shared) was made meanwhile.
 */
void snap_pop(struct snap *s);
/* Appends zeroed counters; their index in *idx.  Never NULL. */
struct sk_ctr *snap_ctr(struct snap *s, uint32_t *idx);
/* Gives the counters' memory back (the rates are worked out). */
void snap_ctr_release(struct snap *s);
/* Returns r's sk_ext, allocating it in the arena on first use. */
struct sk_ext *snap_ext(struct snap *s, struct sk_rec *r);
/*
 * Returns a block equal to *x, shared with other records of this snapshot
 * (read-only: never write to it), allocated on first use.  For attributes
 * that repeat across most sockets, so that 100k records do not need 100k
 * copies of the same few values.  *x must be zeroed before it is filled
 * (blocks are compared byte for byte, padding included).
 */
struct sk_ext *snap_ext_shared(struct snap *s, const struct sk_ext *x);
void snap_note(struct snap *s, enum sk_tab tab, int family, int err);
/*
 * Bytes the snapshot holds (its records' array, its arena's chunks, its
 * counters...), in use or kept for reuse: for the screen's statistics.
 */
size_t snap_mem(const struct snap *s);
/*
 * Writes to buf (n bytes) what the first note whose table is not yet in
 * *said (SKT_BIT()s) means ("udp sockets are not available in this
 * kernel", translated), adds its table to *said and returns 1; returns 0
 * when every table was said: a caller says each missing table once
 * across dumps.
 */
int snap_note_next(const struct snap *s, uint32_t *said, char *buf, size_t n);

/*
 * --all-netns: the records pushed from now on belong to the network
 * namespace whose nsfs inode is ino (until the next call).
 */
struct snap_ns *snap_ns_begin(struct snap *s, uint64_t ino);
/* The namespace inode of record i, or 0 when the snapshot has none. */
uint64_t snap_ns_of(const struct snap *s, size_t i);
/* The namespace of r (a record of s), or NULL. */
const struct snap_ns *snap_ns_rec(const struct snap *s, const struct sk_rec *r);

#endif
