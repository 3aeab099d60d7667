#!/bin/bash
# netns_names.sh: --all-netns names containers from their runtime's state
# (#19).  Six processes, each in a network namespace of its own
# (unshare -n) holding connections (tests/ui_socks), run in real cgroups
# named as the runtimes name them: Podman's libpod-ID.scope, a Kubernetes
# pod's container under kubepods (cgroupfs driver), Docker's /docker/ID,
# rootless Podman's libpod-ID.scope under user@UID.service, nerdctl's
# nerdctl-ID.scope (systemd driver) and containerd's /NAMESPACE/ID
# (nerdctl's cgroupfs driver).  The runtimes' state is a fixture tree
# given by SSTOP_STATE_ROOT: Podman's containers.json, containerd's bundle
# config.json (the pod's annotations), Docker's config.v2.json, the
# rootless user's volatile-containers.json in its home (owned by that
# user), nerdctl's bundles (the "nerdctl/name" annotation).  --batch --all-netns labels each
# namespace by that name, --json gives its container and runtime, the
# container filter matches the name and the full id; without the tree the
# labels are the short ids, and so they are for a setcap'd copy run as
# nobody (AT_SECURE: the variable is ignored) though it could read it.
set -u
. "$top_srcdir/tests/lib.sh"
[ "$(id -u)" = 0 ] || { echo "SKIP: not root"; exit 77; }
unshare -n true 2>/dev/null || { echo "SKIP: no unshare -n"; exit 77; }
tmpdir_make
chmod 711 "$TMP"
SOCKS="$top_builddir/tests/ui_socks"
check="$top_builddir/tests/json_check"

cgroup_base
idp=$(printf 'podman%s' "$$" | sha256sum | cut -c1-64)
idk=$(printf 'kube%s' "$$" | sha256sum | cut -c1-64)
idd=$(printf 'docker%s' "$$" | sha256sum | cut -c1-64)
idr=$(printf 'rootless%s' "$$" | sha256sum | cut -c1-64)
idn=$(printf 'nerdctl%s' "$$" | sha256sum | cut -c1-64)
idc=$(printf 'ctrd%s' "$$" | sha256sum | cut -c1-64)
top="$cgbase/sstop-names-$$"
cgp="$top/machine.slice/libpod-$idp.scope"
cgk="$top/kubepods/besteffort/pod$$-4c1f/$idk"
cgd="$top/docker/$idd"
# (nobody's: a user that exists, whose home the tree holds)
ru=65534
rhome=$(getent passwd "$ru" | cut -d: -f6)
[ "${rhome#/}" != "$rhome" ] || rhome=/nonexistent
usr="$top/user.slice/user-$ru.slice/user@$ru.service/user.slice"
cgr="$usr/libpod-$idr.scope"
cgn="$top/system.slice/nerdctl-$idn.scope"
ctns=sstopns$$
cgc="$top/$ctns/$idc"
mkdir -p "$cgp" "$cgk" "$cgd" "$cgr" "$cgn" "$cgc" ||
	{ echo "SKIP: cannot make cgroups"; exit 77; }
on_exit "rmdir '$cgp' '$top/machine.slice' '$cgk' '$top/kubepods/besteffort/pod$$-4c1f' \
	'$top/kubepods/besteffort' '$top/kubepods' '$cgd' '$top/docker' \
	'$cgr' '$usr' '${usr%/*}' '${usr%/*/*}' '${usr%/*/*/*}' \
	'$cgn' '$top/system.slice' '$cgc' '$top/$ctns' '$top' 2>/dev/null"

# The runtimes' state, as each keeps it.
R=$TMP/root
ovl=$R/var/lib/containers/storage/overlay-containers
bundle=$R/run/containerd/io.containerd.runtime.v2.task/k8s.io/$idk
dk=$R/var/lib/docker/containers/$idd
rovl=$R$rhome/.local/share/containers/storage/overlay-containers
tasks=$R/run/containerd/io.containerd.runtime.v2.task
mkdir -p "$ovl" "$bundle" "$dk" "$rovl" "$tasks/default/$idn" \
	"$tasks/$ctns/$idc" || exit 99
printf '[{"id":"%s","names":["other-%s"],"image":"1"},{"id":"%s","names":["web-%s"],"image":"2","metadata":"{\\"name\\":\\"x\\"}"}]\n' \
	"$idk" "$$" "$idp" "$$" >"$ovl/containers.json"
printf '{"ociVersion":"1.1.0","annotations":{"io.kubernetes.cri.container-type":"sandbox","io.kubernetes.cri.sandbox-id":"%s","io.kubernetes.cri.sandbox-name":"pod-%s","io.kubernetes.cri.sandbox-namespace":"team"}}\n' \
	"$idk" "$$" >"$bundle/config.json"
printf '{"State":{"Running":true},"ID":"%s","Config":{"Hostname":"x"},"Name":"/db-%s","Driver":"overlay2"}\n' \
	"$idd" "$$" >"$dk/config.v2.json"
printf '[{"id":"%s","names":["home-%s"],"image":"3"}]\n' "$idr" "$$" \
	>"$rovl/volatile-containers.json"
for b in "default/$idn app" "$ctns/$idc cache"; do
	set -- $b
	printf '{"ociVersion":"1.1.0","annotations":{"nerdctl/hostname":"%s","nerdctl/name":"%s-%s","nerdctl/namespace":"%s"}}\n' \
		"${1#*/}" "$2" "$$" "${1%/*}" >"$tasks/$1/config.json"
done
chmod -R a+rX "$R"
# the rootless user's own file (another user's would not be read)
chown "$ru" "$rovl/volatile-containers.json"

free_base 10000
# start_in NAME CGROUP PORT: ui_socks with a connection, in the cgroup and
# a network namespace of its own, whose inode goes to ino$NAME
start_in() {
	bg_ready "$1" sh -c 'echo $$ >"$0/cgroup.procs" && exec unshare -n sh -c "ip link set lo up && exec \"\$0\" \"\$@\"" "$@"' \
		"$2" "$SOCKS" "$3" 100
	printf -v "ino$1" %s "$(stat -L -c %i "/proc/$BG_PID/ns/net")"
}
start_in p "$cgp" $((B + 1))
start_in k "$cgk" $((B + 2))
start_in d "$cgd" $((B + 3))
start_in r "$cgr" $((B + 4))
start_in n "$cgn" $((B + 5))
start_in c "$cgc" $((B + 6))

# heading FILE LABEL INODE: the namespace is listed once, so labelled
heading() {
	[ "$(grep -c "^netns $2 (id $3)\$" "$1")" = 1 ] || {
		grep '^netns ' "$1" >&2
		fail "no heading 'netns $2 (id $3)'"
	}
}

SSTOP_STATE_ROOT=$R "$SSTOP" --batch --all-netns -tan >"$TMP/all" ||
	fail "status $?"
heading "$TMP/all" "web-$$" "$inop"
heading "$TMP/all" "team/pod-$$" "$inok"
heading "$TMP/all" "db-$$" "$inod"
heading "$TMP/all" "home-$$" "$inor"
heading "$TMP/all" "app-$$" "$inon"
heading "$TMP/all" "cache-$$" "$inoc"

SSTOP_STATE_ROOT=$R "$SSTOP" --batch --json --all-netns -tan \
	"sport >= :$((B + 1)) and sport <= :$((B + 6))" \
	>"$TMP/j" || fail "--json status $?"
"$check" local.port netns.id netns.name netns.container netns.runtime \
	<"$TMP/j" >"$TMP/jl" || fail "--json: not strict JSON"
sort -u "$TMP/jl" >"$TMP/got"
cat >"$TMP/want" <<EOF
$((B + 1)) $inop web-$$ web-$$ podman
$((B + 2)) $inok team/pod-$$ team/pod-$$ containerd
$((B + 3)) $inod db-$$ db-$$ docker
$((B + 4)) $inor home-$$ home-$$ podman
$((B + 5)) $inon app-$$ app-$$ nerdctl
$((B + 6)) $inoc cache-$$ cache-$$ nerdctl
EOF
diff -u "$TMP/want" "$TMP/got" || fail "--json: names or runtimes"

# the container filter: by name and by full id
for c in "web-$$" "$idp" "web-*"; do
	SSTOP_STATE_ROOT=$R "$SSTOP" --batch --all-netns -Htan "container $c" \
		>"$TMP/f" || fail "container $c: status"
	# (every namespace has its heading; only web's has rows)
	awk '/^netns / { ns = $2; next } { print ns }' "$TMP/f" | sort -u >"$TMP/fns"
	[ "$(cat "$TMP/fns")" = "web-$$" ] &&
		[ "$(grep -vc "^netns " "$TMP/f")" = 3 ] ||
		{ cat "$TMP/f" >&2; fail "container $c: not web-$$ alone, whole"; }
done

# no state tree: the short ids
env -u SSTOP_STATE_ROOT "$SSTOP" --batch --all-netns -tan >"$TMP/plain" ||
	fail "without the tree: status $?"
heading "$TMP/plain" "${idp:0:12}" "$inop"
heading "$TMP/plain" "${idk:0:12}" "$inok"
heading "$TMP/plain" "${idd:0:12}" "$inod"
heading "$TMP/plain" "${idr:0:12}" "$inor"
heading "$TMP/plain" "${idn:0:12}" "$inon"
heading "$TMP/plain" "${idc:0:12}" "$inoc"

# under file capabilities the variable is ignored, though nobody could
# read the tree
if command -v setcap >/dev/null && command -v setpriv >/dev/null &&
	cp "$SSTOP" "$TMP/sstop" && chmod 755 "$TMP/sstop" &&
	setcap cap_sys_admin,cap_sys_ptrace,cap_dac_read_search+ep "$TMP/sstop" 2>/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups cat "$ovl/containers.json" >/dev/null; then
	SSTOP_STATE_ROOT=$R setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$TMP/sstop" --batch --all-netns -tan >"$TMP/capd" 2>"$TMP/capd.err" ||
		fail "setcap'd copy: status $?"
	heading "$TMP/capd" "${idp:0:12}" "$inop"
	heading "$TMP/capd" "${idk:0:12}" "$inok"
	heading "$TMP/capd" "${idd:0:12}" "$inod"
	heading "$TMP/capd" "${idr:0:12}" "$inor"
	heading "$TMP/capd" "${idn:0:12}" "$inon"
fi
exit 0
