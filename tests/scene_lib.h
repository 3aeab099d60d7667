/*
 * scene_lib.h: what the scene programs of the tests (tests/ui_socks.c,
 * group_scene.c, detail_scene.c, health_scene.c) share: TCP listeners and
 * clients on 127.0.0.1, each of which ends the program (exit 1, perror's
 * message) when the kernel refuses it, and the "ready" line.
 */
#ifndef SSTOP_TESTS_SCENE_LIB_H
#define SSTOP_TESTS_SCENE_LIB_H

#include <netinet/in.h>
#include <stddef.h>

/* perror(what), then exit(1). */
void scene_die(const char *what) __attribute__((noreturn));

/* 127.0.0.1:port. */
struct sockaddr_in scene_addr(int port);

/* A TCP listener on 127.0.0.1:port (SO_REUSEADDR); rcvbuf > 0: its (and
 * its accepted sockets') receive buffer. */
int scene_listen(int port, int backlog, int rcvbuf);

/* A TCP client connected to 127.0.0.1:port, bound first to address src
 * unless it is NULL; nonblock: a non-blocking socket whose connect may be
 * still under way. */
int scene_connect(int port, const char *src, int nonblock);

/* Accepts one connection on listener l, then writes size bytes (at most
 * 1 MiB) on c, that connection's client, which nobody reads (Recv-Q). */
void scene_accept_send(int l, int c, size_t size);

/* Prints "ready", then waits to be killed, or for stdin to close and then
 * to be killed. */
void scene_ready_wait(void) __attribute__((noreturn));

#endif
