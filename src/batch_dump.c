/*
 * batch_dump.c: -D FILE, ss's raw TCP dump: the kernel's netlink messages
 * written byte for byte as ss -D writes them, nothing printed.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "batch_int.h"
#include "diag.h"
#include "i18n.h"
#include "snap.h"

int batch_raw_dump(struct batch *b)
{
	const char *path = b->o->diag_file;
	struct diag_req req;
	struct snap s;
	int fd, rc;

	if (!(b->o->sel.tabs & SKT_BIT(SKT_TCP)))
		return batch_fail(
			b, 0, "%s",
			_("tcpdiag dump requested and no tcp in filter"));
	fd = strcmp(path, "-")
		     ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
			    0644)
		     : dup(STDOUT_FILENO);
	if (fd < 0)
		return batch_fail(b, 1, _("cannot open %s: %s"), path,
				  strerror(errno));
	batch_make_req(b, &req);
	req.tabs = SKT_BIT(SKT_TCP);
	snap_init(&s);
	/* Byte for byte what ss -D writes: no sstop markers. */
	diag_set_record_plain(b->d, fd);
	rc = diag_dump(b->d, &req, &s);
	if (!rc)
		rc = diag_record_error(b->d);
	diag_set_record(b->d, -1);
	close(fd);
	snap_free(&s);
	if (rc)
		return batch_fail(b, 1, _("cannot write %s: %s"), path,
				  strerror(-rc));
	return 0;
}
