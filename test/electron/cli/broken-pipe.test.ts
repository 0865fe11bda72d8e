/**
 * `tillbridge preview | head -1`: the reader goes away and the next write to stdout fails with
 * EPIPE. The CLI stops writing and ends quietly instead of dying with a stack trace.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { bundleCli, cliEnv } from '../../helpers/cli-bundle';
import { guardBrokenPipe } from '../../../electron/cli/output';

let dir: string;
let cli: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-epipe-'));
  cli = await bundleCli(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A connected socket whose other end is already closed: every write to it fails with EPIPE. */
async function deadEnd(): Promise<{ socket: Socket; server: Server }> {
  const path = join(dir, `s${Math.random().toString(36).slice(2)}.sock`);
  const server = createServer((peer) => peer.destroy());
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const socket = createConnection(path);
  await new Promise<void>((resolve) => socket.once('end', resolve).resume());
  return { socket, server };
}

it('a reader that went away ends the command quietly, without a stack trace', async () => {
  const { socket, server } = await deadEnd();
  const child = spawn(process.execPath, [cli, '--help'], { env: cliEnv(), stdio: ['ignore', socket, 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  socket.destroy();
  server.close();
  expect(stderr).not.toMatch(/EPIPE|at .*\(/);
  expect(stderr).toBe('');
  expect(code).toBe(0);
}, 30_000);

it('the guard drops later writes once the pipe broke, and leaves other errors alone', () => {
  const stream = Object.assign(new EventEmitter(), { writable: true });
  const state = guardBrokenPipe(stream);
  expect(state.broken).toBe(false);
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  expect(state.broken).toBe(true);
  expect(() => stream.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' }))).toThrow(/disk full/);
});
