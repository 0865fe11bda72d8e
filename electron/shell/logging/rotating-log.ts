/**
 * The app's log file in the system's logs folder, rotated by size: `tillbridge.log` up to
 * `maxBytes`, then it becomes `tillbridge.1.log` (the older ones move up, the oldest is dropped),
 * `keep` files in all. Every line is stamped and passed through redact() before it is written.
 * Writes are synchronous appends: a few lines a minute, and nothing is lost in a crash.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './redact';

export interface RotatingLogOptions {
  /** File name of the current log (default tillbridge.log). */
  name?: string;
  /** Rotate when the current file would grow past this (default 1 MB). */
  maxBytes?: number;
  /** Files kept, the current one included (default 3). */
  keep?: number;
  now?: () => Date;
}

export class RotatingLog {
  readonly file: string;
  private size: number;
  private readonly base: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => Date;

  constructor(readonly dir: string, opts: RotatingLogOptions = {}) {
    const name = opts.name ?? 'tillbridge.log';
    this.base = name.replace(/\.log$/, '');
    this.file = join(dir, name);
    this.maxBytes = opts.maxBytes ?? 1_000_000;
    this.keep = Math.max(1, opts.keep ?? 3);
    this.now = opts.now ?? (() => new Date());
    mkdirSync(dir, { recursive: true });
    this.size = sizeOf(this.file);
  }

  /** The n-th older file (1 = the most recent rotated one). */
  rotated(n: number): string {
    return join(this.dir, `${this.base}.${n}.log`);
  }

  write(line: string): void {
    const text = `${this.now().toISOString()} ${redact(line).replace(/\r?\n/g, '\n    ')}\n`;
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.file, text, { mode: 0o600 });
    this.size += bytes;
  }

  private rotate(): void {
    if (this.keep === 1) rmSync(this.file, { force: true });
    else {
      rmSync(this.rotated(this.keep - 1), { force: true });
      for (let n = this.keep - 2; n >= 1; n--) tryRename(this.rotated(n), this.rotated(n + 1));
      tryRename(this.file, this.rotated(1));
    }
    this.size = 0;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function tryRename(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // Not there (yet): nothing to move.
  }
}
