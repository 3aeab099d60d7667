/*
 * json.h: --json output, one document per snapshot.
 *
 * Every field a record holds, by name, numbers as numbers; strings are
 * escaped per JSON and sanitized (control characters never reach the
 * terminal).  The document is {"sockets":[{...},...]} on one line; with
 * -s it also holds "summary" (see json_doc).
 */
#ifndef SSTOP_JSON_H
#define SSTOP_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "names.h"
#include "snap.h"

struct own_map;

/*
 * What -s counts, as ss -s prints it; index 0 is IPv4, 1 IPv6.  tcp[] and
 * the transport table count TCP sockets other than TIME-WAIT and SYN-RECV,
 * as ss does.
 */
struct json_summary {
	unsigned long total; /* every socket of the namespace */
	unsigned tcp_all, estab, closed, orphaned, timewait;
	unsigned raw[2], udp[2], tcp[2], frag[2];
};

/*
 * Where a listing's owners come from (-p / -T): when map is set, every
 * socket gets "owners":[{"pid","fd","name","uid","user","cmdline"},...]
 * in ss's users:(...) order, with "tid" too when threads; the array is
 * empty for a socket no process holds.  "cmdline" is null when the
 * process is gone.
 */
struct nsset;

struct json_owners {
	struct own_map *map; /* borrowed, NULL: no "owners" member */
	int threads;
	/*
	 * --all-netns: every socket gets "netns":{"id","name"[,"container",
	 * "runtime"]} from the snapshot's ranges (snap_ns_of); borrowed.
	 */
	const struct nsset *nss;
};

/*
 * Writes one document: {"summary":{...}} when sm is set, {"sockets":[...]}
 * when s is set, both members when both are; then a newline.  Either may
 * be NULL (not both).  The summary is
 *   "summary":{"total":N,"tcp":{"total","estab","closed","orphaned",
 *   "timewait"},"transport":{"raw"|"udp"|"tcp"|"inet"|"frag":
 *   {"total","ip","ipv6"}}}
 * with every value a number.  ow may be NULL (no owners).
 */
void json_doc(FILE *out, const struct snap *s, const struct json_summary *sm,
	      struct names *n, const struct json_owners *ow);
/*
 * Writes one socket of a document, without its closing brace, so that a
 * caller can add members (the -E stream): `{"netid":...` (ow may be NULL).
 */
void json_record_open(FILE *out, const struct sk_rec *r, struct names *n,
		      const struct json_owners *ow);
/*
 * json_doc, with "health":["zero-window",...] in every socket when health
 * is set (the records' health bits, view/health.h; [] when healthy).
 */
void json_doc_health(FILE *out, const struct snap *s,
		     const struct json_summary *sm, struct names *n,
		     const struct json_owners *ow, int health);
/*
 * As json_doc_health, with s's records in the order of the indices
 * order[0..s->n) (NULL: dump order), and "time" (RFC 3339, NULL: none) as
 * the document's last member.  A TCP socket with rates (sk_rates) carries
 * "tx_rate" and "rx_rate" (payload bytes per second, numbers).
 */
void json_doc_at(FILE *out, const struct snap *s, const uint32_t *order,
		 const struct json_summary *sm, struct names *n,
		 const struct json_owners *ow, int health, const char *time);
/* Writes the JSON string literal for s[0..len), sanitized. */
void json_string(FILE *out, const char *s, size_t len);

#endif
