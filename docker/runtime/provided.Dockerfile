# Custom-runtime image (provided, provided.al2, provided.al2023 and go1.x), laid out like AWS's
# public.ecr.aws/lambda/provided images: the function's executable `bootstrap` in /var/task (else a
# layer's /opt/bootstrap) runs against the Runtime API that the supervisor serves on 127.0.0.1:9001
# (AWS_LAMBDA_RUNTIME_API); for go1.x (ONPRE_LAMBDA_RUNTIME=go1.x) the handler names the executable.
# The base carries what bootstraps commonly call: bash, curl, ca-certificates. The invoke server is
# the node supervisor, so node comes from NODE_IMAGE. Build context: dist/runtime. Offline builds pass
# locally imported bases (scripts/images-base.sh); the RUN step makes a stock Debian base work too.
ARG BASE_IMAGE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE_IMAGE}
RUN command -v curl >/dev/null || { apt-get update && apt-get install -y --no-install-recommends \
      bash curl ca-certificates && rm -rf /var/lib/apt/lists/*; }
COPY --from=node /usr/local/bin/node /usr/local/bin/node
ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    ONPRE_LAMBDA_RUNTIME=provided \
    AWS_EXECUTION_ENV=AWS_Lambda_provided.al2023 \
    LD_LIBRARY_PATH=/opt/lib:/var/task/lib \
    PATH=/opt/bin:/usr/local/bin:/usr/bin:/bin \
    TZ=:UTC
COPY supervisor.js /var/runtime/
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/var/runtime/supervisor.js"]
CMD ["bootstrap"]
