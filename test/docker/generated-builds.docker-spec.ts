import { INVOKE_PATH, RUNTIME_READY_PATH } from '@app/contracts';
import type Docker from 'dockerode';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { publishedPort, testDocker } from '../support/docker';
import { runCommand } from './packaging-support';

jest.setTimeout(600_000);

/**
 * A SAM app whose functions need what `sam build` does — pip dependencies, npm dependencies, a Go
 * compile — and image functions whose own Dockerfiles install dependencies the way AWS's templates
 * do (`FROM public.ecr.aws/lambda/nodejs:20` + `RUN npm install`, `FROM …/python:3.12` + `RUN
 * python3.12 -m pip install -r requirements.txt -t .` or `pip install` into site-packages):
 * generated, built with `build:functions` on the builder and image-function bases, then invoked for
 * real. Dependencies are local packages (a setup.py folder for pip, a `file:` package for npm) so the
 * build needs no package index.
 */
const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GenbuildPy:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: py
      Handler: app.handler
      Runtime: python3.11
  GenbuildNode:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: node
      Handler: app.handler
      Runtime: nodejs20.x
  GenbuildGo:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: go1.x
    Properties:
      CodeUri: go
      Handler: bootstrap
      Runtime: provided.al2023
  GenbuildNodeImage:
    Type: AWS::Serverless::Function
    Metadata:
      Dockerfile: Dockerfile
      DockerContext: node-image
    Properties:
      PackageType: Image
  GenbuildPyImage:
    Type: AWS::Serverless::Function
    Metadata:
      Dockerfile: Dockerfile
      DockerContext: py-image
    Properties:
      PackageType: Image
  GenbuildPySiteImage:
    Type: AWS::Serverless::Function
    Metadata:
      Dockerfile: Dockerfile.site
      DockerContext: py-image
    Properties:
      PackageType: Image
  GenbuildGoImage:
    Type: AWS::Serverless::Function
    Metadata:
      Dockerfile: Dockerfile
      DockerContext: go-image
    Properties:
      PackageType: Image
`;

const FILES: Record<string, string> = {
  'template.yaml': TEMPLATE,
  'py/requirements.txt': './vendor/greeting\n',
  'py/vendor/greeting/setup.py':
    "from setuptools import setup\nsetup(name='greeting', version='1.0', py_modules=['greeting'])\n",
  'py/vendor/greeting/greeting.py': "def greet(name):\n    return f'hello {name} from pip'\n",
  'py/app.py':
    'import greeting\n\ndef handler(event, context):\n    return {"greeting": greeting.greet(event["name"]), "fn": context.function_name}\n',
  'node/package.json': JSON.stringify({
    name: 'genbuild-node',
    version: '1.0.0',
    dependencies: { 'genbuild-greet': 'file:./lib/greet' },
  }),
  'node/lib/greet/package.json': JSON.stringify({ name: 'genbuild-greet', version: '1.0.0' }),
  'node/lib/greet/index.js': 'exports.greet = (name) => `hello ${name} from npm`;\n',
  'node/app.js':
    "const { greet } = require('genbuild-greet');\nexports.handler = async (event, context) => ({ greeting: greet(event.name), fn: context.functionName });\n",
  // Image functions as AWS's own app templates write them: AWS base image, then the package manager.
  'node-image/Dockerfile':
    'FROM public.ecr.aws/lambda/nodejs:20\nCOPY app.js package.json ./\nCOPY lib/ ./lib/\nRUN npm install\nCMD ["app.handler"]\n',
  'node-image/package.json': JSON.stringify({
    name: 'genbuild-node-image',
    version: '1.0.0',
    dependencies: { 'genbuild-greet': 'file:./lib/greet' },
  }),
  'node-image/lib/greet/package.json': JSON.stringify({ name: 'genbuild-greet', version: '1.0.0' }),
  'node-image/lib/greet/index.js': 'exports.greet = (name) => `hello ${name} from npm`;\n',
  'node-image/app.js':
    "const { greet } = require('genbuild-greet');\nexports.handler = async (event, context) => ({ greeting: greet(event.name), fn: context.functionName });\n",
  // -t . into the task root (AWS's python3.12 app template) …
  'py-image/Dockerfile':
    'FROM public.ecr.aws/lambda/python:3.12\nCOPY app.py requirements.txt ./\nCOPY vendor/ ./vendor/\nRUN python3.12 -m pip install -r requirements.txt -t .\nCMD ["app.handler"]\n',
  // … or into the image's site-packages (AWS's python image docs: pip install -r requirements.txt).
  'py-image/Dockerfile.site':
    'FROM public.ecr.aws/lambda/python:3.12\nCOPY requirements.txt ${LAMBDA_TASK_ROOT}/\nCOPY vendor/ ${LAMBDA_TASK_ROOT}/vendor/\nWORKDIR ${LAMBDA_TASK_ROOT}\nRUN pip install -r requirements.txt\nRUN rm -rf vendor\nCOPY app.py ${LAMBDA_TASK_ROOT}/\nCMD ["app.handler"]\n',
  'py-image/requirements.txt': './vendor/greeting\n',
  'py-image/vendor/greeting/setup.py':
    "from setuptools import setup\nsetup(name='greeting', version='1.0', py_modules=['greeting'])\n",
  'py-image/vendor/greeting/greeting.py': "def greet(name):\n    return f'hello {name} from pip'\n",
  'py-image/app.py':
    'import greeting\n\ndef handler(event, context):\n    return {"greeting": greeting.greet(event["name"]), "fn": context.function_name}\n',
  // AWS's al2023 Go image template: compiled in ECR Public's golang image, the binary as ENTRYPOINT.
  'go-image/Dockerfile':
    'FROM public.ecr.aws/docker/library/golang:1.19 as build-image\nWORKDIR /src\nCOPY go.mod main.go ./\nRUN go build -o lambda-handler\nFROM public.ecr.aws/lambda/provided:al2023\nCOPY --from=build-image /src/lambda-handler .\nENTRYPOINT ./lambda-handler\n',
  'go-image/go.mod': 'module genbuild\n\ngo 1.19\n',
  'go/go.mod': 'module genbuild\n\ngo 1.19\n',
  // A stdlib-only custom runtime: the Runtime API loop by hand, as a provided.al2023 bootstrap.
  'go/main.go': `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

func main() {
	api := "http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + "/2018-06-01/runtime/invocation/"
	for {
		resp, err := http.Get(api + "next")
		if err != nil {
			panic(err)
		}
		var event map[string]string
		json.NewDecoder(resp.Body).Decode(&event)
		resp.Body.Close()
		id := resp.Header.Get("Lambda-Runtime-Aws-Request-Id")
		body, _ := json.Marshal(map[string]string{
			"greeting": fmt.Sprintf("hello %s from go", event["name"]),
			"fn":       os.Getenv("AWS_LAMBDA_FUNCTION_NAME"),
		})
		http.Post(api+id+"/response", "application/json", bytes.NewReader(body))
	}
}
`,
};

FILES['go-image/main.go'] = FILES['go/main.go'];

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const status = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status !== 0 && status !== 503) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url} not ready within 20 s`);
}

const IMAGES = [
  'genbuildgoimage',
  'genbuildpy',
  'genbuildnode',
  'genbuildgo',
  'genbuildnodeimage',
  'genbuildpyimage',
  'genbuildpysiteimage',
];

/** `npm run generate` / `npm run build:functions` without npm: the runner those scripts use. */
const runScript = (script: 'generate' | 'build-functions', args: string[]) =>
  runCommand(process.execPath, ['scripts/generate-runner.mjs', `scripts/${script}.ts`, ...args]);

describe('generated builder stages and AWS-style image Dockerfiles: dependencies and compiles, built offline and invoked for real', () => {
  const docker = testDocker();
  const prefix = `onpre-lambda/genbuild-${process.pid}-`;
  const containers: Docker.Container[] = [];
  let app: string;
  let build: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    app = mkdtempSync(join(tmpdir(), 'genbuild-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      writeFileSync(join(app, path), text);
    }
    const out = join(app, 'build/app');
    const generated = await runScript('generate', [
      '--template',
      join(app, 'template.yaml'),
      '--out',
      out,
      '--image-prefix',
      prefix,
    ]);
    expect(generated.code).toBe(0);
    // The only thing said: each image function's AWS base image is built from our local one.
    expect(generated.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /GenbuildNodeImage: AWS base image\(s\) built .*nodejs:20 → onpre-lambda\/image-nodejs:20/,
      ),
      expect.stringMatching(
        /GenbuildPyImage: AWS base image\(s\) built .*python:3\.12 → onpre-lambda\/image-python:3\.11/,
      ),
      expect.stringMatching(/GenbuildPySiteImage: AWS base image\(s\) built /),
      expect.stringMatching(
        /GenbuildGoImage: AWS base image\(s\) built .*golang:1\.19 → onpre-lambda\/build-go:latest, public\.ecr\.aws\/lambda\/provided:al2023 → onpre-lambda\/runtime-provided:al2023/,
      ),
    ]);
    build = await runScript('build-functions', ['--out', out]);
  });

  afterAll(async () => {
    await Promise.all(containers.map((c) => c.remove({ force: true }).catch(() => undefined)));
    for (const name of IMAGES)
      await docker
        .getImage(`${prefix}${name}:latest`)
        .remove({ force: true })
        .catch(() => undefined);
    rmSync(app, { recursive: true, force: true });
  });

  it('builds every function image, with progress per step', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('build:functions: 7 images');
    expect(build.stdout).toMatch(/Step \d+\/\d+ : RUN .*pip install/);
    expect(build.stdout).toMatch(/Step \d+\/\d+ : RUN npm install --omit=dev/);
    expect(build.stdout).toMatch(/Step \d+\/\d+ : RUN .*go build/);
    expect(build.stdout).toContain('FROM onpre-lambda/image-nodejs:20');
    expect(build.stdout).toContain('FROM onpre-lambda/image-python:3.11');
    expect(build.stdout).toMatch(/Step \d+\/\d+ : RUN npm install\n/);
    expect(build.stdout).toMatch(
      /Step \d+\/\d+ : RUN python3\.12 -m pip install -r requirements\.txt -t \./,
    );
  });

  it.each([
    ['GenbuildPy', 'genbuildpy', 'hello py from pip'],
    ['GenbuildNode', 'genbuildnode', 'hello node from npm'],
    ['GenbuildGo', 'genbuildgo', 'hello go from go'],
    ['GenbuildNodeImage', 'genbuildnodeimage', 'hello node from npm'],
    ['GenbuildPyImage', 'genbuildpyimage', 'hello py from pip'],
    ['GenbuildPySiteImage', 'genbuildpysiteimage', 'hello py from pip'],
    ['GenbuildGoImage', 'genbuildgoimage', 'hello go from go'],
  ])('%s answers with its dependency / compiled code', async (fn, image, greeting) => {
    const container = await docker.createContainer({
      Image: `${prefix}${image}:latest`,
      Env: [`AWS_LAMBDA_FUNCTION_NAME=${fn}`],
      ExposedPorts: { '8080/tcp': {} },
      User: '993:990',
      HostConfig: {
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=64m' },
        CapDrop: ['ALL'],
      },
    });
    containers.push(container);
    await container.start();
    const base = `http://127.0.0.1:${await publishedPort(container)}`;
    await waitReady(`${base}${RUNTIME_READY_PATH}`);
    const response = await fetch(`${base}${INVOKE_PATH}`, {
      method: 'POST',
      body: JSON.stringify({ name: greeting.split(' ')[1] }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ greeting, fn });
  });
});
