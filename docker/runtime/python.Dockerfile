# Python Lambda runtime base image, laid out like AWS's public.ecr.aws/lambda/python images:
# function code in /var/task, layers in /opt (/opt/python on the import path), the runtime as
# ENTRYPOINT, the handler as CMD. The invoke server is the same node supervisor as in the nodejs
# image, so the node binary comes from NODE_IMAGE. Build context: dist/runtime. Offline builds pass
# locally imported bases (scripts/images-base.sh).
ARG BASE_IMAGE=python:3.11-slim-bookworm
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE_IMAGE}
COPY --from=node /usr/local/bin/node /usr/local/bin/node
ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    ONPRE_LAMBDA_RUNTIME=python \
    AWS_EXECUTION_ENV=AWS_Lambda_python3.11 \
    PYTHONPATH=/opt/python/lib/python3.11/site-packages:/opt/python \
    PYTHONUNBUFFERED=1 \
    TZ=:UTC
COPY supervisor.js /var/runtime/
COPY python/bootstrap.py /var/runtime/python/
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/var/runtime/supervisor.js"]
CMD ["app.handler"]
