# Node.js Lambda runtime base image, laid out like AWS's public.ecr.aws/lambda/nodejs images:
# function code in /var/task, layers in /opt, the runtime as ENTRYPOINT, the handler as CMD.
# Build context: dist/runtime (npm run build:runtime). Offline builds pass a locally imported base
# (scripts/images-base.sh: --build-arg BASE_IMAGE=onpre-lambda/base-node:20; node 22: base-node:22 and
# NODE_MAJOR=22).
ARG BASE_IMAGE=node:20-bookworm-slim
FROM ${BASE_IMAGE}
# The node major the base carries (layers' /opt/nodejs/node<major>/node_modules, AWS_EXECUTION_ENV).
ARG NODE_MAJOR=20
ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    ONPRE_LAMBDA_RUNTIME=nodejs \
    AWS_EXECUTION_ENV=AWS_Lambda_nodejs${NODE_MAJOR}.x \
    NODE_PATH=/opt/nodejs/node${NODE_MAJOR}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/task/node_modules \
    TZ=:UTC
COPY supervisor.js node-client.js /var/runtime/
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/var/runtime/supervisor.js"]
CMD ["app.handler"]
