/*
 * netns.h: entering a network namespace by name (-N NAME), before any
 * socket is opened: the batch modes and the screen then see its sockets.
 */
#ifndef SSTOP_NETNS_H
#define SSTOP_NETNS_H

/*
 * Enters the network namespace NAME (/var/run/netns/NAME, or a path when
 * NAME contains a '/').  Returns 0 or a negative errno.
 */
int netns_enter(const char *name);

#endif
