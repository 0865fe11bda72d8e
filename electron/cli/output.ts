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

export function consoleOutput(stream: NodeJS.WriteStream = process.stderr): Output {
  let lastPrinted = 0;
  return {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => stream.write(line + '\n'),
    json: (value) => process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    progress(done, total, phase) {
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((pct / 100) * width);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${phase} (${done}/${total})\x1b[K`);
        if (done >= total) stream.write('\n');
      } else if (pct - lastPrinted >= 10 || done >= total) {
        lastPrinted = pct;
        stream.write(`${pct}% ${phase} (${done}/${total})\n`);
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
