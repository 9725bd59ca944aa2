#!/usr/bin/env bash
# Builds the Gateway, Manager and stand-in images offline (no registry is needed): the apps are
# compiled on the host (`npm run build`), production node_modules are staged from package-lock.json
# by scripts/images-apps.mjs, and the Dockerfiles only copy them onto BASE_IMAGE.
#   BASE_IMAGE  default onpre-lambda/base-node:20 (from `npm run images:base`); any node 20 image works
#   TAG         image tag, default latest
#   SKIP_BUILD  1 = use the existing dist/ (CI builds it just before)
# `images-apps.sh` (or `apps`): onpre-lambda/gateway, onpre-lambda/manager, onpre-lambda/standins
# (s3rver, dynalite and a JSON-lines log receiver: the local stand-ins for RustFS, ScyllaDB Alternator
# and VictoriaLogs).
# `images-apps.sh dind`: onpre-lambda/dind, the DinD parent carrying those three images (build them
# first). Its base is DIND_BASE_IMAGE, default onpre-lambda/base-dind:bookworm made by
# docker/dind/build-base.sh when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
DOCKER=${DOCKER:-docker}
BASE_IMAGE=${BASE_IMAGE:-onpre-lambda/base-node:20}
TAG=${TAG:-latest}
# The legacy builder resolves FROM against local images; BuildKit would try a registry.
export DOCKER_BUILDKIT=0

started=$SECONDS

build() {
  local tag=$1 dockerfile=$2 base=$3 began=$SECONDS
  $DOCKER build -q -f "$dockerfile" --build-arg BASE_IMAGE="$base" -t "$tag" . >/dev/null
  echo "images: built $tag in $((SECONDS - began))s ($($DOCKER image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1 / 1e6}'))"
}

build_apps() {
  [ "${SKIP_BUILD:-0}" = 1 ] || npm run build --silent
  node scripts/images-apps.mjs .onpre/image --production
  node scripts/images-apps.mjs .onpre/standins s3rver dynalite
  build "onpre-lambda/gateway:$TAG" docker/gateway.Dockerfile "$BASE_IMAGE"
  build "onpre-lambda/manager:$TAG" docker/manager.Dockerfile "$BASE_IMAGE"
  build "onpre-lambda/standins:$TAG" docker/standins/Dockerfile "$BASE_IMAGE"
}

build_dind() {
  local base=${DIND_BASE_IMAGE:-onpre-lambda/base-dind:bookworm}
  [ "$base" != onpre-lambda/base-dind:bookworm ] || DOCKER=$DOCKER bash docker/dind/build-base.sh
  rm -rf .onpre/dind/images && mkdir -p .onpre/dind/images
  # One tarball: the three images share their base layers, which are stored once.
  $DOCKER save -o .onpre/dind/images/apps.tar "onpre-lambda/gateway:$TAG" \
    "onpre-lambda/manager:$TAG" "onpre-lambda/standins:$TAG"
  build "onpre-lambda/dind:$TAG" docker/dind/Dockerfile "$base"
}

case "${1:-apps}" in
  apps) build_apps ;;
  dind) build_dind ;;
  *) echo "usage: images-apps.sh [apps|dind]" >&2; exit 2 ;;
esac
echo "images: done in $((SECONDS - started))s"
