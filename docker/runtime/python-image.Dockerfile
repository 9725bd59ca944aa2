# Base of onpre-lambda/image-python:3.11, the local stand-in for public.ecr.aws/lambda/python:3.x
# in users' own Dockerfiles (PackageType: Image). Those run `pip install -r requirements.txt [-t .]`,
# often as `python3.12 -m pip`: AWS's image has pip and names its interpreter by version. This is the
# builder image (python3, pip, venv) with the interpreter under the names of AWS's python versions
# (it is Debian's 3.11 whatever the name: the generator's warning says so) and pip allowed to install
# into the system site-packages as in AWS's image (Debian marks it externally managed, PEP 668).
# docker/runtime/python.Dockerfile then adds the runtime on top.
ARG BASE_IMAGE=onpre-lambda/build-python:3.11
FROM ${BASE_IMAGE}
RUN for version in 3.8 3.9 3.10 3.12 3.13 3.14; do \
      ln -sf python3 /usr/bin/python$version && ln -sf pip3 /usr/bin/pip$version; done
ENV PIP_BREAK_SYSTEM_PACKAGES=1 PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
