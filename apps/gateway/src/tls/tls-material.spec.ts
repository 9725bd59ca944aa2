import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { loadTlsMaterial } from './tls-material';

describe('loadTlsMaterial', () => {
  it('generates a self-signed certificate once and reuses it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gateway-tls-')), 'tls');
    const first = await loadTlsMaterial({ TLS_DIR: dir });
    const second = await loadTlsMaterial({ TLS_DIR: dir });
    expect(first.generated).toBe(true);
    expect(second).toEqual({ ...first, generated: false });
    const certificate = new X509Certificate(first.cert);
    expect(certificate.subjectAltName).toContain('DNS:localhost');
    expect(certificate.subjectAltName).toContain('DNS:gateway');
    expect(certificate.checkHost('gateway')).toBe('gateway');
    expect(certificate.subjectAltName).toContain('IP Address:127.0.0.1');
    expect(statSync(join(dir, 'gateway.key')).mode & 0o777).toBe(0o600);
  });

  it('uses configured files and insists on both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gateway-tls-own-'));
    writeFileSync(join(dir, 'c.pem'), 'CERT');
    writeFileSync(join(dir, 'k.pem'), 'KEY');
    const own = {
      TLS_DIR: dir,
      TLS_CERT_FILE: join(dir, 'c.pem'),
      TLS_KEY_FILE: join(dir, 'k.pem'),
    };
    await expect(loadTlsMaterial(own)).resolves.toEqual({
      cert: 'CERT',
      key: 'KEY',
      generated: false,
    });
    await expect(
      loadTlsMaterial({ TLS_DIR: dir, TLS_CERT_FILE: own.TLS_CERT_FILE }),
    ).rejects.toThrow('must be set together');
  });
});
