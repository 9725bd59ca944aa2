import { request } from 'node:http';

interface ManagerCall {
  managerPort: number;
  token: string;
}

function call(
  { managerPort, token }: ManagerCall,
  method: string,
  path: string,
  timeoutMs = 30_000,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: managerPort, method, path, timeout: timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200)
            reject(new Error(`${method} ${path}: HTTP ${res.statusCode} ${text}`));
          else resolve(JSON.parse(text));
        });
      },
    );
    req.setHeader('x-manager-token', token);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Asks the Manager to stop and remove every container it manages; answers their names. */
export async function stopFunctionContainers(manager: ManagerCall): Promise<string[]> {
  const { containers } = (await call(manager, 'GET', '/containers')) as {
    containers: Array<{ name: string }>;
  };
  await Promise.all(
    containers.map(({ name }) =>
      call(manager, 'DELETE', `/containers/${encodeURIComponent(name)}`),
    ),
  );
  return containers.map(({ name }) => name);
}
