/*
 * clog.c: the closed-connection log (see clog.h): a ring of fixed-size
 * entries filled from the listener's batches, each matched by cookie
 * against the model's rows (live ones and tombstones) to learn what a dump
 * saw of it while it was alive.
 */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>

#include "clog.h"
#include "evl.h"
#include "hcode.h"
#include "i18n.h"
#include "json.h"
#include "model.h"
#include "owners.h"
#include "xalloc.h"

#define RATE_SLOTS 8 /* per-second counters kept (clog.rate_n) */
#define RATE_SECS 4  /* whole seconds clog_rate averages */
/* tcp_info's times are in jiffies (4 ms at HZ=250): a bound's slack. */
#define JIFFY_SLACK 0.010

void clog_init(struct clog *c, size_t cap)
{
	memset(c, 0, sizeof(*c));
	c->cap = cap ? (cap > CLOG_MAX ? CLOG_MAX : cap) : CLOG_DEFAULT;
	/* calloc'd: pages are touched only as the log fills */
	c->v = xcalloc(c->cap, sizeof(*c->v));
}

void clog_free(struct clog *c)
{
	free(c->v);
	free(c->lsn);
	memset(c, 0, sizeof(*c));
}

const struct clog_ent *clog_get(const struct clog *c, size_t i)
{
	return &c->v[(c->head + c->cap - 1 - i) % c->cap];
}

static double clock_s(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The model's TCP listeners, indexed once per update (accepted sockets'
 * owners when they were never seen themselves). */
static void add_lsn(struct clog *c, const struct sk_rec *r)
{
	if (r->tab != SKT_TCP || r->state != SKS_LISTEN)
		return;
	c->lsn = xgrow(c->lsn, &c->cap_lsn, c->n_lsn + 1, sizeof(*c->lsn));
	c->lsn[c->n_lsn++] = r;
}

static void listeners(struct clog *c, const struct clog_known *k)
{
	const struct model *m = k->m;

	if (k->lsn) { /* a few listeners: indexed every time */
		c->n_lsn = 0;
		c->lsn_m = NULL;
		for (size_t i = 0; i < k->lsn->n; i++)
			add_lsn(c, &k->lsn->v[i]);
		return;
	}
	if (!m || (c->lsn_m == m && c->lsn_gen == m->gen))
		return;
	c->n_lsn = 0;
	for (size_t i = 0; i < m->n_rows; i++)
		add_lsn(c, m->rows[i].r);
	c->lsn_m = m;
	c->lsn_gen = m->gen;
}

static int addr_any(const uint8_t *a, int family)
{
	static const uint8_t zero[16];

	return !memcmp(a, zero, family == AF_INET ? 4 : 16);
}

/* The listener whose local end r's local end is: same port, same address
 * or a wildcard one; the exact address wins. */
static const struct sk_rec *listener_of(const struct clog *c,
					const struct sk_rec *r)
{
	const struct sk_rec *any = NULL;

	if (r->tab != SKT_TCP || r->state == SKS_LISTEN)
		return NULL;
	for (size_t i = 0; i < c->n_lsn; i++) {
		const struct sk_rec *l = c->lsn[i];

		if (l->sport != r->sport || !l->ino)
			continue;
		if (l->family == r->family &&
		    !memcmp(l->a.in.src, r->a.in.src,
			    r->family == AF_INET ? 4 : 16))
			return l;
		/* [::] takes IPv4 too, unless v6only */
		if (addr_any(l->a.in.src, l->family) &&
		    (l->family == r->family || l->family == AF_INET6))
			any = any ? any : l;
	}
	return any;
}

static void owners(struct clog_ent *e, const struct own_map *own, uint32_t ino,
		   enum clog_via via)
{
	struct own_owner o[CLOG_OWNERS];
	size_t n;

	if (!ino)
		return;
	e->via = (uint8_t)via;
	e->own_ino = ino;
	if (!own)
		return;
	/* a socket closed while a pass ran lost its owners in that pass */
	n = own_lookup(own, ino) == OWN_FOUND
		    ? own_owners(own, ino, 0, o, CLOG_OWNERS)
		    : own_gone_owners(own, ino, 0, o, CLOG_OWNERS);
	if (!n)
		return;
	e->n_own_all = n > UINT16_MAX ? UINT16_MAX : (uint16_t)n;
	e->n_own = (uint8_t)(n < CLOG_OWNERS ? n : CLOG_OWNERS);
	for (size_t i = 0; i < e->n_own; i++) {
		e->own[i].pid = o[i].pid;
		e->own[i].fd = o[i].fd;
		e->own[i].uid = o[i].uid;
		snprintf(e->own[i].name, sizeof(e->own[i].name), "%s",
			 o[i].raw ? o[i].raw : "");
	}
}

/*
 * An unseen TCP socket's lifetime: its tcp_info's last-send, last-receive
 * and last-ack times each count from something that happened after it was
 * born (the kernel starts them at its birth), so the largest of those that
 * fit under the bound is a lower bound of its age; a server end that never
 * sent gets its exact age.
 */
static void estimate(struct clog_ent *e)
{
	const uint32_t v[] = {e->ti.tcpi_last_data_sent,
			      e->ti.tcpi_last_data_recv,
			      e->ti.tcpi_last_ack_recv};
	double best = -1;

	if (e->life_max < 0 || e->ti_len < offsetof(struct tcp_info, tcpi_pmtu))
		return;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		double s = v[i] / 1000.0;

		if (s <= e->life_max + JIFFY_SLACK && s > best)
			best = s;
	}
	if (best >= 0) {
		e->lifetime = best;
		e->life_est = 1;
	}
}

int clog_owners_late(struct clog *c, size_t i, const struct own_map *own)
{
	struct clog_ent *e = &c->v[(c->head + c->cap - 1 - i) % c->cap];

	if (e->n_own || !e->own_ino || !own)
		return 0;
	owners(e, own, e->own_ino, (enum clog_via)e->via);
	return e->n_own > 0;
}

static void count_rate(struct clog *c, double t)
{
	long sec = (long)t; /* times are positive */
	size_t i = (size_t)sec % RATE_SLOTS;

	if (c->rate_sec[i] != sec) {
		c->rate_sec[i] = sec;
		c->rate_n[i] = 0;
	}
	c->rate_n[i]++;
}

static void add_one(struct clog *c, const struct sk_rec *r, double t,
		    double off, const struct clog_known *k)
{
	struct clog_ent *e = &c->v[c->head];
	const struct mrow *row = NULL;
	const struct sk_rec *l;

	memset(e, 0, sizeof(*e));
	e->r = *r;
	e->r.x = NULL;
	/* the destroy message's uid and inode are zeros, not facts */
	e->r.has &= (uint16_t) ~(SKR_HAS_UID | SKR_HAS_INO);
	e->r.uid = e->r.ino = 0;
	if (r->x && (r->x->present & SKX_TCPINFO) && r->x->tcpi) {
		size_t len = r->x->tcpi_len < sizeof(e->ti) ? r->x->tcpi_len
							    : sizeof(e->ti);

		memcpy(&e->ti, r->x->tcpi, len);
		e->ti_len = (uint16_t)len;
	}
	e->t_close = t + off;
	if (k->real)
		t += off; /* the model's clock */
	e->lifetime = e->life_max = -1;
	e->seq = ++c->total;
	if (k->m)
		row = model_row_by_key(k->m, model_key(r));
	if (row) {
		e->seen = 1;
		double since = model_since(k->m, row);

		e->lifetime = t > since ? t - since : 0;
		e->r.ino = row->r->ino;
		e->r.uid = row->r->uid;
		e->r.has |= row->r->has & (SKR_HAS_UID | SKR_HAS_INO);
		e->last_state = row->r->state;
		e->health = row->r->health;
		owners(e, k->own, e->r.ino, CLOG_VIA_SEEN);
	} else {
		if (k->t_dump > 0)
			e->life_max = t > k->t_dump ? t - k->t_dump : 0;
		estimate(e);
		l = k->m || k->lsn ? listener_of(c, r) : NULL;
		if (l)
			owners(e, k->own, l->ino, CLOG_VIA_LISTENER);
	}
	count_rate(c, e->t_close);
	c->head = (c->head + 1) % c->cap;
	if (c->n < c->cap)
		c->n++;
}

size_t clog_add_events(struct clog *c, const struct evl_batch *b,
		       const struct clog_known *k,
		       int (*keep)(const struct sk_rec *r, void *arg),
		       void *arg)
{
	double off = clock_s(CLOCK_REALTIME) - clock_s(CLOCK_MONOTONIC);
	size_t n = 0;

	listeners(c, k);
	for (size_t i = 0; i < b->s.n; i++) {
		if (keep && !keep(&b->s.v[i], arg))
			continue;
		add_one(c, &b->s.v[i], b->t[i], off, k);
		n++;
	}
	return n;
}

size_t clog_add_stream(struct clog *c, const struct evl_batch *b,
		       const struct clog_known *k,
		       int (*keep)(const struct sk_rec *r, void *arg),
		       void *arg,
		       void (*emit)(const struct clog_ent *e, void *emit_arg),
		       void *emit_arg)
{
	size_t total = 0;

	for (size_t at = 0; at < b->s.n; at += c->cap) {
		struct evl_batch part = *b; /* a window on b, read only */
		size_t n;

		part.s.v += at;
		part.t += at;
		part.s.n = b->s.n - at < c->cap ? b->s.n - at : c->cap;
		/* at most cap entries: all of them still in the ring */
		n = clog_add_events(c, &part, k, keep, arg);
		for (size_t i = n; i-- > 0;)
			emit(clog_get(c, i), emit_arg);
		total += n;
	}
	return total;
}

double clog_rate(const struct clog *c, double now_real)
{
	long sec = (long)now_real;
	uint32_t sum = 0;

	for (long s = sec - RATE_SECS; s < sec; s++) {
		size_t i = (size_t)(s < 0 ? 0 : s) % RATE_SLOTS;

		if (c->rate_sec[i] == s)
			sum += c->rate_n[i];
	}
	return sum / (double)RATE_SECS;
}

void clog_rec(const struct clog_ent *e, struct clog_rec *out)
{
	memset(out, 0, sizeof(*out));
	out->r = e->r;
	out->r.x = NULL;
	if (!e->ti_len)
		return;
	out->ti = e->ti;
	out->x.present = SKX_TCPINFO;
	out->x.tcpi = &out->ti;
	out->x.tcpi_len = e->ti_len;
	out->r.x = &out->x;
}

/* "850ms", "12.3s", "4m05s", "2h07m" */
static void duration(char *buf, size_t n, double s)
{
	if (s < 1)
		snprintf(buf, n, "%.0fms", s * 1000);
	else if (s < 60)
		snprintf(buf, n, "%.1fs", s);
	else if (s < 3600)
		snprintf(buf, n, "%dm%02ds", (int)s / 60, (int)s % 60);
	else
		snprintf(buf, n, "%dh%02dm", (int)s / 3600, (int)s / 60 % 60);
}

char *clog_lifetime(const struct clog_ent *e, char *buf, size_t n)
{
	char d[32];

	if (e->lifetime >= 0) {
		duration(d, sizeof(d), e->lifetime);
		snprintf(buf, n, "%s%s", e->life_est ? "~" : "", d);
	} else if (e->life_max >= 0) {
		duration(d, sizeof(d), e->life_max);
		snprintf(buf, n, "<%s", d);
	} else {
		snprintf(buf, n, "%s", _("unseen"));
	}
	return buf;
}

void clog_json(FILE *out, const struct clog_ent *e, struct names *n)
{
	static const char *const via[] = {"", "seen", "listener"};
	struct clog_rec cr;
	char ts[64];
	struct tm tm;
	time_t sec = (time_t)e->t_close;
	int ms = (int)((e->t_close - (double)sec) * 1000);

	clog_rec(e, &cr);
	json_record_open(out, &cr.r, n, NULL);
	gmtime_r(&sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(out, ",\"event\":\"destroy\",\"time\":\"%s.%03dZ\"", ts,
		ms > 999 ? 999 : ms);
	fprintf(out, ",\"seen\":%s", e->seen ? "true" : "false");
	if (e->lifetime >= 0)
		fprintf(out, ",\"lifetime\":%.3f", e->lifetime);
	if (e->life_est)
		fputs(",\"lifetime_estimated\":true", out);
	if (!e->seen && e->life_max >= 0)
		fprintf(out, ",\"lifetime_max\":%.3f", e->life_max);
	if (e->seen) {
		char ids[256], *p = ids, *comma;

		fprintf(out, ",\"last_state\":\"%s\"",
			sk_state_name((enum sk_state)e->last_state));
		hcode_ids(e->health, ids, sizeof(ids));
		fputs(",\"health\":[", out);
		while (*p) { /* ids: "zero-window,close-wait" */
			comma = strchr(p, ',');
			fprintf(out, "%s\"%.*s\"", p == ids ? "" : ",",
				comma ? (int)(comma - p) : (int)strlen(p), p);
			p = comma ? comma + 1 : p + strlen(p);
		}
		fputc(']', out);
	}
	if (e->n_own && e->via < sizeof(via) / sizeof(via[0])) {
		fprintf(out, ",\"owners_via\":\"%s\",\"owners_total\":%u",
			via[e->via], e->n_own_all);
		fputs(",\"owners\":[", out);
		for (unsigned i = 0; i < e->n_own; i++) {
			const struct clog_owner *o = &e->own[i];

			fprintf(out, "%s{\"pid\":%d,\"fd\":%d,\"name\":",
				i ? "," : "", o->pid, o->fd);
			json_string(out, o->name, strlen(o->name));
			fprintf(out, ",\"uid\":%u}", o->uid);
		}
		fputc(']', out);
	}
	fputs("}\n", out);
}
