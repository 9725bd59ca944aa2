# Builder image for Java functions' `Metadata.BuildMethod: makefile` builds in generated multi-stage
# Dockerfiles: Debian's OpenJDK 17 (javac, jar) and make, plus the aws-lambda-java-core interfaces
# (ours, compiled in the java runtime image) at /usr/share/java/aws-lambda-java-core.jar, where
# Debian keeps jars, so a Makefile can compile handlers against them without Maven's repository.
ARG BASE_IMAGE=onpre-lambda/base-java:17
ARG RUNTIME_IMAGE=onpre-lambda/runtime-java:17
FROM ${RUNTIME_IMAGE} AS runtime
FROM ${BASE_IMAGE}
RUN command -v make >/dev/null || { apt-get update && apt-get install -y --no-install-recommends \
      make && rm -rf /var/lib/apt/lists/*; }
COPY --from=runtime /var/runtime/java/user/aws-lambda-java-core.jar /usr/share/java/aws-lambda-java-core.jar
WORKDIR /build
