/*
 * clog.h: the closed-connection log.  Every socket the kernel reports as
 * destroyed (collect/evl.h) becomes one fixed-size entry in a ring of a
 * settable size (default 10 000; the oldest entry makes room): its ends,
 * protocol, final state and final counters (tcp_info), and what sstop knew
 * of it while it was alive: when a dump first saw it (its lifetime), its
 * inode, uid and owners.  A socket born and gone between two dumps is
 * "unseen": its lifetime is then at least what its tcp_info's last-activity
 * times say and less than the time since the last dump, and the owners of
 * the listener on its local end (an accepted connection's process, as a
 * rule) stand in for its own.
 *
 * Memory: sizeof(struct clog_ent) per entry, whatever the traffic
 * (528 bytes on x86-64: 5.3 MB for 10 000 entries), allocated at once
 * but touched only as the log fills.
 *
 * The log knows the model (what was seen) but nothing of the screen; the
 * screen and the batch stream feed it the same way (clog_add_events).
 * One thread at a time.
 */
#ifndef SSTOP_CLOG_H
#define SSTOP_CLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "snap.h"
#include "sock.h"

struct evl_batch;
struct model;
struct own_map;
struct names;

#define CLOG_DEFAULT 10000
#define CLOG_MAX 10000000
#define CLOG_OWNERS 4 /* owners kept per entry (the count is kept too) */

/* Where an entry's owners come from. */
enum clog_via {
	CLOG_VIA_NONE,	   /* unknown */
	CLOG_VIA_SEEN,	   /* the socket's own, as last seen */
	CLOG_VIA_LISTENER, /* unseen: the listener's on its local end */
};

struct clog_owner {
	int32_t pid, fd;
	uint32_t uid;
	/* comm as the kernel says it, NUL-terminated, escaped where shown
	 * (san_escape, json_string): a process's comm is 15 bytes at most
	 * (only kernel threads, which hold no descriptors, have longer) */
	char name[24];
};

struct clog_ent {
	/*
	 * The socket as the kernel reported it at its end (x is NULL: see
	 * clog_rec); ino and uid are those of the last dump that saw it (0
	 * when unseen: the destroy message carries neither).
	 */
	struct sk_rec r;
	struct tcp_info ti; /* final tcp_info, ti_len bytes of it sent */
	uint16_t ti_len;
	uint8_t seen;	    /* a dump saw it alive */
	uint8_t life_est;   /* unseen, lifetime from tcp_info (lower bound) */
	uint8_t via;	    /* enum clog_via */
	uint8_t n_own;	    /* owners in own[] */
	uint16_t n_own_all; /* owners in all */
	uint8_t last_state; /* seen: the state the last dump saw */
	uint32_t health;    /* seen: its SKH_* codes at the last dump */
	double t_close;	    /* when the event arrived (Unix time, s) */
	double lifetime;    /* seconds; < 0 when unknown */
	double life_max;    /* unseen: less than this (s); < 0 unknown */
	uint64_t seq;	    /* 1 for the first entry ever logged, then 2... */
	uint32_t own_ino;   /* whose owners (via): its own or the listener's */
	struct clog_owner own[CLOG_OWNERS];
};

struct clog {
	struct clog_ent *v; /* cap slots, owned */
	size_t cap, n;	    /* n <= cap entries held */
	size_t head;	    /* slot the next entry goes to */
	uint64_t total;	    /* entries ever logged */
	/* closed per second: a counter per second, the last 8 seconds */
	uint32_t rate_n[8];
	long rate_sec[8];
	/* the model's TCP listeners, for unseen sockets (scratch) */
	const struct sk_rec **lsn;
	size_t n_lsn, cap_lsn;
	const struct model *lsn_m;
	uint64_t lsn_gen;
};

/* An empty log of cap entries (0: CLOG_DEFAULT); never fails. */
void clog_init(struct clog *c, size_t cap);
void clog_free(struct clog *c);

/* Entry i, 0 the newest, n - 1 the oldest (i < c->n). */
const struct clog_ent *clog_get(const struct clog *c, size_t i);

/*
 * What the model and the owners map knew of the sockets of a batch: the
 * model's rows (live and tombstones) give the first sighting, inode, uid
 * and owners; t_dump is when the last dump began, in the model's clock
 * (0: never).  m and own may be NULL.
 */
struct clog_known {
	const struct model *m;
	const struct own_map *own;
	double t_dump;
	int real; /* the model's times are Unix time, not CLOCK_MONOTONIC */
	/*
	 * TCP listeners, when the model may lack them (a dump without the
	 * LISTEN state), or NULL: the model's are used.
	 */
	const struct snap *lsn;
};

/*
 * Logs the sockets of b that keep(r, arg) accepts (keep NULL: all), with
 * what k knew; returns how many.  b's times are CLOCK_MONOTONIC; real
 * time is worked out from the clocks' offset now.
 */
size_t clog_add_events(struct clog *c, const struct evl_batch *b,
		       const struct clog_known *k,
		       int (*keep)(const struct sk_rec *r, void *arg),
		       void *arg);

/*
 * clog_add_events for a stream of every event (--json -E): logs b in
 * slices of at most the log's size, and hands each slice's new entries to
 * emit(e, emit_arg), oldest first, before the next slice is logged, so
 * that no entry is overwritten before it is emitted, however many b holds
 * (a take after a long dump may hold more than the log's slots).  Returns
 * how many were logged, each emitted once.
 */
size_t clog_add_stream(struct clog *c, const struct evl_batch *b,
		       const struct clog_known *k,
		       int (*keep)(const struct sk_rec *r, void *arg),
		       void *arg,
		       void (*emit)(const struct clog_ent *e, void *emit_arg),
		       void *emit_arg);

/*
 * Entry i (as clog_get) without owners yet, whose owners' inode the map
 * did not know when it was logged (the first scan was still running):
 * takes them now if the map has them.  Returns 1 when it did.
 */
int clog_owners_late(struct clog *c, size_t i, const struct own_map *own);

/* Sockets closed per second over the last few whole seconds. */
double clog_rate(const struct clog *c, double now_real);

/* An entry as a record with its extensions, for the formatters. */
struct clog_rec {
	struct sk_rec r; /* r.x points to x when ti_len > 0, else NULL */
	struct sk_ext x; /* x.tcpi points to ti */
	struct tcp_info ti;
};

/* Fills out from e (out points into itself: do not copy it around). */
void clog_rec(const struct clog_ent *e, struct clog_rec *out);

/*
 * The lifetime as the log shows it: "1.2s", "~40ms" (estimated), "<3s"
 * (unseen, bounded), "unseen".  Returns buf.
 */
char *clog_lifetime(const struct clog_ent *e, char *buf, size_t n);

/*
 * One JSON object on one line for e: the fields --json gives a socket
 * (tcp_info under the same keys) plus "event":"destroy", "time", "seen",
 * "lifetime" (s) with "lifetime_estimated", "lifetime_max", "last_state"
 * and "health" (its codes at the last dump, when seen),
 * "owners" ([{pid, fd, name, uid}]) with "owners_via" ("seen",
 * "listener") and "owners_total".  Strings escaped and sanitized.
 */
void clog_json(FILE *out, const struct clog_ent *e, struct names *n);

#endif
