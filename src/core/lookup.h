/*
 * lookup.h: the user and services databases (passwd, services: files,
 * or whatever nsswitch.conf names), reentrant and whole; and where cgroup2
 * is mounted, from a mount table read by whole lines.  The C library's
 * reentrant calls write an entry into a buffer the caller sizes, and fail
 * with ERANGE when it is too small: here the buffer grows until the entry
 * fits, so a long entry (a long comment field, many aliases) gives its
 * name and never "unknown".
 *
 * Limit that says so: an entry is read up to LOOKUP_MAX bytes; a longer
 * one is -ERANGE, for the caller to say so.  Names come back raw (as the
 * database holds them): sanitize them before any terminal sees them.
 */
#ifndef SSTOP_LOOKUP_H
#define SSTOP_LOOKUP_H

#include <stdint.h>

/* The largest entry read: 1 MiB. */
#define LOOKUP_MAX (1u << 20)

/*
 * The name of user uid, allocated (the caller frees it).  Returns 0,
 * -ENOENT when there is no such user, -ERANGE when its entry is longer
 * than LOOKUP_MAX, or another negative errno.
 */
int lookup_user_name(uint32_t uid, char **name);
/* The uid of user name; the same returns. */
int lookup_user_uid(const char *name, uint32_t *uid);
/*
 * The port (host order) of service name for proto ("tcp", "udp"); the
 * same returns.
 */
int lookup_serv_port(const char *name, const char *proto, int *port);
/* The name of port's service for proto, allocated; the same returns. */
int lookup_serv_name(int port, const char *proto, char **name);

/*
 * mountinfo's lines are read whole up to this size: the kernel's hold two
 * paths of PATH_MAX at most, each byte 4 at most escaped, and options
 * (some 40 KiB at worst); a longer line is skipped.
 */
#define LOOKUP_MOUNTINFO_LINE (1u << 20)

/*
 * Where cgroup2 is mounted in this mount namespace, from
 * /proc/self/mountinfo (the first cgroup2 line, its octal escapes undone:
 * "\040" is a space), allocated; NULL when it is not mounted.
 */
char *lookup_cgroup2_mount(void);

#endif
