/*
 * fuzz_filter.c: libFuzzer target for the filter parser and the bytecode
 * compiler.
 *
 * Any text must either parse or give an error whose span lies inside the
 * text; a parsed filter must dump, compile to a program the kernel's audit
 * accepts, and, when the program is exact, agree with filter_match on a
 * few fixed sockets.  The same text also goes through the command-tail
 * parser.  Host names are never looked up (no_dns), so runs stay fast and
 * offline.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "bytecode.h"
#include "filter.h"
#include "select.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void recs(struct sk_rec r[3])
{
	memset(r, 0, 3 * sizeof(*r));
	r[0].family = AF_INET;
	inet_pton(AF_INET, "127.0.0.1", r[0].a.in.src);
	inet_pton(AF_INET, "10.0.0.2", r[0].a.in.dst);
	r[0].sport = 22;
	r[0].dport = 40000;
	r[1].family = AF_INET6;
	inet_pton(AF_INET6, "::ffff:127.0.0.1", r[1].a.in.src);
	inet_pton(AF_INET6, "2001:db8::1", r[1].a.in.dst);
	r[1].sport = 80;
	r[1].ifindex = 1;
	r[2].family = AF_INET6;
	inet_pton(AF_INET6, "::1", r[2].a.in.src);
	r[2].sport = 50000;
	r[2].state = SKS_TIME_WAIT;
}

static void check(struct filter *f, struct filter_result *res, size_t len)
{
	struct bc_opts o = {.allow_mark = 1};
	struct sk_rec r[3];
	struct bc_prog p;
	char buf[256];

	if (!f) {
		char *s = filter_render_error(res, 0);

		if (res->ok || res->off > len || !res->msg[0])
			abort();
		free(s);
		return;
	}
	filter_dump(f, buf, sizeof(buf));
	bc_compile(f, &o, &p);
	if (p.code && bc_audit(p.code, p.len, 1))
		abort();
	recs(r);
	for (int i = 0; i < 3; i++) {
		struct bc_entry e;
		int m = filter_match(f, &r[i]), k;

		bc_entry_from_rec(&e, &r[i], filter_autobound(f, &r[i]));
		k = p.code ? bc_run(p.code, p.len, &e) : 1;
		if (p.exact ? m != k : (m && !k))
			abort();
	}
	bc_free(&p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter_opts o = {.no_dns = 1};
	struct filter_result res;
	struct sk_select sel;
	struct filter *f;
	char *text;

	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';

	f = filter_parse_string(text, &o, &res);
	check(f, &res, strlen(text));
	filter_free(f);
	filter_result_fini(&res);

	sel_init(&sel);
	f = filter_parse_tail(text, &sel, &o, &res);
	check(f, &res, strlen(text));
	filter_free(f);
	filter_result_fini(&res);
	free(text);
	return 0;
}
