import type { TillbridgeApi } from '../engine/api/channels';
import { describeErrors, describeProductRun, type Output } from './output';

export interface SyncFlags {
  json: boolean;
  full: boolean;
  skus: string[];
}

/** One product cycle (`sync --once`): a readable summary, or JSON for machines. Exit 0 when nothing failed. */
export async function syncOnceCommand(api: TillbridgeApi, out: Output, flags: SyncFlags): Promise<number> {
  const summary = await api.syncNow({ ...(flags.full ? { full: true } : {}), ...(flags.skus.length ? { skus: flags.skus } : {}) });
  const errors = await api.problems({});
  if (flags.json) {
    out.json({
      status: summary.status, durationMs: summary.durationMs, message: summary.message,
      created: summary.created, updated: summary.updated, unchanged: summary.unchanged, failed: summary.failed, requests: summary.requests,
      openErrors: errors.map((e) => ({ scope: e.scope, item: e.itemKey, code: e.code, message: e.message, hint: e.hint, retryable: e.retryable })),
    });
  } else {
    out.out(describeProductRun(summary));
    if (errors.length) {
      out.out(`${errors.length} item(s) need attention:`);
      for (const line of describeErrors(errors)) out.out(line);
    }
  }
  return summary.status === 'ok' ? 0 : summary.status === 'partial' ? 2 : 1;
}

/** Dry run: what the next cycle would create and update; nothing is written anywhere. */
export async function previewCommand(api: TillbridgeApi, out: Output, json: boolean): Promise<number> {
  const view = await api.preview({});
  if (!view.ok) {
    out.err(`Preview failed: ${view.message}`);
    return 1;
  }
  if (json) {
    out.json(view);
    return 0;
  }
  out.out(`Would create ${view.create.length} product(s) and ${view.createVariations.length} variation(s) as drafts ` +
    `(an SKU the store already has is adopted instead), update ${view.update.length}, leave ${view.unchanged} unchanged.`);
  for (const c of view.create.slice(0, 20)) out.out(`  + ${c.sku}  "${c.name}"  ${c.regularPrice ?? ''}${c.salePrice ? ` (sale ${c.salePrice})` : ''}  stock ${c.stock ?? '-'}`);
  for (const u of view.update.slice(0, 20)) {
    const what = [u.parts.prices ? `price ${u.regularPrice}${u.salePrice ? ` sale ${u.salePrice}` : ''}` : '', u.parts.stock ? `stock ${u.stock}` : ''].filter(Boolean).join(', ');
    out.out(`  ~ ${u.sku}  ${what}${u.reason ? `  (${u.reason === 'off-web' ? 'left the web selection' : 'deleted in the POS'})` : ''}`);
  }
  if (view.heldBack.length) out.out(`${view.heldBack.length} item(s) would be held back:`);
  for (const p of view.heldBack.slice(0, 20)) out.out(`  ! ${p.message}`);
  return 0;
}

/** `tillbridge status`: the state the tray shows, in words. */
export async function statusCommand(api: TillbridgeApi, out: Output, json: boolean): Promise<number> {
  const s = await api.status({});
  if (json) { out.json(s); return 0; }
  out.out(`State: ${s.state}${s.running ? ` (running: ${s.running})` : ''}${s.paused ? ' (paused)' : ''}`);
  out.out(`POS:   ${s.health.pos.ok ? 'OK' : 'PROBLEM'} — ${s.health.pos.message}`);
  out.out(`Store: ${s.health.store.ok ? 'OK' : 'PROBLEM'} — ${s.health.store.message}`);
  if (s.storeGuard) out.out(`Stock Guard plugin: ${s.storeGuard.message}`);
  out.out(`Linked products ${s.counts.linkedProducts}, drafts awaiting publishing ${s.counts.draftsAwaitingPublish}, ` +
    `outstanding orders ${s.counts.outstandingOrders} (${s.counts.allocatedUnits} unit(s) allocated), exported today ${s.counts.ordersExportedToday}, open problems ${s.counts.openErrors}`);
  out.out(`Last product sync: ${s.lastProductSync ?? 'never'}; last order export: ${s.lastOrderExport ?? 'never'}`);
  return 0;
}
