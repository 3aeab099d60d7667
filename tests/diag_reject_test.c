/*
 * diag_reject_test.c: when the kernel refuses the filter's bytecode, the
 * engine dumps without it and says so, instead of losing the table.
 *
 * Run by diag_reject.sh in a private network namespace, as root: a listener
 * is made, then the process becomes nobody, for whom the kernel refuses
 * MARK_COND (it needs CAP_NET_ADMIN).  The dump must still list the
 * listener and diag_bytecode_rejected() must say the filter was not run.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "snap.h"

/* Counts the TCP listeners on port in s. */
static int listeners(const struct snap *s, uint16_t port)
{
	int n = 0;

	for (size_t i = 0; i < s->n; i++)
		n += s->v[i].tab == SKT_TCP && s->v[i].state == SKS_LISTEN &&
		     s->v[i].sport == port;
	return n;
}

int main(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons(7411),
				.sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	/* mark & 0 == 0: every socket, if the kernel ran it */
	struct {
		struct inet_diag_bc_op op;
		struct inet_diag_markcond mark;
	} bc = {{INET_DIAG_BC_MARK_COND, sizeof(bc), sizeof(bc) + 4}, {0, 0}};
	struct diag_req req = {.tabs = SKT_BIT(SKT_TCP),
			       .families = 1u << AF_INET,
			       .bytecode = &bc,
			       .bytecode_len = sizeof(bc)};
	struct diag *d;
	struct snap s;
	int fd = socket(AF_INET, SOCK_STREAM, 0), err;

	if (fd < 0 || bind(fd, (void *)&a, sizeof(a)) || listen(fd, 4)) {
		perror("listener");
		return 99;
	}
	if (setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534)) {
		perror("setresuid");
		return 77;
	}
	if (diag_open(&d)) {
		perror("diag_open");
		return 99;
	}
	snap_init(&s);
	err = diag_dump(d, &req, &s);
	CHECK_INT(err, 0);
	CHECK_MSG(diag_bytecode_rejected(d),
		  "the refused bytecode was not noticed");
	CHECK_INT(listeners(&s, 7411), 1);
	/* later dumps do not ask again, and still list everything */
	snap_clear(&s);
	err = diag_dump(d, &req, &s);
	CHECK_INT(err, 0);
	CHECK_INT(listeners(&s, 7411), 1);
	snap_free(&s);
	diag_close(d);
	close(fd);
	return check_done();
}
