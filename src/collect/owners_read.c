/*
 * owners_read.c: reading one task's fd table for the serial pass
 * (owners.c), whole or in slices, and mostly without readlink.
 *
 * A readlink of /proc/PID/fd/N costs 2-3 us; listing the directory costs
 * a small part of that per fd.  A table read again because its fd count
 * changed is listed whole, but a link is read only where what the map
 * knew may be wrong: an fd number it did not know, and an fd whose socket
 * the last snapshot no longer has (closed: the number was reused since).
 * An fd whose socket is still in the snapshot keeps it, unread.  That is
 * wrong only when the very number was closed and reused while its old
 * socket lived on elsewhere (passed to another process, or dup()ed): the
 * new socket is then not found, stays pending, and the pass ends with a
 * walk that reads every link (phase 3 in owners.c), as before.
 *
 * Without a snapshot (own_sync() never called: batch mode's first pass),
 * or in that last walk, every link is read.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "owners.h"
#include "owners_int.h"
#include "xalloc.h"

/* Forgets what the last table read knew (m->known back to zeros). */
static void known_reset(struct own_map *m)
{
	if (m->known_max >= 0)
		memset(m->known, 0,
		       ((size_t)m->known_max + 1) * sizeof(*m->known));
	m->known_max = -1;
}

/* m->known[fd] = inode, for every socket fd the map has for task t. */
static void known_load(struct own_map *m, const struct own_task *t)
{
	for (uint32_t ei = t->head; ei != OWN_NIL; ei = m->ents[ei].next_task) {
		const struct own_ent *e = &m->ents[ei];
		size_t old = m->cap_known;

		if (e->fd < 0)
			continue;
		if ((size_t)e->fd >= m->cap_known) {
			m->known = xgrow(m->known, &m->cap_known,
					 (size_t)e->fd + 1, sizeof(*m->known));
			memset(m->known + old, 0,
			       (m->cap_known - old) * sizeof(*m->known));
		}
		m->known[e->fd] = e->ino;
		if (e->fd > m->known_max)
			m->known_max = e->fd;
	}
}

/*
 * The inode fd held at the last read, when that socket very likely is
 * there still: the last snapshot has it, and no other process holds it
 * (a socket shared, or passed on, may have left this fd while it lives
 * on elsewhere).  0: read the link.
 */
static uint32_t known_current(const struct own_map *m, long fd)
{
	const struct own_task *t = &m->tasks[m->rs.ti];
	const struct own_slot *s;
	uint32_t ino, ei;

	if (!m->rs.inc || fd > m->known_max)
		return 0;
	ino = m->known[fd];
	if (!ino || !(s = hmap_find(&m->inos, ino)) || !s->live)
		return 0;
	if (s->state == OWN_SLOT_OWNED)
		for (ei = s->head; ei != OWN_NIL; ei = m->ents[ei].next_ino)
			if (m->tasks[m->ents[ei].task].pid != t->pid)
				return 0;
	return ino;
}

/*
 * A link read shows ino in task ti: owners of ino that the map keeps
 * unread may be stale (their fd closed and reused since, while the socket
 * moved here), so those of this task and those of other processes read in
 * this pass are read again, and dropped if they no longer hold it.
 * (Other threads of the same process share this fd table: left alone.)
 */
static void check_others(struct own_map *m, uint32_t ti, uint32_t ino)
{
	const struct own_slot *s = hmap_find(&m->inos, ino);
	const struct own_task *t = &m->tasks[ti];
	uint32_t ei, next;

	if (!m->rs.inc || !s || s->state != OWN_SLOT_OWNED)
		return;
	for (ei = s->head; ei != OWN_NIL; ei = next) {
		const struct own_task *u = &m->tasks[m->ents[ei].task];

		next = m->ents[ei].next_ino;
		if (m->ents[ei].task != ti &&
		    (u->pid == t->pid || u->scan_pass != m->pass))
			continue;
		m->links++;
		if (!own_ent_holds(m, ei))
			own_ent_drop(m, ei);
	}
}

void own_split_close(struct own_map *m)
{
	if (m->rs.dir)
		closedir(m->rs.dir);
	if (m->rs.pdir >= 0)
		close(m->rs.pdir);
	m->rs.dir = NULL;
	m->rs.pdir = -1;
	m->rs.active = 0;
	known_reset(m);
}

/*
 * Reads up to limit fds (0: all) of the fd table open in m->rs; every
 * socket fd becomes an entry of task rs.ti.  Returns 1 when the table is
 * done, 0 when it stopped at the limit (m->rs stays active).
 */
static int read_more(struct own_map *m, unsigned limit)
{
	int fd = dirfd(m->rs.dir);
	struct dirent *d;
	unsigned k = 0;
	char lnk[64];

	while ((!limit || k < limit) && (d = readdir(m->rs.dir))) {
		long fdnum = own_parse_num(d->d_name);
		uint32_t ino;
		ssize_t n;

		if (fdnum < 0)
			continue;
		k++;
		ino = known_current(m, fdnum);
		if (!ino) {
			n = readlinkat(fd, d->d_name, lnk, sizeof(lnk));
			m->links++;
			if (n <= 0 || (size_t)n >= sizeof(lnk))
				continue;
			ino = own_link_ino(lnk, (size_t)n);
			if (ino)
				check_others(m, m->rs.ti, ino);
		}
		if (ino)
			own_ent_add(m, m->rs.ti, ino, (int)fdnum);
	}
	if (limit && k == limit)
		return 0;
	{
		struct own_task *t = &m->tasks[m->rs.ti];

		t->nfd = m->rs.dirty ? -1 : m->rs.nfd;
		t->scan_pass = m->pass;
		t->scan_serial = m->serial;
		t->scan_sweep = m->sweep;
	}
	m->cur_fd_scans++;
	own_split_close(m);
	return 1;
}

int own_read_fds(struct own_map *m, uint32_t ti, int dirfd, unsigned limit)
{
	struct own_task *t = &m->tasks[ti];
	struct stat st;
	DIR *dir;
	int fd;

	fd = openat(dirfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == EACCES || errno == EPERM) {
			own_task_clear(m, t);
			t->unreadable = 1;
		}
		return 1;
	}
	if (fstat(fd, &st) < 0 || !(dir = fdopendir(fd))) {
		close(fd);
		return 1;
	}
	/* what the map knew, before the entries are made again */
	m->rs.inc = m->serial && m->phase < 3;
	if (m->rs.inc)
		known_load(m, t);
	own_task_clear(m, t);
	t->unreadable = 0;
	m->rs.active = 1;
	m->rs.ti = ti;
	m->rs.tid = t->tid;
	m->rs.start = t->start;
	m->rs.nfd = st.st_size;
	m->rs.dirty = 0;
	m->rs.dir = dir;
	/* kept to re-check the task's identity before each later slice */
	m->rs.pdir = limit ? fcntl(dirfd, F_DUPFD_CLOEXEC, 0) : -1;
	if (limit && m->rs.pdir < 0)
		limit = 0;
	return read_more(m, limit);
}

void own_resume_split(struct own_map *m, unsigned limit)
{
	struct own_task *t = &m->tasks[m->rs.ti];
	struct own_stat ps;

	if (t->tid != m->rs.tid || own_read_stat(m->rs.pdir, &ps) < 0 ||
	    ps.start != m->rs.start || t->start != m->rs.start) {
		if (t->tid == m->rs.tid) {
			own_task_clear(m, t);
			t->nfd = -1;
		}
		own_split_close(m);
		return;
	}
	read_more(m, limit);
}
