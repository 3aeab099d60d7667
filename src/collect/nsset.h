/*
 * nsset.h: --all-netns, every network namespace of the host.
 *
 * Namespaces are found from /proc/PID/ns/net (one per inode: the lowest
 * pid is its "first process"), /run/netns/NAME (`ip netns add`) and
 * /run/docker/netns/ID.  Each one reached gets its own sock_diag socket,
 * made by a thread that entered it with setns(): the socket stays bound to
 * that namespace whichever thread uses it, so dumps and SOCK_DESTROY go
 * through it.  setns() needs CAP_SYS_ADMIN, raised in that thread alone;
 * without it only sstop's own namespace is listed (nsset.no_admin).
 *
 * A namespace is labelled by its /run/netns name, else by the container
 * its first process runs in (the cgroup path: Docker, Podman, containerd
 * and CRI-O under kubepods, LXC; the name from the runtime's state where
 * readable, see nsname.h), else "pid N".  Labels are sanitized (printable
 * ASCII).
 *
 * Collection only: nothing here prints.  Functions return 0 or a negative
 * errno.
 */
#ifndef SSTOP_NSSET_H
#define SSTOP_NSSET_H

#include <stdint.h>
#include <sys/types.h>

struct diag;
struct kill_ctx;
struct snap;

/*
 * A label holds any name of /run/netns (NAME_MAX, 255 bytes) and any
 * Kubernetes name (253); a container name from its runtime's state is
 * cut there (nsname.c).  A path holds the directories scanned (/run/netns,
 * /run/docker/netns) and such a name, or /proc/PID/ns/net.
 */
#define NSSET_LABEL 256
#define NSSET_PATH 288

struct nsent {
	uint64_t ino;		     /* the namespace's nsfs inode: its id */
	pid_t pid;		     /* its lowest pid, 0: none (named only) */
	char name[NSSET_LABEL];	     /* /run/netns name, "" when none */
	char container[NSSET_LABEL]; /* container name or short id, or "" */
	char cid[72];		     /* the container's full id, or "" */
	const char *runtime;	     /* "docker", "podman"..., or NULL */
	char label[NSSET_LABEL];     /* what the netns column shows */
	struct diag *d;		     /* bound to it; NULL: not reached */
	struct kill_ctx *k;	     /* opened on first use (nsset_kill_ctx) */
	int fd;			     /* the namespace file, or -1 */
	char path[NSSET_PATH];	     /* the file it was found by */
	int err;		     /* why d is NULL (negative errno) */
	unsigned own : 1;	     /* sstop's own namespace */
	unsigned seen : 1;	     /* internal: found by the last scan */
};

/*
 * The cost of a scan: a pid seen before is not asked its namespace again
 * (a readlink of /proc/PID/ns/net, a few us) unless it is young (first
 * seen less than NSSET_YOUNG_S ago, and not by the first scan: then at
 * the 1st, 2nd, 4th, 8th... scan after) or its turn came: every pid is
 * asked once in NSSET_ROUND scans (and not again within NSSET_ASK_S
 * seconds), so a process that changes namespace long after it started is
 * found late, not never.  And /proc is not
 * listed when the pid namespace's last pid (/proc/sys/kernel/ns_last_pid)
 * moved by NSSET_PROBE_MAX at most since the last scan and each
 * namespace's first process is still there: the pids in between are asked
 * one by one (the new processes are among them), the last scan's pids
 * stand, each asked in its turn (a gone one then leaves the list).  /proc
 * is listed every NSSET_LIST_EVERY scans all the same.
 */
#define NSSET_YOUNG_S 3.0
#define NSSET_ROUND 8
#define NSSET_ASK_S 2.0
#define NSSET_PROBE_MAX 1024
#define NSSET_LIST_EVERY 64

/* Internal: a pid of the last scan and its namespace. */
struct nsset_pid {
	pid_t pid;
	uint64_t ino;
	double first;	      /* first seen (CLOCK_MONOTONIC, s) */
	double asked;	      /* its namespace last read */
	unsigned first_round; /* by the scan that first saw it */
};

struct nsset {
	struct nsent *v; /* n namespaces: own first, named by name, rest by
			    pid */
	size_t n, cap;
	uint64_t own_ino;
	int no_admin; /* no CAP_SYS_ADMIN: the own namespace only */
	unsigned gen; /* bumped each time the set changes */
	/* where the container runtimes' state is read (nsname.h): NULL for
	   the real root, else a test's tree; set after nsset_init() */
	const char *state_root;
	/* internal: the last scan's pids, in increasing order */
	struct nsset_pid *pids;
	size_t n_pids, cap_pids;
	unsigned round;
	int lastpid_fd;	   /* /proc/sys/kernel/ns_last_pid, or -1 */
	long last_pid;	   /* what it said at the last scan */
	unsigned listings; /* listings of /proc so far (for the tests) */
};

/*
 * Empties s; admin says whether setns() may be tried (CAP_SYS_ADMIN
 * permitted, see caps_can_setns()).
 */
void nsset_init(struct nsset *s, int admin);
void nsset_free(struct nsset *s);

/*
 * Finds the namespaces of the host now: the ones that appeared get their
 * sock_diag socket, the ones gone are closed.  Cheap when nothing changed
 * (a listing of /proc, a stat for new pids and a few others: see above).
 * Returns 1 when the set changed, 0 when not, or a negative errno (/proc
 * unreadable: s is left as it was).
 */
int nsset_scan(struct nsset *s);

/* The namespace of inode ino, or NULL. */
struct nsent *nsset_find(const struct nsset *s, uint64_t ino);

/*
 * A kill context bound to e's namespace (opened on first use, owned by
 * e), or NULL with *err set.
 */
struct kill_ctx *nsset_kill_ctx(struct nsent *e, int *err);

/*
 * Begins e's range in s (snap_ns_begin) with its label, container,
 * runtime, path and pid copied into s's arena.
 */
void nsset_snap_begin(const struct nsent *e, struct snap *s);

/*
 * A kill context in the namespace of inode ino, found by path (a snap_ns's
 * path: /run/netns/NAME, /proc/PID/ns/net); the file must still be that
 * namespace.  For sstop's own namespace no setns is needed.  0 or a
 * negative errno (-ESTALE: the file is another namespace now).
 */
int nsset_kill_open(const char *path, uint64_t ino, struct kill_ctx **k);

/*
 * Whether glob (fnmatch) matches e: its label, /run/netns name or id
 * (decimal), or with container set its container's name or id.
 */
int nsset_match(const struct nsent *e, int container, const char *glob);

/*
 * (nscgroup.c) Parses a cgroup path (one line's path of /proc/PID/cgroup)
 * for a container: sets *runtime and copies its id (the last 64 hex
 * digits, or LXC's name) into id (n bytes).  Returns 1 when it names one,
 * else 0.
 */
int nsset_cgroup_container(const char *path, const char **runtime, char *id,
			   size_t n);
/*
 * The user whose systemd instance (user@UID.service) the cgroup path is
 * under (a rootless container's), or -1.
 */
long nsset_cgroup_uid(const char *path);

/* Internal: copies printable ASCII (the rest becomes '?') as a label. */
void nsset_label_copy(char *dst, size_t n, const char *src, size_t len);

#endif
