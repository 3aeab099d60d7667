/*
 * ssfmt_test.c: ss-compatible formatting helpers, table-driven: timers
 * (with ss 6.1's "6.220ms" fixed as "6.220sec"), rates, inet addresses
 * (v6 brackets, "*", "[::]" for v6only), unix names (abstract "@"), and
 * whole rows (port "*", addr%ifname, hidden columns) rendered compactly,
 * link-layer and IP protocol names as ss 6.1 prints them.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "opts.h"
#include "ssfmt.h"
#include "check.h"

static void expect(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want)) {
		fprintf(stderr, "FAIL %s: got \"%s\", want \"%s\"\n", what, got,
			want);
		failures++;
	}
}

static void timers(void)
{
	static const struct {
		unsigned ms;
		const char *want;
	} t[] = {
		{12, "012ms"},
		{999, "999ms"},
		{1000, "1sec"},
		{6220, "6.220sec"},
		{56000, "56sec"},
		{56789, "56sec"},
		{61000, "1min1sec"},
		{61500, "1min1sec"},
		{7140000, "119min"},
		{600000, "10min"},
		{0, ""},
	};
	char buf[64];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		expect("timer", ssfmt_timer(buf, sizeof(buf), t[i].ms),
		       t[i].want);
}

/* x/1000 by integer code is %g's text, below 10^6 and beyond. */
static void millis(void)
{
	char got[64], want[64];
	unsigned bad = 0;

	for (uint32_t x = 0; x < 2100000; x += x < 1100000 ? 1 : 997) {
		size_t n = ssfmt_milli(got, sizeof(got), x);

		snprintf(want, sizeof(want), "%g", (double)x / 1000);
		if ((strcmp(got, want) || n != strlen(want)) && bad++ < 5)
			expect("milli", got, want);
	}
	snprintf(want, sizeof(want), "%g", (double)UINT32_MAX / 1000);
	ssfmt_milli(got, sizeof(got), UINT32_MAX);
	expect("milli max", got, want);
	ssfmt_milli(got, sizeof(got), 200);
	expect("milli 0.2", got, "0.2");
	ssfmt_milli(got, sizeof(got), 123456);
	expect("milli 123.456", got, "123.456");
}

static void rates(void)
{
	char buf[64];

	expect("rate T", ssfmt_rate(buf, sizeof(buf), 1.25e12, 0), "1.25T");
	expect("rate G", ssfmt_rate(buf, sizeof(buf), 77e9, 0), "77G");
	expect("rate M", ssfmt_rate(buf, sizeof(buf), 1.25e6, 0), "1.25M");
	expect("rate K", ssfmt_rate(buf, sizeof(buf), 2000, 0), "2K");
	expect("rate small", ssfmt_rate(buf, sizeof(buf), 512, 0), "512");
	expect("rate -n", ssfmt_rate(buf, sizeof(buf), 77e9, 1), "77000000000");
}

static void addrs(void)
{
	uint8_t a[16] = {0};
	char buf[128];

	inet_pton(AF_INET, "127.0.0.1", a);
	expect("v4", ssfmt_inet_addr(buf, sizeof(buf), AF_INET, a, 0),
	       "127.0.0.1");
	memset(a, 0, sizeof(a));
	expect("v6 any", ssfmt_inet_addr(buf, sizeof(buf), AF_INET6, a, 0),
	       "*");
	expect("v6only any", ssfmt_inet_addr(buf, sizeof(buf), AF_INET6, a, 1),
	       "[::]");
	inet_pton(AF_INET6, "::1", a);
	expect("v6", ssfmt_inet_addr(buf, sizeof(buf), AF_INET6, a, 0),
	       "[::1]");
	expect("abstract", (ssfmt_unix_name(buf, sizeof(buf), "\0abc", 4), buf),
	       "@abc");
	expect("path", (ssfmt_unix_name(buf, sizeof(buf), "/a/b\0", 5), buf),
	       "/a/b");
}

static void rows(void)
{
	struct fmt_show o;
	struct sk_rec r;
	struct ssfmt f;

	memset(&o, 0, sizeof(o));
	o.numeric = 1;
	memset(&r, 0, sizeof(r));
	r.tab = SKT_TCP;
	r.family = AF_INET;
	r.state = SKS_LISTEN;
	r.wq = 128;
	r.sport = 80;
	r.ifindex = 1;
	inet_pton(AF_INET, "127.0.0.1", r.a.in.src);

	/* One table and one state: Netid and State hidden. */
	ssfmt_init(&f, &o, SKT_BIT(SKT_TCP), SKS_BIT(SKS_LISTEN), 0);
	ssfmt_header(&f);
	ssfmt_add(&f, &r);
	expect("row", check_render(&f),
	       "Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n"
	       "0      128     127.0.0.1%lo:80        0.0.0.0:*          \n");
	ssfmt_free(&f);

	/* Unix, abstract, escaped; Netid and State shown. */
	memset(&r, 0, sizeof(r));
	r.tab = SKT_UNIX_STREAM;
	r.family = AF_UNIX;
	r.state = SKS_ESTABLISHED;
	r.ino = 42;
	r.a.un.peer = 43;
	r.a.un.name = "\0x\x1b";
	r.a.un.name_len = 3;
	r.has = SKR_HAS_NAME;
	o.no_header = 1;
	ssfmt_init(&f, &o, SKT_UNIX_MASK, ~0u, 0);
	ssfmt_header(&f);
	ssfmt_add(&f, &r);
	expect("unix", check_render(&f),
	       "u_str ESTAB 0      0      @x\\x1b 42 * 43\n");
	ssfmt_free(&f);
}

static void protos(void)
{
	static const struct {
		unsigned proto;
		int numeric;
		const char *want;
	} t[] = {
		{0x0003, 0, "*"},	{0x0003, 1, "*"},
		{0x0800, 0, "ip"},	{0x0800, 1, "[2048]"},
		{0x86dd, 0, "ipv6"},	{0x0806, 0, "arp"},
		{0x8100, 0, "802.1Q"},	{0x88cc, 0, "LLDP"},
		{0x8847, 0, "mpls_uc"}, {0x0008, 0, "ppp_mp"},
		{0x1234, 0, "[4660]"},
	};
	struct names n;
	char what[64];

	names_init(&n);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(what, sizeof(what), "ll_proto 0x%04x%s", t[i].proto,
			 t[i].numeric ? " -n" : "");
		expect(what,
		       names_ll_proto(&n, (uint16_t)t[i].proto, t[i].numeric),
		       t[i].want);
	}
	/* raw: the "port" is the IP protocol; ss names unknown ones */
	expect("raw 255", names_service(&n, NAMES_RAW, 255, 0), "ipproto-255");
	expect("raw 255 -n", names_service(&n, NAMES_RAW, 255, 1), "255");
	expect("raw 0", names_service(&n, NAMES_RAW, 0, 0), "*");
	names_free(&n);
}

int main(void)
{
	timers();
	millis();
	rates();
	addrs();
	rows();
	protos();
	return failures ? 1 : 0;
}
