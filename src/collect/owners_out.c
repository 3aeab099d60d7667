/*
 * owners_out.c: what views read from the owners map: ss's users:(...) text,
 * owners in ss's order, user names, command lines, the filter's proc/pid
 * conditions, and why an owner is missing.
 *
 * ss prepends each owner to a hash chain as it walks /proc (pids, then a
 * process's threads, then fds, all ascending) and prints the chain, so
 * owners come out in exactly the reverse order of the walk; we sort on that
 * key instead of depending on the order of our own tables.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "caps.h"
#include "file.h"
#include "i18n.h"
#include "lookup.h"
#include "owners.h"
#include "owners_int.h"
#include "sanitize.h"
#include "secctx.h"
#include "xalloc.h"

static void fill_owner(const struct own_map *m, const struct own_ent *e,
		       struct own_owner *o)
{
	const struct own_task *t = &m->tasks[e->task];

	o->pid = t->pid;
	o->tid = t->tid;
	o->fd = e->fd;
	o->uid = t->uid;
	o->name = t->name;
	o->raw = t->raw;
}

/* ss's walk order, reversed: pid, then other threads, then the process. */
static int owner_cmp(const void *pa, const void *pb)
{
	const struct own_owner *a = pa, *b = pb;
	long ta = a->tid == a->pid ? 0 : a->tid;
	long tb = b->tid == b->pid ? 0 : b->tid;

	if (a->pid != b->pid)
		return a->pid < b->pid ? 1 : -1;
	if (ta != tb)
		return ta < tb ? 1 : -1;
	if (a->fd != b->fd)
		return a->fd < b->fd ? 1 : -1;
	return 0;
}

static uint32_t first_ent(const struct own_map *m, uint32_t ino)
{
	const struct own_slot *s = hmap_find(&m->inos, ino);

	return s && s->state == OWN_SLOT_OWNED ? s->head : OWN_NIL;
}

/* Owners most sockets have fit here: no allocation per row drawn or sorted. */
#define OWN_STACK 8

/*
 * All owners of ino that count, sorted, in *out: `stack` (OWN_STACK
 * entries) when they fit, else a malloc'ed array (free it when *out !=
 * stack).
 */
/* Room for one more owner in *v: stack until it is full, then the heap. */
static struct own_owner *push(struct own_owner **v, struct own_owner *stack,
			      size_t *n, size_t *cap)
{
	if (*n == *cap) {
		if (*v == stack) {
			*v = xmalloc(2 * *cap * sizeof(**v));
			memcpy(*v, stack, *n * sizeof(**v));
			*cap *= 2;
		} else {
			*v = xgrow(*v, cap, *n + 1, sizeof(**v));
		}
	}
	return &(*v)[(*n)++];
}

static size_t collect(const struct own_map *m, uint32_t ino, int threads,
		      struct own_owner *stack, struct own_owner **out)
{
	struct own_owner *v = stack;
	size_t n = 0, cap = OWN_STACK;
	uint32_t ei;

	for (ei = first_ent(m, ino); ei != OWN_NIL; ei = m->ents[ei].next_ino) {
		const struct own_task *t = &m->tasks[m->ents[ei].task];

		if (!threads && t->tid != t->pid)
			continue;
		fill_owner(m, &m->ents[ei], push(&v, stack, &n, &cap));
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), owner_cmp);
	*out = v;
	return n;
}

/* Whether v[0..n) has g's owner already (a pass may drop it twice). */
static int has_owner(const struct own_owner *v, size_t n,
		     const struct own_gone *g)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].tid == g->tid && v[i].fd == g->fd)
			return 1;
	return 0;
}

/* As collect(), from the owners the last two passes dropped. */
static size_t gone_collect(const struct own_map *m, uint32_t ino, int threads,
			   struct own_owner *stack, struct own_owner **out)
{
	struct own_owner *v = stack;
	size_t n = 0, cap = OWN_STACK;

	for (int i = 0; i < 2; i++) {
		const struct own_gone *g = hmap_find(&m->gone[i], ino);

		for (; g; g = hmap_next(&m->gone[i], g)) {
			if ((!threads && g->tid != g->pid) ||
			    has_owner(v, n, g))
				continue;
			*push(&v, stack, &n, &cap) =
				(struct own_owner){.pid = g->pid,
						   .tid = g->tid,
						   .fd = g->fd,
						   .uid = g->uid,
						   .name = g->name,
						   .raw = g->raw};
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), owner_cmp);
	*out = v;
	return n;
}

/* Up to max of the n owners in v into out; v freed unless it is stack. */
static size_t copy_out(struct own_owner *v, size_t n,
		       const struct own_owner *stack, struct own_owner *out,
		       size_t max)
{
	if (n && max)
		memcpy(out, v, (n < max ? n : max) * sizeof(*v));
	if (v != stack)
		free(v);
	return n;
}

size_t own_owners(const struct own_map *m, uint32_t ino, int threads,
		  struct own_owner *out, size_t max)
{
	struct own_owner stack[OWN_STACK], *v;
	size_t n = collect(m, ino, threads, stack, &v);

	return copy_out(v, n, stack, out, max);
}

size_t own_gone_owners(const struct own_map *m, uint32_t ino, int threads,
		       struct own_owner *out, size_t max)
{
	struct own_owner stack[OWN_STACK], *v;
	size_t n = gone_collect(m, ino, threads, stack, &v);

	return copy_out(v, n, stack, out, max);
}

size_t own_pending(const struct own_map *m)
{
	return m->n_pending;
}

enum own_state own_lookup(const struct own_map *m, uint32_t ino)
{
	const struct own_slot *s = hmap_find(&m->inos, ino);

	if (!s)
		return m->passes ? OWN_NONE : OWN_PENDING;
	if (s->state == OWN_SLOT_OWNED)
		return OWN_FOUND;
	return s->state == OWN_SLOT_PENDING ? OWN_PENDING : OWN_NONE;
}

/* snprintf-like append: *len counts everything, the buffer gets what fits. */
struct own_out {
	char *buf;
	size_t size, len;
};

static void out_add(struct own_out *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len - 1;

		memcpy(o->buf + o->len, s, n < room ? n : room);
		o->buf[o->len + (n < room ? n : room)] = '\0';
	}
	o->len += n;
}

/* Appends `,KEY=CTX` with CTX escaped (contexts are untrusted text). */
static void out_ctx(struct own_out *o, const char *key, const char *ctx)
{
	char esc[4 * 256 + 1];
	size_t n = san_escape(esc, sizeof(esc), ctx, strlen(ctx));

	out_add(o, key, strlen(key));
	out_add(o, esc, n < sizeof(esc) ? n : sizeof(esc) - 1);
}

static size_t format_ss(const struct own_map *m, uint32_t ino, int threads,
			unsigned int ctx, char *buf, size_t len)
{
	struct own_out o = {.buf = buf, .size = len};
	struct own_owner stack[OWN_STACK], *v;
	size_t i, n = collect(m, ino, threads, stack, &v);
	char num[64], con[256];
	int k;

	if (len)
		buf[0] = '\0';
	if (!n)
		return 0;
	out_add(&o, "users:(", 7);
	for (i = 0; i < n; i++) {
		out_add(&o, i ? ",(\"" : "(\"", i ? 3 : 2);
		out_add(&o, v[i].name, strlen(v[i].name));
		k = snprintf(num, sizeof(num), "\",pid=%d", v[i].pid);
		out_add(&o, num, (size_t)k);
		if (threads) {
			k = snprintf(num, sizeof(num), ",tid=%d", v[i].tid);
			out_add(&o, num, (size_t)k);
		}
		if (ctx) {
			secctx_pid(m->procfd, v[i].pid, con, sizeof(con));
			out_ctx(&o, ",proc_ctx=", con);
		}
		k = snprintf(num, sizeof(num), ",fd=%d", v[i].fd);
		out_add(&o, num, (size_t)k);
		if (ctx > 1) {
			secctx_fd(m->procfd, v[i].pid, v[i].fd, con,
				  sizeof(con));
			out_ctx(&o, ",sock_ctx=", con);
		}
		out_add(&o, ")", 1);
	}
	out_add(&o, ")", 1);
	if (v != stack)
		free(v);
	return o.len;
}

size_t own_format_ss(const struct own_map *m, uint32_t ino, int threads,
		     unsigned int ctx, char *buf, size_t len)
{
	/* the contexts of another user's processes need CAP_SYS_PTRACE */
	int raised = ctx ? own_caps_raise(m) : 0;
	size_t n = format_ss(m, ino, threads, ctx, buf, len);

	caps_lower(raised);
	return n;
}

/* The cached entry for uid, looked up on first use. */
static struct own_user_ent *user_ent(struct own_map *m, uint32_t uid)
{
	struct own_user_ent *u;
	char *raw = NULL;
	size_t n;

	for (size_t i = 0; i < m->n_users; i++)
		if (m->users[i].uid == uid)
			return &m->users[i];
	m->users = xgrow(m->users, &m->cap_users, m->n_users + 1,
			 sizeof(*m->users));
	u = &m->users[m->n_users++];
	u->uid = uid;
	/* an entry of any length (lookup.h); else the number */
	if (lookup_user_name(uid, &raw) || !raw[0]) {
		free(raw);
		raw = xmalloc(16);
		snprintf(raw, 16, "%u", uid);
	}
	u->raw = raw;
	n = san_escape(NULL, 0, raw, strlen(raw)) + 1;
	u->name = xmalloc(n);
	san_escape(u->name, n, raw, strlen(raw));
	return u;
}

const char *own_user(struct own_map *m, uint32_t uid)
{
	return user_ent(m, uid)->name;
}

const char *own_user_raw(struct own_map *m, uint32_t uid)
{
	return user_ent(m, uid)->raw;
}

const char *own_cmdline(struct own_map *m, int pid)
{
	struct own_task *t = own_task_of(m, pid);
	char path[32], *raw = NULL;
	size_t i, n = 0, cap = 0;
	ssize_t k;
	int fd, raised;

	if (!t)
		return NULL;
	if (t->cmdline)
		return t->cmdline;
	snprintf(path, sizeof(path), "%d/cmdline", pid);
	/* hidepid= hides another user's: CAP_SYS_PTRACE reads it */
	raised = own_caps_raise(m);
	fd = openat(m->procfd, path, O_RDONLY | O_CLOEXEC);
	caps_lower(raised);
	if (fd < 0)
		return NULL;
	/* whole, however long (the kernel bounds it by the argument area) */
	do {
		raw = xgrow(raw, &cap, n + 4096, 1);
		k = read(fd, raw + n, cap - n - 1);
		if (k > 0)
			n += (size_t)k;
	} while (k > 0 || (k < 0 && errno == EINTR));
	close(fd);
	if (k < 0) {
		free(raw);
		return NULL;
	}
	/* arguments are NUL-separated; the last NUL ends the line */
	while (n > 0 && raw[n - 1] == '\0')
		n--;
	for (i = 0; i < n; i++)
		if (raw[i] == '\0')
			raw[i] = ' ';
	raw[n] = '\0';
	t->cmdline = raw;
	return t->cmdline;
}

/*
 * Its status file whole: NSpid comes after Groups, which lists up to 65 536
 * groups (some 700 KiB), so the first 4 KiB may not hold it.
 */
#define STATUS_MAX (1u << 20)

int own_nspid(struct own_map *m, int pid)
{
	struct own_task *t = own_task_of(m, pid);
	char path[32], *p;
	void *buf = NULL;
	size_t len;
	int fd, raised, rc = -1;

	if (!t)
		return pid;
	if (t->nspid)
		return t->nspid;
	t->nspid = pid;
	snprintf(path, sizeof(path), "%d/status", pid);
	raised = own_caps_raise(m);
	fd = openat(m->procfd, path, O_RDONLY | O_CLOEXEC);
	caps_lower(raised);
	if (fd >= 0) {
		rc = file_read_fd(fd, 0, STATUS_MAX, &buf, &len);
		close(fd);
	}
	if (rc)
		return pid;
	/* "NSpid:\t4242\t7\t1": outermost first, its own namespace last */
	if (!strncmp(buf, "NSpid:", 6))
		p = (char *)buf + 6;
	else if ((p = strstr(buf, "\nNSpid:")))
		p += 7;
	for (; p;) {
		char *end;
		long v;

		while (*p == '\t' || *p == ' ')
			p++;
		v = strtol(p, &end, 10);
		if (end == p || v <= 0 || v > INT32_MAX)
			break;
		t->nspid = (int32_t)v;
		p = end;
	}
	free(buf);
	return t->nspid;
}

int own_ent_holds(const struct own_map *m, uint32_t ei)
{
	const struct own_ent *e = &m->ents[ei];
	const struct own_task *t = &m->tasks[e->task];
	char path[96], lnk[64];
	ssize_t n;

	if (t->tid == t->pid)
		snprintf(path, sizeof(path), "%d/fd/%d", t->pid, e->fd);
	else
		snprintf(path, sizeof(path), "%d/task/%d/fd/%d", t->pid, t->tid,
			 e->fd);
	n = readlinkat(m->procfd, path, lnk, sizeof(lnk));
	return n > 0 && (size_t)n < sizeof(lnk) &&
	       own_link_ino(lnk, (size_t)n) == e->ino;
}

size_t own_verify(struct own_map *m, uint32_t ino)
{
	uint32_t ei, next;
	size_t left = 0;
	int raised = own_caps_raise(m);

	for (ei = first_ent(m, ino); ei != OWN_NIL; ei = next) {
		next = m->ents[ei].next_ino;
		if (own_ent_holds(m, ei))
			left++;
		else
			own_ent_drop(m, ei);
	}
	caps_lower(raised);
	return left;
}

void own_unix_ends(const struct own_map *m, uint32_t ino, uint32_t peer_ino,
		   int threads, struct own_ends *e)
{
	e->local = ino ? own_lookup(m, ino) : OWN_NONE;
	e->peer = peer_ino ? own_lookup(m, peer_ino) : OWN_NONE;
	e->n_local = ino ? own_owners(m, ino, threads, NULL, 0) : 0;
	e->n_peer = peer_ino ? own_owners(m, peer_ino, threads, NULL, 0) : 0;
}

int own_match(uint32_t ino, int kind, const char *glob, long pid, void *arg)
{
	const struct own_map *m = arg;
	uint32_t ei;

	for (ei = first_ent(m, ino); ei != OWN_NIL; ei = m->ents[ei].next_ino) {
		const struct own_task *t = &m->tasks[m->ents[ei].task];

		if (kind == OWN_MATCH_PID ? t->pid == pid
					  : !fnmatch(glob, t->name, 0))
			return 1;
	}
	return 0;
}

int own_each(const struct own_map *m,
	     int (*fn)(uint32_t ino, const struct own_owner *o, void *arg),
	     void *arg)
{
	struct own_owner o;
	size_t i;
	int r;

	for (i = 0; i < m->n_ents; i++) {
		if (!m->ents[i].ino)
			continue;
		fill_owner(m, &m->ents[i], &o);
		r = fn(m->ents[i].ino, &o, arg);
		if (r)
			return r;
	}
	return 0;
}

enum own_why own_why(const struct own_map *m, uint32_t ino)
{
	switch (own_lookup(m, ino)) {
	case OWN_FOUND:
		return OWN_WHY_FOUND;
	case OWN_PENDING:
		return OWN_WHY_PENDING;
	default:
		return m->unreadable ? OWN_WHY_UNREADABLE : OWN_WHY_NOBODY;
	}
}

const char *own_why_text(enum own_why w)
{
	static const char *const text[] = {
		[OWN_WHY_FOUND] = N_("owned by the processes listed"),
		[OWN_WHY_PENDING] = N_("owner not looked up yet"),
		[OWN_WHY_NOBODY] = N_("no process holds it (kernel-held, "
				      "orphaned, or in another pid namespace)"),
		[OWN_WHY_UNREADABLE] =
			N_("owner unknown: some processes' fd tables are "
			   "unreadable (reading /proc/PID/fd needs ptrace "
			   "access: CAP_SYS_PTRACE in their user namespace, "
			   "which even root may lack for PID 1)"),
	};

	if ((unsigned)w >= sizeof(text) / sizeof(text[0]))
		w = OWN_WHY_NOBODY;
	return _(text[w]);
}

void own_get_stats(const struct own_map *m, struct own_stats *st)
{
	size_t i;

	memset(st, 0, sizeof(*st));
	st->pids = m->last_pids;
	st->tasks = m->live_tasks;
	st->entries = m->live_ents;
	for (i = 0; i < m->inos.cap; i++) {
		const struct own_slot *s = hmap_slot(&m->inos, i);

		st->inodes += s->key && s->state == OWN_SLOT_OWNED;
	}
	st->unreadable = m->unreadable;
	st->unreadable_other = m->unreadable_other;
	st->first_unreadable = m->first_unreadable;
	st->own_only = m->unreadable_other > 0;
	st->passes = m->passes;
	st->fd_scans = m->last_fd_scans;
	st->fallbacks = m->fallbacks;
}

void own_get_work(const struct own_map *m, size_t *passes, size_t *links)
{
	*passes = m->passes;
	*links = m->links;
}

size_t own_mem(const struct own_map *m)
{
	size_t n = (size_t)m->inos.cap * m->inos.size +
		   (size_t)m->tids.cap * m->tids.size +
		   m->cap_ents * sizeof(*m->ents) +
		   m->cap_tasks * sizeof(*m->tasks) +
		   m->cap_pids * sizeof(*m->pids) +
		   m->cap_known * sizeof(*m->known) +
		   m->cap_tq * sizeof(*m->tq);

	for (size_t i = 0; i < m->n_tasks; i++)
		if (m->tasks[i].cmdline)
			n += strlen(m->tasks[i].cmdline) + 1;
	return n;
}
