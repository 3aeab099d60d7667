/*
 * health.c: the health codes of a snapshot (see health.h).
 *
 * One pass reads each record once.  Only sockets that can need a previous
 * value (in CLOSE-WAIT or SYN-SENT, with drops, retransmissions, a zero
 * or limiting window) are remembered, in a table (hmap.h) keyed by the
 * model's identity (cookie), folded to 32 bits: on a busy host of healthy
 * connections the history stays empty and the pass costs one look at
 * each record.  Two tables alternate: the previous pass's, read, and this
 * pass's, filled; what a pass does not see again is forgotten.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/tcp.h>

#include "hcode.h"
#include "health.h"
#include "hmap.h"
#include "i18n.h"
#include "mcol.h"
#include "model.h"
#include "xalloc.h"

/* rcvbuf-full holds this long after the drops last grew (seconds) */
#define DROPS_HOLD_S 5.0

/* A slot of the history (hmap.h): the identity folded, then in full. */
struct hent {
	uint32_t fold;	     /* hmap's key (never 0) */
	uint64_t key;	     /* model_key() */
	double state_since;  /* when first seen in `state` */
	double zero_since;   /* when first seen with a zero window, or 0 */
	double t;	     /* the pass that saw it */
	uint64_t busy, rwnd; /* tcpi_busy_time, tcpi_rwnd_limited (us) */
	double drops_at;     /* the last pass that saw drops grow, or 0 */
	uint32_t drops, total_retrans;
	uint8_t state;
	uint8_t has_tcpi;
};

struct health {
	struct hmap tab[2];
	int cur; /* tab[cur]: the previous pass's */
	struct netstat ns;
	double t_ns; /* when ns was read (0: never) */
};

void health_defaults(struct health_conf *c)
{
	c->close_wait_s = 10;
	c->syn_sent_s = 3;
	c->rmem_pct = 90;
	c->rwnd_pct = 95;
}

void health_sum_init(struct health_sum *s)
{
	memset(s, 0, sizeof(*s));
}

void health_sum_free(struct health_sum *s)
{
	free(s->notes);
	memset(s, 0, sizeof(*s));
}

const struct health_note *health_note_of(const struct health_sum *s,
					 uint32_t idx)
{
	size_t lo = 0, hi = s->n_notes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->notes[mid].idx == idx)
			return &s->notes[mid];
		if (s->notes[mid].idx < idx)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct health *health_new(void)
{
	struct health *h = xcalloc(1, sizeof(*h));

	hmap_init(&h->tab[0], sizeof(struct hent), 8);
	hmap_init(&h->tab[1], sizeof(struct hent), 8);
	return h;
}

void health_free(struct health *h)
{
	if (!h)
		return;
	hmap_free(&h->tab[0]);
	hmap_free(&h->tab[1]);
	free(h);
}

/* ---- the table ---- */

static const struct hent *tab_find(const struct hmap *t, uint64_t key)
{
	const struct hent *e = hmap_find(t, hmap_key64(key));

	while (e && e->key != key)
		e = hmap_next(t, e);
	return e;
}

/* Adds a copy of e (its key not yet in t). */
static void tab_put(struct hmap *t, const struct hent *e)
{
	struct hent *s = hmap_put(t, hmap_key64(e->key));

	*s = *e;
	s->fold = hmap_key64(e->key);
}

/* ---- what a record says ---- */

/* The record's tcp_info, or NULL; *len: the bytes the kernel sent. */
static const struct tcp_info *tcpi_of(const struct sk_rec *r, uint32_t *len)
{
	if (!r->x || !(r->x->present & SKX_TCPINFO) || !r->x->tcpi)
		return NULL;
	*len = r->x->tcpi_len;
	return r->x->tcpi;
}

#define TCPI_HAS(len, f)                                                       \
	((len) >=                                                              \
	 offsetof(struct tcp_info, f) + sizeof(((struct tcp_info *)0)->f))

/* skmem[i] when the kernel sent it, else 0 with *ok = 0. */
static uint32_t skmem(const struct sk_rec *r, unsigned i, int *ok)
{
	if (!r->x || !(r->x->present & SKX_SKMEM) || r->x->skmem_n <= i) {
		*ok = 0;
		return 0;
	}
	return r->x->skmem[i];
}

/* States in which a TCP socket may have data to send. */
static int sending_state(unsigned st)
{
	return st == SKS_ESTABLISHED || st == SKS_CLOSE_WAIT ||
	       st == SKS_FIN_WAIT1 || st == SKS_LAST_ACK || st == SKS_CLOSING;
}

/* The persist timer (idiag_timer 4) runs only against a zero window. */
#define TIMER_PERSIST 4

/* A lower bound of a SYN-SENT socket's age from its SYN retries. */
static double syn_age(const struct sk_rec *r)
{
	unsigned n = r->retrans > 20 ? 20 : r->retrans;

	/* TCP_TIMEOUT_INIT is 1 s, doubled at each retry: 1, 3, 7... */
	return (double)((1u << n) - 1);
}

struct judge {
	const struct health_conf *c;
	double now;
	const struct hent *prev; /* the previous pass's entry, or NULL */
	struct hent e;		 /* this pass's (kept when `keep`) */
	int keep;
	struct health_note note;
};

static uint32_t judge_tcp(struct judge *j, const struct sk_rec *r)
{
	uint32_t codes = 0, len = 0;
	const struct tcp_info *ti = tcpi_of(r, &len);
	const struct hent *p = j->prev;
	double age;

	j->e.has_tcpi = ti != NULL;
	if (r->state == SKS_CLOSE_WAIT || r->state == SKS_SYN_SENT) {
		j->keep = 1;
		age = j->now - j->e.state_since;
		if (r->state == SKS_CLOSE_WAIT && ti &&
		    TCPI_HAS(len, tcpi_last_ack_recv) &&
		    ti->tcpi_last_ack_recv / 1000.0 > age)
			age = ti->tcpi_last_ack_recv / 1000.0;
		if (r->state == SKS_SYN_SENT && syn_age(r) > age)
			age = syn_age(r);
		j->note.state_age = age;
		if (r->state == SKS_CLOSE_WAIT && age > j->c->close_wait_s)
			codes |= SKH_CLOSE_WAIT;
		if (r->state == SKS_SYN_SENT && age > j->c->syn_sent_s)
			codes |= SKH_SYN_STUCK;
	}
	if (r->state == SKS_LISTEN && r->rq > 0 && r->rq >= r->wq)
		codes |= SKH_ACCEPTQ_FULL;
	if (!ti)
		return codes;
	if (sending_state(r->state)) {
		int zero = r->timer == TIMER_PERSIST;

		if (!zero && TCPI_HAS(len, tcpi_snd_wnd) &&
		    ti->tcpi_snd_wnd == 0 && r->wq > 0)
			zero = 1;
		if (TCPI_HAS(len, tcpi_rwnd_limited)) {
			j->e.busy = ti->tcpi_busy_time;
			j->e.rwnd = ti->tcpi_rwnd_limited;
			if (ti->tcpi_rwnd_limited)
				j->keep = 1;
			if (p && p->has_tcpi && j->e.busy > p->busy &&
			    j->e.rwnd >= p->rwnd) {
				uint64_t db = j->e.busy - p->busy;
				uint64_t dr = j->e.rwnd - p->rwnd;

				j->note.rwnd_pct = (int)(dr * 100 / db);
				/* nearly all of at least 0.1 s busy */
				if (db >= 100000 &&
				    dr * 100 >= db * j->c->rwnd_pct)
					zero = 1;
			}
		}
		if (zero) {
			codes |= SKH_ZERO_WINDOW;
			j->keep = 1;
			j->e.zero_since =
				p && p->zero_since ? p->zero_since : j->now;
			j->note.zero_age = j->now - j->e.zero_since;
		}
	}
	if (TCPI_HAS(len, tcpi_total_retrans)) {
		j->e.total_retrans = ti->tcpi_total_retrans;
		if (j->e.total_retrans)
			j->keep = 1;
		if (p && p->has_tcpi && j->e.total_retrans > p->total_retrans)
			j->note.d_retrans =
				j->e.total_retrans - p->total_retrans;
	}
	/* a SYN's retries are syn-stuck's; a persist timer's backoff is
	 * zero-window's */
	if (r->state != SKS_SYN_SENT &&
	    (ti->tcpi_retransmits > 0 ||
	     (ti->tcpi_backoff > 0 && r->timer != TIMER_PERSIST) ||
	     j->note.d_retrans > 0))
		codes |= SKH_RETRANS;
	return codes;
}

static uint32_t judge_mem(struct judge *j, const struct sk_rec *r)
{
	int ok = 1;
	uint32_t rmem = skmem(r, SK_MEMINFO_RMEM_ALLOC, &ok);
	uint32_t rcvbuf = skmem(r, SK_MEMINFO_RCVBUF, &ok);
	uint32_t drops = skmem(r, SK_MEMINFO_DROPS, &ok);
	const struct hent *p = j->prev;
	int grew;

	if (!ok || !drops)
		return 0;
	j->keep = 1;
	j->e.drops = drops;
	/*
	 * With a previous pass: drops in the last DROPS_HOLD_S seconds, so
	 * that a flood pausing for a refresh does not make the code flicker
	 * (and the row jump in a health sort); else any drops at all.
	 */
	if (p && p->drops <= drops && p->t < j->now) {
		j->note.d_drops = drops - p->drops;
		j->e.drops_at = j->note.d_drops ? j->now : p->drops_at;
		grew = j->e.drops_at > 0 &&
		       j->now - j->e.drops_at <= DROPS_HOLD_S;
	} else {
		j->e.drops_at = j->now;
		grew = 1;
	}
	if (rcvbuf &&
	    (uint64_t)rmem * 100 >= (uint64_t)rcvbuf * j->c->rmem_pct && grew)
		return SKH_RCVBUF_FULL;
	return 0;
}

static uint32_t judge(struct judge *j, const struct sk_rec *r)
{
	uint32_t codes = 0;

	if (r->has & SKR_SCTP_ASSOC)
		return 0; /* its state is in SCTP's numbering */
	if (r->tab == SKT_TCP)
		codes |= judge_tcp(j, r);
	else if ((r->tab == SKT_UNIX_STREAM || r->tab == SKT_UNIX_SEQPACKET ||
		  r->tab == SKT_MPTCP) &&
		 r->state == SKS_LISTEN && r->rq > 0 && r->rq >= r->wq)
		codes |= SKH_ACCEPTQ_FULL;
	if (r->state != SKS_LISTEN)
		codes |= judge_mem(j, r);
	return codes;
}

static void note_push(struct health_sum *out, const struct health_note *n)
{
	out->notes = xgrow(out->notes, &out->cap_notes, out->n_notes + 1,
			   sizeof(*out->notes));
	out->notes[out->n_notes++] = *n;
}

static void rates(struct health *h, double now, const struct netstat *ns,
		  struct health_sum *out)
{
	out->ns = *ns;
	if (h && h->t_ns > 0 && now > h->t_ns &&
	    (h->ns.have & NETSTAT_HAVE_NETSTAT) &&
	    (ns->have & NETSTAT_HAVE_NETSTAT) &&
	    ns->listen_overflows >= h->ns.listen_overflows &&
	    ns->listen_drops >= h->ns.listen_drops) {
		double dt = now - h->t_ns;

		out->overflow_rate = (double)(ns->listen_overflows -
					      h->ns.listen_overflows) /
				     dt;
		out->drop_rate =
			(double)(ns->listen_drops - h->ns.listen_drops) / dt;
		out->rates = 1;
	}
	if (h) {
		h->ns = *ns;
		h->t_ns = now;
	}
}

void health_pass(struct health *h, const struct health_conf *c, struct snap *s,
		 double now, const struct netstat *ns, struct health_sum *out)
{
	const struct hmap *old = h ? &h->tab[h->cur] : NULL;
	struct hmap *new = h ? &h->tab[!h->cur] : NULL;

	out->n_notes = 0;
	memset(out->n, 0, sizeof(out->n));
	out->flagged = 0;
	out->rates = 0;
	out->overflow_rate = out->drop_rate = 0;
	memset(&out->ns, 0, sizeof(out->ns));
	if (new &&new->n)
		hmap_reset(new, 0);
	for (size_t i = 0; i < s->n; i++) {
		struct sk_rec *r = &s->v[i];
		struct judge j = {.c = c, .now = now};

		if (r->family != AF_UNIX && r->tab != SKT_TCP &&
		    r->tab != SKT_UDP && r->tab != SKT_UDPLITE &&
		    r->tab != SKT_RAW && r->tab != SKT_MPTCP) {
			r->health = 0;
			continue;
		}
		j.e.key = model_key(r);
		if (!j.e.key)
			j.e.key = 1;
		j.prev = old ? tab_find(old, j.e.key) : NULL;
		j.e.state = r->state;
		j.e.t = now;
		j.e.state_since = j.prev && j.prev->state == r->state
					  ? j.prev->state_since
					  : now;
		j.note.rwnd_pct = -1;
		if (j.prev)
			j.note.dt = now - j.prev->t;
		r->health = judge(&j, r);
		if (new &&j.keep && !tab_find(new, j.e.key))
			tab_put(new, &j.e);
		if (!r->health)
			continue;
		out->flagged++;
		for (unsigned k = 0; k < SKH_COUNT; k++)
			if (r->health & hcode_get(k)->bit)
				out->n[k]++;
		j.note.idx = (uint32_t)i;
		j.note.codes = r->health;
		note_push(out, &j.note);
	}
	if (h)
		h->cur = !h->cur;
	if (ns)
		rates(h, now, ns, out);
}

/* ---- the sentences ---- */

/* Appends a formatted sentence and a newline; tracks the needed length. */
static void say(char *buf, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(*len < n ? buf + *len : NULL, *len < n ? n - *len : 0,
		      fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	*len += (size_t)k;
	if (*len + 1 < n) {
		buf[*len] = '\n';
		buf[*len + 1] = '\0';
	}
	(*len)++;
}

static void explain_zero(const struct sk_rec *r, const struct health_note *nt,
			 char *buf, size_t n, size_t *len)
{
	char q[16];

	mcol_human(r->wq, q, sizeof(q));
	if (nt && nt->zero_age >= 1)
		say(buf, n, len,
		    _("zero-window: the peer is not reading: its receive "
		      "window has been zero for %.0f s; %s bytes wait to be "
		      "sent (%u window probes)."),
		    nt->zero_age, q,
		    r->timer == TIMER_PERSIST ? r->retrans : 0);
	else if (r->timer == TIMER_PERSIST || !nt || nt->rwnd_pct < 0)
		say(buf, n, len,
		    _("zero-window: the peer is not reading: its receive "
		      "window is zero; %s bytes wait to be sent (%u window "
		      "probes)."),
		    q, r->timer == TIMER_PERSIST ? r->retrans : 0);
	else
		say(buf, n, len,
		    _("zero-window: the peer's receive window held this "
		      "connection back %d%% of its busy time since the "
		      "previous refresh; %s bytes wait to be sent."),
		    nt->rwnd_pct, q);
}

static void explain_rcvbuf(const struct sk_rec *r, const struct health_note *nt,
			   char *buf, size_t n, size_t *len)
{
	int ok = 1;
	char a[16], b[16];
	uint32_t drops = skmem(r, SK_MEMINFO_DROPS, &ok);

	mcol_human(skmem(r, SK_MEMINFO_RMEM_ALLOC, &ok), a, sizeof(a));
	mcol_human(skmem(r, SK_MEMINFO_RCVBUF, &ok), b, sizeof(b));
	if (nt && nt->dt > 0)
		say(buf, n, len,
		    _("rcvbuf-full: the receive buffer holds %s of its %s and "
		      "%u packets were dropped, %u since the previous "
		      "refresh: the application does not read fast enough."),
		    a, b, drops, nt->d_drops);
	else
		say(buf, n, len,
		    _("rcvbuf-full: the receive buffer holds %s of its %s and "
		      "%u packets were dropped: the application does not "
		      "read fast enough."),
		    a, b, drops);
}

static void explain_retrans(const struct sk_rec *r,
			    const struct health_note *nt, char *buf, size_t n,
			    size_t *len)
{
	uint32_t tl = 0;
	const struct tcp_info *ti = tcpi_of(r, &tl);
	unsigned rto = ti ? ti->tcpi_retransmits : 0;
	unsigned bo = ti ? ti->tcpi_backoff : 0;
	unsigned total = ti && TCPI_HAS(tl, tcpi_total_retrans)
				 ? ti->tcpi_total_retrans
				 : 0;

	say(buf, n, len,
	    _("retransmitting: %u retransmission timeouts in a row, RTO "
	      "backoff %u, %u segments retransmitted in all (%u since the "
	      "previous refresh): the path or the peer loses packets."),
	    rto, bo, total, nt ? nt->d_retrans : 0);
}

size_t health_explain(const struct sk_rec *r, const struct health_note *note,
		      const struct health_conf *c, char *buf, size_t n)
{
	size_t len = 0;
	const struct health_note *nt =
		note && note->codes == r->health ? note : NULL;

	if (n)
		buf[0] = '\0';
	if (r->health & SKH_ZERO_WINDOW)
		explain_zero(r, nt, buf, n, &len);
	if (r->health & SKH_ACCEPTQ_FULL)
		say(buf, n, &len,
		    _("accept-queue-full: %u connections wait to be accepted "
		      "and the backlog is %u: the application does not "
		      "accept them fast enough; new ones are dropped."),
		    r->rq, r->wq);
	if (r->health & SKH_RCVBUF_FULL)
		explain_rcvbuf(r, nt, buf, n, &len);
	if (r->health & SKH_CLOSE_WAIT)
		say(buf, n, &len,
		    _("close-wait: the peer closed the connection %.0f s ago "
		      "(more than %.0f s) and the application has not closed "
		      "its socket: it may leak descriptors."),
		    nt ? nt->state_age : c->close_wait_s, c->close_wait_s);
	if (r->health & SKH_SYN_STUCK)
		say(buf, n, &len,
		    _("syn-stuck: no answer to the connection request for "
		      "%.0f s (%u SYN retransmissions): the peer is down or "
		      "a firewall drops it."),
		    nt ? nt->state_age : c->syn_sent_s, r->retrans);
	if (r->health & SKH_RETRANS)
		explain_retrans(r, nt, buf, n, &len);
	return len;
}
