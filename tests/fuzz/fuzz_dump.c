/*
 * fuzz_dump.c: libFuzzer target for the dump parser, what --replay reads
 * (diag_replay.c walking the messages, diag_parse.c the attributes): any
 * file, a recorded dump or garbage, must either parse or be refused
 * (-EINVAL), every record it yields must name a known table, and every
 * record must then print as ss text (every option on, -n) and as JSON
 * without a fault.  Under ASan, so an attribute read past its length is
 * found.  Seeds: tests/fuzz/dump-corpus (tests/data's dumps, and dumps
 * recorded by sstop --batch --record).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json.h"
#include "snap.h"
#include "ssfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink(void)
{
	static FILE *f;

	if (!f && !(f = fopen("/dev/null", "w")))
		abort();
	return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_req req = {
		.tabs = (1u << SKT_COUNT) - 1,
		.families = ~0u,
		.states = SKS_ALL,
		.ext = ~0u,
	};
	struct fmt_show show = {
		.numeric = 1,
		.timers = 1,
		.extended = 1,
		.memory = 1,
		.info = 1,
		.tos = 1,
		.cgroup = 1,
		.inet_sockopt = 1,
		.tipcinfo = 1,
		.bpf = 1,
	};
	struct ssfmt fmt;
	struct snap s;
	int rc;

	snap_init(&s);
	rc = diag_replay(data, size, &req, &s);
	if (rc != 0 && rc != -EINVAL)
		abort();
	for (size_t i = 0; i < s.n; i++)
		if (s.v[i].tab >= SKT_COUNT)
			abort();
	ssfmt_init(&fmt, &show, req.tabs, req.states, 0);
	ssfmt_header(&fmt);
	for (size_t i = 0; i < s.n; i++)
		ssfmt_add(&fmt, &s.v[i]);
	ssfmt_render(&fmt, sink());
	json_doc(sink(), &s, NULL, &fmt.names, NULL);
	ssfmt_free(&fmt);
	snap_free(&s);
	return 0;
}
