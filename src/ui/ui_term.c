/*
 * ui_term.c: the terminal's life-cycle under curses: raw keys without
 * echo, no cursor, the colour pairs the drawing code uses (ui_draw.c), the
 * mouse when wanted; and the way back.
 */
#include "config.h"

#include "tty.h"
#include "ui_int.h"

void ui_term_start(struct ui *u)
{
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	if (u->color && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_BLACK, COLOR_CYAN); /* bars, selection */
		init_pair(2, COLOR_GREEN, -1);	       /* new rows */
		init_pair(3, COLOR_RED, -1);	       /* gone rows */
		init_pair(4, COLOR_YELLOW, -1);	       /* tagged rows */
		init_pair(5, COLOR_CYAN, -1);	       /* header labels */
	} else {
		u->color = 0;
	}
	if (u->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED,
			  NULL);
	mouseinterval(0);
}

void ui_term_end(void)
{
	endwin();
}
