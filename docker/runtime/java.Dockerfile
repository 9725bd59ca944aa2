# Java Lambda runtime image (java17; java21 and others run here on 17, see docs/runtimes.md), laid out
# like AWS's public.ecr.aws/lambda/java images: the classpath is /var/task, /var/task/lib/*.jar and
# /opt/java/lib/*.jar. The client is ours (java/src, JDK plus Debian's Jackson for POJO mapping),
# compiled here; the com.amazonaws.services.lambda.runtime interfaces are ours too, used only when
# the function does not bundle aws-lambda-java-core. The invoke server is the node supervisor, so
# node comes from NODE_IMAGE. Build context: dist/runtime. Offline builds pass locally imported bases
# (scripts/images-base.sh); the RUN step makes a stock Debian base work too.
ARG BASE_IMAGE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE_IMAGE}
RUN command -v javac >/dev/null || { apt-get update && apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless libjackson2-databind-java ca-certificates && rm -rf /var/lib/apt/lists/*; }
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY java/ /tmp/java/
RUN sh /tmp/java/build.sh /var/runtime/java && rm -rf /tmp/java
ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    ONPRE_LAMBDA_RUNTIME=java \
    AWS_EXECUTION_ENV=AWS_Lambda_java17 \
    TZ=:UTC
COPY supervisor.js /var/runtime/
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/var/runtime/supervisor.js"]
CMD ["example.Handler::handleRequest"]
