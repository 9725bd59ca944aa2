import {
  DEFAULT_IMAGE_OPTIONS,
  GENERATE_FLAGS,
  parseFlags,
  resolveGeneratorOptions,
  UsageError,
} from '@app/sam-generator';

const CONFIG = {
  path: 'examples/app/generator.yml',
  text: [
    'template: template.yaml',
    'out: ../../.onpre/app',
    'stackName: app',
    'region: eu-west-1',
    "accountId: '000000000001'",
    'parameters: { Stage: dev, Size: 3 }',
    'images: { prefix: my/fn-, tag: dev, base: my/base:1, baseImages: { python: my/py:3 } }',
    'defaults: { environment: { A: b } }',
  ].join('\n'),
};

describe('parseFlags', () => {
  it.each([
    [['--template', 't.yaml'], { template: ['t.yaml'] }],
    [['--param=A=1', '--param', 'B=2'], { param: ['A=1', 'B=2'] }],
    [[], {}],
  ])('%j', (argv, expected) => {
    expect(parseFlags(argv, GENERATE_FLAGS)).toEqual(expected);
  });

  it.each([
    [['--nope', 'x'], "unknown argument '--nope'"],
    [['template.yaml'], "unknown argument 'template.yaml'"],
    [['--out'], '--out needs a value'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseFlags(argv, GENERATE_FLAGS)).toThrow(new UsageError(message).message);
  });
});

describe('resolveGeneratorOptions', () => {
  it('reads generator.yml with paths relative to it', () => {
    expect(resolveGeneratorOptions({}, CONFIG)).toEqual({
      template: 'examples/app/template.yaml',
      out: '.onpre/app',
      parameters: { Stage: 'dev', Size: '3' },
      pseudo: { region: 'eu-west-1', stackName: 'app', accountId: '000000000001' },
      images: {
        prefix: 'my/fn-',
        tag: 'dev',
        baseImages: { '*': 'my/base:1', python: 'my/py:3' },
      },
      defaults: { environment: { A: 'b' } },
    });
  });

  it('lets flags win over the file', () => {
    const flags = parseFlags(
      [
        '--out',
        'elsewhere',
        '--param',
        'Stage=prod',
        '--base-image',
        'nodejs=aws/node:20',
        '--image-tag',
        't',
      ],
      GENERATE_FLAGS,
    );
    const options = resolveGeneratorOptions(flags, CONFIG);
    expect(options).toMatchObject({
      out: 'elsewhere',
      parameters: { Stage: 'prod', Size: '3' },
      images: { tag: 't', baseImages: { nodejs: 'aws/node:20', python: 'my/py:3' } },
    });
  });

  it('works from flags alone, with defaults', () => {
    const flags = parseFlags(
      ['--template', 't.yaml', '--out', 'o', '--base-image', 'x/y:1'],
      GENERATE_FLAGS,
    );
    expect(resolveGeneratorOptions(flags)).toEqual({
      template: 't.yaml',
      out: 'o',
      parameters: {},
      pseudo: {},
      images: { ...DEFAULT_IMAGE_OPTIONS, baseImages: { '*': 'x/y:1' } },
    });
  });

  it.each([
    [[], 'no template'],
    [['--template', 't.yaml'], 'no output directory'],
    [
      ['--template', 't', '--out', 'o', '--param', 'novalue'],
      "--param expects KEY=VALUE, got 'novalue'",
    ],
  ])('rejects %j', (argv, message) => {
    expect(() => resolveGeneratorOptions(parseFlags(argv, GENERATE_FLAGS))).toThrow(message);
  });

  it('rejects a generator.yml that is not a mapping', () => {
    expect(() => resolveGeneratorOptions({}, { path: 'g.yml', text: '- a' })).toThrow(
      'g.yml is not a YAML mapping',
    );
  });
});
