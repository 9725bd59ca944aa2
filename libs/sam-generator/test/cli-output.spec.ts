import { declaredBaseImage, FunctionSpec } from '@app/sam-generator';
import { summarizeFunctions } from '../src/summary';

const base: FunctionSpec = {
  logicalId: 'Fn',
  name: 'fn',
  runtime: 'nodejs20.x',
  family: 'nodejs',
  handler: 'index.handler',
  codeUri: 'src',
  timeout: 3,
  memorySize: 128,
  environment: {},
  layers: [],
  routes: [],
};

describe('summarizeFunctions', () => {
  it('lists functions by name with runtime, packaging and routes', () => {
    const route = {
      payloadFormat: '1.0' as const,
      function: 'hello',
      logicalId: 'H',
      eventId: 'E',
    };
    expect(
      summarizeFunctions([
        {
          ...base,
          name: 'worker',
          bundle: {
            entryPoints: ['index.mjs'],
            format: 'cjs',
            minify: false,
            target: 'node20',
            external: [],
          },
        },
        {
          ...base,
          name: 'hello',
          runtime: 'python3.11',
          routes: [
            { ...route, method: 'GET', path: '/hello' },
            { ...route, method: 'ANY', path: '/{proxy+}' },
          ],
        },
      ]),
    ).toEqual([
      '  hello   python3.11, copied: GET /hello, ANY /{proxy+}',
      '  worker  nodejs20.x, esbuild bundle: (no routes; invoke only)',
    ]);
  });
});

describe('declaredBaseImage', () => {
  it.each([
    [
      'ARG BASE_IMAGE=onpre-lambda/runtime-nodejs:20\nFROM ${BASE_IMAGE}\n',
      'onpre-lambda/runtime-nodejs:20',
    ],
    [
      '# x\nARG BASE_IMAGE=public.ecr.aws/lambda/python:3.11\n',
      'public.ecr.aws/lambda/python:3.11',
    ],
    ['FROM node:20\n', undefined],
  ])('%j → %s', (dockerfile, expected) => {
    expect(declaredBaseImage(dockerfile)).toBe(expected);
  });
});
