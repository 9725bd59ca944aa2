import { readRuntimeConfig, type RuntimeFamily } from '../config/runtime-config';
import { bootstrapCandidates, planLaunch, type FileState } from './launch-plan';

const config = (family: RuntimeFamily, handler = 'app.handler', memory = '128') =>
  readRuntimeConfig(
    { ONPRE_LAMBDA_RUNTIME: family, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory },
    [handler],
    new Date('2026-12-01T00:00:00Z'),
    '00'.repeat(16),
  );
const files =
  (states: Record<string, FileState>) =>
  (path: string): FileState =>
    states[path] ?? 'missing';

describe('planLaunch', () => {
  it.each<[RuntimeFamily, string, string[]]>([
    ['nodejs', '/usr/local/bin/node', ['/var/runtime/node-client.js']],
    ['python', 'python3', ['-u', '/var/runtime/python/bootstrap.py']],
    ['ruby', 'ruby', ['/var/runtime/ruby/bootstrap.rb']],
  ])('%s runs our client %s %j', (family, command, args) => {
    expect(planLaunch(config(family), '/usr/local/bin/node', files({}))).toEqual({
      kind: 'run',
      command,
      args,
    });
  });

  it.each<[string, string, string[], unknown]>([
    [
      'exec form, the CMD appended',
      '["/var/task/lambda-handler", "--verbose"]',
      ['app.handler'],
      { command: '/var/task/lambda-handler', args: ['--verbose', 'app.handler'] },
    ],
    ['shell form', '["/bin/sh", "-c", "./lambda-handler"]', [], { command: '/bin/sh' }],
  ])("an image's own ENTRYPOINT (%s) is the runtime, whatever the family", (_l, raw, cmd, plan) => {
    const withEntrypoint = readRuntimeConfig(
      { ONPRE_LAMBDA_RUNTIME: 'provided', ONPRE_LAMBDA_ENTRYPOINT: raw },
      cmd,
      new Date('2026-12-01T00:00:00Z'),
      '00'.repeat(16),
    );
    expect(planLaunch(withEntrypoint, 'node', files({}))).toMatchObject({
      kind: 'run',
      bootstrap: true,
      ...(plan as object),
    });
  });

  it.each(['not json', '[]', '["ok", 3]', '{"a": 1}'])(
    'ONPRE_LAMBDA_ENTRYPOINT %s is a configuration error',
    (raw) => {
      expect(() =>
        readRuntimeConfig(
          { ONPRE_LAMBDA_ENTRYPOINT: raw },
          ['x'],
          new Date('2026-12-01T00:00:00Z'),
          '00'.repeat(16),
        ),
      ).toThrow(/ONPRE_LAMBDA_ENTRYPOINT must be a JSON list of non-empty strings/);
    },
  );

  it('java runs our client on the runtime classpath, heap sized from the memory', () => {
    const plan = planLaunch(config('java', 'example.Hello::handle', '512'), 'node', files({}));
    expect(plan).toMatchObject({ kind: 'run', command: 'java' });
    expect(plan.kind === 'run' && plan.args).toEqual(
      expect.arrayContaining(['-Xmx384m', '-cp', '/var/runtime/java/lib/*']),
    );
    expect(plan.kind === 'run' && plan.args.at(-1)).toBe('onpre.lambda.runtime.Main');
  });

  it.each<[string, Record<string, FileState>, unknown]>([
    [
      'the function bootstrap first',
      { '/var/task/bootstrap': 'executable', '/opt/bootstrap': 'executable' },
      { kind: 'run', command: '/var/task/bootstrap', args: [], bootstrap: true },
    ],
    [
      "a layer's bootstrap when the function has none",
      { '/opt/bootstrap': 'executable' },
      { kind: 'run', command: '/opt/bootstrap', args: [], bootstrap: true },
    ],
    [
      'no bootstrap anywhere',
      {},
      {
        kind: 'invalid',
        error: {
          errorType: 'Runtime.InvalidEntrypoint',
          errorMessage:
            "Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]",
        },
      },
    ],
    [
      'a bootstrap without the execute bit',
      { '/var/task/bootstrap': 'not-executable', '/opt/bootstrap': 'executable' },
      {
        kind: 'invalid',
        error: {
          errorType: 'Runtime.InvalidEntrypoint',
          errorMessage: 'Error: fork/exec /var/task/bootstrap: permission denied',
        },
      },
    ],
  ])('provided: %s', (_case, states, expected) => {
    expect(planLaunch(config('provided', 'bootstrap'), 'node', files(states))).toEqual(expected);
  });

  it('go1.x runs the executable the handler names', () => {
    const states = files({ '/var/task/bin/hello': 'executable' });
    expect(planLaunch(config('go1.x', 'bin/hello'), 'node', states)).toEqual({
      kind: 'run',
      command: '/var/task/bin/hello',
      args: [],
      bootstrap: true,
    });
    expect(planLaunch(config('go1.x', 'missing'), 'node', states)).toMatchObject({
      kind: 'invalid',
      error: { errorMessage: "Error: Couldn't find valid bootstrap(s): [/var/task/missing]" },
    });
  });

  it.each(['../etc/passwd', '/bin/sh'])(
    'go1.x refuses a handler outside the task root: %s',
    (h) => {
      expect(bootstrapCandidates(config('go1.x', h))).toEqual([]);
      expect(planLaunch(config('go1.x', h), 'node', () => 'executable')).toMatchObject({
        kind: 'invalid',
        error: { errorType: 'Runtime.InvalidEntrypoint' },
      });
    },
  );
});
