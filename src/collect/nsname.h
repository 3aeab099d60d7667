/*
 * nsname.h: a container's name from its runtime's state files, for
 * --all-netns's labels (nsset.c).
 *
 * Every file is read with the user's own rights (a name root keeps to
 * itself stays so), must be a regular file of bounded size, and is only
 * searched for a few keys, never parsed whole:
 *
 *   Docker    var/lib/docker/containers/ID/config.v2.json: "Name"
 *   Podman    {var/lib,run}/containers/storage/overlay-containers/
 *             {containers,volatile-containers}.json: the entry whose
 *             "id" is ID, its first "names" (CRI-O's storage too)
 *   containerd  run/containerd/io.containerd.runtime.v2.task/k8s.io/ID/
 *             config.json: the pod, "io.kubernetes.cri.sandbox-namespace"
 *             and "-name"
 *   CRI-O     run/containers/storage/overlay-containers/ID/userdata/
 *             config.json: the pod, "io.kubernetes.pod.namespace" and
 *             "io.kubernetes.pod.name"
 *   rootless Podman  the user's HOME/.local/share/containers/storage/
 *             overlay-containers/ and run/user/UID/containers/
 *             overlay-containers/ lists (as Podman's), files owned by
 *             that user (or root) only
 *   nerdctl   run/containerd/io.containerd.runtime.v2.task/NS/ID/
 *             config.json in any namespace NS (64 at most):
 *             "nerdctl/name"
 *
 * A pod is named NAMESPACE/POD.  Paths are under root: "" for the real
 * one, or a test's tree ($SSTOP_STATE_ROOT, never under AT_SECURE).
 * Collection only: nothing here prints.
 */
#ifndef SSTOP_NSNAME_H
#define SSTOP_NSNAME_H

#include <stddef.h>

/*
 * Looks up the container of id (hex digits only) run by *runtime
 * ("docker", "podman", "kubernetes", "containerd", "cri-o", "nerdctl";
 * others have no state read here); uid > 0 is the user of a rootless
 * Podman (nsset_cgroup_uid), else -1.  Copies its name into name (n
 * bytes, raw bytes without quotes or control characters: the caller
 * sanitizes) and returns 1, or returns 0.  A "kubernetes" container found
 * in containerd's or CRI-O's state gets that runtime in *runtime, a
 * "containerd" one named by nerdctl gets "nerdctl".
 */
int nsname_lookup(const char *root, const char **runtime, const char *id,
		  long uid, char *name, size_t n);

/*
 * The string value of the first key (a quoted name followed by ':') found
 * in text, copied into out (n bytes) up to its closing quote or a
 * backslash; or, when the value is an array, its first string.  Returns
 * the value's length, 0 when there is no such key or no string.
 * Exposed for the tests.
 */
size_t nsname_json_str(const char *text, const char *key, char *out, size_t n);

#endif
