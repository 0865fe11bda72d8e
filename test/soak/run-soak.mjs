/**
 * `npm run test:soak`: the long versions of the hardening scenarios (issue 14) in the vitest
 * project "soak", then one summary table of what they did, printed and kept in
 * test/soak/last-run.md (the README's "Reliability" section quotes it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'tb-soak-'));
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'soak', ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, TB_SOAK: '1', TB_SOAK_DIR: dir },
});
const rows = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
rmSync(dir, { recursive: true, force: true });
const cols = [['faults', 'faults injected'], ['kills', 'kills'], ['orders', 'orders'], ['invoices', 'invoices'], ['duplicates', 'duplicates'],
  ['missing', 'missing'], ['badInputs', 'bad inputs tried'], ['leakedConnections', 'leaked connections'], ['seconds', 'seconds']];
const cell = (v) => (v === undefined ? '–' : String(v));
const total = Object.fromEntries(cols.map(([k]) => [k, rows.some((r) => r[k] !== undefined) ? rows.reduce((s, r) => s + (r[k] ?? 0), 0) : undefined]));
const lines = [
  `| scenario | ${cols.map(([, h]) => h).join(' | ')} |`,
  `| --- | ${cols.map(() => '---:').join(' | ')} |`,
  ...rows.map((r) => `| ${r.scenario} | ${cols.map(([k]) => cell(r[k])).join(' | ')} |`),
  `| **total** | ${cols.map(([k]) => `**${cell(total[k])}**`).join(' | ')} |`,
];
const notes = rows.filter((r) => r.note).map((r) => `- ${r.scenario}: ${r.note}`);
const verdict = run.status === 0 ? 'all soak tests passed' : `SOME SOAK TESTS FAILED (vitest exit ${run.status})`;
const text = [`Soak run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((Date.now() - started) / 1000)} s: ${verdict}.`, '', ...lines, '', ...notes, ''].join('\n');
console.log('\n' + text);
writeFileSync(join(root, 'test/soak/last-run.md'), text);
process.exit(run.status ?? 1);
