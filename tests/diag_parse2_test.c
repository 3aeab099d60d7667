/*
 * diag_parse2_test.c: the rest of the engine's parser tests (split from
 * diag_parse_test.c): /proc/net/raw{,6} lines as diag_proc_parse reads
 * them on kernels without raw_diag, and a popped snapshot record giving
 * its arena memory back unless its block is shared.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "diag.h"
#include "diag_proc.h"
#include "check.h"

static const struct diag_req all_req = {
	.tabs = (1u << SKT_COUNT) - 1,
	.states = SKS_ALL,
};

/* /proc/net/raw{,6} lines, as kernels without raw_diag leave them to us. */
static void test_proc(void)
{
	static const char raw4[] =
		"  sl  local_address rem_address   st tx_queue rx_queue tr "
		"tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
		"   1: 0100007F:0001 00000000:0000 07 00000002:00000010 "
		"00:00000000 "
		"00000000     0        0 4242 2 0000000000000000 0\n";
	static const char raw6[] =
		"  sl  local_address                         remote_address    "
		"  "
		"                  st tx_queue rx_queue tr tm->when retrnsmt   "
		"uid  timeout inode ref pointer drops\n"
		"   58: 00000000000000000000000001000000:003A "
		"00000000000000000000000000000000:0000 07 00000000:00000000 "
		"00:00000000 00000000  1000        0 4343 2 0000000000000000 "
		"0\n";
	static const char bad[] = "title\n   1: 0100007F:0001 zz\n";
	struct snap s;
	FILE *f;

	snap_init(&s);
	f = fmemopen((void *)raw4, sizeof(raw4) - 1, "r");
	CHECK(f && diag_proc_parse(f, AF_INET, SKT_RAW, &all_req, &s) == 0);
	if (f)
		fclose(f);
	f = fmemopen((void *)raw6, sizeof(raw6) - 1, "r");
	CHECK(f && diag_proc_parse(f, AF_INET6, SKT_RAW, &all_req, &s) == 0);
	if (f)
		fclose(f);
	CHECK(s.n == 2);
	if (s.n == 2) {
		CHECK(s.v[0].tab == SKT_RAW && s.v[0].family == AF_INET);
		CHECK(s.v[0].sport == 1 && s.v[0].ino == 4242);
		CHECK(s.v[0].a.in.src[0] == 127 && s.v[0].a.in.src[3] == 1);
		CHECK(s.v[0].state == SKS_CLOSE && s.v[0].wq == 2 &&
		      s.v[0].rq == 16);
		CHECK(s.v[1].family == AF_INET6 && s.v[1].sport == 58 &&
		      s.v[1].a.in.src[15] == 1 && s.v[1].uid == 1000);
	}
	snap_clear(&s);
	f = fmemopen((void *)bad, sizeof(bad) - 1, "r");
	CHECK(f &&
	      diag_proc_parse(f, AF_INET, SKT_RAW, &all_req, &s) == -EINVAL);
	if (f)
		fclose(f);
	CHECK(s.n == 0);
	snap_free(&s);
}

/* A popped record gives its arena memory back, unless a block is shared. */
static void test_pop_rollback(void)
{
	struct sk_ext x;
	struct snap s;
	size_t used;

	snap_init(&s);
	snap_ext(&s, snap_push(&s));
	used = s.arena.used;
	for (int i = 0; i < 10000; i++) {
		struct sk_rec *r = snap_push(&s);

		snap_ext(&s, r);
		arena_alloc(&s.arena, 232);
		snap_pop(&s);
	}
	CHECK(s.n == 1 && s.arena.used == used);
	memset(&x, 0, sizeof(x));
	x.mark = 7;
	snap_push(&s)->x = snap_ext_shared(&s, &x);
	snap_pop(&s);
	CHECK(s.arena.used > used && s.n_shared == 1);
	CHECK(snap_ext_shared(&s, &x) == s.shared[0] && s.shared[0]->mark == 7);
	snap_free(&s);
}

int main(void)
{
	test_proc();
	test_pop_rollback();
	if (failures)
		fprintf(stderr, "%d failure(s)\n", failures);
	return failures ? 1 : 0;
}
