import type { ChannelAnswer } from '../engine/api/channels';
import type { OpenError } from '../engine/state/error-log';

/** Where the CLI writes: results to stdout, progress and diagnostics to stderr. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** A progress line that rewrites itself on a terminal and prints sparingly elsewhere. */
  progress(done: number, total: number, phase: string): void;
  json(value: unknown): void;
}

/**
 * `tillbridge preview | head -1`: once the reader has gone, a write fails with EPIPE, which Node
 * raises as an 'error' event that kills the process with a stack trace. The guard takes EPIPE
 * as "nobody listens any more": later writes to that stream are dropped and the command runs to
 * its end (a sync is not cut short halfway because its reader left). Other errors are rethrown.
 */
export function guardBrokenPipe(stream: Pick<NodeJS.EventEmitter, 'on'>): { readonly broken: boolean } {
  const state = { broken: false };
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') { state.broken = true; return; }
    throw e;
  });
  return state;
}

const pipes = new WeakMap<object, { readonly broken: boolean }>();

/** Writes unless the stream's reader has gone (EPIPE seen); guards the stream on first use. */
function write(stream: NodeJS.WritableStream, text: string): void {
  let state = pipes.get(stream);
  if (!state) { state = guardBrokenPipe(stream); pipes.set(stream, state); }
  if (!state.broken) stream.write(text);
}

/** Guards stdout and stderr at start, so even a write outside Output cannot die of EPIPE. */
export function guardStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (!pipes.has(stream)) pipes.set(stream, guardBrokenPipe(stream));
  }
}

export function consoleOutput(stream: NodeJS.WriteStream = process.stderr): Output {
  let lastPrinted = 0;
  return {
    out: (line) => write(process.stdout, line + '\n'),
    err: (line) => write(stream, line + '\n'),
    json: (value) => write(process.stdout, JSON.stringify(value, null, 2) + '\n'),
    progress(done, total, phase) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        write(stream, `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${phase} (${done}/${total})\x1b[K`);
        if (done >= total) write(stream, '\n');
      } else if (pct - lastPrinted >= 10 || done >= total) {
        lastPrinted = pct;
        write(stream, `${pct}% ${phase} (${done}/${total})\n`);
      }
    },
  };
}

/** One line a person reads after a product pass. */
export function describeProductRun(r: ChannelAnswer<'syncNow'>): string {
  if (r.status === 'failed' && r.created + r.updated + r.unchanged === 0) return `Product sync failed: ${r.message ?? 'unknown error'}`;
  const secs = (r.durationMs / 1000).toFixed(1);
  return `Products: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed ` +
    `(${r.requests} store request${r.requests === 1 ? '' : 's'}, ${secs} s)`;
}

/** Open errors as plain-words blocks: what, which item, how to fix. */
export function describeErrors(errors: readonly OpenError[], limit = 20): string[] {
  const lines: string[] = [];
  for (const e of errors.slice(0, limit)) {
    lines.push(`  ! ${e.message}`);
    if (e.hint) lines.push(`    fix: ${e.hint}`);
  }
  if (errors.length > limit) lines.push(`  ... and ${errors.length - limit} more (see --json)`);
  return lines;
}
