/*
 * ui_term.c: the terminal's life-cycle under curses: raw keys without
 * echo, no cursor, the colour pairs the drawing code uses (ui_draw.c), the
 * mouse when wanted; bracketed paste, so that pasted text arrives between
 * two marks the keys code as UI_KEY_PASTE_BEGIN and _END and is taken as
 * text, never as commands; and the way back.  An unknown TERM, or one that
 * cannot place the cursor (dumb), is refused in sstop's words.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LSAN_OFF() __lsan_disable()
#define LSAN_ON() __lsan_enable()
#else
#define LSAN_OFF() ((void)0)
#define LSAN_ON() ((void)0)
#endif

#include "i18n.h"
#include "secenv.h"
#include "tty.h"
#include "ui_int.h"

int ui_term_start(struct ui *u, struct ui_result *res)
{
	const char *term = u->env->term;
	const char *cup;
	char *home;

	/* newterm, not initscr: an unknown TERM is ours to say, not exit */
	if (!term || !*term) {
		ui_say(res, _("sstop: TERM is not set: the screen needs "
			      "a terminal type (or use --batch)\n"));
		return -EINVAL;
	}
	/* under file capabilities, only the system's descriptions */
	home = secenv_term_begin();
	u->scr = newterm(NULL, stdout, stdin);
	secenv_term_end(home);
	if (!u->scr) {
		ui_say(res,
		       _("sstop: unknown terminal type '%s' (TERM): "
			 "set TERM to your terminal's type, or use --batch\n"),
		       term);
		return -EINVAL;
	}
	set_term(u->scr);
	cup = tigetstr("cup");
	if (!cup || cup == (const char *)-1) {
		endwin();
		delscreen(u->scr);
		u->scr = NULL;
		ui_say(res,
		       _("sstop: terminal type '%s' cannot move the cursor: "
			 "the screen needs a full-screen terminal (or use "
			 "--batch)\n"),
		       term);
		return -EINVAL;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	/* colours can be turned on in setup (F2) unless NO_COLOR said no */
	if (u->can_color && has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_BLACK, COLOR_CYAN); /* bars, selection */
		init_pair(2, COLOR_GREEN, -1);	       /* new rows */
		init_pair(3, COLOR_RED, -1);	       /* gone rows */
		init_pair(4, COLOR_YELLOW, -1);	       /* tagged rows */
		init_pair(5, COLOR_CYAN, -1);	       /* header labels */
		init_pair(6, COLOR_RED, -1);	       /* health codes */
		/* the State cell (ui_draw.c's state_look) */
		init_pair(7, COLOR_GREEN, -1);	  /* ESTAB */
		init_pair(8, COLOR_CYAN, -1);	  /* LISTEN */
		init_pair(9, COLOR_RED, -1);	  /* CLOSE-WAIT */
		init_pair(10, COLOR_MAGENTA, -1); /* TIME-WAIT */
		init_pair(11, COLOR_YELLOW, -1);  /* SYN-SENT, SYN-RECV */
	} else {
		u->can_color = 0;
		u->color = 0;
	}
	/*
	 * With TERM=linux, ncurses tries GPM: libgpm keeps an allocation of a
	 * failed connection and ncurses unloads the library, so
	 * LeakSanitizer would blame us for it.
	 */
	LSAN_OFF();
	if (u->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED,
			  NULL);
	LSAN_ON();
	mouseinterval(0);
	define_key("\033[200~", UI_KEY_PASTE_BEGIN);
	define_key("\033[201~", UI_KEY_PASTE_END);
	/* before curses' first output: it reaches the terminal with it */
	fputs("\033[?2004h", stdout);
	fflush(stdout);
	return 0;
}

void ui_term_end(struct ui *u)
{
	endwin();
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	if (u->scr)
		delscreen(u->scr);
	u->scr = NULL;
}
