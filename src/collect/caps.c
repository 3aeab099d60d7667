/*
 * caps.c: the capability allow-list (see caps.h), with libcap.
 *
 * The process's own sets are read with cap_get_proc() (what it holds now,
 * whether from root or from file capabilities), intersected with the
 * allow-list below, and written back.  The bounding set is trimmed first,
 * while CAP_SETPCAP is still effective, and CAP_SETPCAP itself last, so
 * that nothing sstop might ever exec can regain what was dropped.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <sys/capability.h>

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
	 * filter and the MARK column) only to holders of it.  Dropped by
	 * --readonly.
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
	/* -N NETNS: setns() into a network namespace. */
	{.cap = CAP_SYS_ADMIN, .setup = 1},
	/*
	 * Dropping from the bounding set needs it; caps_finish() drops
	 * CAP_NET_ADMIN there for --readonly, then CAP_SETPCAP itself.
	 */
	{.cap = CAP_SETPCAP, .setup = 1},
};

#define N_KEEP (sizeof(caps_keep) / sizeof(caps_keep[0]))

/* Is cap set in the process's effective set now? */
static int effective(cap_value_t cap)
{
	cap_t c = cap_get_proc();
	cap_flag_value_t v = CAP_CLEAR;

	if (!c)
		return 0;
	if (cap_get_flag(c, cap, CAP_EFFECTIVE, &v) < 0)
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

/* Sets effective and permitted to have[], inheritable to none. */
static int set_proc(const cap_value_t *have, int n)
{
	cap_t c = cap_init();
	int rc = 0;

	if (!c)
		return -errno;
	if (n > 0 && (cap_set_flag(c, CAP_EFFECTIVE, n, have, CAP_SET) < 0 ||
		      cap_set_flag(c, CAP_PERMITTED, n, have, CAP_SET) < 0))
		rc = -errno;
	if (!rc && cap_set_proc(c) < 0)
		rc = -errno;
	cap_free(c);
	return rc;
}

/*
 * Keeps those allowed capabilities the process has, without the setup
 * ones when finished, and without CAP_NET_ADMIN when readonly.
 */
static int keep_only(int finished, int readonly)
{
	cap_value_t have[N_KEEP];
	int n = 0;

	for (size_t i = 0; i < N_KEEP; i++) {
		cap_value_t cap = caps_keep[i].cap;

		if (finished && caps_keep[i].setup)
			continue;
		if (readonly && cap == CAP_NET_ADMIN)
			continue;
		if (effective(cap))
			have[n++] = cap;
	}
	return set_proc(have, n);
}

int caps_init(void)
{
	int rc;

	if (effective(CAP_SETPCAP)) {
		rc = trim_bounding();
		if (rc)
			return rc;
	}
	/* Ambient capabilities would survive an exec: none. */
	if (CAP_AMBIENT_SUPPORTED() && cap_reset_ambient() < 0)
		return -errno;
	return keep_only(0, 0);
}

int caps_finish(int readonly)
{
	int rc;

	if (effective(CAP_SETPCAP)) {
		rc = readonly ? drop_bound(CAP_NET_ADMIN) : 0;
		if (!rc)
			rc = drop_bound(CAP_SETPCAP);
		if (rc)
			return rc;
	}
	return keep_only(1, readonly);
}

int caps_can_kill(void)
{
	return effective(CAP_NET_ADMIN);
}

enum caps_owners caps_owners_scope(void)
{
	return effective(CAP_SYS_PTRACE) ? CAPS_OWNERS_ALL : CAPS_OWNERS_OWN;
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
