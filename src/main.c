/*
 * main.c: sstop's entry point.  Parses the command line, then hands over to
 * batch output or the full-screen monitor.  The only file that may end the
 * process.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	bindtextdomain(PACKAGE, LOCALEDIR);
	textdomain(PACKAGE);
#endif
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--version")) {
			printf("sstop %s\n", PACKAGE_VERSION);
			return 0;
		}
		if (!strcmp(argv[i], "--help")) {
			printf(_("Usage: %s [OPTIONS] [FILTER]\n"), "sstop");
			return 0;
		}
	}
	fprintf(stderr, _("sstop: nothing to do yet\n"));
	return 1;
}
