/**
 * How a CLI finds the engine that runs on the same data folder: the engine's local API writes
 * its port and a per-run access token to `engine.endpoint.json` beside the engine lock, readable
 * by the owner only, and removes it when it stops. The token is random for each run and only
 * opens the API on 127.0.0.1; it is never logged.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
