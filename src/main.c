/*
 * main.c: sstop's entry point.  Parses the command line, then hands over to
 * batch output or the full-screen monitor.  The only file that may end the
 * process and the only one that prints diagnostics.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "batch.h"
#include "caps.h"
#include "cli.h"
#include "i18n.h"
#include "netns.h"
#include "secctx.h"
#include "ui.h"

int main(int argc, char **argv)
{
	struct sstop_opts o;
	struct cli_result cr;
	struct batch_result br;
	struct ui_result ur;
	struct ui_env ue = {0};
	int rc;

	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	{
		/*
		 * tests/po_check.sh points this at a catalogue it compiled;
		 * never under file capabilities (a catalogue holds formats).
		 */
		const char *ld = secure_getenv("SSTOP_LOCALEDIR");

		if (ld && *ld)
			bindtextdomain(PACKAGE, ld);
	}
	textdomain(PACKAGE);
#endif
	/* Least privilege before anything else runs (caps.h). */
	if (caps_init()) {
		fprintf(stderr, _("sstop: cannot drop capabilities\n"));
		return 1;
	}
	cli_parse(argc, argv, &o, &cr);
	switch (cr.status) {
	case CLI_HELP:
		fputs(cli_help(), stdout);
		return 0;
	case CLI_VERSION:
		printf("sstop %s\n", PACKAGE_VERSION);
		printf("%s\n", _("Copyright (C) 2026 the sstop authors."));
		printf("%s\n", _("License GPLv2+: GNU GPL version 2 or later "
				 "<https://gnu.org/licenses/gpl.html>."));
		printf("%s\n",
		       _("This is free software: you are free to change and "
			 "redistribute it.  There is NO WARRANTY, to the "
			 "extent permitted by law."));
		return 0;
	case CLI_USAGE:
		if (cr.msg[0])
			fprintf(stderr, "sstop: %s\n", cr.msg);
		fprintf(stderr,
			_("Try 'sstop --help' for more information.\n"));
		return 2;
	case CLI_RUN:
		break;
	}
	/* -Z/-z: owners with their SELinux contexts, as ss (secctx.h). */
	if (o.show.context) {
		if (!secctx_enabled()) {
			fprintf(stderr, "sstop: %s\n",
				_("SELinux is not enabled"));
			return 1;
		}
		o.show.processes = 1;
	}
	if (o.netns) {
		rc = netns_enter(o.netns);
		if (rc == -EINVAL) {
			fprintf(stderr,
				_("sstop: \"%s\" is not a network namespace\n"),
				o.netns);
			return 1;
		}
		if (rc) {
			fprintf(stderr,
				_("sstop: cannot enter network namespace "
				  "\"%s\": %s\n"),
				o.netns, strerror(-rc));
			return 1;
		}
	}
	/* --all-netns enters namespaces at every refresh: setns kept */
	if (caps_finish_ns(o.readonly, o.all_netns)) {
		fprintf(stderr, _("sstop: cannot drop capabilities\n"));
		return 1;
	}
	if (!o.batch && !o.summary && !o.diag_file && !o.events && !o.kill) {
		/* the keys come from standard input */
		if (!isatty(STDIN_FILENO)) {
			fprintf(stderr, "sstop: %s\n",
				_("standard input is not a terminal: the "
				  "screen "
				  "needs one (--batch prints the sockets)"));
			return 1;
		}
		/* test and bench hooks: never under file capabilities */
		ue.proc_root = secure_getenv("PROC_ROOT");
		ue.state_root = secure_getenv("SSTOP_STATE_ROOT");
		ue.stats_path = secure_getenv("SSTOP_UI_STATS");
		ue.no_color = getenv("NO_COLOR") && *getenv("NO_COLOR");
		ue.can_mark = caps_can_kill() != 0;
		ue.owners_off = caps_owners_text();
		ue.kill_off = caps_kill_text(o.readonly);
		ue.term = getenv("TERM");
		ue.can_setns = caps_can_setns() != 0;
		ue.events_rcvbuf = secure_getenv("SSTOP_EVENTS_RCVBUF");
		ue.own_slice = secure_getenv("SSTOP_OWN_SLICE");
		rc = ui_run(&o, &ue, &ur);
		fputs(ur.msg, stderr);
		return rc;
	}
	batch_run(&o, stderr, &br);
	if (br.msg[0])
		fprintf(stderr, "sstop: %s\n", br.msg);
	return br.status;
}
