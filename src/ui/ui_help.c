/*
 * ui_help.c: the help screen (F1, h, ?).  Its lines are the key table's
 * (ui_help_line, ui_keys.c: generated from the bindings, so they cannot
 * drift), then the prompt lines' keys and a cheat-sheet of the filter
 * line's syntax, ss's grammar and sstop's extensions.  It scrolls (arrows,
 * PgUp/PgDn, Home/End, Space, the mouse wheel) so that a small terminal shows
 * all of it; any other key returns to the table.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "dwidth.h"
#include "i18n.h"
#include "tty.h"
#include "ui_int.h"

/* What is typed (never translated) and what it does. */
struct help_item {
	const char *words, *help;
};

/* The prompt lines' keys (ledit.c), after the key table's. */
static const struct help_item prompt_help[] = {
	{"", N_("On a prompt line (filter, search, interval):")},
	{"Left Right", N_("move the cursor (also Ctrl-B, Ctrl-F)")},
	{"Home End", N_("start / end of the line (also Ctrl-A, Ctrl-E)")},
	{"BSpace Del", N_("erase before / under the cursor (also Ctrl-D)")},
	{"Ctrl-U -K", N_("erase to the start / to the end of the line")},
	{"Ctrl-W", N_("erase the word before the cursor")},
	{"Up Down", N_("filter history")},
	{"Enter Esc", N_("keep / cancel; a value shown selected is replaced "
			 "by typing")},
};

/*
 * The filter's syntax in short: the words on the left are typed as they
 * are (never translated), the text on the right explains them.
 */
static const struct help_item cheat[] = {
	{"", N_("The filter line (F4), as after ss:")},
	{"-t -u -x -w -S", N_("TCP, UDP, UNIX, RAW, SCTP sockets")},
	{"-4 -6 -a -l", N_("IPv4, IPv6 only; all states; listening only")},
	{"-A tcp,unix -f inet", N_("socket tables; address family")},
	{"-e -i -m -o -p --cgroup",
	 N_("their columns, as on the command line")},
	{"state established", N_("one state; several state words add up")},
	{"exclude time-wait", N_("every state but that one")},
	{"", N_("  states: established syn-sent syn-recv fin-wait-1 "
		"fin-wait-2 time-wait closed close-wait last-ack listening "
		"closing")},
	{"", N_("  state groups: all connected synchronized bucket big")},
	{"sport = :22",
	 N_("local port; also != < > <= >= (eq ne lt gt le ge)")},
	{"dport = :https", N_("peer port, by number or service name")},
	{"src 10.0.0.0/8", N_("local address or prefix; [::1]:80, host names")},
	{"dst 10.0.0.9:443", N_("peer address, with or without its port")},
	{"dev eth0 fwmark 0x1/0xff", N_("interface; mark with a mask")},
	{"cgroup /system.slice", N_("cgroup path (cgroup v2)")},
	{"and or not ( )", N_("combine; quote parentheses for the shell")},
	{"", N_("  e.g. state established '( dport = :443 or dport = :80 )'")},
	{"", N_("sstop's extensions (evaluated by sstop, not the kernel):")},
	{"recvq > 64k sendq >= 1M",
	 N_("queued bytes; K M G T in either case (x1024)")},
	{"rtt > 100 retrans > 0", N_("round-trip time (ms), retransmissions")},
	{"uid = 1000 user www", N_("the socket's owner")},
	{"proc nginx* pid 812", N_("held by a process (name glob, pid)")},
	{"inode = N cookie = N", N_("the socket's inode, cookie")},
	{"netns GLOB container GLOB", N_("with --all-netns: its namespace")},
};

/* The sections after the key table's, each after a blank line. */
static const struct {
	const struct help_item *v;
	int n, wcol; /* items; the words' column width */
} sections[] = {
	{prompt_help, sizeof(prompt_help) / sizeof(prompt_help[0]), 10},
	{cheat, sizeof(cheat) / sizeof(cheat[0]), 25},
};

/*
 * Line i of the whole help (keys, then the sections), and in *indent the
 * column its text starts at (after the keys or the words); 0 past it.
 */
static int help_line(int i, char *buf, size_t n, int *indent)
{
	int k;

	*indent = 13; /* ui_help_line's "  %-10s " */
	for (k = 0; ui_help_line(k, buf, n); k++)
		if (k == i)
			return 1;
	i -= k;
	for (size_t s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
		const struct help_item *it;

		if (i-- == 0) {
			buf[0] = '\0';
			return 1;
		}
		if (i >= sections[s].n) {
			i -= sections[s].n;
			continue;
		}
		it = &sections[s].v[i];
		*indent = sections[s].wcol + 3;
		if (!it->words[0]) {
			snprintf(buf, n, "%s", _(it->help));
			*indent = 4;
		} else {
			snprintf(buf, n, "  %-*s %s", sections[s].wcol,
				 it->words, _(it->help));
		}
		return 1;
	}
	return 0;
}

/*
 * The help as it shows at width w: each line wrapped, its continuation
 * under its text (after the keys or the filter words).
 */
static void help_build(struct ui_lines *out, int w)
{
	char line[320];
	int indent;

	for (int i = 0; help_line(i, line, sizeof(line), &indent); i++) {
		const char *s = line;

		if (indent >= w / 2)
			indent = 0;
		do {
			int first = s == line, room = w - (first ? 0 : indent);
			size_t k = dw_fit(s, room > 0 ? room : 1);

			ui_line_add(out, "%*s%.*s", first ? 0 : indent, "",
				    (int)k, s);
			s += k;
			while (*s == ' ')
				s++;
		} while (*s);
	}
}

/* The first line shown, kept so that the last page stays full. */
static void help_clamp(struct ui *u, size_t n)
{
	size_t h = LINES > 1 ? (size_t)LINES - 1 : 1;

	if (u->help_top + h > n)
		u->help_top = n > h ? n - h : 0;
}

void ui_help_draw(struct ui *u)
{
	char buf[320];
	struct ui_lines l = {0};
	size_t n, h = LINES > 1 ? (size_t)LINES - 1 : 1, last;

	help_build(&l, COLS);
	n = (size_t)l.n;
	help_clamp(u, n);
	last = u->help_top + h < n ? u->help_top + h : n;

	/* where the page is, when it is not all of it */
	if (n > h)
		snprintf(buf, sizeof(buf),
			 _("sstop help %zu-%zu/%zu: Up Down PgUp PgDn scroll, "
			   "other keys return"),
			 u->help_top + 1, last, n);
	else
		snprintf(buf, sizeof(buf), "%s",
			 _("sstop help (any key returns)"));
	attrset(A_BOLD);
	ui_put(0, 0, COLS, buf, 0);
	attrset(A_NORMAL);
	for (size_t i = u->help_top; i < last; i++)
		ui_put(1 + (int)(i - u->help_top), 0, COLS, l.v[i], 0);
	ui_lines_free(&l);
}

unsigned ui_help_key(struct ui *u, int is_key, unsigned key)
{
	size_t page = LINES > 2 ? (size_t)LINES - 2 : 1;
	MEVENT ev;

	if (!is_key && key == ' ')
		key = KEY_NPAGE, is_key = 1;
	if (is_key && key == KEY_MOUSE) {
		if (getmouse(&ev) != OK)
			return 0;
		if (ev.bstate & BUTTON4_PRESSED)
			key = KEY_UP;
		else if (ev.bstate & BUTTON5_PRESSED)
			key = KEY_DOWN;
		else if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED)))
			return 0;
	}
	if (!is_key) {
		u->mode = UM_TABLE;
		return UI_DRAW;
	}
	switch (key) {
	case KEY_UP:
		u->help_top -= u->help_top > 0;
		break;
	case KEY_DOWN:
		u->help_top++; /* the drawing keeps the last page full */
		break;
	case KEY_PPAGE:
		u->help_top = u->help_top > page ? u->help_top - page : 0;
		break;
	case KEY_NPAGE:
		u->help_top += page;
		break;
	case KEY_HOME:
		u->help_top = 0;
		break;
	case KEY_END:
		u->help_top = (size_t)-1 / 2; /* the drawing clamps it */
		break;
	case KEY_RESIZE:
		break;
	default:
		u->mode = UM_TABLE;
		break;
	}
	return UI_DRAW;
}
