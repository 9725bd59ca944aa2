import { formatDiagnostic, generate, GenerateInput } from '@app/sam-generator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, memoryFiles } from './support';

const EXAMPLE = join(__dirname, '../../../examples/hello-app');

function exampleInput(): GenerateInput {
  return {
    templateFile: 'examples/hello-app/template.yaml',
    templateText: readFileSync(join(EXAMPLE, 'template.yaml'), 'utf8'),
    files: memoryFiles(listFiles(EXAMPLE)),
    pseudo: { stackName: 'hello-app' },
  };
}

describe('generate: the example app', () => {
  const result = generate(exampleInput());

  it('renders the committed Dockerfiles, functions.yml and routing.yml', () => {
    expect(result.errors).toEqual([]);
    expect(result.output?.files).toMatchSnapshot();
  });

  it('has no warnings (its bucket and table are created), and lists what it does not act on', () => {
    expect(result.warnings.map(formatDiagnostic)).toMatchSnapshot();
    expect(result.ignored.map(formatDiagnostic)).toMatchSnapshot();
  });

  it('bundles the functions that ask for esbuild, from their .mjs entry', () => {
    const bundled = result.output?.functions
      .filter((fn) => fn.bundle)
      .map((fn) => [fn.name, fn.bundle?.entryPoints]);
    expect(bundled).toEqual([
      ['files', ['index.mjs']],
      ['items', ['index.mjs']],
      ['invoker', ['index.mjs']],
      ['worker', ['index.mjs']],
    ]);
  });

  it('is deterministic: the same input gives byte-identical files', () => {
    const again = generate(exampleInput());
    expect(JSON.stringify(again.output?.files)).toBe(JSON.stringify(result.output?.files));
  });

  it('swaps base images, image prefix and tag on request', () => {
    const custom = generate({
      ...exampleInput(),
      images: {
        prefix: 'registry.local/app-',
        tag: 'v2',
        baseImages: {
          nodejs: 'public.ecr.aws/lambda/nodejs:20',
          python: 'public.ecr.aws/lambda/python:3.11',
        },
      },
    });
    const files = custom.output?.files ?? {};
    expect(files['functions/hello/Dockerfile']).toContain(
      'ARG BASE_IMAGE=public.ecr.aws/lambda/nodejs:20\n',
    );
    expect(files['functions/greet-py/Dockerfile']).toContain(
      'ARG BASE_IMAGE=public.ecr.aws/lambda/python:3.11\n',
    );
    expect(files['functions.yml']).toContain('image: registry.local/app-greet-py:v2\n');
  });

  it('copies functions.yml defaults through', () => {
    const withDefaults = generate({
      ...exampleInput(),
      defaults: { environment: { AWS_ENDPOINT_URL_S3: '${AWS_ENDPOINT_URL_S3}' } },
    });
    expect(withDefaults.output?.files['functions.yml']).toContain(
      'defaults:\n  environment:\n    AWS_ENDPOINT_URL_S3: ${AWS_ENDPOINT_URL_S3}\nfunctions:\n',
    );
  });
});
