/*
 * nsname.c: container names from the runtimes' state files (see nsname.h).
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nsname.h"

/* containers.json lists every container: a few hundred bytes each */
#define LIST_MAX (16u << 20)
/* one container's config.json or config.v2.json */
#define CONFIG_MAX (1u << 20)

/* containerd's namespaces looked at for one container */
#define NS_MAX 64

/*
 * The regular file at path, whole (NUL-terminated, malloc'd), if it holds
 * at most max bytes and, when owner >= 0, belongs to that user or root;
 * NULL otherwise.  Opened with the user's rights: no capability is raised
 * here.
 */
static char *read_owned(const char *path, size_t max, long owner)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	size_t len = 0;
	ssize_t got = 1;
	char *buf;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > max ||
	    (owner >= 0 && st.st_uid != 0 && st.st_uid != (uid_t)owner) ||
	    !(buf = malloc((size_t)st.st_size + 1))) {
		close(fd);
		return NULL;
	}
	/* a file that grew since its stat is read up to its old size */
	while (len < (size_t)st.st_size &&
	       (got = read(fd, buf + len, (size_t)st.st_size - len)) > 0)
		len += (size_t)got;
	close(fd);
	if (got < 0) {
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

static char *read_file(const char *path, size_t max)
{
	return read_owned(path, max, -1);
}

static const char *skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * The value after the first "key": at or after p (its first character),
 * or NULL.  A quoted key inside a string would have its quotes escaped,
 * so only real keys match.
 */
static const char *key_value(const char *p, const char *key)
{
	size_t kl = strlen(key);

	while ((p = strchr(p, '"'))) {
		const char *v;

		p++;
		if (strncmp(p, key, kl) || p[kl] != '"')
			continue;
		v = skip_ws(p + kl + 1);
		if (*v == ':')
			return skip_ws(v + 1);
	}
	return NULL;
}

/* Copies the string at v (its opening quote, or an array's first). */
static size_t copy_str(const char *v, char *out, size_t n)
{
	size_t i = 0;

	if (*v == '[')
		v = skip_ws(v + 1);
	if (*v != '"' || !n)
		return 0;
	for (v++; *v && *v != '"' && *v != '\\' && i + 1 < n; v++)
		if ((unsigned char)*v >= 0x20)
			out[i++] = *v;
	out[i] = '\0';
	return i;
}

size_t nsname_json_str(const char *text, const char *key, char *out, size_t n)
{
	const char *v = key_value(text, key);

	if (n)
		out[0] = '\0';
	return v ? copy_str(v, out, n) : 0;
}

/* Docker's config.v2.json: "Name":"/web" */
static int docker(const char *root, const char *id, char *name, size_t n)
{
	char path[256], *buf, *p;
	int found = 0;

	snprintf(path, sizeof(path),
		 "%s/var/lib/docker/containers/%s/config.v2.json", root, id);
	if (!(buf = read_file(path, CONFIG_MAX)))
		return 0;
	if (nsname_json_str(buf, "Name", name, n)) {
		/* Docker's names begin with a slash */
		p = name[0] == '/' ? name + 1 : name;
		memmove(name, p, strlen(p) + 1);
		found = name[0] != '\0';
	}
	free(buf);
	return found;
}

/*
 * containers/storage's list of containers (Podman's, CRI-O's):
 * [{"id":"ID","names":["web"],...},...]; the "names" of the entry whose
 * "id" is id, before the next entry's "id".
 */
static int storage_list(const char *path, const char *id, long owner,
			char *name, size_t n)
{
	char *buf = read_owned(path, LIST_MAX, owner), got[80];
	const char *v;
	int found = 0;

	if (!buf)
		return 0;
	for (v = buf; !found && (v = key_value(v, "id"));) {
		const char *names, *next;

		if (!copy_str(v, got, sizeof(got)) || strcmp(got, id))
			continue;
		names = key_value(v, "names");
		next = key_value(v, "id");
		if (names && (!next || names < next))
			found = copy_str(names, name, n) > 0;
	}
	free(buf);
	return found;
}

static int podman(const char *root, const char *id, char *name, size_t n)
{
	static const char *const dirs[] = {"var/lib", "run"};
	static const char *const files[] = {"containers.json",
					    "volatile-containers.json"};
	char path[256];

	for (size_t d = 0; d < 2; d++)
		for (size_t f = 0; f < 2; f++) {
			snprintf(path, sizeof(path),
				 "%s/%s/containers/storage/overlay-containers/"
				 "%s",
				 root, dirs[d], files[f]);
			if (storage_list(path, id, -1, name, n))
				return 1;
		}
	return 0;
}

/*
 * Rootless Podman's: the user's storage (the graph root,
 * ~/.local/share/containers/storage) and run root
 * ($XDG_RUNTIME_DIR/containers, /run/user/UID/containers), files of that
 * user's only: the user writes them.
 */
static int podman_user(const char *root, long uid, const char *id, char *name,
		       size_t n)
{
	static const char *const files[] = {"containers.json",
					    "volatile-containers.json"};
	struct passwd pw, *res = NULL;
	char pwbuf[1024], path[512];

	if (getpwuid_r((uid_t)uid, &pw, pwbuf, sizeof(pwbuf), &res) || !res ||
	    pw.pw_dir[0] != '/')
		res = NULL;
	for (size_t f = 0; f < 2; f++) {
		if (res) {
			snprintf(path, sizeof(path),
				 "%s%s/.local/share/containers/storage/"
				 "overlay-containers/%s",
				 root, pw.pw_dir, files[f]);
			if (storage_list(path, id, uid, name, n))
				return 1;
		}
		snprintf(path, sizeof(path),
			 "%s/run/user/%ld/containers/overlay-containers/%s",
			 root, uid, files[f]);
		if (storage_list(path, id, uid, name, n))
			return 1;
	}
	return 0;
}

/* Where a kubernetes runtime keeps a sandbox's OCI bundle (ROOT DIR ID
 * FILE), and the annotations of its pod's namespace and name. */
struct kube_store {
	const char *dir, *file, *nskey, *podkey;
};

static const struct kube_store containerd_store = {
	"/run/containerd/io.containerd.runtime.v2.task/k8s.io/",
	"/config.json",
	"io.kubernetes.cri.sandbox-namespace",
	"io.kubernetes.cri.sandbox-name",
};

static const struct kube_store crio_store = {
	"/run/containers/storage/overlay-containers/",
	"/userdata/config.json",
	"io.kubernetes.pod.namespace",
	"io.kubernetes.pod.name",
};

/* NAMESPACE/POD from the annotations of sandbox id's config.json in st. */
static int pod(const char *root, const struct kube_store *st, const char *id,
	       char *name, size_t n)
{
	char path[256], *buf, ns[64], po[128];
	int found = 0;

	snprintf(path, sizeof(path), "%s%s%s%s", root, st->dir, id, st->file);
	buf = read_file(path, CONFIG_MAX);
	if (!buf)
		return 0;
	if (nsname_json_str(buf, st->podkey, po, sizeof(po))) {
		if (nsname_json_str(buf, st->nskey, ns, sizeof(ns)))
			snprintf(name, n, "%s/%s", ns, po);
		else
			snprintf(name, n, "%s", po);
		found = 1;
	}
	free(buf);
	return found;
}

/*
 * containerd's task bundles, in any namespace:
 * run/containerd/io.containerd.runtime.v2.task/NS/ID/config.json with
 * nerdctl's "nerdctl/name" annotation.
 */
static int nerdctl(const char *root, const char *id, char *name, size_t n)
{
	char dir[256], path[768], *buf;
	struct dirent *d;
	int found = 0, seen = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir),
		 "%s/run/containerd/io.containerd.runtime.v2.task", root);
	if (!(dp = opendir(dir)))
		return 0;
	while (!found && seen++ < NS_MAX && (d = readdir(dp))) {
		if (d->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s/%s/config.json", dir,
			     d->d_name, id) >= (int)sizeof(path) ||
		    !(buf = read_file(path, CONFIG_MAX)))
			continue;
		found = nsname_json_str(buf, "nerdctl/name", name, n) > 0;
		free(buf);
	}
	closedir(dp);
	return found;
}

int nsname_lookup(const char *root, const char **runtime, const char *id,
		  long uid, char *name, size_t n)
{
	const char *rt = *runtime;
	int kube = !strcmp(rt, "kubernetes");

	if (!root)
		root = "";
	if (strspn(id, "0123456789abcdef") != strlen(id) || !*id)
		return 0;
	if (!strcmp(rt, "docker"))
		return docker(root, id, name, n);
	if (!strcmp(rt, "podman"))
		return (uid > 0 && podman_user(root, uid, id, name, n)) ||
		       podman(root, id, name, n);
	if (!strcmp(rt, "nerdctl") || !strcmp(rt, "containerd")) {
		if (nerdctl(root, id, name, n)) {
			*runtime = "nerdctl";
			return 1;
		}
		if (!strcmp(rt, "nerdctl"))
			return 0;
	}
	if ((kube || !strcmp(rt, "containerd")) &&
	    pod(root, &containerd_store, id, name, n)) {
		*runtime = "containerd";
		return 1;
	}
	/* CRI-O's storage names its containers too (k8s_...) */
	if ((kube || !strcmp(rt, "cri-o")) &&
	    (pod(root, &crio_store, id, name, n) ||
	     podman(root, id, name, n))) {
		*runtime = "cri-o";
		return 1;
	}
	return 0;
}
