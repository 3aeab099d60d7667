/*
 * secctx.h: SELinux security contexts for ss's -Z and -z, read straight
 * from the kernel's interfaces (no libselinux): a process's context from
 * /proc/PID/attr/current, a socket's from the security.selinux extended
 * attribute of /proc/PID/fd/N.  Where SELinux is not enabled neither
 * exists, and sstop says so as ss does.
 */
#ifndef SSTOP_SECCTX_H
#define SSTOP_SECCTX_H

#include <stddef.h>
#include <stdint.h>

/* ss's text when a context cannot be read. */
#define SECCTX_UNAVAILABLE "unavailable"

/*
 * 1 when SELinux is enabled, else 0: libselinux's is_selinux_enabled(),
 * which ss asks, wants selinuxfs mounted (/sys/fs/selinux) and a policy
 * configured (/etc/selinux/config); with the first alone ss refuses -Z/-z
 * and so does sstop.
 */
int secctx_enabled(void);
/* The same test on other paths (selinuxfs's mount, the config file). */
int secctx_enabled_at(const char *mnt, const char *config);
/*
 * The context of process pid under procfd (an open /proc, or a fixture
 * tree for tests) into buf
 * (NUL-terminated, trailing NUL bytes and newline dropped, control
 * characters left for the caller to escape).  0, or a negative errno
 * with buf set to SECCTX_UNAVAILABLE (-ERANGE: it did not fit).
 */
int secctx_pid(int procfd, int pid, char *buf, size_t len);
/* The same for the file behind /proc/PID/fd/FD (the socket). */
int secctx_fd(int procfd, int pid, int fd, char *buf, size_t len);
/*
 * ss's proc_ctx of a netlink socket, by its port id: the kernel's initial
 * context for 0 (the kernel's sockets), the process's for a pid, else
 * unavailable.  Same returns as secctx_pid().
 */
int secctx_netlink(int32_t portid, char *buf, size_t len);

#endif
