/*
 * rcfile.c: the settings file (see rcfile.h).
 *
 * The format is deliberately dull: one `key=value` per line, `#` comments,
 * `filter=` repeated once per remembered filter.  Values are checked here
 * (a column id must exist, an interval must be a sane number) so that the
 * screen never meets a setting it cannot use.  A bad line costs only
 * itself: it is reported (the first one, with how many more) and the
 * other lines apply.  On quit only the keys whose value changed on screen
 * are rewritten, in place; every other line (comments, unknown keys, bad
 * lines, their order) is copied as it is, the filter history de-duplicated.
 * A read-only file is left alone.
 *
 * The file and its directory are the user's own: one owned by another
 * user (root apart), or writable by others, is refused as ssh refuses
 * its files, so that root run with another user's HOME neither reads
 * that user's settings nor writes through that user's directory.  The
 * new file is made by mkstemp() in the checked directory (reached
 * through its descriptor: no symlink in between) and renamed into place.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "mcol.h"
#include "file.h"
#include "group.h"
#include "rcfile.h"

_Static_assert(sizeof(((struct rc_conf *)0)->collapsed) >= GROUP_KEEP_LEN,
	       "collapsed= holds GROUP_KEEP_MAX entries");

void rc_defaults(struct rc_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->color = 1;
	health_defaults(&c->health);
}

/* A health threshold: a number in [lo, hi]; NULL or the reason. */
static const char *threshold(const char *val, double lo, double hi, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(val, &end);
	if (errno || end == val || *end || !(v >= lo) || v > hi)
		return N_("a health threshold is out of range");
	*out = v;
	return NULL;
}

static int rc_path(const char *path, struct rc_result *res)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (path)
		n = snprintf(res->path, sizeof(res->path), "%s", path);
	else if (xdg && *xdg == '/')
		n = snprintf(res->path, sizeof(res->path), "%s/sstop/sstoprc",
			     xdg);
	else if (home && *home)
		n = snprintf(res->path, sizeof(res->path),
			     "%s/.config/sstop/sstoprc", home);
	else
		return -ENOENT;
	return n > 0 && (size_t)n < sizeof(res->path) ? 0 : -ENAMETOOLONG;
}

static int fail(struct rc_result *res, int line, int err, const char *msg)
{
	res->ok = 0;
	res->line = line;
	if (line)
		snprintf(res->msg, sizeof(res->msg), _("line %d: %s"), line,
			 msg);
	else
		snprintf(res->msg, sizeof(res->msg), "%s", msg);
	return err;
}

/*
 * Is st (the file, or its directory when dir) the user's own or root's,
 * writable by nobody else?  0, or -EPERM with the reason in res.
 */
static int own_check(const struct stat *st, int dir, struct rc_result *res)
{
	const char *why = NULL;

	if (st->st_uid != getuid() && st->st_uid != 0)
		why = dir ? _("its directory belongs to another user: not used")
			  : _("belongs to another user: not used");
	else if (!S_ISLNK(st->st_mode) && (st->st_mode & (S_IWGRP | S_IWOTH)))
		why = dir ? _("its directory is writable by others: not used")
			  : _("writable by others: not used");
	return why ? fail(res, 0, -EPERM, why) : 0;
}

/*
 * Opens the directory of res->path (no symlink as its last part) and
 * checks it; returns the descriptor and leaves base at the file's name,
 * or a negative errno (the reason in res).
 */
static int open_dir(struct rc_result *res, const char **base)
{
	char dir[sizeof(res->path)];
	const char *slash = strrchr(res->path, '/');
	struct stat st;
	int fd, err;

	if (!slash) {
		snprintf(dir, sizeof(dir), ".");
		*base = res->path;
	} else {
		snprintf(dir, sizeof(dir), "%.*s",
			 slash == res->path ? 1 : (int)(slash - res->path),
			 res->path);
		*base = slash + 1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
		return fail(res, 0, err, strerror(-err));
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return fail(res, 0, err, strerror(-err));
	}
	if ((err = own_check(&st, 1, res)) < 0) {
		close(fd);
		return err;
	}
	return fd;
}

int rc_parse_interval(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= RC_INTERVAL_MIN) ||
	    v > RC_INTERVAL_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

/* Removes val from the history (it is about to be added as the newest). */
static void rc_hist_drop(struct rc_conf *c, const char *val)
{
	for (int i = 0; i < c->n_hist; i++)
		if (!strcmp(c->hist[i], val)) {
			memmove(c->hist[i], c->hist[i + 1],
				sizeof(c->hist[0]) *
					(size_t)(c->n_hist - i - 1));
			c->n_hist--;
			break;
		}
}

/* Applies one line; returns NULL or the (untranslated) reason. */
static const char *apply(struct rc_conf *c, char *key, char *val)
{
	enum mcol col;
	int desc;

	if (!strcmp(key, "sort")) {
		if (mcol_parse_sort(val, &col, &desc) ||
		    strlen(val) >= sizeof(c->sort))
			return N_("unknown sort column");
		strcpy(c->sort, val);
	} else if (!strcmp(key, "columns")) {
		if (strlen(val) >= sizeof(c->columns) ||
		    mcol_parse_list(val, NULL, 0) < 0)
			return N_("unknown column");
		strcpy(c->columns, val);
	} else if (!strcmp(key, "group")) {
		if (group_view_by_id(val) < 0)
			return N_("unknown grouping");
		snprintf(c->group, sizeof(c->group), "%s", val);
	} else if (!strcmp(key, "collapsed")) {
		if (strlen(val) >= sizeof(c->collapsed) ||
		    group_keep_check(val) < 0)
			return N_("collapsed must be VIEW:KEY entries, at most "
				  "32");
		strcpy(c->collapsed, val);
	} else if (!strcmp(key, "interval")) {
		if (rc_parse_interval(val, &c->interval))
			return RC_INTERVAL_MSG;
	} else if (!strcmp(key, "closed_log")) {
		char *end;
		long v;

		errno = 0;
		v = strtol(val, &end, 10);
		if (errno || end == val || *end || v < 1 || v > 10000000)
			return N_("closed_log must be 1 to 10000000 entries");
		c->closed_log = v;
	} else if (!strcmp(key, "color")) {
		if (strcmp(val, "yes") && strcmp(val, "no"))
			return N_("color must be yes or no");
		c->color = !strcmp(val, "yes");
	} else if (!strcmp(key, "health_close_wait")) {
		return threshold(val, 0, 86400, &c->health.close_wait_s);
	} else if (!strcmp(key, "health_syn_sent")) {
		return threshold(val, 0, 86400, &c->health.syn_sent_s);
	} else if (!strcmp(key, "health_rcvbuf") ||
		   !strcmp(key, "health_rwnd")) {
		double v;
		const char *why = threshold(val, 1, 100, &v);

		if (why)
			return why;
		if (!strcmp(key, "health_rcvbuf"))
			c->health.rmem_pct = (unsigned)v;
		else
			c->health.rwnd_pct = (unsigned)v;
	} else if (!strcmp(key, "filter")) {
		if (strlen(val) >= sizeof(c->hist[0]))
			return N_("filter too long");
		rc_hist_drop(c, val);
		if (c->n_hist == RC_HIST) {
			memmove(c->hist[0], c->hist[1],
				sizeof(c->hist[0]) * (RC_HIST - 1));
			c->n_hist--;
		}
		strcpy(c->hist[c->n_hist++], val);
	} else {
		return N_("unknown setting");
	}
	return NULL;
}

/* Lines longer than this are refused (the longest setting is a filter). */
#define RC_LINE_MAX 1023

int rc_load(struct rc_conf *c, const char *path, struct rc_result *res)
{
	char *text, why_buf[80];
	int err, fd, dfd;
	const char *base;
	struct stat st;
	size_t len;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	rc_defaults(c);
	if ((err = rc_path(path, res)) < 0)
		return err == -ENOENT ? 0 : fail(res, 0, err, strerror(-err));
	/* a FIFO in its place must not stop the start: O_NONBLOCK */
	fd = open(res->path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		return fail(res, 0, err, strerror(-err));
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return fail(res, 0, err, strerror(-err));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(res, 0, -EINVAL, _("not a regular file"));
	}
	if ((err = own_check(&st, 0, res)) < 0 ||
	    (dfd = err = open_dir(res, &base)) < 0) {
		close(fd);
		return err;
	}
	close(dfd);
	/* 64 KiB at most, and text: a NUL would end a line unseen */
	err = file_read_fd(fd, FILE_TEXT, FILE_MAX_RC, (void **)&text, &len);
	close(fd);
	if (err < 0)
		return fail(res, 0, err,
			    file_strerror(err, FILE_MAX_RC, why_buf,
					  sizeof(why_buf)));
	err = rc_parse_text(c, text, res);
	free(text);
	return err;
}

int rc_parse_text(struct rc_conf *c, char *text, struct rc_result *res)
{
	const char *why = NULL;
	char *p, *next;
	int line = 0, n_bad = 0, bad_line = 0;

	res->ok = 1;
	for (p = text; *p; p = next) {
		char *nl = strchr(p, '\n'), *eq, *key = p;
		const char *bad;

		next = nl ? nl + 1 : p + strlen(p);
		line++;
		if (nl)
			*nl = '\0';
		while (*key == ' ' || *key == '\t')
			key++;
		if (strlen(p) > RC_LINE_MAX)
			bad = N_("line too long");
		else if (!*key || *key == '#')
			continue;
		else if (!(eq = strchr(key, '=')))
			bad = N_("expected key=value");
		else {
			*eq = '\0';
			bad = apply(c, key, eq + 1);
		}
		if (bad && !n_bad++) {
			why = bad;
			bad_line = line;
		}
	}
	if (!why)
		return 0;
	res->bad = n_bad;
	if (n_bad > 1) {
		char more[sizeof(res->msg)];

		snprintf(more, sizeof(more),
			 P_("%s (and %d more bad line)",
			    "%s (and %d more bad lines)", n_bad - 1),
			 _(why), n_bad - 1);
		return fail(res, bad_line, -EINVAL, more);
	}
	return fail(res, bad_line, -EINVAL, _(why));
}

/* mkdir -p of the file's directory. */
static int make_dirs(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			int err = -errno;

			*p = '/';
			return err;
		}
		*p = '/';
	}
	return 0;
}

/*
 * A new file in the directory dfd, made by mkstemp() (O_EXCL: never a
 * file or symlink that is there already) through /proc/self/fd, so that
 * the directory is the one checked.  Its name goes to tmp (relative to
 * dfd); returns the stream or NULL with errno set.
 */
static FILE *temp_in(int dfd, char *tmp, size_t n)
{
	char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/fd/%d/.sstoprc.XXXXXX", dfd);
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	snprintf(tmp, n, "%s", strrchr(path, '/') + 1);
	f = fdopen(fd, "w");
	if (!f) {
		int e = errno;

		unlinkat(dfd, tmp, 0);
		close(fd);
		errno = e;
	}
	return f;
}

/* The keys written by value (the history is apart), in the file's order. */
static const char *const rc_keys[] = {
	"sort",
	"columns",
	"interval",
	"closed_log",
	"color",
	"health_close_wait",
	"health_syn_sent",
	"health_rcvbuf",
	"health_rwnd",
	"group",
	"collapsed",
};
#define RC_NKEYS (sizeof(rc_keys) / sizeof(rc_keys[0]))

/* Key k's value in c as the file says it; empty: not set. */
static void value_of(const struct rc_conf *c, size_t k, char *buf, size_t n)
{
	switch (k) {
	case 0:
		snprintf(buf, n, "%s", c->sort);
		break;
	case 1:
		snprintf(buf, n, "%s", c->columns);
		break;
	case 2:
		buf[0] = '\0';
		if (c->interval > 0)
			snprintf(buf, n, "%g", c->interval);
		break;
	case 3:
		buf[0] = '\0';
		if (c->closed_log > 0)
			snprintf(buf, n, "%ld", c->closed_log);
		break;
	case 4:
		snprintf(buf, n, "%s", c->color ? "yes" : "no");
		break;
	case 5:
		snprintf(buf, n, "%g", c->health.close_wait_s);
		break;
	case 6:
		snprintf(buf, n, "%g", c->health.syn_sent_s);
		break;
	case 7:
		snprintf(buf, n, "%u", c->health.rmem_pct);
		break;
	case 8:
		snprintf(buf, n, "%u", c->health.rwnd_pct);
		break;
	case 9:
		snprintf(buf, n, "%s", c->group);
		break;
	default:
		snprintf(buf, n, "%s", c->collapsed);
		break;
	}
}

/* The key of a `key=value` line (length in *len), or -1: the index. */
static int key_of(const char *line, size_t n, int *hist)
{
	const char *k = line, *eq;
	size_t len;

	*hist = 0;
	while (k < line + n && (*k == ' ' || *k == '\t'))
		k++;
	eq = memchr(k, '=', (size_t)(line + n - k));
	if (!eq || *k == '#')
		return -1;
	len = (size_t)(eq - k);
	if (len == 6 && !memcmp(k, "filter", 6)) {
		*hist = 1;
		return -1;
	}
	for (size_t i = 0; i < RC_NKEYS; i++)
		if (strlen(rc_keys[i]) == len && !memcmp(k, rc_keys[i], len))
			return (int)i;
	return -1;
}

/* The history, oldest first, each filter once (where it was last used). */
static void put_hist(FILE *f, const struct rc_conf *c)
{
	for (int i = 0; i < c->n_hist; i++) {
		int later = 0;

		for (int j = i + 1; j < c->n_hist && !later; j++)
			later = !strcmp(c->hist[i], c->hist[j]);
		if (!later && c->hist[i][0] && !strchr(c->hist[i], '\n'))
			fprintf(f, "filter=%s\n", c->hist[i]);
	}
}

/* Is the filter line p (n bytes) repeated in the rest of the text? */
static int used_later(const char *p, size_t n, const char *rest, size_t len)
{
	const char *eq = memchr(p, '=', n);
	size_t vn = n - (size_t)(eq + 1 - p);

	while (len) {
		const char *nl = memchr(rest, '\n', len);
		size_t m = nl ? (size_t)(nl - rest) : len;
		const char *e2 = memchr(rest, '=', m);
		int hist;

		key_of(rest, m, &hist);
		if (hist && m - (size_t)(e2 + 1 - rest) == vn &&
		    !memcmp(e2 + 1, eq + 1, vn))
			return 1;
		rest += m + (nl != NULL);
		len -= m + (nl != NULL);
	}
	return 0;
}

static int hist_same(const struct rc_conf *a, const struct rc_conf *b)
{
	if (a->n_hist != b->n_hist)
		return 0;
	for (int i = 0; i < a->n_hist; i++)
		if (strcmp(a->hist[i], b->hist[i]))
			return 0;
	return 1;
}

/*
 * Writes to f the old text (len bytes; NULL: none) with the keys changed
 * between base and c put in place (the first line of a key takes the new
 * value, its other lines go), the rest copied as it is.
 */
static void merge(FILE *f, const char *text, size_t len,
		  const struct rc_conf *base, const struct rc_conf *c)
{
	char val[RC_NKEYS][sizeof(c->collapsed)], old[sizeof(c->collapsed)];
	int changed[RC_NKEYS], done[RC_NKEYS] = {0}, hist_ch, hist_done = 0;
	int ends_nl = 1;

	for (size_t k = 0; k < RC_NKEYS; k++) {
		value_of(c, k, val[k], sizeof(val[k]));
		value_of(base, k, old, sizeof(old));
		changed[k] = strcmp(val[k], old) != 0;
	}
	hist_ch = !hist_same(base, c);
	if (!text)
		fprintf(f, "# sstop settings, written on quit\n");
	for (size_t at = 0; text && at < len;) {
		const char *p = text + at, *nl = memchr(p, '\n', len - at);
		size_t n = nl ? (size_t)(nl - p) : len - at;
		int hist, k = key_of(p, n, &hist);

		at += n + (nl != NULL);
		if (k >= 0 && changed[k]) {
			if (!done[k]++ && val[k][0])
				fprintf(f, "%s=%s\n", rc_keys[k], val[k]);
			continue;
		}
		if (hist && hist_ch) {
			if (!hist_done++)
				put_hist(f, c);
			continue;
		}
		if (hist && used_later(p, n, text + at, len - at))
			continue;
		fwrite(p, 1, n, f);
		if (nl)
			fputc('\n', f);
		ends_nl = nl != NULL;
	}
	for (size_t k = 0; k < RC_NKEYS; k++)
		if (changed[k] && !done[k] && val[k][0]) {
			if (!ends_nl++)
				fputc('\n', f);
			fprintf(f, "%s=%s\n", rc_keys[k], val[k]);
		}
	if (hist_ch && !hist_done) {
		if (!ends_nl)
			fputc('\n', f);
		put_hist(f, c);
	}
}

/*
 * The file as it is now (*text NULL: none, or a symlink that will be
 * replaced), or -EROFS / an errno for a file to leave alone.
 */
static int old_text(int dfd, const char *base, char **text, size_t *len,
		    struct rc_result *res)
{
	struct stat st;
	char why[80];
	int fd, err;

	*text = NULL;
	*len = 0;
	fd = openat(dfd, base,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ELOOP
			       ? 0
			       : fail(res, 0, -errno, strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	if (!(st.st_mode & S_IWUSR)) {
		close(fd);
		return fail(res, 0, -EROFS, _("read-only: settings not saved"));
	}
	err = file_read_fd(fd, FILE_TEXT, FILE_MAX_RC, (void **)text, len);
	close(fd);
	if (err < 0) {
		*text = NULL;
		return fail(res, 0, err,
			    file_strerror(err, FILE_MAX_RC, why, sizeof(why)));
	}
	return 0;
}

int rc_save(const struct rc_conf *c, const struct rc_conf *base,
	    const char *path, struct rc_result *res)
{
	char tmp[32], *text;
	struct rc_conf defs;
	const char *name;
	struct stat st;
	size_t len;
	FILE *f;
	int err, dfd;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	if (!base) {
		rc_defaults(&defs);
		base = &defs;
	}
	if ((err = rc_path(path, res)) < 0)
		return err == -ENOENT ? 0 : fail(res, 0, err, strerror(-err));
	if ((err = make_dirs(res->path)) < 0)
		return fail(res, 0, err, strerror(-err));
	if ((dfd = open_dir(res, &name)) < 0)
		return dfd;
	/* another user's file in our directory stays as it is */
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    (err = own_check(&st, 0, res)) < 0) {
		close(dfd);
		return err;
	}
	if ((err = old_text(dfd, name, &text, &len, res)) < 0) {
		close(dfd);
		return err;
	}
	f = temp_in(dfd, tmp, sizeof(tmp));
	if (!f) {
		err = -errno;
		free(text);
		close(dfd);
		return fail(res, 0, err, strerror(-err));
	}
	merge(f, text, len, base, c);
	free(text);
	errno = 0;
	if (ferror(f) | fclose(f) || renameat(dfd, tmp, dfd, name) < 0) {
		err = -errno;
		unlinkat(dfd, tmp, 0);
		close(dfd);
		return fail(res, 0, err ? err : -EIO,
			    strerror(err ? -err : EIO));
	}
	close(dfd);
	return 0;
}
