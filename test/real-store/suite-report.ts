/**
 * The one table the real-store suite ends with: each scenario passed or failed, the orders and
 * checkouts it made, and the oversells — by the store itself, added by Tillbridge, and detected
 * by Tillbridge (oversell-books.ts). Secrets never reach it: every line goes through `redact`.
 */
import { storeOversold, type CheckoutRound, type SkuVerdict } from './oversell-books';
import type { CleanupReport } from './store-ledger';

export interface ScenarioResult {
  name: string;
  passed: boolean;
  ms: number;
  /** What it found (counts, or the first line of its failure). */
  note: string;
}

export class SuiteReport {
  readonly scenarios: ScenarioResult[] = [];
  readonly rounds: CheckoutRound[] = [];
  verdicts: SkuVerdict[] = [];
  orders = { storeApi: 0, rest: 0, completed: 0, exported: 0, invoices: 0 };
  checkouts = { attempted: 0, accepted: 0, refused: 0 };
  kills: string[] = [];
  requests = { rest: 0, storeApi: 0, engine: 0, engineWrites: 0 };
  /** Emulator only: checkout units its stock-move race lost inside Tillbridge's writes (null: a real store, unknown). */
  lostInMoves: number | null = null;
  cleanup: CleanupReport | null = null;
  refusal: string | null = null;
  /** The run only removed what an earlier run left. */
  cleanupOnly = false;

  constructor(readonly target: string, readonly prefix: string, private readonly secrets: readonly string[]) {}

  /** Masks the store keys wherever they might appear. */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s) out = out.split(s).join('***');
    return out;
  }

  render(totalMs: number): string {
    const rows: [string, string][] = [];
    if (this.cleanupOnly) {
      rows.push(['clean-up', this.cleanupLine()]);
      return this.redact([`Clean-up of the real-store run ${this.prefix} in ${this.target}`, ...rows.map(([a, b]) => `${a} | ${b}`)].join('\n'));
    }
    for (const s of this.scenarios) rows.push([`${s.passed ? 'passed' : 'FAILED'}  ${s.name}`, `${(s.ms / 1000).toFixed(1)} s  ${s.note}`]);
    if (this.refusal) rows.push(['FAILED  store refused', this.refusal]);
    const o = this.orders;
    rows.push(['orders', `${o.storeApi + o.rest} made (${o.storeApi} Store API checkouts accepted, ${o.rest} REST), ${o.completed} completed, ${o.invoices} POS invoices for them`]);
    const c = this.checkouts;
    const inRounds = this.rounds.reduce((n, r) => n + r.attempted, 0);
    rows.push(['checkouts', `${c.attempted} attempted (${inRounds} in ${this.rounds.length} concurrent round(s), ${c.attempted - inRounds} single), ${c.accepted} accepted, ${c.refused} refused`]);
    const byStore = this.verdicts.reduce((n, v) => n + v.byStore, 0);
    const storeRounds = this.rounds.filter((r) => storeOversold(r) > 0).length;
    rows.push(['oversells by the store', `${byStore} unit(s) in ${storeRounds} of ${this.rounds.length} round(s) (WooCommerce's own checkout race; reported, not failed)`]);
    const byTb = this.verdicts.filter((v) => v.byTillbridge > 0);
    rows.push(['oversells added by Tillbridge', byTb.length === 0 ? '0' : `${byTb.reduce((n, v) => n + v.byTillbridge, 0)} unit(s): ${byTb.map((v) => `${v.sku} +${v.byTillbridge}`).join(', ')}`]);
    const oversold = this.verdicts.filter((v) => v.excess > 0);
    const missed = this.verdicts.filter((v) => v.undetected);
    rows.push(['oversells detected', `${oversold.length - missed.length} of ${oversold.length} oversold SKU(s) reported by Tillbridge ('oversold' problem)${missed.length ? `; NOT detected: ${missed.map((v) => v.sku).join(', ')}` : ''}`]);
    for (const r of this.rounds) {
      const v = this.verdicts.find((x) => x.sku === r.sku);
      rows.push([`  round ${r.round}  ${r.sku.slice(this.prefix.length)}`, `S0 ${r.s0}, ${r.accepted}/${r.attempted} accepted, store oversold ${storeOversold(r)}` +
        (v ? `; SKU excess ${v.excess}, Tillbridge ${v.byTillbridge}, detected ${v.detected ? 'yes' : 'no'}` : '')]);
    }
    if (this.kills.length) rows.push(['engine SIGKILLs', this.kills.join(', ')]);
    const q = this.requests;
    rows.push(['requests', `the suite ${q.rest} REST + ${q.storeApi} Store API; Tillbridge ${q.engine} (${q.engineWrites} writes)`]);
    if (this.lostInMoves !== null) rows.push(['emulator stock-move race', `${this.lostInMoves} checkout unit(s) lost inside Tillbridge's stock moves (the emulator's own count)`]);
    rows.push(['clean-up', this.cleanupLine()]);
    const failed = this.scenarios.filter((s) => !s.passed).length + (this.refusal ? 1 : 0);
    const head = `Tillbridge real-store suite against ${this.target}, SKU prefix ${this.prefix}, ${(totalMs / 1000).toFixed(0)} s: ` +
      `${failed === 0 ? 'all scenarios passed' : `${failed} FAILED`}`;
    const width = Math.min(60, Math.max(...rows.map((r) => r[0].length)));
    const lines = [head, '-'.repeat(Math.min(160, head.length)), ...rows.map(([a, b]) => `${a.padEnd(width)} | ${b}`)];
    return this.redact(lines.join('\n'));
  }

  private cleanupLine(): string {
    const cl = this.cleanup;
    if (!cl) return 'not run';
    return `deleted ${cl.orders} order(s), ${cl.products} product(s), ${cl.customers} customer(s), ${cl.categories} categor(y/ies)` +
      (cl.left.length ? `; LEFT IN THE STORE: ${cl.left.join(', ')}` : '; nothing left');
  }
}
