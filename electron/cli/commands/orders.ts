import { isOutstanding } from '../../engine/allocation/allocation';
import { skuKey } from '../../engine/products/sku';
import { webStock } from '../../engine/products/web-values';
import type { Tillbridge } from '../../compose/compose';
import type { Output } from '../output';

/** `tillbridge orders`: outstanding orders, orders in the POS with their invoice numbers, and orders waiting with an error. */
export function ordersCommand(tb: Tillbridge, out: Output, json: boolean): number {
  const side = tb.engine.orders;
  if (!side) { out.err(`Orders are not sent to the POS: ${tb.ordersOffReason}`); return 1; }
  const open = new Set(tb.config.sync.openStatuses);
  const outstanding = side.allocation.candidates().filter((o) => isOutstanding(o.status, o.journal, open))
    .map((o) => ({ number: o.number, status: o.status, journal: o.journal, units: o.lines.reduce((n, l) => n + Math.max(0, Math.round(l.quantity)), 0) }));
  const journal = side.journal.recent(200);
  const exported = journal.filter((j) => j.state === 'exported' || j.state === 'marked')
    .map((j) => ({ number: j.number, invoice: j.invoice, exportedAt: j.exportedAt, markedInStore: j.state === 'marked' }));
  const failed = journal.filter((j) => j.errorMessage && (j.state === 'waiting' || j.state === 'exporting'))
    .map((j) => ({ number: j.number, error: j.errorMessage, failures: j.failures, nextAttemptAt: j.nextAttemptAt }));
  if (json) { out.json({ outstanding, exported, failed }); return 0; }
  out.out(`Outstanding (${outstanding.length}): orders whose units are held back from the web`);
  for (const o of outstanding.slice(0, 100)) out.out(`  #${o.number.padEnd(8)} ${o.status.padEnd(11)} ${o.units} unit(s)${o.journal === 'waiting' || o.journal === 'exporting' ? '  (completed, not in the POS yet)' : ''}`);
  out.out(`\nIn the POS (${exported.length} most recent)`);
  for (const e of exported.slice(0, 50)) out.out(`  #${e.number.padEnd(8)} invoice ${e.invoice}  ${e.exportedAt ?? ''}${e.markedInStore ? '' : '  (store note pending)'}`);
  out.out(`\nWaiting with an error (${failed.length})`);
  for (const f of failed) out.out(`  #${f.number.padEnd(8)} ${f.error}  (tried ${f.failures}x; next ${f.nextAttemptAt ?? 'now'}; retry: tillbridge resend ${f.number})`);
  return 0;
}

/** `tillbridge resend ORDER`: sends one order again, unless the POS already has an invoice for it. */
export async function resendCommand(tb: Tillbridge, out: Output, number: string | undefined, json: boolean): Promise<number> {
  if (!number) { out.err('Usage: tillbridge resend ORDER-NUMBER'); return 64; }
  const result = await tb.engine.resendOrder(number.replace(/^#/, ''));
  if (json) out.json(result); else out.out(result.message);
  return result.kind === 'sent' || result.kind === 'already-in-pos' ? 0 : 1;
}

/** `tillbridge pull --since DATE`: reads the store's orders again from that date on. */
export async function pullCommand(tb: Tillbridge, out: Output, since: string | undefined, json: boolean): Promise<number> {
  const date = since ? new Date(since) : null;
  if (!date || Number.isNaN(date.getTime())) { out.err('Usage: tillbridge pull --since YYYY-MM-DD[THH:MM]'); return 64; }
  const poll = await tb.engine.pullOrdersSince(date);
  const run = await tb.engine.exportOrders({ trigger: 'cli' });
  const exp = run.cycle?.export;
  if (json) { out.json({ poll, export: exp ?? null, message: run.message }); return run.status === 'failed' ? 1 : 0; }
  out.out(`Read ${poll.read} order(s) changed since ${date.toISOString()}: ${poll.created} new, ${poll.updated} changed.`);
  if (exp) out.out(`Exported ${exp.exported}, marked ${exp.marked}, failed ${exp.failed}${exp.stoppedEarly ? ` (stopped: ${exp.stoppedEarly})` : ''}.`);
  return run.status === 'failed' ? 1 : 0;
}

/** `tillbridge allocation [SKU]`: on-hand, allocated, web quantity, and the orders behind it. */
export async function allocationCommand(tb: Tillbridge, out: Output, sku: string | undefined, json: boolean): Promise<number> {
  const side = tb.engine.orders;
  const read = await tb.pos.readItems();
  const onHand = new Map(read.items.map((i) => [skuKey(i.sku ?? ''), { sku: i.sku.trim(), onHand: Math.max(0, Math.floor(i.onHand)), onWeb: i.onWeb }]));
  const entries = side ? side.allocation.allocationFor(sku ? [skuKey(sku)] : undefined) : new Map();
  const keys = sku ? [skuKey(sku)] : [...entries.keys()].filter((k) => (entries.get(k)?.allocated ?? 0) > 0);
  const buffer = tb.config.sync.safetyBuffer;
  const rows = keys.map((key) => {
    const pos = onHand.get(key);
    const entry = entries.get(key) ?? { allocated: 0, orders: [] };
    const pushed = tb.engine.links.pushed(key);
    return { sku: pos?.sku ?? sku ?? key, inPos: Boolean(pos), onWeb: pos?.onWeb ?? false, onHand: pos?.onHand ?? null, allocated: entry.allocated,
      safetyBuffer: buffer, webQuantity: pos ? (pos.onWeb ? webStock(pos.onHand, entry.allocated, buffer) : 0) : null,
      lastPushed: pushed?.stock ?? null, orders: entry.orders };
  });
  if (json) { out.json(rows); return 0; }
  if (rows.length === 0) out.out('Nothing is allocated: no outstanding web order holds stock.');
  for (const r of rows) {
    if (!r.inPos) { out.out(`${r.sku}: the POS has no such item.`); continue; }
    out.out(`${r.sku}: on hand ${r.onHand} − allocated ${r.allocated} − buffer ${r.safetyBuffer} = web ${r.webQuantity}` +
      `${r.onWeb ? '' : ' (not in the web selection: web stock 0)'}${r.lastPushed !== null ? `; store last set to ${r.lastPushed}` : ''}`);
    for (const o of r.orders) out.out(`    order #${o.number} (${o.status}): ${o.qty}`);
  }
  return 0;
}
