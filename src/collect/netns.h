/*
 * netns.h: -N, entering a network namespace as ss does: a NAME made by
 * `ip netns add` (/run/netns/NAME) or the path of a namespace file
 * (/proc/PID/ns/net, a bind mount).
 */
#ifndef SSTOP_NETNS_H
#define SSTOP_NETNS_H

/*
 * Opens the namespace file with the user's own rights (no capability
 * effective), without waiting (O_NONBLOCK: a FIFO cannot stop the start),
 * checks that it is a namespace file, then enters it with CAP_SYS_ADMIN
 * raised for setns() alone.  Returns 0 or a negative errno: -EINVAL for
 * a file that is no network namespace (or a NAME that names none).
 */
int netns_enter(const char *name);

#endif
