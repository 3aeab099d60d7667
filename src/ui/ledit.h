/*
 * ledit.h: the prompts' line editor (filter, search, interval): a UTF-8
 * line with a cursor, the keys of a shell's line (Left/Right, Home/End,
 * Delete, Backspace, Ctrl-U/K/W), a "whole line selected" state so that a
 * prompt opening on its current value is replaced by typing, and the
 * window of the line that fits a width (display columns, wcwidth) with
 * the cursor in it.  Pure logic: no curses, testable alone.
 */
#ifndef SSTOP_LEDIT_H
#define SSTOP_LEDIT_H

#include <stddef.h>

#define LEDIT_CAP 512

struct ledit {
	char buf[LEDIT_CAP]; /* the line, UTF-8, NUL-terminated */
	size_t len, cur;     /* bytes; cur on a character's first byte */
	size_t scroll;	     /* the first byte shown */
	int sel;	     /* the whole line is selected */
};

enum ledit_op {
	LE_LEFT,
	LE_RIGHT,
	LE_HOME,
	LE_END,
	LE_BACKSPACE,
	LE_DELETE,
	LE_KILL_BOL,  /* Ctrl-U: from the start to the cursor */
	LE_KILL_EOL,  /* Ctrl-K: from the cursor to the end */
	LE_KILL_WORD, /* Ctrl-W: the word before the cursor */
};

/*
 * The line becomes s (cut at a character boundary if too long), the
 * cursor at its end; select: the whole line is selected.
 */
void ledit_set(struct ledit *e, const char *s, int select);
/*
 * Types the n bytes of mb (one or more whole characters) at the cursor,
 * over the selection if any.  0, or -ENOSPC when the line is full
 * (nothing typed).
 */
int ledit_insert(struct ledit *e, const char *mb, size_t n);
/* Applies op; returns 1 when the text changed, else 0. */
int ledit_op(struct ledit *e, enum ledit_op op);
/*
 * The part of the line to show in width columns with the cursor in it:
 * bytes [*from, *to); returns the cursor's column from *from.  Moves
 * e->scroll as little as possible (horizontal scrolling).
 */
int ledit_view(struct ledit *e, int width, size_t *from, size_t *to);

#endif
