import { MalformedHandlerError, moduleCandidates, parseHandler } from './handler-string';

describe('parseHandler', () => {
  it.each([
    ['app.handler', 'app', ['handler']],
    ['index.lambdaHandler', 'index', ['lambdaHandler']],
    ['src/api/app.handler', 'src/api/app', ['handler']],
    ['app.handlers.get', 'app', ['handlers', 'get']],
    ['dir.v2/app.handler', 'dir.v2/app', ['handler']],
    ['  app.handler  ', 'app', ['handler']],
  ])('%s → module %s, export %j', (handler, modulePath, exportPath) => {
    expect(parseHandler(handler)).toEqual({ modulePath, exportPath });
  });

  it.each([
    ['app', 'expected <module>.<function>'],
    ['src/app', 'expected <module>.<function>'],
    ['.handler', 'the module name is empty'],
    ['app.', 'the function name is empty'],
    ['app..handler', 'the function name is empty'],
    ['/etc/app.handler', 'inside the task root'],
    ['../secrets/app.handler', 'inside the task root'],
  ])('rejects %s', (handler, reason) => {
    expect(() => parseHandler(handler)).toThrow(MalformedHandlerError);
    expect(() => parseHandler(handler)).toThrow(reason);
  });

  it('names the error the way Lambda reports it', () => {
    expect(() => parseHandler('nodot')).toThrow(
      expect.objectContaining({ name: 'Runtime.MalformedHandlerName' }),
    );
  });
});

describe('moduleCandidates', () => {
  it('tries .js, .mjs then .cjs under the task root', () => {
    expect(moduleCandidates('/var/task/', 'src/app')).toEqual([
      '/var/task/src/app.js',
      '/var/task/src/app.mjs',
      '/var/task/src/app.cjs',
    ]);
  });
});
