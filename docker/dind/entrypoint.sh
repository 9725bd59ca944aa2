#!/usr/bin/env bash
# onpre-app-root: one parent container holding its own Docker engine. It starts dockerd, loads the
# images it carries (Gateway, Manager, stand-ins) and any function images mounted under /images
# (`docker save` tarballs), then runs the standard Compose stack (docker-compose.yml, the same file
# as the standard mode) inside. Data lives in the inner engine's volumes under /var/lib/docker, which
# must be a volume of the parent: stopping and starting the parent keeps it.
#   entrypoint.sh          run (the container's main process)
#   entrypoint.sh health   exit 0 when the inner Gateway and Manager are healthy
set -euo pipefail
ONPRE_HOME=/opt/onpre
COMPOSE_FILES=${ONPRE_COMPOSE_FILES:-docker-compose.yml}
PROJECT=${ONPRE_PROJECT:-onpre}
DOCKERD_PID=""

log() {
  printf '{"time":"%s","level":"%s","service":"dind","message":"%s"}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$1" "$2"
}

# What the inner docker-compose.yml needs besides the parent's environment: publish on all of the
# parent's interfaces (the parent's ports are what the host publishes), the inner socket's group,
# and the configuration mounted at /config.
compose() {
  local files=() file
  export HOST_BIND=0.0.0.0 CONFIG_DIR=${CONFIG_DIR:-/config} DOCKER_GID
  DOCKER_GID=$(stat -c %g /var/run/docker.sock)
  IFS=: read -ra names <<<"$COMPOSE_FILES"
  for file in "${names[@]}"; do files+=(-f "$ONPRE_HOME/$file"); done
  docker-compose -p "$PROJECT" --project-directory "$ONPRE_HOME" "${files[@]}" "$@"
}

health() {
  local service id status
  for service in gateway manager; do
    id=$(compose ps -q "$service" 2>/dev/null) || return 1
    status=$(docker inspect -f '{{.State.Health.Status}}' "$id" 2>/dev/null) || return 1
    [ "$status" = healthy ] || return 1
  done
}

# With capabilities instead of privileged mode the cgroup hierarchies are mounted read-only, and the
# inner engine could not create its containers' cgroups: make them writable (privileged: no-op).
writable_cgroups() {
  local mountpoint options
  while read -r _ mountpoint _ options _; do
    case "$mountpoint,$options" in
      /sys/fs/cgroup*,ro,* | /sys/fs/cgroup*,ro) mount -o remount,bind,rw "$mountpoint" ;;
    esac
  done </proc/mounts
}

start_dockerd() {
  # A parent killed earlier leaves pid files behind, and dockerd/containerd refuse to start over them.
  rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid
  dockerd --host unix:///var/run/docker.sock >/var/log/dockerd.log 2>&1 &
  DOCKERD_PID=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    kill -0 "$DOCKERD_PID" 2>/dev/null || break
    sleep 1
  done
  log error "dockerd did not start; its log follows"
  tail -n 40 /var/log/dockerd.log >&2
  exit 1
}

# Loads every tarball once (a marker per file name, size and time is kept beside the engine's data).
load_images() {
  local markers=/var/lib/docker/onpre-loaded tarball key
  mkdir -p "$markers"
  for tarball in "$ONPRE_HOME"/images/*.tar /images/*.tar; do
    [ -f "$tarball" ] || continue
    key=$(stat -c '%n %s %Y' "$tarball" | sha256sum | cut -c1-16)
    [ -f "$markers/$key" ] && continue
    log info "loading images from $tarball"
    docker load -q -i "$tarball" >/dev/null
    touch "$markers/$key"
  done
}

stop_all() {
  log info "stopping the stack and the inner engine"
  compose stop -t 5 >/dev/null 2>&1 || true
  kill "$DOCKERD_PID" 2>/dev/null || true
  wait "$DOCKERD_PID" 2>/dev/null || true
  exit 0
}

if [ "${1:-run}" = health ]; then
  health
  exit
fi

trap stop_all TERM INT
writable_cgroups
start_dockerd
load_images
compose up -d --no-build --remove-orphans
log info "stack started (${COMPOSE_FILES}); Gateway on :443"
wait "$DOCKERD_PID"
