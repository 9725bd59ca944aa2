import { request } from 'node:http';
import { createServer, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { RunningService, startGatewayRelay } from '../../scripts/dev/host-services';

/** What the TLS side received: method, URL, headers and body, echoed back as JSON. */
interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function postThrough(port: number, host: string, body: string): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/2015-03-31/functions/worker/invocations?x=1',
        headers: {
          host,
          authorization: 'AWS4-HMAC-SHA256 Credential=onpre-local/x, Signature=abc',
          'content-type': 'application/json',
        },
        timeout: 5000,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Seen));
      },
    );
    req.on('timeout', () => req.destroy(new Error('relay request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('Gateway relay (plain HTTP in, TLS to the Gateway on loopback)', () => {
  let gateway: Server;
  let relay: RunningService;

  beforeAll(async () => {
    const { private: key, cert } = await generate([{ name: 'commonName', value: 'localhost' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    gateway = createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const seen: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(seen));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const gatewayPort = (gateway.address() as AddressInfo).port;
    relay = await startGatewayRelay('127.0.0.1', 0, gatewayPort, true);
  });

  afterAll(async () => {
    await relay.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('passes request line, headers (Host included, as SigV4 signs it) and body unchanged', async () => {
    const body = JSON.stringify({ message: 'héllo', bytes: 'x'.repeat(100_000) });
    const seen = await postThrough(relay.port, '172.18.0.1:8444', body);
    expect(seen).toMatchObject({
      method: 'POST',
      url: '/2015-03-31/functions/worker/invocations?x=1',
      headers: {
        host: '172.18.0.1:8444',
        authorization: 'AWS4-HMAC-SHA256 Credential=onpre-local/x, Signature=abc',
        'content-type': 'application/json',
      },
      body,
    });
  });

  it('serves many connections one after another', async () => {
    for (let index = 0; index < 5; index++) {
      const seen = await postThrough(relay.port, 'relay', String(index));
      expect(seen.body).toBe(String(index));
    }
  });
});
