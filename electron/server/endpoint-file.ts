/**
 * How a CLI (and a person's browser) reaches the engine that runs on the same data folder. The
 * access token is made once per install (`dashboard.token` in the data folder, readable by the
 * owner only), so a bookmarked dashboard address keeps working; the running engine writes its
 * port and that token to `engine.endpoint.json` beside the engine lock (owner-only too) and
 * removes it when it stops. The token only opens the API on 127.0.0.1 and is never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EngineEndpoint {
  pid: number;
  port: number;
  token: string;
}

export function endpointFile(dataDir: string): string {
  return join(dataDir, 'engine.endpoint.json');
}

export function newAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** This install's access token: read from the data folder, or made and stored (owner-only) the first time. */
export function installToken(dataDir: string): string {
  const file = join(dataDir, 'dashboard.token');
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{24,}$/.test(token)) return token;
  } catch {
    // not made yet
  }
  mkdirSync(dataDir, { recursive: true });
  const token = newAccessToken();
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, token, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
  return token;
}

/** Writes the endpoint atomically (a reader never sees half a file), owner-only. */
export function writeEndpoint(dataDir: string, endpoint: EngineEndpoint): void {
  const file = endpointFile(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(endpoint), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/** The endpoint of the engine running on `dataDir`, or null when none is published (or it is unreadable). */
export function readEndpoint(dataDir: string): EngineEndpoint | null {
  try {
    const value = JSON.parse(readFileSync(endpointFile(dataDir), 'utf8')) as Partial<EngineEndpoint>;
    if (typeof value.pid !== 'number' || typeof value.port !== 'number' || typeof value.token !== 'string') return null;
    return { pid: value.pid, port: value.port, token: value.token };
  } catch {
    return null;
  }
}

/** Removes the endpoint file if it is still this process's. */
export function removeEndpoint(dataDir: string, pid = process.pid): void {
  if (readEndpoint(dataDir)?.pid === pid) rmSync(endpointFile(dataDir), { force: true });
}
