/*
 * nscgroup.c: the container a cgroup path names (see nsset.h), for
 * --all-netns's labels: Docker, Podman (rootless too: the user of
 * user@UID.service), nerdctl and containerd, CRI-O and containerd under
 * kubepods, LXC.  Paths only: nothing is read here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nsset.h"

static int is_hex(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789abcdef", p[i]) || !p[i])
			return 0;
	return 1;
}

/*
 * The 64-hex-digit id that ends component c (length n) after `prefix`,
 * before an optional ".scope": "docker-ID.scope", "cri-containerd-ID.scope".
 */
static int hex_id(const char *c, size_t n, const char *prefix, char *id,
		  size_t idn)
{
	size_t pl = strlen(prefix);

	if (n > 6 && !memcmp(c + n - 6, ".scope", 6))
		n -= 6;
	if (n != pl + 64 || memcmp(c, prefix, pl) || !is_hex(c + pl, 64))
		return 0;
	nsset_label_copy(id, idn, c + pl, 64);
	return 1;
}

int nsset_cgroup_container(const char *path, const char **runtime, char *id,
			   size_t n)
{
	const char *c = path, *prev = NULL;
	size_t prevn = 0;
	int kube = strstr(path, "kubepods") != NULL;

	/* the last component that names a container wins (nested scopes) */
	while (*c) {
		const char *e = strchr(c, '/');
		size_t len = e ? (size_t)(e - c) : strlen(c);

		if (hex_id(c, len, "docker-", id, n) ||
		    (prev && prevn == 6 && !memcmp(prev, "docker", 6) &&
		     hex_id(c, len, "", id, n))) {
			*runtime = kube ? "kubernetes" : "docker";
			return 1;
		}
		if (hex_id(c, len, "libpod-", id, n)) {
			*runtime = "podman";
			return 1;
		}
		if (kube && hex_id(c, len, "cri-containerd-", id, n)) {
			*runtime = "containerd";
			return 1;
		}
		if (kube && hex_id(c, len, "crio-", id, n)) {
			*runtime = "cri-o";
			return 1;
		}
		if (kube && prev && prevn > 3 && !memcmp(prev, "pod", 3) &&
		    hex_id(c, len, "", id, n)) {
			*runtime = "kubernetes";
			return 1;
		}
		/* nerdctl's systemd driver: nerdctl-ID.scope */
		if (hex_id(c, len, "nerdctl-", id, n)) {
			*runtime = "nerdctl";
			return 1;
		}
		/* containerd's default (nerdctl's cgroupfs driver, ctr):
		 * /NAMESPACE/ID, the last component */
		if (!e && !kube && prev && hex_id(c, len, "", id, n)) {
			*runtime = "containerd";
			return 1;
		}
		if (len > 12 && !memcmp(c, "lxc.payload.", 12)) {
			nsset_label_copy(id, n, c + 12, len - 12);
			*runtime = "lxc";
			return 1;
		}
		/* LXC before 4.0: /lxc/NAME, at the top */
		if (prev == path + 1 && prevn == 3 && !memcmp(prev, "lxc", 3) &&
		    len) {
			nsset_label_copy(id, n, c, len);
			*runtime = "lxc";
			return 1;
		}
		prev = c;
		prevn = len;
		c = e ? e + 1 : c + len;
	}
	return 0;
}

long nsset_cgroup_uid(const char *path)
{
	for (const char *c = strstr(path, "/user@"); c;
	     c = strstr(c + 1, "/user@")) {
		size_t d = strspn(c + 6, "0123456789");

		if (d && d <= 10 && !strncmp(c + 6 + d, ".service", 8) &&
		    (c[14 + d] == '/' || !c[14 + d]))
			return strtol(c + 6, NULL, 10);
	}
	return -1;
}
