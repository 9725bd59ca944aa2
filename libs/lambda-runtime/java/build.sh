#!/bin/sh
# Compiles the Java runtime client into $1 (LAMBDA_RUNTIME_DIR/java), in the image build:
#   lib/onpre-lambda-runtime.jar + Debian's Jackson jars   the client (the JVM's classpath)
#   user/onpre-lambda-bridge.jar                           Context/LambdaLogger implementations,
#                                                          loaded with the function's classes
#   user/aws-lambda-java-core.jar                          the interfaces, for functions without them
set -eu
out=$1
src=$(cd "$(dirname "$0")" && pwd)
java=/usr/share/java
jackson="$java/jackson-databind.jar:$java/jackson-core.jar:$java/jackson-annotations.jar"
work=$(mktemp -d)
mkdir -p "$out/lib" "$out/user" "$work/api" "$work/bridge" "$work/core"
javac -nowarn --release 17 -d "$work/api" $(find "$src/api" -name '*.java')
javac -nowarn --release 17 -d "$work/bridge" -cp "$work/api" $(find "$src/bridge" -name '*.java')
javac -nowarn --release 17 -d "$work/core" -cp "$jackson" $(find "$src/core" -name '*.java')
jar cf "$out/user/aws-lambda-java-core.jar" -C "$work/api" .
jar cf "$out/user/onpre-lambda-bridge.jar" -C "$work/bridge" .
jar cf "$out/lib/onpre-lambda-runtime.jar" -C "$work/core" .
for name in jackson-databind jackson-core jackson-annotations; do
  ln -sf "$java/$name.jar" "$out/lib/$name.jar"
done
rm -rf "$work"
