/*
 * rcfile.c: the settings file (see rcfile.h).
 *
 * The format is deliberately dull: one `key=value` per line, `#` comments,
 * `filter=` repeated once per remembered filter.  Values are checked here
 * (a column id must exist, an interval must be a sane number) so that the
 * screen never meets a setting it cannot use.  Any error resets every
 * setting to its default: half a broken file is worse than none.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "i18n.h"
#include "mcol.h"
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

int rc_load(struct rc_conf *c, const char *path, struct rc_result *res)
{
	char buf[1024];
	FILE *f;
	int line = 0, err;
	const char *why;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	rc_defaults(c);
	if ((err = rc_path(path, res)) < 0)
		return err == -ENOENT ? 0 : fail(res, 0, err, strerror(-err));
	f = fopen(res->path, "r");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		err = -errno;
		return fail(res, 0, err, strerror(-err));
	}
	while (fgets(buf, sizeof(buf), f)) {
		char *nl = strchr(buf, '\n'), *eq, *key = buf;

		line++;
		if (!nl && !feof(f)) {
			why = N_("line too long");
			goto bad;
		}
		if (nl)
			*nl = '\0';
		while (*key == ' ' || *key == '\t')
			key++;
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			why = N_("expected key=value");
			goto bad;
		}
		*eq = '\0';
		if ((why = apply(c, key, eq + 1)))
			goto bad;
	}
	fclose(f);
	return 0;
bad:
	fclose(f);
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

int rc_save(const struct rc_conf *c, const char *path, struct rc_result *res)
{
	char tmp[sizeof(res->path) + 8];
	struct health_conf hd;
	FILE *f;
	int err;

	memset(res, 0, sizeof(*res));
	res->ok = 1;
	if ((err = rc_path(path, res)) < 0)
		return err == -ENOENT ? 0 : fail(res, 0, err, strerror(-err));
	if ((err = make_dirs(res->path)) < 0)
		return fail(res, 0, err, strerror(-err));
	snprintf(tmp, sizeof(tmp), "%s.tmp", res->path);
	f = fopen(tmp, "w");
	if (!f) {
		err = -errno;
		return fail(res, 0, err, strerror(-err));
	}
	fprintf(f, "# sstop settings, written on quit\n");
	if (c->sort[0])
		fprintf(f, "sort=%s\n", c->sort);
	if (c->columns[0])
		fprintf(f, "columns=%s\n", c->columns);
	if (c->interval > 0)
		fprintf(f, "interval=%g\n", c->interval);
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
	if (ferror(f) | fclose(f) || rename(tmp, res->path) < 0) {
		err = -errno;
		remove(tmp);
		return fail(res, 0, err ? err : -EIO,
			    strerror(err ? -err : EIO));
	}
	return 0;
}
