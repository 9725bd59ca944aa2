#!/usr/bin/env bash
# Builds the base, runtime and builder images offline (no registry is needed): root filesystems made
# on this machine and loaded with `docker import`, then the runtime Dockerfiles built on top of them.
# Base images that already exist are kept unless FORCE=1; runtime images are always rebuilt (Docker's
# layer cache makes an unchanged rebuild take about a second); each step prints how long it took.
#   onpre-lambda/base-node:20              the host's node binary and the shared libraries it links
#   onpre-lambda/base-python:3.11          debootstrap minbase + python3 + ca-certificates
#   onpre-lambda/base-debian:bookworm      debootstrap minbase + bash, curl, ca-certificates
#   onpre-lambda/base-ruby:3               debootstrap minbase + Debian's ruby (3.1)
#   onpre-lambda/runtime-nodejs:20         docker/runtime/nodejs.Dockerfile on base-node:20
#   onpre-lambda/runtime-python:3.11       docker/runtime/python.Dockerfile on base-python (+ node)
#   onpre-lambda/runtime-provided:al2023   docker/runtime/provided.Dockerfile on base-debian (+ node)
#   onpre-lambda/runtime-ruby:3            docker/runtime/ruby.Dockerfile on base-ruby (+ node)
#   onpre-lambda/base-java:17              debootstrap minbase + OpenJDK 17 (JDK) + Debian's Jackson, make
#   onpre-lambda/runtime-java:17           docker/runtime/java.Dockerfile on base-java (+ node)
#   onpre-lambda/build-nodejs:20           base-debian + node 20 + npm (dependency installs)
#   onpre-lambda/build-python:3.11         debootstrap minbase + python3, pip, venv
#   onpre-lambda/build-go:latest           debootstrap minbase + Debian's golang, make, git
#   onpre-lambda/build-java:17             docker/build/java.Dockerfile: base-java:17 (javac, jar, make)
#                                          + the aws-lambda-java-core interfaces to compile against
# Bases for users' own Dockerfiles (PackageType: Image, FROM public.ecr.aws/lambda/nodejs|python),
# which RUN npm install / pip install as AWS's images allow: the runtime layer on the builders.
#   onpre-lambda/image-nodejs:20           docker/runtime/nodejs.Dockerfile on build-nodejs:20
#   onpre-lambda/image-python:3.11         docker/runtime/python.Dockerfile on build-python:3.11 +
#                                          docker/runtime/python-image.Dockerfile (python3.X names)
# ONLY=node builds the node images alone (for machines that only need them).
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
FORCE=${FORCE:-0}
ONLY=${ONLY:-all}
# The legacy builder resolves FROM against local images; BuildKit would try a registry.
export DOCKER_BUILDKIT=0

have_image() { [ "$FORCE" != 1 ] && $DOCKER image inspect "$1" >/dev/null 2>&1; }

# Root filesystems are staged in temporary directories, removed when the script exits.
TEMP_DIRS=()
remove_temp_dirs() { for dir in "${TEMP_DIRS[@]}"; do rm -rf "$dir" "$dir.log"; done; }
trap remove_temp_dirs EXIT
# shellcheck source=images-debian.sh
source scripts/images-debian.sh

# build_node_base TAG NODE_BINARY: a node binary and the host's copies of the libraries it links.
build_node_base() {
  local tag=$1 node_bin=$2
  if have_image "$tag"; then echo "base: $tag present"; return; fi
  local started=$SECONDS root
  root=$(mktemp -d)
  TEMP_DIRS+=("$root")
  mkdir -p "$root"/{usr/local/bin,etc,tmp,var/task,opt,lib64,lib/x86_64-linux-gnu}
  chmod 1777 "$root/tmp"
  cp "$node_bin" "$root/usr/local/bin/node"
  # Copy every shared library node links against, at the same path.
  ldd "$node_bin" | awk '/=>/ {print $3} /^[ \t]*\// {print $1}' | while read -r lib; do
    [ -f "$lib" ] || continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\nsbx_user1051:x:993:990::/home/sbx_user1051:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nsbx_user1051:x:990:\nnogroup:x:65534:\n' >"$root/etc/group"
  printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ca-certificates.crt" 2>/dev/null || true
  tar -C "$root" -c . | $DOCKER import \
    -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' -c 'WORKDIR /var/task' - "$tag" >/dev/null
  echo "base: built $tag in $((SECONDS - started))s"
}

# build_image_from TAG DOCKERFILE CONTEXT [BUILD ARGS...]
build_image_from() {
  local tag=$1 dockerfile=$2 context=$3
  shift 3
  local started=$SECONDS
  local output
  if ! output=$($DOCKER build -q -f "$dockerfile" "$@" -t "$tag" "$context" 2>&1); then
    echo "$output" >&2
    exit 1
  fi
  echo "image: built $tag in $((SECONDS - started))s"
}

build_runtime_image() {
  local tag=$1 dockerfile=$2
  shift 2
  build_image_from "$tag" "$dockerfile" dist/runtime "$@"
}

# npm (the host's, matching its node 20) staged as a build context for build-nodejs:20.
NPM_CONTEXT=$(mktemp -d)
TEMP_DIRS+=("$NPM_CONTEXT")
stage_npm() { cp -a "$(npm root -g)/npm" "$NPM_CONTEXT/npm"; }

build_node_base onpre-lambda/base-node:20 "$(readlink -f "$(command -v node)")"
node scripts/build-runtime.mjs
build_runtime_image onpre-lambda/runtime-nodejs:20 docker/runtime/nodejs.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-node:20
[ "$ONLY" = node ] && exit 0

NODE=(--build-arg NODE_IMAGE=onpre-lambda/base-node:20)
build_debian_base onpre-lambda/base-python:3.11 python3,ca-certificates
build_runtime_image onpre-lambda/runtime-python:3.11 docker/runtime/python.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-python:3.11 "${NODE[@]}"
build_debian_base onpre-lambda/base-debian:bookworm bash,curl,ca-certificates
build_runtime_image onpre-lambda/runtime-provided:al2023 docker/runtime/provided.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-debian:bookworm "${NODE[@]}"
build_debian_base onpre-lambda/base-ruby:3 ruby,ca-certificates
build_runtime_image onpre-lambda/runtime-ruby:3 docker/runtime/ruby.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-ruby:3 "${NODE[@]}"

# Builder images (dependency installs and compiles in generated multi-stage Dockerfiles).
build_debian_base onpre-lambda/base-java:17 openjdk-17-jdk-headless,libjackson2-databind-java,make,ca-certificates
build_runtime_image onpre-lambda/runtime-java:17 docker/runtime/java.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-java:17 "${NODE[@]}"

stage_npm
build_image_from onpre-lambda/build-nodejs:20 docker/build/nodejs.Dockerfile "$NPM_CONTEXT" \
  --build-arg BASE_IMAGE=onpre-lambda/base-debian:bookworm "${NODE[@]}"
build_debian_base onpre-lambda/build-python:3.11 python3,python3-pip,python3-venv,ca-certificates
build_debian_base onpre-lambda/build-go:latest golang-go,make,git,ca-certificates 'ENV CGO_ENABLED=0'
build_image_from onpre-lambda/build-java:17 docker/build/java.Dockerfile docker/build \
  --build-arg BASE_IMAGE=onpre-lambda/base-java:17 --build-arg RUNTIME_IMAGE=onpre-lambda/runtime-java:17

build_runtime_image onpre-lambda/image-nodejs:20 docker/runtime/nodejs.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/build-nodejs:20
build_image_from onpre-lambda/base-python-image:3.11 docker/runtime/python-image.Dockerfile docker/build \
  --build-arg BASE_IMAGE=onpre-lambda/build-python:3.11
build_runtime_image onpre-lambda/image-python:3.11 docker/runtime/python.Dockerfile \
  --build-arg BASE_IMAGE=onpre-lambda/base-python-image:3.11 "${NODE[@]}"
