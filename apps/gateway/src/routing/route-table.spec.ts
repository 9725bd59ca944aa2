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
    ['GET', '/users/a%20b', 'show', { id: 'a b' }],
    ['GET', '/files/a/b/c.txt', 'files', { proxy: 'a/b/c.txt' }],
    ['GET', '/files/dir%2Fname/x', 'files', { proxy: 'dir/name/x' }],
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
      payloadFormat: '2.0',
      pathParameters: { id: '1' },
    });
    expect(table.match('GET', '/users')).toMatchObject({
      payloadFormat: '1.0',
      routeKey: 'GET /users',
    });
  });
});
