/*
 * tty.h: the one way into curses.  Only the screen's files (ui*.c) include
 * it, never a header that other layers see.  sstop needs the wide-character
 * API (ncursesw), which configure link-tests.
 */
#ifndef SSTOP_TTY_H
#define SSTOP_TTY_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <curses.h>

#endif
