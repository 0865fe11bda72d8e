/**
 * A throw-away self-signed certificate for the emulator's optional HTTPS listener (127.0.0.1),
 * made with the `openssl` command line because Node cannot create X.509 certificates itself.
 * Clients trust it by passing the returned PEM as their CA.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsPair {
  key: string;
  cert: string;
}

/** Creates a 2-day certificate for CN/IP 127.0.0.1; throws a clear error when openssl is missing. */
export function makeSelfSignedCert(): TlsPair {
  const dir = mkdtempSync(join(tmpdir(), 'wc-emulator-tls-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const run = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      { encoding: 'utf8' },
    );
    if (run.error || run.status !== 0) {
      const why = run.error ? run.error.message : run.stderr.trim();
      throw new Error(`the emulator's HTTPS listener needs a certificate: pass https.key/https.cert, or install openssl (${why})`);
    }
    return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
