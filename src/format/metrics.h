/*
 * metrics.h: --metrics, the sockets of one snapshot in Prometheus' text
 * exposition format (version 0.0.4), for node_exporter's textfile
 * collector.  Aggregated so that the number of series stays bounded by
 * what the host runs, never by its connections:
 *
 *   sstop_sockets{netid,state}                      every socket
 *   sstop_listener_accept_queue{netid,address,port,process}
 *   sstop_listener_accept_queue_limit{...}          the backlog
 *   sstop_listener_established{...}                 ESTAB on its port
 *   sstop_process_sockets{process,state}            by program (comm)
 *   sstop_process_close_wait{process}
 *   sstop_process_receive_queue_bytes{process}      listeners excluded
 *   sstop_process_send_queue_bytes{process}
 *   sstop_health_sockets{code}                      every code, 0 too
 *   sstop_tcp_retransmitted_segments_total, sstop_tcp_timeouts_total,
 *   sstop_tcp_listen_overflows_total, sstop_tcp_listen_drops_total,
 *   sstop_udp_receive_buffer_errors_total           the namespace's
 *
 * Label values are sanitized (sanitize.h) and escaped per the format.
 * No I/O but the stream written to.
 */
#ifndef SSTOP_METRICS_H
#define SSTOP_METRICS_H

#include <stdint.h>
#include <stdio.h>

#include "netstat.h"
#include "snap.h"

struct own_map;

/* What metrics_write reads besides the records. */
struct metrics_in {
	const struct snap *s;	   /* records with their health bits */
	const struct own_map *own; /* program names, or NULL: no per-process
				      series and process="" on listeners */
	const uint32_t *health_n;  /* SKH_COUNT counts, hcode.h's order */
	const struct netstat *ns;  /* the namespace's counters, or NULL */
	double now;		   /* wall clock, seconds (a gauge) */
};

/* Writes the whole exposition to out; 0, or -EIO when out failed. */
int metrics_write(FILE *out, const struct metrics_in *in);

#endif
