# The Gateway image. Build with `npm run images:apps` (it builds dist/ and the pruned production
# node_modules on the host first: no registry is needed inside the build).
# BASE_IMAGE: any image with node 20 at /usr/local/bin/node (the public default, or the locally
# imported onpre-lambda/base-node:20). The runtime stage needs no shell and no npm.
ARG BASE_IMAGE=node:20-bookworm-slim

# Stage 1: assemble /app (production node_modules shared with the Manager image, then the app).
FROM ${BASE_IMAGE} AS assemble
WORKDIR /app
COPY .onpre/image/node_modules ./node_modules
COPY dist/apps/gateway ./dist
# Writable state (the self-signed certificate) lives under /app/.onpre, owned by the app user.
RUN ["node", "-e", "require('fs').mkdirSync('/app/.onpre/tls', { recursive: true })"]

# Stage 2: the runtime image.
FROM ${BASE_IMAGE}
WORKDIR /app
# node_modules first: the layer is identical in both app images, so it is stored once.
COPY --from=assemble /app/node_modules ./node_modules
COPY --from=assemble /app/dist ./dist
COPY --from=assemble --chown=65534:65534 /app/.onpre ./.onpre
ENV NODE_ENV=production GATEWAY_PORT=8443 GATEWAY_HOST=0.0.0.0
USER 65534:65534
EXPOSE 8443
# HTTPS first (self-signed, so unverified), plain HTTP when GATEWAY_TLS=false.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "-e", "const o={host:'127.0.0.1',port:process.env.GATEWAY_PORT,path:'/health/live',rejectUnauthorized:false,timeout:2500};const ok=(r)=>process.exit(r.statusCode===200?0:1);require('https').get(o,ok).on('error',()=>require('http').get(o,ok).on('error',()=>process.exit(1)))"]
CMD ["node", "dist/apps/gateway/src/main.js"]
