# Ruby Lambda runtime image (ruby3.x on Debian's ruby), laid out like AWS's
# public.ecr.aws/lambda/ruby images: code in /var/task, layers in /opt (/opt/ruby/lib on the load
# path, /opt/ruby/gems as a gem path), bundled gems in /var/task/vendor/bundle. The client is ours
# (ruby/bootstrap.rb, standard library only); the invoke server is the node supervisor, so node comes
# from NODE_IMAGE. Build context: dist/runtime. Offline builds pass locally imported bases
# (scripts/images-base.sh); the RUN step makes a stock Debian base work too.
ARG BASE_IMAGE=debian:bookworm-slim
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE} AS node
FROM ${BASE_IMAGE}
RUN command -v ruby >/dev/null || { apt-get update && apt-get install -y --no-install-recommends \
      ruby ca-certificates && rm -rf /var/lib/apt/lists/*; }
COPY --from=node /usr/local/bin/node /usr/local/bin/node
ENV LAMBDA_TASK_ROOT=/var/task \
    LAMBDA_RUNTIME_DIR=/var/runtime \
    ONPRE_LAMBDA_RUNTIME=ruby \
    AWS_EXECUTION_ENV=AWS_Lambda_ruby3.1 \
    RUBYLIB=/var/task:/var/runtime/ruby/lib:/opt/ruby/lib \
    GEM_PATH=/var/task/vendor/bundle/ruby/3.1.0:/opt/ruby/gems/3.1.0:/var/lib/gems/3.1.0:/usr/share/rubygems-integration/all \
    BUNDLE_PATH=/var/task/vendor/bundle \
    TZ=:UTC
COPY supervisor.js /var/runtime/
COPY ruby/ /var/runtime/ruby/
WORKDIR /var/task
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/node", "/var/runtime/supervisor.js"]
CMD ["app.handler"]
