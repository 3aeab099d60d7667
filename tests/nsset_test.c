/*
 * nsset_test.c: container ids from cgroup paths, as --all-netns labels a
 * namespace by its first process's cgroup: Docker (systemd and cgroupfs
 * drivers), Podman, containerd and CRI-O under kubepods, LXC; paths that
 * name no container (a user's session, a short or non-hex id) give none.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "nsset.h"

#define ID "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static void want(const char *path, const char *runtime, const char *id)
{
	const char *rt = NULL;
	char got[80] = "";
	int r = nsset_cgroup_container(path, &rt, got, sizeof(got));

	if (!runtime) {
		CHECK_MSG(r == 0, "%s: got %s %s", path, rt ? rt : "-", got);
		return;
	}
	CHECK_MSG(r == 1, "%s: no container", path);
	if (r == 1) {
		CHECK_STR(rt, runtime);
		CHECK_STR(got, id);
	}
}

int main(void)
{
	want("/system.slice/docker-" ID ".scope", "docker", ID);
	want("/docker/" ID, "docker", ID);
	want("/sstop-test-1/docker-" ID ".scope", "docker", ID);
	want("/machine.slice/libpod-" ID ".scope", "podman", ID);
	want("/user.slice/user-1000.slice/user@1000.service/user.slice/"
	     "libpod-" ID ".scope/container",
	     "podman", ID);
	want("/kubepods.slice/kubepods-besteffort.slice/"
	     "kubepods-besteffort-pod1234_5678.slice/cri-containerd-" ID
	     ".scope",
	     "containerd", ID);
	want("/kubepods.slice/kubepods-burstable.slice/"
	     "kubepods-burstable-podab.slice/crio-" ID ".scope",
	     "cri-o", ID);
	want("/kubepods/besteffort/pod1234-5678/" ID, "kubernetes", ID);
	want("/lxc.payload.web1", "lxc", "web1");
	want("/lxc.payload.web1/system.slice/sshd.service", "lxc", "web1");
	want("/user.slice/user-0.slice/session-3.scope", NULL, NULL);
	want("/", NULL, NULL);
	want("/docker-0123.scope", NULL, NULL);
	want("/docker-0123456789abcdef0123456789abcdef0123456789abcdef"
	     "0123456789abcdeg.scope",
	     NULL, NULL);
	want("/crio-" ID ".scope", NULL, NULL); /* not under kubepods */
	return check_done();
}
