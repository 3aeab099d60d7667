/*
 * filter_size_test: the sizes recvq and sendq take, as the table prints
 * them (K M G T in either case, powers of 1024, a fraction before a
 * unit), and what is refused; then the same through the parser, so that
 * `recvq > 10K` is the condition the table's 10K suggests.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "filter.h"
#include "filter_int.h"

static const struct {
	const char *in;
	uint64_t want;
} good[] = {
	{"0", 0},
	{"10", 10},
	{"010", 10}, /* decimal, as the table prints: not octal */
	{"10k", 10240},
	{"10K", 10240},
	{"1m", 1048576},
	{"1M", 1048576},
	{"2g", 2147483648ull},
	{"2G", 2147483648ull},
	{"1t", 1099511627776ull},
	{"1T", 1099511627776ull},
	{"1.5K", 1536},
	{"4.0M", 4194304},
	{"0.5k", 512},
	{"1.1K", 1126}, /* 1126.4, rounded */
	{"126K", 129024},
	{"0x10", 16},
	{"0x10k", 16384},
	{"16777215T", 18446742974197923840ull},
};

static const char *const bad[] = {
	"",    "-1",  "+1",	    "k",
	"1.5", "1.k", ".5k",	    "1kk",
	"1KB", "1P",  "1.1234567k", "0x",
	"0xk", "1 k", "16777216T",  "18446744073709551616",
	"1e3", "inf",
};

static void check_parse(const char *text, const char *want)
{
	struct filter_result res;
	struct filter *f = filter_parse_string(text, NULL, &res);
	char buf[128] = "";

	if (f)
		filter_dump(f, buf, sizeof(buf));
	CHECK_MSG(f && !strcmp(buf, want), "%s: got %s, want %s", text,
		  f ? buf : res.msg, want);
	filter_free(f);
	filter_result_fini(&res);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(good) / sizeof(*good); i++) {
		uint64_t v = 12345;

		if (CHECK_MSG(!filter_parse_size(good[i].in, 1, &v),
			      "\"%s\" refused", good[i].in))
			CHECK_MSG(v == good[i].want, "\"%s\": %llu", good[i].in,
				  (unsigned long long)v);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		uint64_t v = 0;

		CHECK_MSG(filter_parse_size(bad[i], 1, &v) < 0,
			  "\"%s\" taken as %llu", bad[i],
			  (unsigned long long)v);
	}
	/* without units (ports, pids): as before, base 0 */
	{
		uint64_t v = 0;

		CHECK(!filter_parse_size("010", 0, &v) && v == 8);
		CHECK(filter_parse_size("10k", 0, &v) < 0);
	}
	check_parse("recvq > 10K", "(recvq > 10240)");
	check_parse("recvq > 10k", "(recvq > 10240)");
	check_parse("sendq >= 1.5m", "(sendq >= 1572864)");
	check_parse("recvq < 3G", "(recvq < 3221225472)");
	{
		/* over the 32 bits a queue holds: said, not wrapped */
		struct filter_result res;
		struct filter *f =
			filter_parse_string("recvq > 4G", NULL, &res);

		CHECK_MSG(!f, "recvq > 4G taken");
		filter_free(f);
		filter_result_fini(&res);
	}
	return check_done();
}
