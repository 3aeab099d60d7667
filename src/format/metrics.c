/*
 * metrics.c: --metrics, Prometheus' text format (see metrics.h).
 *
 * One pass over the records fills three small aggregates: sockets per
 * (table, state); listeners (TCP, each with its accept queue, backlog and
 * the ESTAB sockets on its address and port, found through a table keyed
 * by port); programs (by comm, each with its sockets per state and summed
 * queues).  Then every family of series is written with its HELP and
 * TYPE lines, names and units as Prometheus asks (sstop_ prefix, _total
 * for counters, _bytes for sizes).
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "hcode.h"
#include "metrics.h"
#include "owners.h"
#include "sanitize.h"
#include "ssfmt.h"
#include "xalloc.h"

struct lst {
	const struct sk_rec *r;
	char proc[64]; /* its first owner's comm, sanitized, or "" */
	char addr[64]; /* as ss prints it */
	uint64_t rq, wq, estab;
};

struct prog {
	char name[64];
	uint64_t state[SKS_MAX];
	uint64_t rq, wq;
};

struct agg {
	uint64_t by[SKT_COUNT][SKS_MAX];
	struct lst *lst;
	size_t n_lst, cap_lst;
	struct prog *prog;
	size_t n_prog, cap_prog;
	uint32_t *prog_hash; /* name -> index + 1 */
	size_t prog_cap;
};

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

/* The program called name, added when new. */
static struct prog *prog_of(struct agg *a, const char *name)
{
	size_t i;

	if ((a->n_prog + 1) * 2 > a->prog_cap) {
		size_t cap = a->prog_cap ? a->prog_cap * 2 : 64;

		free(a->prog_hash);
		a->prog_hash = xcalloc(cap, sizeof(*a->prog_hash));
		a->prog_cap = cap;
		for (size_t k = 0; k < a->n_prog; k++) {
			for (i = name_hash(a->prog[k].name) & (cap - 1);
			     a->prog_hash[i]; i = (i + 1) & (cap - 1))
				;
			a->prog_hash[i] = (uint32_t)k + 1;
		}
	}
	for (i = name_hash(name) & (a->prog_cap - 1); a->prog_hash[i];
	     i = (i + 1) & (a->prog_cap - 1))
		if (!strcmp(a->prog[a->prog_hash[i] - 1].name, name))
			return &a->prog[a->prog_hash[i] - 1];
	a->prog = xgrow(a->prog, &a->cap_prog, a->n_prog + 1, sizeof(*a->prog));
	memset(&a->prog[a->n_prog], 0, sizeof(a->prog[0]));
	snprintf(a->prog[a->n_prog].name, sizeof(a->prog[0].name), "%s", name);
	a->prog_hash[i] = (uint32_t)++a->n_prog;
	return &a->prog[a->n_prog - 1];
}

/* r's first owner's comm into buf (sanitized by the owners map); 0 if
 * none. */
static int owner_name(const struct own_map *own, const struct sk_rec *r,
		      char *buf, size_t n)
{
	struct own_owner o[1];

	buf[0] = '\0';
	if (!own || !r->ino || own_owners(own, r->ino, 0, o, 1) < 1 ||
	    !o[0].name)
		return 0;
	snprintf(buf, n, "%s", o[0].name);
	return 1;
}

static int inet_tcp(const struct sk_rec *r)
{
	return r->tab == SKT_TCP &&
	       (r->family == AF_INET || r->family == AF_INET6);
}

static int all_zero(const uint8_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i])
			return 0;
	return 1;
}

/* Whether listener l takes connections to r's local address and port. */
static int on_listener(const struct sk_rec *l, const struct sk_rec *r)
{
	size_t al = l->family == AF_INET ? 4 : 16;

	if (l->sport != r->sport)
		return 0;
	if (all_zero(l->a.in.src, al))
		return l->family == r->family || l->family == AF_INET6;
	return l->family == r->family && !memcmp(l->a.in.src, r->a.in.src, al);
}

/* Counts each ESTAB TCP socket on the first listener that takes it. */
static void count_estab(struct agg *a, const struct snap *s)
{
	size_t cap = 64, *hash;

	if (!a->n_lst)
		return;
	while (cap < a->n_lst * 2)
		cap *= 2;
	/* port -> first listener index + 1; same ports chained by probing */
	hash = xcalloc(cap, sizeof(*hash));
	for (size_t k = 0; k < a->n_lst; k++) {
		size_t i = a->lst[k].r->sport & (cap - 1);

		while (hash[i])
			i = (i + 1) & (cap - 1);
		hash[i] = k + 1;
	}
	for (size_t j = 0; j < s->n; j++) {
		const struct sk_rec *r = &s->v[j];
		struct lst *wild = NULL;

		if (!inet_tcp(r) || r->state != SKS_ESTABLISHED)
			continue;
		for (size_t i = r->sport & (cap - 1); hash[i];
		     i = (i + 1) & (cap - 1)) {
			struct lst *l = &a->lst[hash[i] - 1];
			size_t al = l->r->family == AF_INET ? 4 : 16;

			if (!on_listener(l->r, r))
				continue;
			if (!all_zero(l->r->a.in.src, al)) {
				wild = l; /* an exact address wins */
				break;
			}
			if (!wild)
				wild = l;
		}
		if (wild)
			wild->estab++;
	}
	free(hash);
}

static void lst_add(struct lst *l, const struct sk_rec *r, const char *proc)
{
	int v6only = r->x && (r->x->present & SKX_V6ONLY) && r->x->v6only;

	memset(l, 0, sizeof(*l));
	l->r = r;
	l->rq = r->rq;
	l->wq = r->wq;
	snprintf(l->proc, sizeof(l->proc), "%s", proc);
	ssfmt_inet_addr(l->addr, sizeof(l->addr), r->family, r->a.in.src,
			v6only);
}

static int lst_cmp(const void *x, const void *y)
{
	const struct lst *a = x, *b = y;
	int c = strcmp(a->addr, b->addr);

	if (c)
		return c;
	if (a->r->sport != b->r->sport)
		return a->r->sport < b->r->sport ? -1 : 1;
	return strcmp(a->proc, b->proc);
}

/*
 * Listeners sharing an address, port and program (SO_REUSEPORT) are one
 * series: two samples with the same labels would be refused.
 */
static void lst_merge(struct agg *a)
{
	size_t n = 0;

	if (!a->n_lst)
		return;
	qsort(a->lst, a->n_lst, sizeof(*a->lst), lst_cmp);
	for (size_t k = 1; k < a->n_lst; k++) {
		struct lst *d = &a->lst[n];

		if (!lst_cmp(d, &a->lst[k])) {
			d->rq += a->lst[k].rq;
			d->wq += a->lst[k].wq;
			d->estab += a->lst[k].estab;
		} else {
			a->lst[++n] = a->lst[k];
		}
	}
	a->n_lst = n + 1;
}

static void aggregate(struct agg *a, const struct metrics_in *in)
{
	const struct snap *s = in->s;
	char name[64];

	for (size_t j = 0; j < s->n; j++) {
		const struct sk_rec *r = &s->v[j];
		int owned;

		if (r->tab >= SKT_COUNT || r->state >= SKS_MAX ||
		    (r->has & SKR_SCTP_ASSOC))
			continue;
		a->by[r->tab][r->state]++;
		owned = owner_name(in->own, r, name, sizeof(name));
		if (inet_tcp(r) && r->state == SKS_LISTEN) {
			a->lst = xgrow(a->lst, &a->cap_lst, a->n_lst + 1,
				       sizeof(*a->lst));
			lst_add(&a->lst[a->n_lst++], r, name);
		}
		if (owned) {
			struct prog *p = prog_of(a, name);

			p->state[r->state]++;
			/* a listener's Send-Q is its backlog, not bytes */
			if (r->state != SKS_LISTEN) {
				p->rq += r->rq;
				p->wq += r->wq;
			}
		}
	}
	count_estab(a, s);
	lst_merge(a);
}

/* A label value, sanitized then escaped as the format asks. */
static void label(FILE *out, const char *k, const char *v, int first)
{
	size_t len = strlen(v), need = san_escape(NULL, 0, v, len);
	char *t = xmalloc(need + 1);

	san_escape(t, need + 1, v, len);
	fprintf(out, "%s%s=\"", first ? "" : ",", k);
	for (size_t i = 0; i < need; i++) {
		/* no newline is left: san_escape shows controls as \x0a */
		if (t[i] == '\\' || t[i] == '"')
			fputc('\\', out);
		fputc(t[i], out);
	}
	fputc('"', out);
	free(t);
}

static void family(FILE *out, const char *name, const char *type,
		   const char *help)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void listener_labels(FILE *out, const struct lst *l)
{
	char port[8];

	snprintf(port, sizeof(port), "%u", l->r->sport);
	fputc('{', out);
	label(out, "netid", sk_tab_netid((enum sk_tab)l->r->tab), 1);
	label(out, "address", l->addr, 0);
	label(out, "port", port, 0);
	label(out, "process", l->proc, 0);
	fputc('}', out);
}

static void write_listeners(FILE *out, const struct agg *a)
{
	static const struct {
		const char *name, *help;
		int what;
	} fams[] = {
		{"sstop_listener_accept_queue",
		 "Connections waiting in a listening socket's accept queue.",
		 0},
		{"sstop_listener_accept_queue_limit",
		 "The accept queue's limit (the listen() backlog).", 1},
		{"sstop_listener_established",
		 "Established connections on the listener's address and port.",
		 2},
	};

	for (size_t f = 0; f < sizeof(fams) / sizeof(fams[0]); f++) {
		family(out, fams[f].name, "gauge", fams[f].help);
		for (size_t k = 0; k < a->n_lst; k++) {
			const struct lst *l = &a->lst[k];
			uint64_t v = fams[f].what == 0	 ? l->rq
				     : fams[f].what == 1 ? l->wq
							 : l->estab;

			fputs(fams[f].name, out);
			listener_labels(out, l);
			fprintf(out, " %llu\n", (unsigned long long)v);
		}
	}
}

/* The gauges of one value per program: a uint64_t of struct prog. */
static const struct {
	const char *name, *help;
	size_t off;
} prog_gauges[] = {
	{"sstop_process_close_wait",
	 "Sockets of a program in CLOSE-WAIT: the peer closed, the program did "
	 "not.",
	 offsetof(struct prog, state[SKS_CLOSE_WAIT])},
	{"sstop_process_receive_queue_bytes",
	 "Bytes received and not yet read, summed over a program's sockets "
	 "(listeners excluded).",
	 offsetof(struct prog, rq)},
	{"sstop_process_send_queue_bytes",
	 "Bytes not yet sent or not yet acknowledged, summed over a program's "
	 "sockets (listeners excluded).",
	 offsetof(struct prog, wq)},
};

static void write_programs(FILE *out, const struct agg *a)
{
	family(out, "sstop_process_sockets", "gauge",
	       "Sockets held by a program (its first owner's comm), by state.");
	for (size_t k = 0; k < a->n_prog; k++)
		for (unsigned st = 0; st < SKS_MAX; st++) {
			if (!a->prog[k].state[st])
				continue;
			fputs("sstop_process_sockets{", out);
			label(out, "process", a->prog[k].name, 1);
			label(out, "state", sk_state_name((enum sk_state)st),
			      0);
			fprintf(out, "} %llu\n",
				(unsigned long long)a->prog[k].state[st]);
		}
	for (size_t g = 0; g < sizeof(prog_gauges) / sizeof(*prog_gauges);
	     g++) {
		family(out, prog_gauges[g].name, "gauge", prog_gauges[g].help);
		for (size_t k = 0; k < a->n_prog; k++) {
			const struct prog *p = &a->prog[k];
			uint64_t v;

			memcpy(&v, (const char *)p + prog_gauges[g].off,
			       sizeof(v));
			fprintf(out, "%s{", prog_gauges[g].name);
			label(out, "process", p->name, 1);
			fprintf(out, "} %llu\n", (unsigned long long)v);
		}
	}
}

static void counter(FILE *out, const char *name, const char *help, uint64_t v)
{
	family(out, name, "counter", help);
	fprintf(out, "%s %llu\n", name, (unsigned long long)v);
}

static void write_namespace(FILE *out, const struct netstat *ns)
{
	if (ns->have & NETSTAT_HAVE_SNMP) {
		counter(out, "sstop_tcp_retransmitted_segments_total",
			"TCP segments retransmitted in the namespace (Tcp "
			"RetransSegs).",
			ns->tcp_retrans_segs);
		counter(out, "sstop_udp_receive_buffer_errors_total",
			"UDP datagrams dropped for a full receive buffer (Udp "
			"RcvbufErrors).",
			ns->udp_rcvbuf_errors);
	}
	if (ns->have & NETSTAT_HAVE_NETSTAT) {
		counter(out, "sstop_tcp_timeouts_total",
			"TCP retransmission timeouts (TcpExt TCPTimeouts).",
			ns->tcp_timeouts);
		counter(out, "sstop_tcp_listen_overflows_total",
			"Connections dropped for a full accept queue (TcpExt "
			"ListenOverflows).",
			ns->listen_overflows);
		counter(out, "sstop_tcp_listen_drops_total",
			"Connection requests a listener dropped (TcpExt "
			"ListenDrops).",
			ns->listen_drops);
	}
}

int metrics_write(FILE *out, const struct metrics_in *in)
{
	struct agg a;

	memset(&a, 0, sizeof(a));
	aggregate(&a, in);
	family(out, "sstop_sockets", "gauge", "Sockets by table and state.");
	for (unsigned t = 0; t < SKT_COUNT; t++)
		for (unsigned st = 0; st < SKS_MAX; st++) {
			if (!a.by[t][st])
				continue;
			fputs("sstop_sockets{", out);
			label(out, "netid", sk_tab_netid((enum sk_tab)t), 1);
			label(out, "state", sk_state_name((enum sk_state)st),
			      0);
			fprintf(out, "} %llu\n",
				(unsigned long long)a.by[t][st]);
		}
	write_listeners(out, &a);
	if (in->own)
		write_programs(out, &a);
	family(out, "sstop_health_sockets", "gauge",
	       "Sockets with a health code (see sstop(8), HEALTH).");
	for (unsigned k = 0; k < SKH_COUNT; k++) {
		fputs("sstop_health_sockets{", out);
		label(out, "code", hcode_get(k)->metric, 1);
		fprintf(out, "} %u\n", in->health_n ? in->health_n[k] : 0);
	}
	if (in->ns)
		write_namespace(out, in->ns);
	family(out, "sstop_last_run_timestamp_seconds", "gauge",
	       "When sstop wrote these metrics (Unix time).");
	fprintf(out, "sstop_last_run_timestamp_seconds %.3f\n", in->now);
	free(a.lst);
	free(a.prog);
	free(a.prog_hash);
	fflush(out);
	return ferror(out) ? -EIO : 0;
}
