/**
 * `npm run bench [-- --quick] [--only lanes,push,pos-read,adoption,dashboard] [--push-items N] [--read-items N]
 * [--adopt-items N] [--dashboard-items N]`: runs the benchmarks one after the other, prints one table line per result,
 * and writes test/bench/results/latest.json. Exits 1 when a correctness invariant broke (never
 * because something was slow), 64 on a wrong option.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { adoptionBench } from './adoption-bench';
import { dashboardBench } from './dashboard-bench';
import { formatLine, FULL_SIZES, newResult, QUICK_SIZES, round, type Bench, type BenchResult, type BenchSizes } from './bench-kit';
import { posReadBench } from './pos-read-bench';
import { productPushBench } from './product-push-bench';
import { lanesBench } from './lanes-bench';

const BENCHES: readonly Bench[] = [lanesBench, productPushBench, posReadBench, adoptionBench, dashboardBench];

async function main(argv: readonly string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const only = option(argv, '--only')?.split(',') ?? null;
  const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${BENCHES.map((b) => b.name).join(', ')}.`);
    return 64;
  }
  const sizes: BenchSizes = { ...(quick ? QUICK_SIZES : FULL_SIZES) };
  for (const [flag, key] of [['--push-items', 'push'], ['--read-items', 'read'], ['--adopt-items', 'adopt'], ['--dashboard-items', 'dashboard']] as const) {
    const value = option(argv, flag);
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 10) {
      console.error(`${flag} wants a whole number of at least 10, not "${value}".`);
      return 64;
    }
    sizes[key] = n;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tb-bench-'));
  const started = new Date();
  const log = (line: string) => console.error(`  … ${line}`);
  const results: BenchResult[] = [];
  const loadAtStart = loadavg()[0]!;
  console.log(`Tillbridge benchmarks (push ${sizes.push} web items, reads ${sizes.read} rows, adoption ${sizes.adopt}, dashboard ${sizes.dashboard}) on ${machine().cpu} ` +
    `× ${cpus().length}, Node ${process.version}, load average ${round(loadAtStart, 1)}`);
  try {
    for (const bench of BENCHES) {
      if (only && !only.includes(bench.name)) continue;
      const t0 = performance.now();
      try {
        for (const r of await bench.run({ quick, sizes, tmp, log })) {
          results.push(r);
          console.log(formatLine(r));
        }
      } catch (e) {
        const r = newResult(bench.name, 'crashed');
        r.failures.push(`the benchmark threw: ${(e as Error).stack ?? String(e)}`);
        results.push(r);
        console.log(formatLine(r));
      }
      log(`${bench.name} took ${round((performance.now() - t0) / 1000, 1)} s`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const totalS = round((Date.now() - started.getTime()) / 1000, 1);
  for (const r of results) for (const n of r.notes) console.log(`     ${r.name}: ${n}`);
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f}`));
  for (const f of failures) console.log(`FAIL ${f}`);
  const out = resolve(__dirname, '..', '..', '..', 'test', 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'latest.json');
  const load = { atStart: round(loadAtStart, 2), atEnd: round(loadavg()[0]!, 2) };
  writeFileSync(file, JSON.stringify({ startedAt: started.toISOString(), totalS, quick, sizes, machine: machine(), loadAverage: load, results }, null, 2) + '\n');
  console.log(`${results.length} result(s) in ${totalS} s; ${failures.length} broken invariant(s). Written to ${file}`);
  return failures.length > 0 ? 1 : 0;
}

/** `--name value` or `--name=value`. */
function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
}

function machine(): { cpu: string; cores: number; memoryGb: number; node: string; os: string; host: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${process.platform} ${release()}`,
    host: hostname(),
  };
}

void main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});
