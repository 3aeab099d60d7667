/*
 * rcfile.c: the settings file (see rcfile.h).
 *
 * The format is deliberately dull: one `key=value` per line, `#` comments,
 * `filter=` repeated once per remembered filter.  Values are checked here
 * (a column id must exist, an interval must be a sane number) so that the
 * screen never meets a setting it cannot use.  Any error resets every
 * setting to its default: half a broken file is worse than none.
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
#include "rcfile.h"

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

/* Applies one line; returns NULL or the (untranslated) reason. */
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
	} else if (!strcmp(key, "interval")) {
		if (rc_parse_interval(val, &c->interval))
			return RC_INTERVAL_MSG;
	} else if (!strcmp(key, "closed_log")) {
		char *end;

		errno = 0;
		c->closed_log = strtol(val, &end, 10);
		if (errno || end == val || *end || c->closed_log < 1 ||
		    c->closed_log > 10000000)
			return N_("closed_log must be 1 to 10000000 entries");
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
	int line = 0;

	res->ok = 1;
	for (p = text; *p; p = next) {
		char *nl = strchr(p, '\n'), *eq, *key = p;

		next = nl ? nl + 1 : p + strlen(p);
		line++;
		if (nl)
			*nl = '\0';
		if (strlen(p) > RC_LINE_MAX) {
			why = N_("line too long");
			break;
		}
		while (*key == ' ' || *key == '\t')
			key++;
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			why = N_("expected key=value");
			break;
		}
		*eq = '\0';
		if ((why = apply(c, key, eq + 1)))
			break;
	}
	if (!why)
		return 0;
	rc_defaults(c);
	return fail(res, line, -EINVAL, _(why));
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

int rc_save(const struct rc_conf *c, const char *path, struct rc_result *res)
{
	char tmp[32];
	struct health_conf hd;
	const char *base;
	struct stat st;
	FILE *f;
	int err, dfd;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	if ((err = rc_path(path, res)) < 0)
		return err == -ENOENT ? 0 : fail(res, 0, err, strerror(-err));
	if ((err = make_dirs(res->path)) < 0)
		return fail(res, 0, err, strerror(-err));
	if ((dfd = open_dir(res, &base)) < 0)
		return dfd;
	/* another user's file in our directory stays as it is */
	if (fstatat(dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    (err = own_check(&st, 0, res)) < 0) {
		close(dfd);
		return err;
	}
	f = temp_in(dfd, tmp, sizeof(tmp));
	if (!f) {
		err = -errno;
		close(dfd);
		return fail(res, 0, err, strerror(-err));
	}
	fprintf(f, "# sstop settings, written on quit\n");
	if (c->sort[0])
		fprintf(f, "sort=%s\n", c->sort);
	if (c->columns[0])
		fprintf(f, "columns=%s\n", c->columns);
	if (c->interval > 0)
		fprintf(f, "interval=%g\n", c->interval);
	if (c->closed_log > 0)
		fprintf(f, "closed_log=%ld\n", c->closed_log);
	fprintf(f, "color=%s\n", c->color ? "yes" : "no");
	health_defaults(&hd);
	if (c->health.close_wait_s != hd.close_wait_s)
		fprintf(f, "health_close_wait=%g\n", c->health.close_wait_s);
	if (c->health.syn_sent_s != hd.syn_sent_s)
		fprintf(f, "health_syn_sent=%g\n", c->health.syn_sent_s);
	if (c->health.rmem_pct != hd.rmem_pct)
		fprintf(f, "health_rcvbuf=%u\n", c->health.rmem_pct);
	if (c->health.rwnd_pct != hd.rwnd_pct)
		fprintf(f, "health_rwnd=%u\n", c->health.rwnd_pct);
	for (int i = 0; i < c->n_hist; i++)
		if (!strchr(c->hist[i], '\n'))
			fprintf(f, "filter=%s\n", c->hist[i]);
	errno = 0;
	if (ferror(f) | fclose(f) || renameat(dfd, tmp, dfd, base) < 0) {
		err = -errno;
		unlinkat(dfd, tmp, 0);
		close(dfd);
		return fail(res, 0, err ? err : -EIO,
			    strerror(err ? -err : EIO));
	}
	close(dfd);
	return 0;
}
