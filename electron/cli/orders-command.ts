import type { TillbridgeApi } from '../engine/api/channels';
import { describeErrors, type Output } from './output';

/** `tillbridge orders`: outstanding orders, orders in the POS with their invoice numbers, and orders waiting with an error. */
export async function ordersCommand(api: TillbridgeApi, out: Output, json: boolean): Promise<number> {
  const view = await api.orders({});
  if (!view.enabled) { out.err(`Orders are not sent to the POS: ${view.reason}`); return 1; }
  const { outstanding, exported, failed } = view;
  if (json) { out.json({ outstanding, exported, failed }); return 0; }
  out.out(`Outstanding (${outstanding.length}): orders whose units are held back from the web`);
  for (const o of outstanding.slice(0, 100)) out.out(`  #${o.number.padEnd(8)} ${o.status.padEnd(11)} ${o.units} unit(s)${o.journal === 'waiting' || o.journal === 'exporting' ? '  (completed, not in the POS yet)' : ''}`);
  out.out(`\nIn the POS (${exported.length} most recent)`);
  for (const e of exported.slice(0, 50)) out.out(`  #${e.number.padEnd(8)} invoice ${e.invoice}  ${e.exportedAt ?? ''}${e.markedInStore ? '' : '  (store note pending)'}`);
  out.out(`\nWaiting with an error (${failed.length})`);
  for (const f of failed) out.out(`  #${f.number.padEnd(8)} ${f.error}  (tried ${f.failures}x; next ${f.nextAttemptAt ?? 'now'}; retry: tillbridge resend ${f.number})`);
  return 0;
}

/**
 * `tillbridge export --once`: one order pass (poll the store, export the completed orders that
 * are due, mark them in the store) with a summary, as `sync --once` is for products. Exit 0 when
 * nothing failed, 2 when some orders wait with an error (listed), 1 when the pass failed.
 */
export async function exportOnceCommand(api: TillbridgeApi, out: Output, json: boolean): Promise<number> {
  const run = await api.exportOrders({});
  const problems = (await api.problems({})).filter((e) => e.scope === 'order');
  if (json) {
    out.json({ ...run, openErrors: problems.map((e) => ({ order: e.itemKey, code: e.code, message: e.message, hint: e.hint, retryable: e.retryable })) });
  } else if (run.status === 'failed' && run.exported + run.marked === 0) {
    out.out(`Order export failed: ${run.message ?? 'unknown error'}`);
  } else {
    out.out(`Orders: read ${run.read} changed order(s), ${run.exported} exported to the POS, ${run.marked} marked in the store, ${run.failed} failed` +
      ` (${(run.durationMs / 1000).toFixed(1)} s)${run.stoppedEarly ? `; stopped early: ${run.stoppedEarly}` : ''}`);
    if (problems.length) {
      out.out(`${problems.length} order(s) need attention:`);
      for (const line of describeErrors(problems)) out.out(line);
    }
  }
  return run.status === 'ok' ? 0 : run.status === 'partial' ? 2 : 1;
}

/** `tillbridge resend ORDER`: sends one order again, unless the POS already has an invoice for it. */
export async function resendCommand(api: TillbridgeApi, out: Output, number: string | undefined, json: boolean): Promise<number> {
  if (!number) { out.err('Usage: tillbridge resend ORDER-NUMBER'); return 64; }
  const result = await api.resendOrder({ number });
  if (json) out.json(result); else out.out(result.message);
  return result.kind === 'sent' || result.kind === 'already-in-pos' ? 0 : 1;
}

/** `tillbridge pull --since DATE`: reads the store's orders again from that date on, then exports what is due. */
export async function pullCommand(api: TillbridgeApi, out: Output, since: string | undefined, json: boolean): Promise<number> {
  const date = since ? new Date(since) : null;
  if (!date || Number.isNaN(date.getTime())) { out.err('Usage: tillbridge pull --since YYYY-MM-DD[THH:MM]'); return 64; }
  const pulled = await api.pullOrdersSince({ since: date.toISOString() });
  const run = pulled.export;
  if (json) { out.json(pulled); return run.status === 'failed' ? 1 : 0; }
  out.out(`Read ${pulled.read} order(s) changed since ${date.toISOString()}: ${pulled.created} new, ${pulled.updated} changed.`);
  if (run.status === 'failed') out.out(`Export failed: ${run.message}`);
  else out.out(`Exported ${run.exported}, marked ${run.marked}, failed ${run.failed}${run.stoppedEarly ? ` (stopped: ${run.stoppedEarly})` : ''}.`);
  return run.status === 'failed' ? 1 : 0;
}

/** `tillbridge allocation [SKU]`: on-hand, allocated, web quantity, and the orders behind it. */
export async function allocationCommand(api: TillbridgeApi, out: Output, sku: string | undefined, json: boolean): Promise<number> {
  const rows = await api.allocation(sku ? { sku } : {});
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
