# The Manager image. Build with `npm run images:apps` (it builds dist/ and the pruned production
# node_modules on the host first: no registry is needed inside the build).
# BASE_IMAGE: any image with node 20 at /usr/local/bin/node (the public default, or the locally
# imported onpre-lambda/base-node:20). The runtime stage needs no shell and no npm.
# The Manager runs as an unprivileged user; give it the Docker socket's group at run time
# (`group_add: [${DOCKER_GID}]` in Compose, `--group-add` with docker run).
ARG BASE_IMAGE=node:20-bookworm-slim

# Stage 1: assemble /app (production node_modules shared with the Gateway image, then the app).
FROM ${BASE_IMAGE} AS assemble
WORKDIR /app
COPY .onpre/image/node_modules ./node_modules
COPY dist/apps/manager ./dist
# The durable async queue and schedule runs (DATA_DIR); mount a volume here to keep them.
RUN ["node", "-e", "require('fs').mkdirSync('/app/.onpre/manager-data', { recursive: true })"]

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
WORKDIR /app
# node_modules first: the layer is identical in both app images, so it is stored once.
COPY --from=assemble /app/node_modules ./node_modules
COPY --from=assemble /app/dist ./dist
COPY --from=assemble --chown=65534:65534 /app/.onpre ./.onpre
ENV NODE_ENV=production MANAGER_PORT=8081 MANAGER_HOST=0.0.0.0 ADDRESS_MODE=network \
    DATA_DIR=/app/.onpre/manager-data
USER 65534:65534
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "-e", "require('http').get({host:['','0.0.0.0','::'].includes(process.env.MANAGER_HOST||'')?'127.0.0.1':process.env.MANAGER_HOST,port:process.env.MANAGER_PORT,path:'/health/live',timeout:2500},(r)=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
CMD ["node", "dist/apps/manager/src/main.js"]
