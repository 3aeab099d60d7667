/*
 * evl.c: the destroyed-socket listener (see evl.h).  One thread per
 * listener: it sleeps in poll() on the events socket and a stop pipe,
 * receives without its lock, parses under it into the pending batch, and
 * wakes the consumer through a pipe when the batch stops being empty, so a
 * burst of thousands of events per second costs the consumer one wake-up
 * per take, not one per event.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>

#include "diag.h"
#include "evl.h"
#include "xalloc.h"

#define EVL_MAX_PENDING 100000u

struct evl {
	struct diag *d; /* the events socket, owned */
	pthread_t th;
	int stop[2]; /* the thread stops when stop[0] is readable */
	int wake[2]; /* readable while events wait (evl_fd) */
	pthread_mutex_t mu;
	/* under mu: */
	struct evl_batch pending;
	size_t max;
	struct evl_stats st;
	int woken; /* a byte is in the wake pipe */
};

void evl_batch_init(struct evl_batch *b)
{
	memset(b, 0, sizeof(*b));
	snap_init(&b->s);
}

void evl_batch_free(struct evl_batch *b)
{
	snap_free(&b->s);
	free(b->t);
	memset(b, 0, sizeof(*b));
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Socket messages in a received buffer (counted when they are dropped). */
static uint64_t count_msgs(const void *buf, size_t n)
{
	const struct nlmsghdr *h = buf;
	int len = (int)n;
	uint64_t c = 0;

	for (; mnl_nlmsg_ok(h, len); h = mnl_nlmsg_next(h, &len))
		c += h->nlmsg_type == SOCK_DIAG_BY_FAMILY;
	return c;
}

/* Under l->mu: the kernel's drop counter, else the ENOBUFS seen. */
static void update_lost(struct evl *l)
{
	uint64_t drops;

	if (diag_drops(l->d, &drops) == 0)
		l->st.lost = drops;
	else if (l->st.lost < l->st.overflows)
		l->st.lost = l->st.overflows;
}

/* Under l->mu: the n bytes just received go to the pending batch. */
static void take_buffer(struct evl *l, size_t n, double now)
{
	struct evl_batch *p = &l->pending;
	size_t n0 = p->s.n;
	const void *buf;
	int err;

	if (p->s.n >= l->max) {
		buf = diag_events_buf(l->d);
		l->st.full += count_msgs(buf, n);
		return;
	}
	err = diag_events_parse(l->d, n, &p->s);
	if (err)
		l->st.bad++;
	if (p->s.n == n0)
		return;
	p->t = xgrow(p->t, &p->cap_t, p->s.n, sizeof(*p->t));
	for (size_t i = n0; i < p->s.n; i++)
		p->t[i] = now;
	l->st.events += p->s.n - n0;
	if (!l->woken) {
		char c = 1;

		l->woken = write(l->wake[1], &c, 1) == 1;
	}
}

static void *run(void *arg)
{
	struct evl *l = arg;
	struct pollfd p[2] = {
		{.fd = diag_fd(l->d), .events = POLLIN},
		{.fd = l->stop[0], .events = POLLIN},
	};
	int err = 0;

	while (!err) {
		if (poll(p, 2, -1) < 0) {
			if (errno != EINTR)
				err = -errno;
			continue;
		}
		if (p[1].revents)
			break;
		for (;;) {
			ssize_t n = diag_events_recv(l->d, 1);

			if (n == -EAGAIN || n == -EWOULDBLOCK)
				break;
			if (n == -EINTR)
				continue;
			pthread_mutex_lock(&l->mu);
			if (n == -ENOBUFS) {
				l->st.overflows++;
				update_lost(l);
			} else if (n < 0) {
				err = (int)n;
			} else {
				take_buffer(l, (size_t)n, mono_now());
			}
			pthread_mutex_unlock(&l->mu);
			if (err)
				break;
		}
	}
	pthread_mutex_lock(&l->mu);
	l->st.err = err;
	pthread_mutex_unlock(&l->mu);
	return NULL;
}

static int pipe_nb(int fd[2])
{
	if (pipe2(fd, O_CLOEXEC | O_NONBLOCK) < 0)
		return -errno;
	return 0;
}

int evl_start(struct evl **out, uint32_t tabs, uint32_t families,
	      size_t max_pending, int rcvbuf)
{
	struct evl *l = xcalloc(1, sizeof(*l));
	sigset_t all, old;
	int err;

	l->stop[0] = l->stop[1] = l->wake[0] = l->wake[1] = -1;
	l->max = max_pending ? max_pending : EVL_MAX_PENDING;
	evl_batch_init(&l->pending);
	pthread_mutex_init(&l->mu, NULL);
	err = diag_events_open(&l->d, tabs, families);
	if (!err)
		err = pipe_nb(l->stop);
	if (!err)
		err = pipe_nb(l->wake);
	if (err)
		goto fail;
	if (rcvbuf > 0)
		diag_set_rcvbuf(l->d, rcvbuf);
	l->st.rcvbuf = diag_rcvbuf(l->d);
	/* Signals are the consumer's business, never this thread's. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = -pthread_create(&l->th, NULL, run, l);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		goto fail;
	*out = l;
	return 0;
fail:
	diag_close(l->d);
	for (int i = 0; i < 2; i++) {
		if (l->stop[i] >= 0)
			close(l->stop[i]);
		if (l->wake[i] >= 0)
			close(l->wake[i]);
	}
	evl_batch_free(&l->pending);
	pthread_mutex_destroy(&l->mu);
	free(l);
	return err;
}

void evl_stop(struct evl *l)
{
	char c = 1;

	if (!l)
		return;
	/* The pipe is empty and ours: the byte always fits. */
	if (write(l->stop[1], &c, 1) != 1)
		pthread_cancel(l->th);
	pthread_join(l->th, NULL);
	diag_close(l->d);
	for (int i = 0; i < 2; i++) {
		close(l->stop[i]);
		close(l->wake[i]);
	}
	evl_batch_free(&l->pending);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

int evl_fd(const struct evl *l)
{
	return l->wake[0];
}

size_t evl_take(struct evl *l, struct evl_batch *b)
{
	struct evl_batch t;
	char buf[64];
	size_t n;

	snap_clear(&b->s);
	pthread_mutex_lock(&l->mu);
	while (read(l->wake[0], buf, sizeof(buf)) > 0)
		;
	l->woken = 0;
	t = l->pending;
	l->pending = *b;
	*b = t;
	n = b->s.n;
	pthread_mutex_unlock(&l->mu);
	return n;
}

void evl_stats(struct evl *l, struct evl_stats *st)
{
	pthread_mutex_lock(&l->mu);
	update_lost(l);
	*st = l->st;
	pthread_mutex_unlock(&l->mu);
}
