import { baseImageFor, chooseRuntime, RuntimeChoice } from '@app/sam-generator';
import { generateText, withFunction } from './support';

const IMAGE = 'onpre-lambda/runtime-';

describe('chooseRuntime: every declared runtime runs on a named image', () => {
  const built = {
    nodeMajors: [20, 22],
    pythonVersion: '3.11',
    rubyVersion: '3.1',
    javaVersions: [17, 21],
  };

  it.each([
    ['nodejs20.x', 'nodejs', `${IMAGE}nodejs:20`, undefined],
    ['nodejs22.x', 'nodejs', `${IMAGE}nodejs:22`, undefined],
    [
      'nodejs18.x',
      'nodejs',
      `${IMAGE}nodejs:20`,
      'no Node.js 18 image is built here; the function runs on Node.js 20',
    ],
    ['nodejs24.x', 'nodejs', `${IMAGE}nodejs:22`, 'runs on Node.js 22'],
    ['nodejs21.x', 'nodejs', `${IMAGE}nodejs:22`, 'runs on Node.js 22'],
    ['nodejs4.3', 'nodejs', `${IMAGE}nodejs:20`, 'runs on Node.js 20'],
    ['python3.11', 'python', `${IMAGE}python:3.11`, undefined],
    [
      'python3.13',
      'python',
      `${IMAGE}python:3.11`,
      'no Python 3.13 image is built here; the function runs on Python 3.11',
    ],
    ['provided', 'provided', `${IMAGE}provided:al2023`, undefined],
    ['provided.al2', 'provided', `${IMAGE}provided:al2023`, undefined],
    ['provided.al2023', 'provided', `${IMAGE}provided:al2023`, undefined],
    ['go1.x', 'provided', `${IMAGE}provided:al2023`, undefined],
    ['ruby3.1', 'ruby', `${IMAGE}ruby:3`, undefined],
    [
      'ruby3.3',
      'ruby',
      `${IMAGE}ruby:3`,
      'no Ruby 3.3 image is built here; the function runs on Ruby 3.1',
    ],
    ['ruby3.4', 'ruby', `${IMAGE}ruby:3`, 'runs on Ruby 3.1'],
    [
      'ruby2.7',
      'ruby',
      `${IMAGE}ruby:3`,
      'no Ruby 2.7 image is built here; the function runs on Ruby 3.1',
    ],
    ['java17', 'java', `${IMAGE}java:17`, undefined],
    ['java21', 'java', `${IMAGE}java:21`, undefined],
    [
      'java11',
      'java',
      `${IMAGE}java:17`,
      'no Java 11 image is built here; the function runs on Java 17',
    ],
    ['java8.al2', 'java', `${IMAGE}java:17`, 'runs on Java 17'],
    ['java25', 'java', `${IMAGE}java:21`, 'runs on Java 21'],
  ])('%s → %s on %s', (runtime, family, baseImage, warning) => {
    const choice = chooseRuntime(runtime, built) as RuntimeChoice;
    expect(choice).toMatchObject({ runtime, family, baseImage });
    if (warning) expect(choice.warning).toContain(warning);
    else expect(choice.warning).toBeUndefined();
  });

  it('uses only the images that are built (nearest node major; ties go to the newer one)', () => {
    const onlyTwenty = {
      nodeMajors: [20],
      pythonVersion: '3.11',
      rubyVersion: '3.1',
      javaVersions: [17],
    };
    expect(chooseRuntime('nodejs22.x', onlyTwenty)).toMatchObject({
      baseImage: `${IMAGE}nodejs:20`,
      warning: expect.stringContaining(`runs on Node.js 20 (${IMAGE}nodejs:20)`),
    });
    expect(chooseRuntime('nodejs21.x', { ...onlyTwenty, nodeMajors: [20, 22] })).toMatchObject({
      baseImage: `${IMAGE}nodejs:22`,
    });
  });

  it.each([
    ['dotnet8', 'no .NET runtime image'],
    ['dotnetcore3.1', 'no .NET runtime image'],
    ['python2.7', "runtime 'python2.7' cannot run here"],
    ['cobol', "runtime 'cobol' cannot run here"],
  ])('%s is an error that suggests an image function', (runtime, message) => {
    const result = chooseRuntime(runtime, built);
    expect(result).toEqual({ error: expect.stringContaining(message) });
    expect((result as { error: string }).error).toContain('PackageType: Image');
  });
});

describe('baseImageFor: overrides by exact runtime, then family, then every runtime', () => {
  const choice = chooseRuntime('nodejs18.x') as RuntimeChoice;
  it.each([
    [{}, choice.baseImage, false],
    [{ '*': 'all:1' }, 'all:1', true],
    [{ '*': 'all:1', nodejs: 'node:1' }, 'node:1', true],
    [{ nodejs: 'node:1', 'nodejs18.x': 'node18:1' }, 'node18:1', true],
    [{ python: 'py:1' }, choice.baseImage, false],
  ])('%j → %s', (overrides, image, overridden) => {
    expect(baseImageFor(choice, overrides)).toEqual({ image, overridden });
  });
});

describe('generate: the runtime decides the Dockerfile base and is never changed silently', () => {
  it.each([
    ['nodejs18.x', 'index.handler', ['src/index.js'], 'nodejs:20', 1],
    ['nodejs20.x', 'index.handler', ['src/index.js'], 'nodejs:20', 0],
    ['python3.9', 'app.handler', ['src/app.py'], 'python:3.11', 1],
    ['go1.x', 'hello-world', ['src/main.go'], 'provided:al2023', 0],
    ['provided.al2', 'bootstrap', ['src/bootstrap'], 'provided:al2023', 0],
    ['ruby3.3', 'app.lambda_handler', ['src/app.rb'], 'ruby:3', 1],
    ['ruby3.1', 'lib/app.Greeter::Handler.process', ['src/lib/app.rb'], 'ruby:3', 0],
    ['java21', 'hello.App::handleRequest', ['src/hello/App.class'], 'java:17', 1],
    ['java17', 'hello.App', ['src/x'], 'java:17', 0],
  ])('%s %s → runtime-%s with %d warning(s)', (runtime, handler, files, image, warnings) => {
    const result = generateText(
      withFunction('CodeUri: src', `Handler: ${handler}`, `Runtime: ${runtime}`),
      files,
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => [w.line, w.logicalId])).toEqual(warnings ? [[8, 'Fn']] : []);
    expect(result.output?.files['functions/Fn/Dockerfile']).toContain(
      `ARG BASE_IMAGE=${IMAGE}${image}\n`,
    );
    expect(result.output?.files['functions.yml']).toContain(`runtime: ${runtime}\n`);
  });

  it('an override is the user choice: no version warning', () => {
    const result = generateText(
      withFunction('CodeUri: src', 'Handler: index.handler', 'Runtime: nodejs16.x'),
      ['src/index.js'],
      {
        images: {
          prefix: 'p-',
          tag: 't',
          baseImages: { nodejs: 'public.ecr.aws/lambda/nodejs:16' },
        },
      },
    );
    expect(result.warnings).toEqual([]);
    expect(result.output?.files['functions/Fn/Dockerfile']).toContain(
      'ARG BASE_IMAGE=public.ecr.aws/lambda/nodejs:16\n',
    );
  });

  it.each([
    ['dotnet8', 'Hello::Hello.Function::Handler', "Fn: runtime 'dotnet8' cannot run here"],
    ['java17', 'not a class!', "Handler 'not a class!' must look like <package>.<Class>::<method>"],
    ['ruby3.3', 'app', "Handler 'app' must look like <file>.<method>"],
    ['ruby3.3', 'missing.handler', 'handler file not found: expected src/missing.rb'],
  ])('%s %s is an error naming the function and line', (runtime, handler, message) => {
    const result = generateText(
      withFunction('CodeUri: src', `Handler: ${handler}`, `Runtime: ${runtime}`),
      ['src/app.rb'],
    );
    expect(result.errors.map((e) => `${e.logicalId}: ${e.message}`).join('\n')).toContain(
      message.replace(/^Fn: /, ''),
    );
    expect(result.errors[0]).toMatchObject({ file: 'template.yaml', logicalId: 'Fn' });
    expect(result.errors[0].line).toBeGreaterThanOrEqual(6);
  });
});
