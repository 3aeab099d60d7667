/*
 * owners_int.h: the inside of struct own_map, shared by owners.c (the scan
 * and the tables) and owners_out.c (what views read).  Private to the
 * owners module: nothing else includes it.
 */
#ifndef SSTOP_OWNERS_INT_H
#define SSTOP_OWNERS_INT_H

#include <dirent.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "hmap.h"

#define OWN_NIL UINT32_MAX

/*
 * fds read per unit of own_scan_step() when it is given a limit: a few ms
 * (a readlink of /proc/PID/fd/N costs 2-3 us), so that one process
 * holding 20k sockets never freezes the screen for a whole step.
 */
#define OWN_STEP_FDS 1024

/* A slot of an open-addressing table; key 0 marks a free slot. */
enum {
	OWN_SLOT_OWNED = 1, /* head is the first of its owners */
	OWN_SLOT_PENDING,   /* wanted, not searched yet */
	OWN_SLOT_NONE,	    /* searched, nobody holds it */
};

/*
 * 12 bytes: the inode table has a slot per socket of the snapshot, at most
 * half full.  A slot has entries (head) or is a marker (serial), never
 * both: own_ent_add sets head when an inode becomes owned, and an inode
 * left without owners sets serial when it becomes pending.
 */
struct own_slot {
	uint32_t key; /* inode (or tid in the task table) */
	union {
		/* OWN_SLOT_OWNED: first entry (task table: the task's index) */
		uint32_t head;
		/* OWN_SLOT_PENDING: the sync that made it pending (wanted or
		 * lost) */
		uint32_t serial;
	};
	uint16_t state; /* OWN_SLOT_* (inode table only) */
	uint16_t live;	/* records of the last snapshot with this inode */
};

_Static_assert(sizeof(struct own_slot) == 12, "an inode's slot is 12 bytes");

/*
 * One (inode, task, fd): linked per inode and per task (one way each: 20
 * bytes, one per socket descriptor).
 */
struct own_ent {
	uint32_t ino; /* 0: free */
	int32_t fd;
	uint32_t task;
	uint32_t next_ino;
	uint32_t next_task; /* also the free list */
};

_Static_assert(sizeof(struct own_ent) == 20, "an owner's entry is 20 bytes");

/* A process (tid == pid) or, in threads mode, one of its threads. */
struct own_task {
	int32_t pid, tid; /* tid 0: free slot */
	uint32_t uid;
	uint32_t pass;	      /* last pass that saw it alive */
	uint32_t scan_pass;   /* pass of the last read of its fd table */
	uint32_t scan_serial; /* map serial at that read */
	uint32_t scan_sweep;  /* m->sweep at that read */
	uint32_t head;	      /* its entries */
	uint32_t next_free;
	int64_t nfd;	    /* fd count at that read; -1: read it again */
	uint64_t start;	    /* starttime from stat: tells a reused pid */
	uint8_t unreadable; /* EACCES on its fd table */
	char name[72];	    /* comm, sanitized (for text: the screen, ss's) */
	char raw[65];	    /* comm as the kernel says it (JSON escapes it) */
	char *cmdline;	    /* raw (own_cmdline), read on demand, owned */
	int32_t nspid;	    /* pid in its own pid namespace; 0: not read */
};

/* A fd table being read across steps (own_scan_step with a limit). */
struct own_split {
	int active;
	int dirty;	/* own_verify dropped one of its entries meanwhile */
	int inc;	/* links read only where m->known may be wrong */
	uint32_t ti;	/* the task */
	int32_t tid;	/* ... checked again at each slice */
	uint64_t start; /* ... with its start time */
	int pdir;	/* the task's /proc directory (-1: none) */
	DIR *dir;	/* its fd directory, where the reading stopped */
	int64_t nfd;	/* fd count when the reading began */
};

struct own_bg;

struct own_user_ent {
	uint32_t uid;
	char *name; /* sanitized (for text), owned */
	char *raw;  /* as the database has it (for JSON's escapes), owned */
};

/*
 * An owner that a pass dropped while the last snapshot told still had its
 * socket (own_keep_gone): what a socket closed under the pass was owned
 * by, for the close logged after it.
 */
struct own_gone {
	uint32_t key; /* inode */
	int32_t pid, tid, fd;
	uint32_t uid;
	char name[72]; /* as own_task's */
	char raw[65];
};

struct own_map {
	pthread_mutex_t mu; /* own_lock(): the caller's, never taken here */
	int procfd;
	/* the real /proc: its walks raise the capabilities (caps.h) */
	int caps;
	unsigned flags;
	uid_t euid;

	struct hmap inos; /* inode -> owners / marker (struct own_slot) */
	struct hmap tids; /* tid -> task index (struct own_slot) */

	struct own_ent *ents;
	size_t n_ents, cap_ents, live_ents;
	uint32_t free_ent;

	struct own_task *tasks;
	size_t n_tasks, cap_tasks, live_tasks;
	uint32_t free_task;

	/* the pass under way */
	int32_t *pids;
	size_t n_pids, cap_pids, pos;
	int in_pass, phase;
	uint32_t pass;	    /* number of the current (or last) pass */
	uint32_t serial;    /* own_sync_begin() count */
	uint32_t p2_serial; /* serial when the walk of every task started */
	uint32_t sweep;	    /* walks of every task begun (phases 2, 3) */
	/* the table being read: inode of each socket fd at its last read */
	uint32_t *known;
	size_t cap_known;
	long known_max; /* highest fd set in known; -1: none */
	size_t cur_fd_scans, cur_unreadable, cur_unreadable_other;
	int cur_first_unreadable;
	struct own_split rs; /* a fd table read in slices */
	unsigned step_fds;   /* fds per slice */
	int32_t *tq;	     /* threads of tq_pid still to visit (-T) */
	size_t n_tq, cap_tq, tq_pos;
	int32_t tq_pid;
	struct own_bg *bg; /* a pass in threads (owners_walk.c) */

	/* markers (pending / none slots) */
	size_t n_pending, n_markers;

	/* figures of the last complete pass */
	size_t passes, fallbacks, last_pids, last_fd_scans;
	size_t unreadable, unreadable_other;
	int first_unreadable;
	size_t links; /* fd links read since own_new() */

	struct own_user_ent *users;
	size_t n_users, cap_users;

	/* own_keep_gone(): gone[pass & 1] holds the owners that pass
	 * dropped (struct own_gone, hmap_put: several a key) */
	int keep_gone;
	struct hmap gone[2];
};

/* comm and start time of a task, from its stat file */
struct own_stat {
	char comm[64];
	size_t comm_len;
	uint64_t start;
};

/* A pass begins: the owners dropped two passes ago are forgotten. */
void own_gone_turn(struct own_map *m);

/* Table access shared by the parts of the module. */
void own_ent_drop(struct own_map *m, uint32_t ei);
struct own_task *own_task_of(const struct own_map *m, int32_t tid);
void own_ent_add(struct own_map *m, uint32_t ti, uint32_t ino, int fd);
void own_task_clear(struct own_map *m, struct own_task *t);
uint32_t own_task_new(struct own_map *m, int32_t pid, int32_t tid);
void own_task_drop(struct own_map *m, uint32_t ti);

/* 1 when entry ei's fd still holds its socket (its link read again). */
int own_ent_holds(const struct own_map *m, uint32_t ei);

/* Reading /proc (owners.c), also from the walk's threads: pure. */
long own_parse_num(const char *s);
int own_read_stat(int dirfd, struct own_stat *st);
/* Sets t's name (sanitized) and raw name from comm[0..len). */
void own_task_name(struct own_task *t, const char *comm, size_t len);
/*
 * Whether t's name is not comm[0..len): the task exec'd (or renamed
 * itself) since its table was read.  An exec keeps the pid and start
 * time and may keep the fd count (a shell's CLOEXEC script fd closes, the
 * program opens a socket), so it is a reason to read the table again.
 */
int own_task_renamed(const struct own_task *t, const char *comm, size_t len);
/* The inode of a "socket:[N]" link of n bytes; 0 for anything else. */
uint32_t own_link_ino(const char *lnk, size_t n);

/*
 * Reading a task's fd table (owners_read.c).  own_read_fds() starts the
 * table of task ti (its /proc directory is dirfd) and reads up to limit
 * fds of it (0: all); it returns 0 when it stopped there: the rest waits
 * in m->rs for own_resume_split(), which checks the task is the same one
 * before it goes on.  own_split_close() ends a reading, done or given up.
 */
int own_read_fds(struct own_map *m, uint32_t ti, int dirfd, unsigned limit);
void own_resume_split(struct own_map *m, unsigned limit);
void own_split_close(struct own_map *m);

/* Passes (owners.c): the list of pids, and the end of a complete pass. */
int own_list_pids(struct own_map *m);
void own_pass_finish(struct own_map *m);

/*
 * caps_raise() (caps.h) when m walks the real /proc, else 0: a PROC_ROOT
 * tree is read with the user's rights only.  Pass it to caps_lower().
 */
int own_caps_raise(const struct own_map *m);

#endif
