import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** True when this call generated the certificate. */
  generated: boolean;
}

export interface TlsSettings {
  TLS_DIR: string;
  TLS_CERT_FILE?: string;
  TLS_KEY_FILE?: string;
}

const SELF_SIGNED_DAYS = 825;

async function generateSelfSigned(): Promise<{ key: string; cert: string }> {
  const notAfterDate = new Date(Date.now() + SELF_SIGNED_DAYS * 24 * 3600 * 1000);
  const result = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          // The Compose service name: functions call https://gateway:8443 and verify this name
          // (the Manager hands them this certificate, FUNCTION_CA_FILE).
          { type: 2, value: 'gateway' },
          { type: 2, value: 'host.docker.internal' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}

/**
 * The certificate configured with `TLS_CERT_FILE`/`TLS_KEY_FILE`, else the self-signed one kept in
 * `TLS_DIR`, generated on first start so a fresh install needs no manual step.
 */
export async function loadTlsMaterial(settings: TlsSettings): Promise<TlsMaterial> {
  if (settings.TLS_CERT_FILE || settings.TLS_KEY_FILE) {
    if (!settings.TLS_CERT_FILE || !settings.TLS_KEY_FILE) {
      throw new Error('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
    }
    const [cert, key] = await Promise.all([
      readFile(settings.TLS_CERT_FILE, 'utf8'),
      readFile(settings.TLS_KEY_FILE, 'utf8'),
    ]);
    return { cert, key, generated: false };
  }
  const certPath = join(settings.TLS_DIR, 'gateway.crt');
  const keyPath = join(settings.TLS_DIR, 'gateway.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key, generated: false };
  }
  const { cert, key } = await generateSelfSigned();
  await mkdir(settings.TLS_DIR, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, key, { mode: 0o600 });
  await writeFile(certPath, cert, { mode: 0o644 });
  return { cert, key, generated: true };
}
