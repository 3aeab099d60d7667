/*
 * batch_int.h: what the batch driver (batch.c) shares with its modes: the
 * -s summary (batch_summary.c), the listings, streamed or whole
 * (batch_list.c), -E's events (batch_events.c) and -D's raw dump
 * (batch_dump.c).  Nobody else includes it.
 */
#ifndef SSTOP_BATCH_INT_H
#define SSTOP_BATCH_INT_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "batch.h"
#include "bytecode.h"
#include "health.h"
#include "mcol.h"
#include "rates.h"

struct diag;
struct diag_req;
struct filter;
struct json_summary;
struct nsent;
struct nsset;
struct own_map;
struct sk_rec;
struct snap;
struct ssfmt;

/* One batch run; everything owned, freed by batch_run(). */
struct batch {
	const struct sstop_opts *o;
	struct batch_result *res;
	FILE *notes; /* main's stderr: notes as they come (batch.h) */
	struct diag *d;
	struct filter *filter;	/* NULL: everything */
	struct bc_prog bc;	/* the filter as kernel bytecode (inet dumps) */
	struct own_map *owners; /* -p */
	void *replay;		/* --replay file contents */
	size_t replay_len;
	int record_fd;
	uint32_t noted;		  /* SKT_BIT()s of missing tables reported */
	struct health *health;	  /* history between --iterations' listings */
	struct health_conf hconf; /* the rc file's thresholds */
	/* --sort: listings whole, in that order (sorted) */
	unsigned sorted : 1;
	unsigned rated : 1;    /* rates: counters dumped, rates_update'd */
	unsigned baseline : 1; /* the first dump only sets the rates' base */
	enum mcol sort_col;
	int sort_desc;
	struct rates rates;   /* the last listing's counters */
	unsigned replay_step; /* --replay: the recorded refresh to take next */
	double dump_t;	      /* when the last dump began (s, monotonic) */
	/*
	 * --all-netns: every namespace (d is then the dump socket of the one
	 * being listed, owned by nss); cur is the namespace a text listing
	 * is for, NULL while one snapshot takes them all (--json).
	 */
	struct nsset *nss;
	struct nsent *cur;
	const struct nsent *dumping; /* whose records are parsed now */
};

/* batch.c */
/* Puts the message and the exit status in b->res; returns -1. */
int batch_fail(struct batch *b, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Whether the filter keeps r (a diag_req accept callback; arg: the batch). */
int batch_accept(const struct sk_rec *r, void *arg);
/* The request for the selection, the columns' needs and the filter. */
void batch_make_req(const struct batch *b, struct diag_req *req);
/* The wall clock now, RFC 3339 in UTC with milliseconds ("time"). */
void batch_rfc3339(char *buf, size_t n);
/*
 * Dumps (or replays: each call the next refresh of a recording made over
 * several) req into s, its time in b->dump_t; 0, or -1 after batch_fail().
 */
int batch_collect(struct batch *b, const struct diag_req *req, struct snap *s);

/*
 * The health pass over s (sets every record's health bits); sum, when
 * not NULL, gets the counts and the namespace's counters too.
 */
void batch_health(struct batch *b, struct snap *s, struct health_sum *sum);

/* batch_summary.c */
/* Counts what ss -s shows into sm, from a dump of every table; 0 or -1. */
int batch_summary_count(struct batch *b, struct json_summary *sm);
/* Prints ss -s's text. */
void batch_summary_text(const struct json_summary *sm);

/* batch_list.c */
/* Sets fmt up for the listings (the terminal's width, -p's owners). */
void batch_fmt_init(struct batch *b, struct ssfmt *fmt);
/* One listing; with --json, sm (when set) goes into the same document. */
int batch_listing(struct batch *b, struct ssfmt *fmt,
		  const struct json_summary *sm);

/*
 * --all-netns as text: each namespace's listing under a line
 * "netns LABEL (id INODE)"; 0 or -1.
 */
int batch_netns_text(struct batch *b, struct ssfmt *fmt);

/* batch_events.c */
/* -E: destroyed sockets as they are reported; returns -1 when it ends. */
int batch_events(struct batch *b, struct ssfmt *fmt);

/* batch_dump.c */
/* -D FILE: ss's raw TCP dump, nothing printed; 0 or -1. */
int batch_raw_dump(struct batch *b);

#endif
