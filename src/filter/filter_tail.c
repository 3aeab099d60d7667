/*
 * filter_tail.c: what a user types after `ss`, as one line: selection
 * options, state/exclude words, then the expression.
 *
 * The screen's filter line and pasted command tails go through here.
 * Options are read as ss's getopt reads them (bundles like -tan, an
 * argument attached or in the next word, options after the expression
 * too) and applied with select.h; options that only change what is shown
 * (-n -p -e...) are noted in the result for the caller (the screen adds
 * columns for them).  The expression is parsed once
 * every option is known, because -4/-6/-x/-f change how addresses read.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "filter_int.h"
#include "i18n.h"
#include "xalloc.h"

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif

/* ss's display options: nothing to select, noted for the caller. */
static const struct {
	char letter; /* 0: a long option only */
	const char *name;
	uint32_t bit;
} show_opts[] = {
	{'n', "numeric", FILTER_SHOW_NUMERIC},
	{'r', "resolve", FILTER_SHOW_RESOLVE},
	{'o', "options", FILTER_SHOW_TIMERS},
	{'e', "extended", FILTER_SHOW_EXTENDED},
	{'m', "memory", FILTER_SHOW_MEMORY},
	{'i', "info", FILTER_SHOW_INFO},
	{'p', "processes", FILTER_SHOW_PROCESSES},
	{'T', "threads", FILTER_SHOW_THREADS},
	{0, "cgroup", FILTER_SHOW_CGROUP},
	{'s', "summary", FILTER_SHOW_SUMMARY},
	{'H', "no-header", FILTER_SHOW_NO_HEADER},
	{'O', "oneline", FILTER_SHOW_ONELINE},
	{'b', "bpf", FILTER_SHOW_BPF},
	{'E', "events", FILTER_SHOW_EVENTS},
	{'Z', "context", FILTER_SHOW_CONTEXT},
	{'z', "contexts", FILTER_SHOW_CONTEXTS},
	{0, "tos", FILTER_SHOW_TOS},
	{0, "inet-sockopt", FILTER_SHOW_INET_SOCKOPT},
	{0, "tipcinfo", FILTER_SHOW_TIPCINFO},
};

#define N_SHOW (sizeof(show_opts) / sizeof(*show_opts))

const char *filter_show_name(uint32_t bit)
{
	/* the short spelling where there is one */
	static const char *const names[N_SHOW] = {
		"-n",	      "-r", "-o",	"-e", "-m",    "-i",
		"-p",	      "-T", "--cgroup", "-s", "-H",    "-O",
		"-b",	      "-E", "-Z",	"-z", "--tos", "--inet-sockopt",
		"--tipcinfo",
	};

	for (size_t i = 0; i < N_SHOW; i++)
		if (show_opts[i].bit == bit)
			return names[i];
	return NULL;
}

/* The FILTER_SHOW_* bit of a letter or a long name (n bytes), or 0. */
static uint32_t show_bit(int letter, const char *name, size_t n)
{
	for (size_t i = 0; i < N_SHOW; i++) {
		if (letter && show_opts[i].letter == letter)
			return show_opts[i].bit;
		if (name && strlen(show_opts[i].name) == n &&
		    !strncmp(show_opts[i].name, name, n))
			return show_opts[i].bit;
	}
	return 0;
}

static const struct {
	const char *name;
	int opt; /* letter or SEL_OPT_* */
	int arg; /* takes an argument (--name=ARG or next word) */
} long_opts[] = {
	{"tcp", 't', 0},	   {"udp", 'u', 0},
	{"unix", 'x', 0},	   {"raw", 'w', 0},
	{"dccp", 'd', 0},	   {"sctp", 'S', 0},
	{"mptcp", 'M', 0},	   {"packet", '0', 0},
	{"ipv4", '4', 0},	   {"ipv6", '6', 0},
	{"all", 'a', 0},	   {"listening", 'l', 0},
	{"family", 'f', 1},	   {"query", 'A', 1},
	{"socket", 'A', 1},	   {"vsock", SEL_OPT_VSOCK, 0},
	{"tipc", SEL_OPT_TIPC, 0}, {"xdp", SEL_OPT_XDP, 0},
};

static const struct {
	const char *name;
	int af;
} fam_words[] = {
	{"inet", AF_INET},   {"inet6", AF_INET6},     {"unix", AF_UNIX},
	{"link", AF_PACKET}, {"netlink", AF_NETLINK}, {"vsock", AF_VSOCK},
};

/* Bytes of the source a word covers ('' covers nothing: say 1). */
static size_t word_len(const struct fword *w)
{
	return w->n ? w->o[w->n - 1] + 1 - w->o[0] : 1;
}

struct tail {
	struct fparse p; /* for error reporting only */
	struct sk_select *sel;
	int family;
};

static void note_family(struct tail *t, int opt, const char *arg)
{
	if (opt == '4')
		t->family = AF_INET;
	else if (opt == '6')
		t->family = AF_INET6;
	else if (opt == 'x')
		t->family = AF_UNIX;
	else if (opt == '0')
		t->family = AF_PACKET;
	else if (opt == SEL_OPT_VSOCK)
		t->family = AF_VSOCK;
	else if (opt == 'f' && arg)
		for (size_t i = 0; i < sizeof(fam_words) / sizeof(*fam_words);
		     i++)
			if (!strcmp(arg, fam_words[i].name))
				t->family = fam_words[i].af;
}

static int apply(struct tail *t, int opt, const char *arg,
		 const struct fword *w)
{
	struct sel_err err = {NULL};
	int rc = sel_option(t->sel, opt, arg, &err);

	if (rc < 0)
		return filter_err_at(&t->p, w->o[0], word_len(w), "%s",
				     err.msg ? err.msg : _("invalid option"));
	if (rc == 0)
		note_family(t, opt, arg);
	return 0;
}

/* One word starting with '-'; *i advances past an argument word. */
static int option_word(struct tail *t, struct fword *w, size_t nw, size_t *i)
{
	struct fword *cur = &w[*i];
	const char *s = cur->s;
	size_t off = cur->o[0], len = word_len(cur);

	if (s[1] == '-') {
		const char *name = s + 2, *eq = strchr(name, '=');
		size_t n = eq ? (size_t)(eq - name) : strlen(name);
		uint32_t bit = show_bit(0, name, n);

		if (bit && !eq) {
			t->p.res->show |= bit;
			return 0;
		}

		for (size_t k = 0; k < sizeof(long_opts) / sizeof(*long_opts);
		     k++) {
			const char *arg = eq ? eq + 1 : NULL;

			if (strlen(long_opts[k].name) != n ||
			    strncmp(long_opts[k].name, name, n))
				continue;
			if (long_opts[k].arg && !arg) {
				if (*i + 1 >= nw)
					return filter_err_at(
						&t->p, off, len,
						_("'%s' needs an argument"), s);
				arg = w[++*i].s;
			}
			return apply(t, long_opts[k].opt, arg, cur);
		}
		return filter_err_at(&t->p, off, len, _("unknown option '%s'"),
				     s);
	}
	for (size_t k = 1; s[k]; k++) {
		int c = (unsigned char)s[k];
		size_t coff = cur->o[k];

		if (c == 'f' || c == 'A') {
			const char *arg = s + k + 1;

			if (!*arg) {
				if (*i + 1 >= nw)
					return filter_err_at(
						&t->p, coff, 1,
						_("'-%c' needs an argument"),
						c);
				arg = w[++*i].s;
			}
			return apply(t, c, arg, cur);
		}
		if (strchr("tuwxSdM46al0", c)) {
			if (apply(t, c, NULL, cur))
				return -1;
			continue;
		}
		if (show_bit(c, NULL, 0)) {
			t->p.res->show |= show_bit(c, NULL, 0);
			continue;
		}
		if (strchr("FNDKhV", c))
			return filter_err_at(&t->p, coff, 1,
					     _("'-%c' cannot be used in a "
					       "filter"),
					     c);
		return filter_err_at(&t->p, coff, 1, _("unknown option '-%c'"),
				     c);
	}
	return 0;
}

struct filter *filter_parse_tail(const char *text, struct sk_select *sel,
				 const struct filter_opts *o,
				 struct filter_result *res)
{
	struct filter_opts eo = o ? *o : (struct filter_opts){0};
	struct tail t = {.sel = sel, .family = eo.family};
	struct ftoks toks = {0};
	struct filter *f = NULL;
	struct fword *w;
	size_t nw, err, i;
	int expr = 0, dashdash = 0;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	res->src = xstrdup(text);
	t.p.res = res;
	if (filter_split_words(text, &w, &nw, &err) < 0) {
		filter_err_at(&t.p, err, 1, "%s",
			      _("this quote is never closed"));
		return NULL;
	}
	for (i = 0; i < nw && res->ok; i++) {
		const char *s = w[i].s;

		if (!dashdash && !strcmp(s, "--")) {
			dashdash = 1;
		} else if (!dashdash && s[0] == '-' && s[1]) {
			option_word(&t, w, nw, &i);
		} else if (!expr &&
			   (!strcmp(s, "state") || !strcmp(s, "exclude") ||
			    !strcmp(s, "excl"))) {
			struct sel_err se = {NULL};

			if (i + 1 >= nw) {
				filter_err_at(&t.p, w[i].o[w[i].n - 1] + 1, 1,
					      _("expected a state name after "
						"'%s'"),
					      s);
				break;
			}
			i++;
			if (sel_state(sel, w[i].s, s[0] == 'e', &se))
				filter_err_at(&t.p, w[i].o[0], word_len(&w[i]),
					      _("unknown state name '%s'"),
					      w[i].s);
		} else {
			expr = 1;
			filter_ss_split(w[i].s, w[i].o, w[i].n, 0, &toks);
		}
	}
	filter_fwords_free(w, nw);
	if (res->ok) {
		char *src = res->src;

		eo.family = t.family;
		if (!eo.tabs)
			eo.tabs = sel->tabs;
		f = filter_parse_toks(toks.v, toks.n, 0, &eo, res);
		res->src = src;
	}
	filter_toks_free(&toks);
	return f;
}
