/*
 * group_keep.c: the collapsed groups kept across views and runs (see
 * group.h): the rc file's `collapsed=` value.  Entries are VIEW:KEY (KEY
 * the group's key in hex) or VIEW:* ("every group of VIEW", group.h's
 * group_collapse_all(1)), separated by commas; after VIEW:*, a key of
 * that view is a group expanded.  The text is written in one order (views
 * in their menu's order, `*` first, keys ascending), so that a state
 * unchanged writes the same text again.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group.h"

struct entry {
	int view;
	int all; /* VIEW:* */
	uint64_t key;
};

/*
 * Parses the entry at p (up to a comma or the end) into e; returns the
 * text after it (its comma skipped), or NULL if it is not one.
 */
static const char *parse_entry(const char *p, struct entry *e)
{
	const char *colon = strchr(p, ':'), *end = strchr(p, ',');
	char view[16], *x;
	size_t n;

	if (!end)
		end = p + strlen(p);
	if (!colon || colon > end || (n = (size_t)(colon - p)) >= sizeof(view))
		return NULL;
	memcpy(view, p, n);
	view[n] = '\0';
	e->view = group_view_by_id(view);
	if (e->view <= GV_NONE)
		return NULL;
	e->all = end - colon == 2 && colon[1] == '*';
	e->key = 0;
	if (!e->all) {
		n = (size_t)(end - colon - 1);
		if (!n || n > 16 || strspn(colon + 1, "0123456789abcdef") < n)
			return NULL;
		e->key = strtoull(colon + 1, &x, 16);
		if (x != end)
			return NULL;
	}
	return *end ? end + 1 : end;
}

int group_keep_check(const char *text)
{
	struct entry e;
	int n = 0;

	for (const char *p = text; *p; n++)
		if (n == GROUP_KEEP_MAX || !(p = parse_entry(p, &e)) ||
		    (p[-1] == ',' && !*p))
			return -EINVAL;
	return 0;
}

void group_keep_load(struct group *g, const char *text)
{
	struct entry e;
	const char *p;

	if (g->view == GV_NONE || group_keep_check(text) < 0)
		return;
	for (p = text; *p;) /* VIEW:* first: the keys flip it */
		if ((p = parse_entry(p, &e)) && e.view == (int)g->view && e.all)
			group_collapse_all(g, 1);
	for (p = text; *p;)
		if ((p = parse_entry(p, &e)) && e.view == (int)g->view &&
		    !e.all)
			group_collapse(g, e.key, !g->coll_all);
}

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->view != y->view)
		return x->view < y->view ? -1 : 1;
	if (x->all != y->all)
		return x->all ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

void group_keep_store(const struct group *g, char *text, size_t size)
{
	struct entry e[GROUP_KEEP_MAX];
	uint64_t keys[GROUP_KEEP_MAX];
	size_t n = 0, len = 0;
	const char *p;

	if (g->view == GV_NONE)
		return;
	/* this view's state first: it is the newest */
	if (g->coll_all)
		e[n++] = (struct entry){.view = (int)g->view, .all = 1};
	for (size_t i = 0, k = group_flips(g, keys, GROUP_KEEP_MAX - n); i < k;
	     i++)
		e[n++] = (struct entry){.view = (int)g->view, .key = keys[i]};
	if (group_keep_check(text) == 0)
		for (p = text; *p && n < GROUP_KEEP_MAX;)
			if ((p = parse_entry(p, &e[n])) &&
			    e[n].view != (int)g->view)
				n++;
	qsort(e, n, sizeof(e[0]), cmp_entry);
	text[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		const char *id = group_view_id((enum group_view)e[i].view);

		if (e[i].all)
			len += (size_t)snprintf(text + len, size - len,
						"%s%s:*", i ? "," : "", id);
		else
			len += (size_t)snprintf(text + len, size - len,
						"%s%s:%llx", i ? "," : "", id,
						(unsigned long long)e[i].key);
	}
}
