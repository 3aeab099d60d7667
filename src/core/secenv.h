/*
 * secenv.h: the environment of a program that may run with more privilege
 * than its user (file capabilities: the kernel sets AT_SECURE).  Then the
 * overrides meant for tests and tuning are ignored (the callers use
 * secure_getenv()), and what would make a library load a file the user
 * wrote is removed before that library runs.  HOME and XDG_CONFIG_HOME
 * stay: they name the user's own files, opened with the user's rights.
 */
#ifndef SSTOP_SECENV_H
#define SSTOP_SECENV_H

/* Non-zero when the kernel asked for secure mode (AT_SECURE). */
int secenv_secure(void);

/*
 * Before curses reads its terminal description: under AT_SECURE, removes
 * TERMINFO, TERMINFO_DIRS and TERMCAP for good, and HOME (ncurses would
 * read $HOME/.terminfo first) until secenv_term_end().  Returns the HOME
 * to put back (owned by the caller, for secenv_term_end()) or NULL.
 */
char *secenv_term_begin(void);

/* Puts HOME back (home from secenv_term_begin(), freed here; NULL: none). */
void secenv_term_end(char *home);

#endif
