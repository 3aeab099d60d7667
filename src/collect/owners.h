/*
 * owners.h: which processes own a socket (ss -p / -T), kept up to date
 * across refreshes at a cost that stays small with 100k sockets.
 *
 * The map walks /proc/PID/fd (and /proc/PID/task/TID/fd in threads mode)
 * relative to directory fds and maps socket inodes to their owners.  It is
 * kept between refreshes: a pass only rescans the fd table of a process that
 * is new, was replaced (pid reuse), or whose fd count changed (st_size of
 * /proc/PID/fd); when sockets the map has never seen are wanted (own_sync)
 * and the cheap pass did not find them, the pass falls back to one full
 * walk.  A pass can be spread over several calls (own_scan_step) so that a
 * first scan of a huge host never freezes the screen.
 *
 * A lookup distinguishes "pending" (not known yet) from "no owner", so a
 * view never shows a wrong owner while the map catches up; own_verify()
 * re-checks the owners of the few rows on screen.
 *
 * Collection only: nothing here prints or exits.  Names and command lines
 * handed out are already sanitized (sanitize.h) but for the command line
 * (own_cmdline); an owner's name and a user's name come raw too
 * (own_owner.raw, own_user_raw), for outputs with escapes of their own
 * (JSON).
 */
#ifndef SSTOP_OWNERS_H
#define SSTOP_OWNERS_H

#include <stddef.h>
#include <stdint.h>

struct snap;
struct own_map; /* opaque */

/* own_new() flags. */
enum {
	OWN_THREADS = 1u << 0, /* also walk threads (-T): owners carry a tid */
};

/*
 * Creates a map reading proc_root ("/proc", or $PROC_ROOT for a fixture
 * tree; NULL means "/proc").  Nothing is scanned yet.  Returns 0 or a
 * negative errno (proc_root cannot be opened); *out owned by the caller.
 */
int own_new(const char *proc_root, unsigned flags, struct own_map **out);
void own_free(struct own_map *m);

/*
 * The map's lock, for a program that reads the map in threads while one
 * thread writes it (the screen: its workers compute the Process column's
 * keys, its loop scans).  The map never takes it itself: readers in other
 * threads hold it while they read, the writer while it writes.
 * own_trylock() returns 0 (taken) or -EBUSY.
 */
void own_lock(struct own_map *m);
int own_trylock(struct own_map *m);
void own_unlock(struct own_map *m);

/*
 * Does at most max_pids processes' worth of the current pass (0: no limit),
 * starting a pass when none is under way.  Returns 1 when the pass is
 * complete (the next call starts a new one), 0 when there is more to do, or
 * a negative errno when the proc root cannot be listed.
 */
int own_scan_step(struct own_map *m, unsigned max_pids);
/* A whole pass (own_scan_step until complete).  0 or a negative errno. */
int own_refresh(struct own_map *m);
/*
 * With a limit (max_pids > 0), own_scan_step reads a large fd table in
 * slices of n fds (default 1024, a few ms), each slice counting as one
 * process, and resumes it at the next step.  0: whole tables.
 */
void own_set_step_fds(struct own_map *m, unsigned n);

/*
 * A complete pass done by nthreads threads (0: one per online CPU, at
 * most 4) in the background, while the caller does something else (the
 * socket dump).  Until own_bg_wait() returns, the caller must not touch
 * the map at all, not even for a lookup; own_scan_step() says -EBUSY.
 * The pass reads every fd table that the serial pass would, splits a
 * large one between the threads, and the last thread to finish merges
 * what they read.  Returns 0, or a negative errno when no thread could
 * be started (then nothing is under way: use own_refresh()).
 */
int own_bg_start(struct own_map *m, unsigned nthreads);
/* 1 when the background pass is over (own_bg_wait() will not block). */
int own_bg_done(const struct own_map *m);
/* Waits for the background pass, if any.  0 or a negative errno. */
int own_bg_wait(struct own_map *m);
/*
 * As own_refresh(), in threads: a pass, then a full one when sockets
 * wanted by own_sync() are still pending.  Falls back to the serial pass.
 */
int own_refresh_par(struct own_map *m, unsigned nthreads);

/*
 * Tells the map which sockets exist now, so that inodes it has never seen
 * are searched for (and count as "pending" until a pass has looked):
 * own_sync() does own_sync_begin(), own_want() for every record with an
 * inode, own_sync_end().  Call once per snapshot, before own_scan_step().
 */
void own_sync(struct own_map *m, const struct snap *s);
void own_sync_begin(struct own_map *m);
void own_want(struct own_map *m, uint32_t ino);
void own_sync_end(struct own_map *m);
/*
 * The same for a snapshot that differs from the last one told (by
 * own_sync or own_sync_delta) by records with the inodes in add (come)
 * and del (gone), one entry per record, 0s ignored: O(changes).
 */
void own_sync_delta(struct own_map *m, const uint32_t *add, size_t n_add,
		    const uint32_t *del, size_t n_del);
/*
 * Room for n more inodes (a snapshot about to be told to an empty map):
 * one allocation now, no rehash of a large table while they come.
 */
void own_reserve(struct own_map *m, size_t n);

/*
 * Keeps, from now on, the owners that a pass drops while the last
 * snapshot told (own_sync) still has their socket: a socket closed while
 * a pass runs loses its owners in that pass, before its close is
 * logged.  own_gone_owners() gives them until the pass after next
 * begins.  For a log of closes (--json -E); off by default.
 */
void own_keep_gone(struct own_map *m);
/* Sockets wanted (own_sync) that no pass has looked for yet. */
size_t own_pending(const struct own_map *m);

/* What the map knows about an inode. */
enum own_state {
	OWN_NONE,    /* no owner found (see own_why()) */
	OWN_FOUND,   /* at least one owner */
	OWN_PENDING, /* not searched yet: say nothing rather than guess */
};

/*
 * An inode never wanted is PENDING until the first pass completes, NONE
 * after.  An inode wanted by own_sync() is PENDING until a pass that
 * started looking after it was wanted has ended.
 */
enum own_state own_lookup(const struct own_map *m, uint32_t ino);

/* One owner, in the order ss prints them.  Pointers owned by the map. */
struct own_owner {
	int pid;
	int tid; /* == pid for the process itself */
	int fd;
	uint32_t uid;	  /* owner of /proc/PID (the process's euid) */
	const char *name; /* comm from /proc/PID/stat (or the thread's),
			     sanitized for text */
	const char *raw;  /* the same comm unescaped (for JSON's escapes) */
};

/*
 * Copies up to max owners of ino into out, in ss's order (highest pid
 * first; in threads mode a process's other threads, highest tid first,
 * before the process itself; highest fd first).  Without threads, only
 * the processes' own entries (tid == pid) count, as `ss -p`.  Returns the
 * total number of owners (may exceed max).  Strings stay valid until the
 * next own_scan_step(), own_verify() or own_free().
 */
size_t own_owners(const struct own_map *m, uint32_t ino, int threads,
		  struct own_owner *out, size_t max);

/*
 * As own_owners() (the same order and threads rule), from the owners of
 * ino that the current or the last pass dropped: for a socket the map no
 * longer finds (own_lookup() not OWN_FOUND).  Pointers good until the
 * next pass begins.
 */
size_t own_gone_owners(const struct own_map *m, uint32_t ino, int threads,
		       struct own_owner *out, size_t max);

/*
 * Writes ss's `users:(("name",pid=N,fd=N),...)` for ino (with `tid=N,`
 * before fd when threads; with ctx 1 (-Z) `proc_ctx=C,` before fd, with
 * ctx 2 (-z) also `,sock_ctx=C` after it: SELinux contexts, "unavailable"
 * when unreadable), names and contexts sanitized, NUL-terminated within len.
 * Returns the length of the whole text (as snprintf: a result >= len means
 * it was truncated), or 0 when ino has no known owner: print nothing then.
 */
size_t own_format_ss(const struct own_map *m, uint32_t ino, int threads,
		     unsigned int ctx, char *buf, size_t len);

/*
 * User name for uid (the user database, cached; the number when unknown),
 * sanitized for text (the screen).
 */
const char *own_user(struct own_map *m, uint32_t uid);
/* The same name raw, as the database has it (JSON escapes it its way). */
const char *own_user_raw(struct own_map *m, uint32_t uid);
/*
 * Command line of pid, whole: NULs turned into spaces, NOT sanitized (each
 * output escapes it its own way: san_escape, json_string), cached for the
 * life of the process.  "" for kernel threads; NULL when pid is unknown to
 * the map or gone.
 */
const char *own_cmdline(struct own_map *m, int pid);

/*
 * The pid of pid in its own pid namespace (the last of the NSpid: line of
 * /proc/PID/status), read once per process: a container's process shows
 * its host pid and this one.  Returns pid itself when the process is in
 * the reader's pid namespace, or when it is unknown or unreadable.
 */
int own_nspid(struct own_map *m, int pid);

/*
 * Re-reads /proc/PID/fd/FD for every owner of ino and drops those that no
 * longer hold it (their process is rescanned at the next pass).  Meant for
 * the rows on screen.  Returns the owners left.
 */
size_t own_verify(struct own_map *m, uint32_t ino);

/*
 * Unix sockets: the processes at both ends of a connection are just the
 * owners of the socket's inode and of its peer's inode (rec.a.un.peer):
 * two lookups, each with its own state.  Either inode may be 0 (no peer).
 */
struct own_ends {
	enum own_state local, peer;
	size_t n_local, n_peer; /* owners of each end (ss's order) */
};
void own_unix_ends(const struct own_map *m, uint32_t ino, uint32_t peer_ino,
		   int threads, struct own_ends *e);

/*
 * The filter's `proc GLOB` (kind 0: fnmatch on the owners' names) and
 * `pid N` (kind 1) conditions; arg is the struct own_map.  Returns 1 if
 * an owner of ino matches, 0 otherwise (also when pending).
 */
enum { OWN_MATCH_PROC = 0, OWN_MATCH_PID = 1 };
int own_match(uint32_t ino, int kind, const char *glob, long pid, void *arg);

/* Calls fn for every (inode, owner) pair; stops when fn returns non-zero. */
int own_each(const struct own_map *m,
	     int (*fn)(uint32_t ino, const struct own_owner *o, void *arg),
	     void *arg);

/* Why an inode has no owner shown. */
enum own_why {
	OWN_WHY_FOUND,	    /* it has owners */
	OWN_WHY_PENDING,    /* not searched yet */
	OWN_WHY_NOBODY,	    /* every readable fd table was searched */
	OWN_WHY_UNREADABLE, /* some fd tables could not be read: maybe there */
};
enum own_why own_why(const struct own_map *m, uint32_t ino);
/* A translated sentence for a reason (static storage). */
const char *own_why_text(enum own_why w);

struct own_stats {
	size_t pids;		 /* processes seen by the last complete pass */
	size_t tasks;		 /* processes and (threads mode) threads */
	size_t entries;		 /* (inode, owner) pairs */
	size_t inodes;		 /* inodes with at least one owner */
	size_t unreadable;	 /* pids whose fd table gave EACCES */
	size_t unreadable_other; /* ... of which belong to another uid */
	int first_unreadable;	 /* one such pid (often 1), 0 if none */
	int own_only;		 /* owners resolve for our own processes only */
	size_t passes;		 /* complete passes so far */
	size_t fd_scans;	 /* fd tables read by the last complete pass */
	size_t fallbacks;	 /* passes that needed the full walk */
};
void own_get_stats(const struct own_map *m, struct own_stats *st);
/*
 * The work done so far, cheaply (no walk of the tables): complete passes
 * and fd links read (readlink of /proc/PID/fd/N) since own_new().
 */
void own_get_work(const struct own_map *m, size_t *passes, size_t *links);
/*
 * Bytes the map holds (its tables' capacities, the command lines read),
 * for the screen's statistics.  The caller is the map's writer or holds
 * its lock.
 */
size_t own_mem(const struct own_map *m);

#endif
