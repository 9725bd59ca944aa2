import { RouteTable } from './route-table';

const table = new RouteTable([
  { path: '/users', method: 'GET', function: 'list' },
  { path: '/users/{id}', method: 'GET', function: 'show' },
  { path: '/users/{id}/posts/{postId}', method: 'ANY', function: 'post' },
  { path: '/users/{id}', method: 'ANY', function: 'anyUser', payloadFormat: '2.0' },
  { path: '/files/{proxy+}', method: 'ANY', function: 'files' },
  { path: '/{proxy+}', method: 'POST', function: 'catchAll' },
]);

describe('RouteTable', () => {
  it.each([
    ['GET', '/users', 'list', null],
    ['GET', '/users/42', 'show', { id: '42' }],
    ['PUT', '/users/42', 'anyUser', { id: '42' }],
    ['DELETE', '/users/7/posts/9', 'post', { id: '7', postId: '9' }],
    ['GET', '/users/a%20b', 'show', { id: 'a%20b' }],
    ['PUT', '/users/a%20b', 'anyUser', { id: 'a b' }],
    ['GET', '/files/a/b/c.txt', 'files', { proxy: 'a/b/c.txt' }],
    ['GET', '/files/dir%2Fname/x', 'files', { proxy: 'dir%2Fname/x' }],
    ['POST', '/anything/at/all', 'catchAll', { proxy: 'anything/at/all' }],
  ])('%s %s → %s %j', (method, path, fn, parameters) => {
    expect(table.match(method, path)).toMatchObject({ function: fn, pathParameters: parameters });
  });

  it.each([
    ['GET', '/nothing'],
    ['DELETE', '/users'],
    ['GET', '/files'],
    ['GET', '/files/'],
    ['GET', '/users/'],
    ['GET', '/users/1/extra'],
  ])('%s %s matches nothing', (method, path) => {
    expect(table.match(method, path)).toBeUndefined();
  });

  it('reports resource, routeKey and payload format of the first match', () => {
    expect(table.match('PATCH', '/users/1')).toEqual({
      function: 'anyUser',
      resource: '/users/{id}',
      routeKey: 'ANY /users/{id}',
      method: 'ANY',
      payloadFormat: '2.0',
      pathParameters: { id: '1' },
      api: expect.objectContaining({ kind: 'http', stage: '$default' }),
      stagePrefix: '',
      timeoutMs: 30000,
    });
    expect(table.match('GET', '/users')).toMatchObject({
      payloadFormat: '1.0',
      routeKey: 'GET /users',
    });
  });

  describe('stages', () => {
    const staged = new RouteTable(
      [
        { path: '/items/{id}', method: 'GET', function: 'item', api: 'Rest', timeoutMs: 1500 },
        { path: '/{proxy+}', method: 'ANY', function: 'web', api: 'Http', payloadFormat: '2.0' },
      ],
      {
        Rest: { kind: 'rest', stage: 'Prod', stageVariables: { table: 't1' } },
        Http: { kind: 'http', stage: '$default' },
      },
    );

    it.each([
      ['/Prod/items/7', 'item', '/Prod', { id: '7' }],
      ['/items/7', 'item', '', { id: '7' }],
      ['/Prod/other', 'web', '', { proxy: 'Prod/other' }],
      ['/Prod', 'web', '', { proxy: 'Prod' }],
      ['/x%20y', 'web', '', { proxy: 'x y' }],
    ])('GET %s → %s (prefix %j)', (path, fn, stagePrefix, parameters) => {
      expect(staged.match('GET', path)).toMatchObject({
        function: fn,
        stagePrefix,
        pathParameters: parameters,
      });
    });

    it('carries the API, its stage variables and the route timeout', () => {
      expect(staged.match('GET', '/Prod/items/7')).toMatchObject({
        api: { id: 'Rest', kind: 'rest', stage: 'Prod', stageVariables: { table: 't1' } },
        timeoutMs: 1500,
      });
    });

    it('lists every route of a path, whatever the method', () => {
      expect(staged.matchPath('/items/7').map((match) => match.function)).toEqual(['item', 'web']);
    });
  });
});
