# Builder image for node functions' dependency installs (npm ci / npm install --omit=dev) in
# generated multi-stage Dockerfiles: a Debian base with a shell, node from NODE_IMAGE and npm from
# the build context (scripts/images-base.sh stages the host's npm). Offline builds pass locally
# imported bases; `node:20-bookworm` serves the same purpose on the internet.
ARG BASE_IMAGE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE_IMAGE}
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY npm/ /usr/local/lib/node_modules/npm/
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false
WORKDIR /build
