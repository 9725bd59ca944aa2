import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LambdaAuthorizerDefinition, RoutingFile } from '@app/contracts';

/** Writes a whole routing file (routes with auth, authorizers, keys, plans); returns its path. */
export function writeSecuredRoutingFile(file: RoutingFile): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gateway-secured-')), 'routing.yml');
  writeFileSync(path, JSON.stringify(file));
  return path;
}

/** A REST TOKEN authorizer reading the Authorization header, answers cached 300 s. */
export const TOKEN_AUTHORIZER: LambdaAuthorizerDefinition = {
  type: 'lambda',
  api: 'rest',
  function: 'auth',
  payloadType: 'TOKEN',
  identitySource: ['method.request.header.Authorization'],
  ttlSeconds: 300,
};
