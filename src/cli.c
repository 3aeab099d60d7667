/*
 * cli.c: the command line (see cli.h).
 *
 * ss's letters are kept letter for letter so that `ss` can be replaced by
 * `sstop --batch` in a script.  getopt_long permutes argv, so options may
 * follow the filter as in ss.  Errors come back as text in the result, for
 * main to print: this file never prints nor exits.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "i18n.h"
#include "mcol.h"
#include "msgfit.h"
#include "rcfile.h"
#include "select.h"

/* Long-only options; selection ones reuse SEL_OPT_* from select.h. */
enum {
	OPT_TOS = 0x200,
	OPT_CGROUP,
	OPT_INET_SOCKOPT,
	OPT_TIPCINFO,
	OPT_BATCH,
	OPT_JSON,
	OPT_METRICS,
	OPT_INTERVAL,
	OPT_ITERATIONS,
	OPT_SORT,
	OPT_COLUMNS,
	OPT_READONLY,
	OPT_NO_COLOR,
	OPT_NO_MOUSE,
	OPT_RECORD,
	OPT_REPLAY,
	OPT_ALL_NETNS,
};

static const char short_opts[] = ":dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSO";

static const struct option long_opts[] = {
	{"numeric", no_argument, NULL, 'n'},
	{"resolve", no_argument, NULL, 'r'},
	{"options", no_argument, NULL, 'o'},
	{"extended", no_argument, NULL, 'e'},
	{"memory", no_argument, NULL, 'm'},
	{"info", no_argument, NULL, 'i'},
	{"processes", no_argument, NULL, 'p'},
	{"threads", no_argument, NULL, 'T'},
	{"bpf", no_argument, NULL, 'b'},
	{"events", no_argument, NULL, 'E'},
	{"dccp", no_argument, NULL, 'd'},
	{"tcp", no_argument, NULL, 't'},
	{"sctp", no_argument, NULL, 'S'},
	{"udp", no_argument, NULL, 'u'},
	{"raw", no_argument, NULL, 'w'},
	{"unix", no_argument, NULL, 'x'},
	{"mptcp", no_argument, NULL, 'M'},
	{"vsock", no_argument, NULL, SEL_OPT_VSOCK},
	{"tipc", no_argument, NULL, SEL_OPT_TIPC},
	{"xdp", no_argument, NULL, SEL_OPT_XDP},
	{"all", no_argument, NULL, 'a'},
	{"listening", no_argument, NULL, 'l'},
	{"ipv4", no_argument, NULL, '4'},
	{"ipv6", no_argument, NULL, '6'},
	{"packet", no_argument, NULL, '0'},
	{"family", required_argument, NULL, 'f'},
	{"socket", required_argument, NULL, 'A'},
	{"query", required_argument, NULL, 'A'},
	{"summary", no_argument, NULL, 's'},
	{"diag", required_argument, NULL, 'D'},
	{"filter", required_argument, NULL, 'F'},
	{"version", no_argument, NULL, 'V'},
	{"help", no_argument, NULL, 'h'},
	{"context", no_argument, NULL, 'Z'},
	{"contexts", no_argument, NULL, 'z'},
	{"net", required_argument, NULL, 'N'},
	{"kill", no_argument, NULL, 'K'},
	{"no-header", no_argument, NULL, 'H'},
	{"oneline", no_argument, NULL, 'O'},
	{"tos", no_argument, NULL, OPT_TOS},
	{"cgroup", no_argument, NULL, OPT_CGROUP},
	{"inet-sockopt", no_argument, NULL, OPT_INET_SOCKOPT},
	{"tipcinfo", no_argument, NULL, OPT_TIPCINFO},
	{"batch", no_argument, NULL, OPT_BATCH},
	{"json", no_argument, NULL, OPT_JSON},
	{"metrics", no_argument, NULL, OPT_METRICS},
	{"interval", required_argument, NULL, OPT_INTERVAL},
	{"iterations", required_argument, NULL, OPT_ITERATIONS},
	{"sort", required_argument, NULL, OPT_SORT},
	{"columns", required_argument, NULL, OPT_COLUMNS},
	{"readonly", no_argument, NULL, OPT_READONLY},
	{"all-netns", no_argument, NULL, OPT_ALL_NETNS},
	{"no-color", no_argument, NULL, OPT_NO_COLOR},
	{"no-mouse", no_argument, NULL, OPT_NO_MOUSE},
	{"record", required_argument, NULL, OPT_RECORD},
	{"replay", required_argument, NULL, OPT_REPLAY},
	{NULL, 0, NULL, 0},
};

const char *cli_help(void)
{
	return _("Usage: sstop [OPTIONS] [FILTER]\n"
		 "An interactive monitor of sockets; with --batch, prints what "
		 "ss prints.\n"
		 "\n"
		 "What to list (as ss):\n"
		 "  -a, --all            all sockets\n"
		 "  -l, --listening      listening sockets\n"
		 "  -t, --tcp            TCP sockets\n"
		 "  -u, --udp            UDP sockets\n"
		 "  -w, --raw            RAW sockets\n"
		 "  -x, --unix           Unix domain sockets\n"
		 "  -S, --sctp           SCTP sockets\n"
		 "  -d, --dccp           DCCP sockets\n"
		 "  -M, --mptcp          MPTCP sockets\n"
		 "  -0, --packet         PACKET sockets\n"
		 "      --vsock          vsock sockets\n"
		 "      --tipc           TIPC sockets\n"
		 "      --xdp            XDP sockets\n"
		 "  -4, --ipv4           IPv4 sockets only\n"
		 "  -6, --ipv6           IPv6 sockets only\n"
		 "  -f, --family=FAMILY  inet, inet6, link, unix, netlink, "
		 "tipc, vsock, xdp\n"
		 "  -A, --query=QUERY    tables: all, inet, tcp, udp, raw, "
		 "unix, "
		 "packet, netlink,\n"
		 "                       ... [,QUERY] (\"!\" excludes)\n"
		 "\n"
		 "What to show (as ss):\n"
		 "  -n, --numeric        do not resolve service names\n"
		 "  -r, --resolve        resolve host names\n"
		 "  -o, --options        timers\n"
		 "  -e, --extended       detailed socket information\n"
		 "  -m, --memory         socket memory\n"
		 "  -i, --info           internal TCP information\n"
		 "  -p, --processes      processes using each socket\n"
		 "  -T, --threads        threads using each socket\n"
		 "  -b, --bpf            classic BPF filters\n"
		 "      --tos            TOS, traffic class and class id\n"
		 "      --cgroup         cgroup path\n"
		 "      --inet-sockopt   inet socket options\n"
		 "      --tipcinfo       TIPC information\n"
		 "  -s, --summary        socket summary\n"
		 "  -H, --no-header      no header line\n"
		 "  -O, --oneline        one line per socket\n"
		 "  -E, --events         print sockets as they are destroyed\n"
		 "  -K, --kill           close the selected sockets\n"
		 "  -N, --net=NETNS      use network namespace NETNS\n"
		 "  -D, --diag=FILE      write the raw TCP dump to FILE\n"
		 "  -F, --filter=FILE    read the filter from FILE (- for "
		 "stdin)\n"
		 "  -Z, --context, -z, --contexts  SELinux contexts\n"
		 "\n"
		 "sstop's own:\n"
		 "      --batch          print once (or --iterations times) "
		 "and exit\n"
		 "      --json           print JSON (with --batch)\n"
		 "      --metrics        print Prometheus metrics (with "
		 "--batch)\n"
		 "      --interval=SECS  refresh every SECS seconds (default "
		 "2)\n"
		 "      --iterations=N   stop after N refreshes\n"
		 "      --sort=COLUMN[:asc|:desc]  sort by COLUMN\n"
		 "      --columns=LIST   columns to show\n"
		 "      --readonly       never kill sockets\n"
		 "      --all-netns      every network namespace's sockets\n"
		 "      --no-color       no colours\n"
		 "      --no-mouse       no mouse\n"
		 "      --record=FILE    also write every dump to FILE\n"
		 "      --replay=FILE    read sockets from FILE (also ss -D "
		 "output)\n"
		 "  -h, --help           this help\n"
		 "  -V, --version        version\n"
		 "\n"
		 "FILTER := [ state STATE | exclude STATE ]... [ EXPRESSION ]\n"
		 "Exit status: 0 ok, 1 runtime error, 2 bad usage.\n");
}

static int parse_long(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		return -EINVAL;
	*out = v;
	return 0;
}

__attribute__((format(printf, 2, 3))) static void
usage_err(struct cli_result *res, const char *fmt, ...)
{
	va_list ap;

	/* a long argument gives way in the middle, the reason stays */
	va_start(ap, fmt);
	msg_vfit(res->msg, sizeof(res->msg), fmt, ap);
	va_end(ap);
	res->status = CLI_USAGE;
}

/*
 * Adds word to a header text (opts.h): a lone letter ("-t") joins the
 * letters just before it ("-ta"); a text that is full ends with "...".
 */
static void note_word(char *buf, size_t n, const char *word)
{
	size_t len = strlen(buf);
	const char *last = strrchr(buf, ' ');

	last = last ? last + 1 : buf;
	if (len >= 3 && !strcmp(buf + len - 3, "..."))
		return;
	if (word[0] == '-' && word[1] != '-' && !word[2] && last[0] == '-' &&
	    last[1] && last[1] != '-' && !strchr(last, 'f') &&
	    !strchr(last, 'A')) {
		if (len + 2 < n) {
			buf[len] = word[1];
			buf[len + 1] = '\0';
			return;
		}
	} else if (len + (len > 0) + strlen(word) < n) {
		if (len)
			buf[len++] = ' ';
		memcpy(buf + len, word, strlen(word) + 1);
		return;
	}
	/* no room: say so where there is */
	snprintf(buf + (len > n - 5 ? n - 5 : len), 5, " ...");
}

/* A selection option (applied): its words in o's header texts. */
static void note_sel(struct sstop_opts *o, int ch, const char *arg)
{
	char w[96];

	if (ch == SEL_OPT_VSOCK || ch == SEL_OPT_TIPC || ch == SEL_OPT_XDP) {
		note_word(o->sel_tabs_text, sizeof(o->sel_tabs_text),
			  ch == SEL_OPT_VSOCK  ? "--vsock"
			  : ch == SEL_OPT_TIPC ? "--tipc"
					       : "--xdp");
		return;
	}
	if (ch == 'f' || ch == 'A') {
		/* checked names (select.c): no user text reaches the screen */
		snprintf(w, sizeof(w), "-%c %s", ch, arg ? arg : "");
		note_word(o->sel_tabs_text, sizeof(o->sel_tabs_text), w);
		return;
	}
	snprintf(w, sizeof(w), "-%c", ch);
	if (ch == 'a' || ch == 'l')
		note_word(o->sel_states_text, sizeof(o->sel_states_text), w);
	else
		note_word(o->sel_tabs_text, sizeof(o->sel_tabs_text), w);
}

/* One option; returns 0 to go on, -1 when res says to stop. */
static int apply(int ch, const char *arg, struct sstop_opts *o,
		 struct cli_result *res, int *iter_set)
{
	struct sel_err serr = {NULL};
	int rc;

	rc = sel_option(&o->sel, ch, arg, &serr);
	if (rc < 0) {
		usage_err(res, "%s", serr.msg);
		return -1;
	}
	if (rc == 0) {
		note_sel(o, ch, arg);
		return 0;
	}

	switch (ch) {
	case 'n':
		o->show.numeric = 1;
		break;
	case 'r':
		o->show.resolve = 1;
		break;
	case 'o':
		o->show.timers = 1;
		break;
	/* As in ss, -e and -b imply -o. */
	case 'e':
		o->show.extended = 1;
		o->show.timers = 1;
		break;
	case 'b':
		o->show.bpf = 1;
		o->show.timers = 1;
		break;
	case 'm':
		o->show.memory = 1;
		break;
	case 'i':
		o->show.info = 1;
		break;
	case 'p':
		o->show.processes = 1;
		break;
	case 'T':
		o->show.threads = 1;
		o->show.processes = 1;
		break;
	case 's':
		o->summary = 1;
		break;
	case 'H':
		o->show.no_header = 1;
		break;
	case 'O':
		o->show.oneline = 1;
		break;
	case 'K':
		o->kill = 1;
		break;
	case 'E':
		o->events = 1;
		break;
	case 'Z':
		if (o->show.context < 1)
			o->show.context = 1;
		break;
	case 'z':
		o->show.context = 2;
		break;
	case 'N':
		o->netns = arg;
		break;
	case 'D':
		o->diag_file = arg;
		break;
	case 'F':
		if (o->filter_file) {
			usage_err(res, "%s", _("more than one filter file"));
			return -1;
		}
		o->filter_file = arg;
		break;
	case OPT_TOS:
		o->show.tos = 1;
		break;
	case OPT_CGROUP:
		o->show.cgroup = 1;
		break;
	case OPT_INET_SOCKOPT:
		o->show.inet_sockopt = 1;
		break;
	case OPT_TIPCINFO:
		o->show.tipcinfo = 1;
		break;
	case OPT_BATCH:
		o->batch = 1;
		break;
	case OPT_JSON:
		o->json = 1;
		break;
	case OPT_METRICS:
		o->metrics = 1;
		break;
	case OPT_READONLY:
		o->readonly = 1;
		break;
	case OPT_ALL_NETNS:
		o->all_netns = 1;
		break;
	case OPT_NO_COLOR:
		o->no_color = 1;
		break;
	case OPT_NO_MOUSE:
		o->no_mouse = 1;
		break;
	case OPT_SORT: {
		enum mcol col;
		int desc;

		if (mcol_parse_sort(arg, &col, &desc)) {
			usage_err(res, _("invalid sort column: %s"), arg);
			return -1;
		}
		o->sort = arg;
		break;
	}
	case OPT_COLUMNS:
		if (mcol_parse_list(arg, NULL, 0) < 0) {
			usage_err(res, _("invalid column list: %s"), arg);
			return -1;
		}
		o->columns = arg;
		break;
	case OPT_RECORD:
		o->record = arg;
		break;
	case OPT_REPLAY:
		o->replay = arg;
		break;
	case OPT_INTERVAL:
		if (rc_parse_interval(arg, &o->interval)) {
			usage_err(res, _("invalid interval: %s (%s)"), arg,
				  _(RC_INTERVAL_MSG));
			return -1;
		}
		o->interval_set = 1;
		break;
	case OPT_ITERATIONS:
		if (parse_long(arg, &o->iterations)) {
			usage_err(res, _("invalid number of iterations: %s"),
				  arg);
			return -1;
		}
		*iter_set = 1;
		break;
	case 'h':
		res->status = CLI_HELP;
		return -1;
	case 'v':
	case 'V':
		res->status = CLI_VERSION;
		return -1;
	default:
		res->status = CLI_USAGE;
		res->msg[0] = '\0';
		return -1;
	}
	return 0;
}

/* Leading state/exclude words, as ss reads them before the expression. */
static int state_words(struct sstop_opts *o, char **argv, int argc,
		       struct cli_result *res)
{
	int i = 0;

	while (i < argc) {
		const char *w = argv[i];
		int excl;
		struct sel_err serr = {NULL};

		if (!strcmp(w, "state"))
			excl = 0;
		else if (!strcmp(w, "exclude") || !strcmp(w, "excl"))
			excl = 1;
		else
			break;
		if (i + 1 >= argc) {
			usage_err(res, _("missing state name after \"%s\""), w);
			return -1;
		}
		if (sel_state(&o->sel, argv[i + 1], excl, &serr)) {
			usage_err(res, _("wrong state name: %s"), argv[i + 1]);
			return -1;
		}
		{
			/* a known name (sel_state): no user text */
			char sw[64];

			snprintf(sw, sizeof(sw), "%s %s", w, argv[i + 1]);
			note_word(o->sel_states_text,
				  sizeof(o->sel_states_text), sw);
		}
		i += 2;
	}
	return i;
}

/*
 * Options that cannot go together are said, never dropped: a replay has
 * no kernel to record or follow, and -E follows the live kernel's
 * events, neither counted (-s) nor killed (-K).  Returns -1 with res set.
 */
static int conflicts(const struct sstop_opts *o, struct cli_result *res)
{
	const char *with = NULL;

	if (o->replay && (o->record || o->diag_file)) {
		usage_err(res,
			  _("--replay reads a recorded file: %s (which "
			    "records the kernel's dump) cannot go with it"),
			  o->record ? "--record" : "-D");
		return -1;
	}
	if (o->metrics && (o->json || o->summary || o->kill || o->events)) {
		usage_err(res, "%s",
			  _("--metrics cannot be combined with --json, -s, -K "
			    "or -E"));
		return -1;
	}
	if (!o->events)
		return 0;
	if (o->replay)
		with = "--replay";
	else if (o->summary)
		with = "-s";
	else if (o->kill)
		with = "-K";
	if (with) {
		usage_err(res,
			  _("-E follows the live kernel's events: it cannot "
			    "go with %s"),
			  with);
		return -1;
	}
	return 0;
}

void cli_parse(int argc, char **argv, struct sstop_opts *o,
	       struct cli_result *res)
{
	int ch, iter_set = 0, n;

	memset(o, 0, sizeof(*o));
	memset(res, 0, sizeof(*res));
	sel_init(&o->sel);
	o->interval = 2.0;
	res->status = CLI_RUN;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, short_opts, long_opts, NULL)) !=
	       -1) {
		if (ch == '?') {
			if (optopt && optopt < 0x100)
				usage_err(res, _("invalid option -- '%c'"),
					  optopt);
			else
				usage_err(res, _("unrecognized option '%s'"),
					  argv[optind - 1]);
			return;
		}
		if (ch == ':') {
			usage_err(res, _("option requires an argument: %s"),
				  argv[optind - 1]);
			return;
		}
		if (apply(ch, optarg, o, res, &iter_set))
			return;
	}
	n = state_words(o, argv + optind, argc - optind, res);
	if (n < 0)
		return;
	o->filter_argv = argv + optind + n;
	o->filter_argc = argc - optind - n;
	sel_finish(&o->sel);
	if (conflicts(o, res))
		return;
	/* every namespace, live: one dump per namespace */
	if (o->all_netns) {
		const char *with = o->netns	  ? "-N"
				   : o->replay	  ? "--replay"
				   : o->record	  ? "--record"
				   : o->diag_file ? "-D"
				   : o->events	  ? "-E"
				   : o->summary	  ? "-s"
				   : o->metrics	  ? "--metrics"
						  : NULL;

		if (with) {
			usage_err(res, _("--all-netns is refused with %s"),
				  with);
			return;
		}
	}
	/* a replayed socket is no live one: never send SOCK_DESTROY for it */
	if (o->kill && o->replay) {
		usage_err(res, "%s", _("-K (kill) is refused with --replay"));
		return;
	}
	/*
	 * --json, or no terminal to draw on (sstop -tn | grep ...): print
	 * as --batch does, once unless --iterations says otherwise.
	 */
	if (o->json || o->metrics || !isatty(STDOUT_FILENO))
		o->batch = 1;
	if (o->batch && !iter_set)
		o->iterations = 1;
}
