// Local stand-ins for the data services whose public images cannot be pulled on an offline machine.
// They speak the same wire protocols on the same ports, so the Compose wiring does not change:
//   s3        s3rver on :9000          (instead of RustFS; keys from RUSTFS_ACCESS_KEY/RUSTFS_SECRET_KEY)
//   dynamodb  dynalite on :8001        (instead of ScyllaDB Alternator)
//   logs      JSON-lines receiver :9428 (instead of VictoriaLogs: /insert/jsonline, /select/logsql/query)
// Data lives under STANDIN_DATA_DIR (default /data; mount a volume there to keep it).
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const DATA = process.env.STANDIN_DATA_DIR || '/data';

function startS3() {
  const S3rver = require('s3rver');
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account');
  DUMMY_ACCOUNT.createKeyPair(
    process.env.RUSTFS_ACCESS_KEY || 'onpre-local',
    process.env.RUSTFS_SECRET_KEY || 'onpre-local-secret',
  );
  const directory = path.join(DATA, 's3');
  fs.mkdirSync(directory, { recursive: true });
  const buckets = (process.env.S3_BUCKETS || '').split(',').filter(Boolean);
  return new S3rver({
    address: '0.0.0.0',
    port: 9000,
    directory,
    silent: true,
    resetOnClose: false,
    // Path-style only, as clients address RustFS: otherwise s3rver takes a host name that is not an
    // IP or localhost (`s3` on the Compose network) for a bucket and every request misses.
    vhostBuckets: false,
    configureBuckets: buckets.map((name) => ({ name })),
  }).run();
}

function startDynamoDb() {
  const directory = path.join(DATA, 'dynamodb');
  fs.mkdirSync(directory, { recursive: true });
  const server = require('dynalite')({ path: directory, createTableMs: 0, deleteTableMs: 0 });
  return new Promise((resolve) => server.listen(8001, '0.0.0.0', resolve));
}

/** `field:value` must equal (quotes optional), a bare word must occur anywhere; `*` matches all. */
function matches(record, query) {
  const text = JSON.stringify(record);
  return query
    .split(/\s+(?:AND\s+)?/i)
    .filter((term) => term && term !== '*')
    .every((term) => {
      const field = /^([A-Za-z0-9_.]+):(.+)$/.exec(term);
      if (!field) return text.includes(term.replace(/^"|"$/g, ''));
      return String(record[field[1]]) === field[2].replace(/^"|"$/g, '');
    });
}

function startLogs() {
  fs.mkdirSync(DATA, { recursive: true });
  const file = path.join(DATA, 'logs.jsonl');
  const records = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line))
    : [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://standin');
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      if (url.pathname === '/health') return res.end('OK');
      if (req.method === 'POST' && url.pathname === '/insert/jsonline') {
        const msgField = url.searchParams.get('_msg_field') || '_msg';
        const timeField = url.searchParams.get('_time_field') || '_time';
        const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l.trim());
        const added = [];
        for (const line of lines) {
          let record;
          try {
            record = JSON.parse(line);
          } catch {
            continue;
          }
          const { [msgField]: msg, [timeField]: time, ...rest } = record;
          added.push({ _msg: msg, _time: time || new Date().toISOString(), ...rest });
        }
        records.push(...added);
        fs.appendFileSync(file, added.map((r) => `${JSON.stringify(r)}\n`).join(''));
        return res.end();
      }
      if (url.pathname === '/select/logsql/query') {
        const query = url.searchParams.get('query') || '*';
        res.setHeader('content-type', 'application/stream+json');
        return res.end(records.filter((r) => matches(r, query)).map((r) => `${JSON.stringify(r)}\n`).join(''));
      }
      res.statusCode = 404;
      res.end();
    });
  });
  return new Promise((resolve) => server.listen(9428, '0.0.0.0', resolve));
}

const services = { s3: startS3, dynamodb: startDynamoDb, logs: startLogs };
const name = process.argv[2];
if (!services[name]) {
  process.stderr.write(`usage: standin.js ${Object.keys(services).join('|')}\n`);
  process.exit(2);
}
Promise.resolve(services[name]()).then(() => process.stdout.write(`${JSON.stringify({ level: 'info', message: `standin ${name} ready` })}\n`));
process.on('SIGTERM', () => process.exit(0));
