/*
 * caps.c: the capability allow-list and its scopes (see caps.h), with
 * libcap.
 *
 * The process's own sets are read with cap_get_proc() (what it holds now,
 * whether from root or from file capabilities), intersected with the
 * allow-list below, and written back as permitted only: nothing is
 * effective outside caps_raise()/caps_lower().  The bounding set is
 * trimmed first, while CAP_SETPCAP allows it, and no_new_privs is set in
 * every case, so that nothing sstop might ever exec can gain a capability.
 *
 * capset(2) changes the calling thread only (libcap without libpsx calls
 * it directly), which is what the scopes need: a thread raising its
 * capabilities for a /proc walk or a dump leaves the loop's thread, which
 * opens the user's files, with none effective.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "caps.h"
#include "i18n.h"

/*
 * What sstop keeps, and why each one.  A "setup" capability serves only
 * until caps_finish() (command line parsed, -N entered) and never stays
 * in the bounding set after it.
 */
static const struct caps_keep {
	cap_value_t cap;
	unsigned setup : 1;
} caps_keep[] = {
	/*
	 * SOCK_DESTROY (kill) checks it in the socket's namespace; the
	 * kernel also sends a socket's mark (INET_DIAG_MARK, the fwmark
	 * filter and the MARK column) only to holders of it, and joining
	 * the destroy events' groups (-E) needs it.  Dropped by --readonly.
	 */
	{.cap = CAP_NET_ADMIN},
	/*
	 * Owners (-p): readlink() of another user's /proc/PID/fd/N needs
	 * ptrace read access to that process.
	 */
	{.cap = CAP_SYS_PTRACE},
	/*
	 * Owners (-p): /proc/PID/fd of another user is mode 0500; listing
	 * it needs search/read permission beyond the file mode.
	 */
	{.cap = CAP_DAC_READ_SEARCH},
	/*
	 * -N NETNS: setns() into a network namespace.  --all-netns keeps
	 * it permitted (caps_finish_ns), raised only by the threads that
	 * call setns() (collect/nsset.c).
	 */
	{.cap = CAP_SYS_ADMIN, .setup = 1},
	/*
	 * Dropping from the bounding set needs it; caps_finish() drops
	 * CAP_NET_ADMIN there for --readonly, then CAP_SETPCAP itself.
	 */
	{.cap = CAP_SETPCAP, .setup = 1},
};

#define N_KEEP (sizeof(caps_keep) / sizeof(caps_keep[0]))

/* Is cap in the calling thread's set `which` now? */
static int has(cap_value_t cap, cap_flag_t which)
{
	cap_t c = cap_get_proc();
	cap_flag_value_t v = CAP_CLEAR;

	if (!c)
		return 0;
	if (cap_get_flag(c, cap, which, &v) < 0)
		v = CAP_CLEAR;
	cap_free(c);
	return v == CAP_SET;
}

/* Does cap stay in the bounding set for now?  CAP_SYS_ADMIN does not:
 * it serves setns() in this process, never a program it might run. */
static int bound_kept(cap_value_t cap)
{
	if (cap == CAP_SETPCAP)
		return 1; /* until caps_finish() */
	for (size_t i = 0; i < N_KEEP; i++)
		if (caps_keep[i].cap == cap)
			return !caps_keep[i].setup;
	return 0;
}

static int drop_bound(cap_value_t cap)
{
	if (cap_get_bound(cap) > 0 && cap_drop_bound(cap) < 0)
		return -errno;
	return 0;
}

/* Trims the bounding set to the kept capabilities and CAP_SETPCAP. */
static int trim_bounding(void)
{
	cap_value_t max = cap_max_bits();
	int rc;

	for (cap_value_t cap = 0; cap < max; cap++) {
		if (bound_kept(cap))
			continue;
		rc = drop_bound(cap);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * Sets permitted to have[] and inheritable to none; effective to have[]
 * too when raised, else to none.
 */
static int set_proc(const cap_value_t *have, int n, int raised)
{
	cap_t c = cap_init();
	int rc = 0;

	if (!c)
		return -errno;
	if (n > 0 &&
	    (cap_set_flag(c, CAP_PERMITTED, n, have, CAP_SET) < 0 ||
	     (raised && cap_set_flag(c, CAP_EFFECTIVE, n, have, CAP_SET) < 0)))
		rc = -errno;
	if (!rc && cap_set_proc(c) < 0)
		rc = -errno;
	cap_free(c);
	return rc;
}

/*
 * Keeps those allowed capabilities the thread has in `from`, without the
 * setup ones when finished, and without CAP_NET_ADMIN when readonly; as
 * permitted only (effective too when raised).
 */
static int keep_only(cap_flag_t from, int finished, int readonly, int raised,
		     int setns)
{
	cap_value_t have[N_KEEP];
	int n = 0;

	for (size_t i = 0; i < N_KEEP; i++) {
		cap_value_t cap = caps_keep[i].cap;

		if (finished && caps_keep[i].setup &&
		    !(setns && cap == CAP_SYS_ADMIN))
			continue;
		if (readonly && cap == CAP_NET_ADMIN)
			continue;
		if (has(cap, from))
			have[n++] = cap;
	}
	return set_proc(have, n, raised);
}

int caps_init(void)
{
	int rc;

	/*
	 * Nothing exec'd gains a capability, from a file or a set-user-ID
	 * bit: this holds even where the bounding set cannot be trimmed
	 * (file capabilities without CAP_SETPCAP).
	 */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (has(CAP_SETPCAP, CAP_EFFECTIVE)) {
		rc = trim_bounding();
		if (rc)
			return rc;
	}
	/* Ambient capabilities would survive an exec: none. */
	if (CAP_AMBIENT_SUPPORTED() && cap_reset_ambient() < 0)
		return -errno;
	return keep_only(CAP_EFFECTIVE, 0, 0, 0, 0);
}

int caps_finish(int readonly)
{
	return caps_finish_ns(readonly, 0);
}

int caps_finish_ns(int readonly, int setns)
{
	int rc = 0;

	if (has(CAP_SETPCAP, CAP_PERMITTED)) {
		int r = caps_raise();

		rc = readonly ? drop_bound(CAP_NET_ADMIN) : 0;
		if (!rc)
			rc = drop_bound(CAP_SETPCAP);
		caps_lower(r);
		if (rc)
			return rc;
	}
	return keep_only(CAP_PERMITTED, 1, readonly, 0, setns);
}

int caps_raise(void)
{
	cap_t c = cap_get_proc();
	int raised = 0;

	if (!c)
		return 0;
	for (size_t i = 0; i < N_KEEP; i++) {
		cap_value_t cap = caps_keep[i].cap;
		cap_flag_value_t p = CAP_CLEAR, e = CAP_CLEAR;

		if (cap_get_flag(c, cap, CAP_PERMITTED, &p) < 0 ||
		    cap_get_flag(c, cap, CAP_EFFECTIVE, &e) < 0 ||
		    p != CAP_SET || e == CAP_SET)
			continue;
		if (cap_set_flag(c, CAP_EFFECTIVE, 1, &cap, CAP_SET) == 0)
			raised = 1;
	}
	if (raised && cap_set_proc(c) < 0)
		raised = 0;
	cap_free(c);
	return raised;
}

void caps_lower(int raised)
{
	cap_t c;

	if (!raised || !(c = cap_get_proc()))
		return;
	if (cap_clear_flag(c, CAP_EFFECTIVE) == 0)
		(void)cap_set_proc(c);
	cap_free(c);
}

int caps_can_setns(void)
{
	return has(CAP_SYS_ADMIN, CAP_PERMITTED);
}

int caps_can_kill(void)
{
	return has(CAP_NET_ADMIN, CAP_PERMITTED);
}

enum caps_owners caps_owners_scope(void)
{
	return has(CAP_SYS_PTRACE, CAP_PERMITTED) ? CAPS_OWNERS_ALL
						  : CAPS_OWNERS_OWN;
}

const char *caps_kill_text(int readonly)
{
	if (readonly)
		return _("kill: off (--readonly)");
	if (!caps_can_kill())
		return _("kill: off (no CAP_NET_ADMIN)");
	return NULL;
}

const char *caps_owners_text(void)
{
	if (caps_owners_scope() == CAPS_OWNERS_OWN)
		return _("owners: own processes only");
	return NULL;
}
