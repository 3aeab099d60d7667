/*
 * secenv.c: the environment under AT_SECURE (see secenv.h).
 *
 * glibc already drops its own dangerous variables (LD_*, LOCPATH, NLSPATH,
 * GCONV_PATH, ...) for a secure program and makes secure_getenv() return
 * NULL; ncurses, though, decides by comparing user ids, which file
 * capabilities do not change, so its variables are removed here.
 */
#include "config.h"

#include <stdlib.h>
#include <sys/auxv.h>

#include "secenv.h"
#include "xalloc.h"

int secenv_secure(void)
{
	return getauxval(AT_SECURE) != 0;
}

char *secenv_term_begin(void)
{
	static const char *const drop[] = {"TERMINFO", "TERMINFO_DIRS",
					   "TERMCAP"};
	const char *home;
	char *saved = NULL;

	if (!secenv_secure())
		return NULL;
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		unsetenv(drop[i]);
	home = getenv("HOME");
	if (home) {
		saved = xstrdup(home);
		unsetenv("HOME");
	}
	return saved;
}

void secenv_term_end(char *home)
{
	if (!home)
		return;
	setenv("HOME", home, 1);
	free(home);
}
