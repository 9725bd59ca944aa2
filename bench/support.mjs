// Helpers shared by the benchmark scripts.
import { createServer } from 'node:net';
import { Agent, request } from 'undici';

/** HTTPS to the Gateway's self-signed certificate. */
export const INSECURE = new Agent({ connect: { rejectUnauthorized: false } });

/**
 * A benchmark's command line, `[count] [--json <file>] [--<flag> <value>]…`: the count (else
 * `fallback`), the --json file, and every flag's values in order.
 */
export function benchArguments(fallback, argv = process.argv.slice(2)) {
  const flags = {};
  let count = fallback;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index].startsWith('--')) (flags[argv[index].slice(2)] ??= []).push(argv[++index]);
    else count = Number(argv[index]);
  }
  return { count, json: flags.json?.[0], flags };
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 100 ms (up to 30 s) until it resolves truthy. */
export async function until(what, check) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The Gateway's development login (default API key and user); the ID token to send as Bearer. */
export async function login(gatewayUrl, dispatcher = INSECURE) {
  const response = await request(`${gatewayUrl}/user/auth/ver1.0`, {
    method: 'POST',
    dispatcher,
    headers: {
      'x-api-key': 'dev-api-key-change-in-production',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      AuthParameters: { USERNAME: 'onpremise-user', PASSWORD: 'onpremise-pass' },
    }),
  });
  return (await response.body.json()).AuthenticationResult.IdToken;
}
