/*
 * nsset_test.c: container ids from cgroup paths, as --all-netns labels a
 * namespace by its first process's cgroup: Docker (systemd and cgroupfs
 * drivers), Podman, containerd and CRI-O under kubepods, LXC; paths that
 * name no container (a user's session, a short or non-hex id) give none.
 * Names from the runtimes' state files in a fixture root (nsname.h):
 * Docker's config.v2.json, Podman's containers.json and its volatile
 * list, containerd's and CRI-O's pods, nerdctl's annotation, rootless
 * Podman's lists (the user's run root and home, only files of that user
 * or root); keys found only as keys, files that are not regular or too
 * big ignored.
 */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "nsname.h"
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

static char root[64];

/* Writes text to root/PATH, making its directories. */
static void put(const char *path, const char *text)
{
	char full[512], *p;
	FILE *f;

	snprintf(full, sizeof(full), "%s/%s", root, path);
	for (p = full + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(full, 0755);
		*p = '/';
	}
	f = fopen(full, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(full);
		exit(99);
	}
}

/* Writes json as containerd's bundle of id in namespace ns. */
static void bundle(const char *ns, const char *id, const char *json)
{
	char path[256];

	snprintf(path, sizeof(path),
		 "run/containerd/io.containerd.runtime.v2.task/%s/%s/"
		 "config.json",
		 ns, id);
	put(path, json);
}

static long uid = -1;

static void want_name(const char *runtime, const char *id, const char *name,
		      const char *rt_after)
{
	const char *rt = runtime;
	char got[80] = "";
	int r = nsname_lookup(root, &rt, id, uid, got, sizeof(got));

	if (!name) {
		CHECK_MSG(r == 0, "%s %.12s: got %s", runtime, id, got);
		return;
	}
	CHECK_MSG(r == 1, "%s %.12s: no name", runtime, id);
	CHECK_STR(got, name);
	CHECK_STR(rt, rt_after);
}

#define ID2 "1111111111111111111111111111111111111111111111111111111111111111"
#define ID3 "2222222222222222222222222222222222222222222222222222222222222222"
#define ID4 "3333333333333333333333333333333333333333333333333333333333333333"
#define ID5 "4444444444444444444444444444444444444444444444444444444444444444"

static void test_names(void)
{
	char out[16], cmd[256], full[512];
	struct passwd *pw;

	CHECK_INT(nsname_json_str("{\"a\":1,\"Name\" : \"/web\"}", "Name", out,
				  sizeof(out)),
		  4);
	CHECK_STR(out, "/web");
	/* escaped quotes: a string, not a key */
	CHECK_INT(nsname_json_str("{\"x\":\"\\\"Name\\\":\\\"no\\\"\"}", "Name",
				  out, sizeof(out)),
		  0);
	CHECK_INT(nsname_json_str("{\"names\":[ \"db\"]}", "names", out,
				  sizeof(out)),
		  2);
	CHECK_STR(out, "db");
	CHECK_INT(nsname_json_str("{\"Name\":\"0123456789abcdefghij\"}", "Name",
				  out, sizeof(out)),
		  15);
	CHECK_INT(nsname_json_str("{\"Name\":7}", "Name", out, sizeof(out)), 0);

	snprintf(root, sizeof(root), "/tmp/sstop-nsname.XXXXXX");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		exit(99);
	}
	put("var/lib/docker/containers/" ID "/config.v2.json",
	    "{\"State\":{\"Running\":true},\"ID\":\"" ID
	    "\",\"Config\":{\"Labels\":{\"l\":\"{\\\"Name\\\":\\\"x\\\"}\"}},"
	    "\"Name\":\"/web1\",\"Driver\":\"overlay2\"}");
	want_name("docker", ID, "web1", "docker");
	want_name("docker", ID2, NULL, NULL);
	/* podman: the entry of that id, not its neighbour's names */
	put("var/lib/containers/storage/overlay-containers/containers.json",
	    "[{\"id\":\"" ID2 "\",\"names\":[\"other\"],\"metadata\":"
	    "\"{\\\"id\\\":\\\"" ID "\\\"}\"},"
	    "{\"id\":\"" ID "\",\"names\":[\"db-1\",\"alias\"],"
	    "\"image\":\"abc\"},{\"id\":\"" ID3 "\",\"image\":\"x\"},"
	    "{\"id\":\"" ID4 "\",\"names\":[\"late\"]}]");
	want_name("podman", ID, "db-1", "podman");
	want_name("podman", ID2, "other", "podman");
	want_name("podman", ID3, NULL, NULL); /* no names of its own */
	/* --rm containers: the volatile list, under the run root too */
	put("run/containers/storage/overlay-containers/"
	    "volatile-containers.json",
	    "[{\"id\": \"" ID3 "\", \"names\": [\"tmp\"]}]");
	want_name("podman", ID3, "tmp", "podman");
	/* pods: containerd's bundle, CRI-O's userdata, CRI-O's storage */
	bundle("k8s.io", ID,
	       "{\"annotations\":{\"io.kubernetes.cri.container-type\":"
	       "\"sandbox\",\"io.kubernetes.cri.sandbox-name\":\"nginx-7d\","
	       "\"io.kubernetes.cri.sandbox-namespace\":\"web\"}}");
	want_name("kubernetes", ID, "web/nginx-7d", "containerd");
	want_name("containerd", ID, "web/nginx-7d", "containerd");
	put("run/containers/storage/overlay-containers/" ID2
	    "/userdata/config.json",
	    "{\n  \"annotations\": {\n    \"io.kubernetes.pod.name\": "
	    "\"coredns-5d\",\n    \"io.kubernetes.pod.namespace\": "
	    "\"kube-system\"\n  }\n}");
	want_name("cri-o", ID2, "kube-system/coredns-5d", "cri-o");
	want_name("kubernetes", ID2, "kube-system/coredns-5d", "cri-o");
	want_name("kubernetes", ID4, "late", "cri-o");
	/* nerdctl: its annotation, in any of containerd's namespaces */
	bundle("default", ID3,
	       "{\"ociVersion\":\"1.1.0\",\"annotations\":{\"nerdctl/"
	       "hostname\":"
	       "\"x\",\"nerdctl/name\":\"app-1\",\"nerdctl/namespace\":"
	       "\"default\"}}");
	for (int i = 0; i < 2; i++) { /* nerdctl-ID.scope or /NS/ID */
		const char *rt = i ? "containerd" : "nerdctl";

		want_name(rt, ID3, "app-1", "nerdctl");
		want_name(rt, ID4, NULL, NULL);
	}
	/* rootless Podman: the user's run root, then its home */
	uid = 65534;
	put("run/user/65534/containers/overlay-containers/"
	    "volatile-containers.json",
	    "[{\"id\":\"" ID5 "\",\"names\":[\"mine\"]}]");
	want_name("podman", ID5, "mine", "podman");
	uid = 4242; /* another user's run root: not read */
	want_name("podman", ID5, NULL, NULL);
	if ((pw = getpwuid(65534)) && pw->pw_dir[0] == '/') {
		uid = 65534;
		snprintf(cmd, sizeof(cmd),
			 "%s/.local/share/containers/storage/"
			 "overlay-containers/containers.json",
			 pw->pw_dir + 1);
		put(cmd, "[{\"id\":\"" ID5 "\",\"names\":[\"home\"]}]");
		want_name("podman", ID5, "home", "podman");
		/* owned by someone else than that user or root: not read */
		snprintf(full, sizeof(full), "%s/%s", root, cmd);
		CHECK(chown(full, 4242, 4242) == 0);
		want_name("podman", ID5, "mine", "podman");
	}
	uid = -1;
	want_name("lxc", ID, NULL, NULL);
	want_name("docker", "../../etc", NULL, NULL);
	/* not a regular file: ignored, never read */
	snprintf(cmd, sizeof(cmd), "%s/var/lib/docker/containers/" ID2, root);
	mkdir(cmd, 0755);
	strncat(cmd, "/config.v2.json", sizeof(cmd) - strlen(cmd) - 1);
	CHECK(mkfifo(cmd, 0600) == 0);
	want_name("docker", ID2, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	CHECK(system(cmd) == 0);
}

/* The namespace of pid in s, or NULL. */
static const struct nsent *ns_of_pid(const struct nsset *s, pid_t pid)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].pid == pid)
			return &s->v[i];
	return NULL;
}

/* Forks a child that enters a network namespace of its own and waits. */
static pid_t holder(void)
{
	int p[2];
	pid_t kid;
	char c = 'n';

	if (pipe(p) < 0)
		return -1;
	kid = fork();
	if (kid == 0) {
		c = unshare(CLONE_NEWNET) == 0 ? 'y' : 'n';
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	if (kid > 0 && (read(p[0], &c, 1) != 1 || c != 'y')) {
		kill(kid, SIGKILL);
		waitpid(kid, NULL, 0);
		kid = -1;
	}
	close(p[0]);
	close(p[1]);
	return kid;
}

/*
 * The scan that does not list /proc (nsset.h): run as pid 1 of a pid
 * namespace of its own (no other process forks there).  A child holds a
 * network namespace: found by the first scan (a listing), it stays without
 * listing; its death (a zombie, then reaped) ends its namespace at the
 * next scan; a new child's namespace is found without a listing too (its
 * pid is asked); /proc is listed every NSSET_LIST_EVERY scans.
 */
static int quiet_child(void)
{
	struct nsset s;
	int waited = 0;
	unsigned listed;
	pid_t kid, kid2;

	/* only this namespace's processes: its own /proc, and an empty /run
	 * (other tests' named namespaces, /run/netns, count too) */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("proc", "/proc", "proc", 0, NULL) < 0 ||
	    (mount("tmpfs", "/run", "tmpfs", 0, NULL) < 0 && errno != ENOENT) ||
	    (kid = holder()) < 0)
		return 77;
	nsset_init(&s, 1);
	CHECK(nsset_scan(&s) == 1 && ns_of_pid(&s, kid) && s.n == 2);
	listed = s.listings;
	CHECK_INT(listed, 1);
	for (int i = 0; i < 20; i++)
		CHECK(nsset_scan(&s) == 0);
	CHECK(ns_of_pid(&s, kid) != NULL);
	/* a zombie holds no namespace */
	kill(kid, SIGKILL);
	for (int i = 0; i < 200 && ns_of_pid(&s, kid); i++) {
		siginfo_t si;

		/* (waits for the death without reaping it) */
		waited = waitid(P_PID, (id_t)kid, &si, WEXITED | WNOWAIT) == 0;
		nsset_scan(&s);
	}
	CHECK(waited && !ns_of_pid(&s, kid) && s.n == 1);
	waitpid(kid, NULL, 0);
	/* (the first process gone, that scan listed /proc) */
	listed = s.listings;
	kid2 = holder();
	CHECK(kid2 > 0);
	CHECK(nsset_scan(&s) == 1 && ns_of_pid(&s, kid2) && s.n == 2);
	for (int i = 0; i < 20; i++)
		nsset_scan(&s);
	CHECK_MSG(s.listings == listed, "/proc listed %u times, not %u",
		  s.listings, listed);
	for (int i = 0; i < NSSET_LIST_EVERY; i++)
		nsset_scan(&s);
	CHECK_INT(s.listings, listed + 1);
	kill(kid2, SIGKILL);
	waitpid(kid2, NULL, 0);
	nsset_free(&s);
	return check_done();
}

/*
 * Runs quiet_child() as pid 1 of a new pid namespace.  The namespace is
 * made in a child of ours, not in this process: once its pid 1 is gone, a
 * process that unshared it can fork no more, and LeakSanitizer forks at
 * exit (sanitizer builds).  0, 77 (cannot), or non-zero on failure.
 */
static int quiet_in_pidns(void)
{
	int st = 0;
	pid_t pid;

	if (unshare(CLONE_NEWNS | CLONE_NEWPID) < 0)
		return 77;
	pid = fork();
	if (pid == 0)
		_exit(quiet_child());
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return 1;
	return WEXITSTATUS(st);
}

static void test_quiet(void)
{
	int st = 0;
	pid_t pid;

	if (getuid() != 0) {
		printf("quiet scans: skipped (not root)\n");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(quiet_in_pidns());
	CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st));
	if (WEXITSTATUS(st) == 77)
		printf("quiet scans: skipped (no namespaces)\n");
	else
		CHECK_MSG(WEXITSTATUS(st) == 0, "quiet scans failed");
}

int main(void)
{
	test_names();
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
	want("/lxc/web2", "lxc", "web2");
	want("/lxc/web2/init.scope", "lxc", "web2");
	want("/system.slice/lxc/web2", NULL, NULL);
	want("/user.slice/user-0.slice/session-3.scope", NULL, NULL);
	want("/", NULL, NULL);
	want("/docker-0123.scope", NULL, NULL);
	want("/docker-0123456789abcdef0123456789abcdef0123456789abcdef"
	     "0123456789abcdeg.scope",
	     NULL, NULL);
	want("/crio-" ID ".scope", NULL, NULL); /* not under kubepods */
	test_quiet();
	want("/system.slice/nerdctl-" ID ".scope", "nerdctl", ID);
	want("/default/" ID, "containerd", ID);
	want("/default/" ID "/x", NULL, NULL);
	CHECK_INT(nsset_cgroup_uid("/user.slice/user-1000.slice/"
				   "user@1000.service/user.slice/libpod-" ID
				   ".scope/container"),
		  1000);
	CHECK_INT(nsset_cgroup_uid("/user.slice/user@1000.service"), 1000);
	CHECK_INT(nsset_cgroup_uid("/machine.slice/libpod-" ID ".scope"), -1);
	CHECK_INT(nsset_cgroup_uid("/user.slice/user@.service/x"), -1);
	CHECK_INT(nsset_cgroup_uid("/user.slice/user@12x.service/x"), -1);
	return check_done();
}
