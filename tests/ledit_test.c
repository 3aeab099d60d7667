/*
 * ledit_test.c: the prompts' line editor: every key's edit (the line and
 * the cursor after it), a selected line replaced by typing and erased by
 * an erasing key, multibyte and wide characters moved over and erased
 * whole, a full line refusing more, and the window that keeps the cursor
 * visible as the line scrolls (display columns, not bytes).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "ledit.h"
#include "check.h"

static void type(struct ledit *e, const char *s)
{
	CHECK(ledit_insert(e, s, strlen(s)) == 0);
}

/* The line with a | at the cursor. */
static const char *shown(const struct ledit *e)
{
	static char buf[LEDIT_CAP + 2];

	snprintf(buf, sizeof(buf), "%.*s|%s", (int)e->cur, e->buf,
		 e->buf + e->cur);
	return buf;
}

static void expect(const struct ledit *e, const char *want)
{
	if (strcmp(shown(e), want))
		printf("FAIL: line \"%s\", want \"%s\"\n", shown(e), want);
	CHECK(!strcmp(shown(e), want));
	CHECK(e->len == strlen(e->buf));
}

int main(void)
{
	struct ledit e;
	size_t from, to;
	char big[LEDIT_CAP + 10];
	int col;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("no C.UTF-8 locale\n");
		return 77;
	}

	/* typing, moving, typing in the middle */
	ledit_set(&e, "", 0);
	type(&e, "sport = :80");
	expect(&e, "sport = :80|");
	ledit_op(&e, LE_LEFT);
	ledit_op(&e, LE_LEFT);
	type(&e, "4");
	expect(&e, "sport = :4|80");
	ledit_op(&e, LE_HOME);
	expect(&e, "|sport = :480");
	type(&e, "d");
	expect(&e, "d|sport = :480");
	CHECK(ledit_op(&e, LE_DELETE) == 1);
	expect(&e, "d|port = :480");
	ledit_op(&e, LE_END);
	CHECK(ledit_op(&e, LE_DELETE) == 0);
	CHECK(ledit_op(&e, LE_RIGHT) == 0);
	expect(&e, "dport = :480|");
	CHECK(ledit_op(&e, LE_BACKSPACE) == 1);
	expect(&e, "dport = :48|");
	ledit_op(&e, LE_HOME);
	CHECK(ledit_op(&e, LE_BACKSPACE) == 0);
	CHECK(ledit_op(&e, LE_LEFT) == 0);
	expect(&e, "|dport = :48");

	/* Ctrl-W: blanks then the word; Ctrl-U and Ctrl-K from the cursor */
	ledit_set(&e, "src 10.0.0.1 and  ", 0);
	CHECK(ledit_op(&e, LE_KILL_WORD) == 1);
	expect(&e, "src 10.0.0.1 |");
	ledit_op(&e, LE_KILL_WORD);
	expect(&e, "src |");
	ledit_op(&e, LE_KILL_WORD);
	expect(&e, "|");
	CHECK(ledit_op(&e, LE_KILL_WORD) == 0);
	ledit_set(&e, "state established and dport = :22", 0);
	for (int i = 0; i < 11; i++)
		ledit_op(&e, LE_LEFT);
	expect(&e, "state established and |dport = :22");
	CHECK(ledit_op(&e, LE_KILL_EOL) == 1);
	expect(&e, "state established and |");
	ledit_op(&e, LE_LEFT);
	ledit_op(&e, LE_LEFT);
	ledit_op(&e, LE_LEFT);
	ledit_op(&e, LE_LEFT);
	CHECK(ledit_op(&e, LE_KILL_BOL) == 1);
	expect(&e, "|and ");
	CHECK(ledit_op(&e, LE_KILL_BOL) == 0);

	/* a selected value: typing replaces it (the `d` prompt's "2") */
	ledit_set(&e, "2", 1);
	CHECK(e.sel);
	type(&e, "0");
	type(&e, ".5");
	expect(&e, "0.5|");
	CHECK(!e.sel);
	/* an erasing key erases it all, a move keeps it and unselects */
	ledit_set(&e, "dport = :22", 1);
	CHECK(ledit_op(&e, LE_BACKSPACE) == 1);
	expect(&e, "|");
	ledit_set(&e, "dport = :22", 1);
	CHECK(ledit_op(&e, LE_KILL_WORD) == 1 && e.len == 0);
	ledit_set(&e, "dport = :22", 1);
	CHECK(ledit_op(&e, LE_END) == 0 && !e.sel);
	type(&e, "2");
	expect(&e, "dport = :222|");
	ledit_set(&e, "dport = :22", 1);
	ledit_op(&e, LE_HOME);
	type(&e, "(");
	expect(&e, "(|dport = :22");
	/* an empty line is never selected */
	ledit_set(&e, "", 1);
	CHECK(!e.sel);

	/* multibyte characters move and erase whole */
	ledit_set(&e, "é漢x", 0);
	ledit_op(&e, LE_LEFT);
	ledit_op(&e, LE_LEFT);
	expect(&e, "é|漢x");
	CHECK(ledit_op(&e, LE_DELETE) == 1);
	expect(&e, "é|x");
	ledit_op(&e, LE_BACKSPACE);
	expect(&e, "|x");

	/* a full line refuses more, and set cuts at a character */
	memset(big, 'a', sizeof(big));
	big[sizeof(big) - 1] = '\0';
	ledit_set(&e, big, 0);
	CHECK(e.len == LEDIT_CAP - 1);
	CHECK(ledit_insert(&e, "b", 1) == -ENOSPC && e.len == LEDIT_CAP - 1);
	memset(big, 'a', sizeof(big));
	memcpy(big + LEDIT_CAP - 2, "é", 2);
	big[LEDIT_CAP] = '\0';
	ledit_set(&e, big, 0);
	CHECK(e.len == LEDIT_CAP - 2);
	/* a selected full line is replaced all the same */
	ledit_set(&e, big, 1);
	CHECK(ledit_insert(&e, "b", 1) == 0);
	expect(&e, "b|");

	/* the window: short lines whole, the cursor always in it */
	ledit_set(&e, "abc", 0);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(from == 0 && to == 3 && col == 3);
	ledit_set(&e, "0123456789abcdefghij", 0);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(col == 9 && from == 11 && to == 20);
	ledit_op(&e, LE_HOME);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(col == 0 && from == 0 && to == 10);
	for (int i = 0; i < 12; i++)
		ledit_op(&e, LE_RIGHT);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(col == 9 && from == 3 && to == 13);
	/* erasing at the end pulls the window back */
	ledit_op(&e, LE_KILL_EOL);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(col == 9 && from == 3 && to == 12);
	ledit_op(&e, LE_KILL_WORD);
	col = ledit_view(&e, 10, &from, &to);
	CHECK(col == 0 && from == 0 && to == 0);
	/* wide characters count two columns */
	ledit_set(&e, "漢字漢字漢字", 0);
	col = ledit_view(&e, 6, &from, &to);
	CHECK(col == 4 && from == 12 && to == 18);
	ledit_op(&e, LE_HOME);
	col = ledit_view(&e, 6, &from, &to);
	CHECK(col == 0 && from == 0 && to == 9);

	printf("%s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
