import type { Tillbridge } from '../../compose/compose';
import { describeErrors, describeProductRun, type Output } from '../output';

export interface SyncFlags {
  json: boolean;
  full: boolean;
  skus: string[];
}

/** One product cycle (`sync --once`): a readable summary, or JSON for machines. Exit 0 when nothing failed. */
export async function syncOnceCommand(tb: Tillbridge, out: Output, flags: SyncFlags): Promise<number> {
  const summary = await tb.engine.syncProducts({
    trigger: 'cli', force: flags.full, ...(flags.skus.length ? { skus: flags.skus } : {}),
  });
  const errors = tb.engine.errors.open();
  if (flags.json) {
    const r = summary.result;
    out.json({
      status: summary.status, durationMs: summary.durationMs, message: summary.message,
      created: r?.created ?? 0, updated: r?.updated ?? 0, unchanged: r?.unchanged ?? 0, failed: r?.failed ?? 0, requests: r?.requests ?? 0,
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
export async function previewCommand(tb: Tillbridge, out: Output, json: boolean): Promise<number> {
  const summary = await tb.engine.syncProducts({ trigger: 'cli', dryRun: true });
  if (!summary.result) {
    out.err(`Preview failed: ${summary.message}`);
    return 1;
  }
  const { plan, problems } = summary.result;
  if (json) {
    out.json({
      create: plan.creates.map((c) => ({ sku: c.item.sku, name: c.item.name, type: c.item.isParent ? 'variable' : 'simple', ...c.values })),
      createVariations: plan.variationCreates.map((c) => ({ sku: c.item.sku, parent: c.item.parentSku, attributes: c.item.attributes, ...c.values })),
      update: plan.updates.map((u) => ({ sku: u.displaySku, storeId: u.link.storeId, kind: u.link.kind, parts: u.parts, values: u.values, reason: u.reason })),
      skipped: plan.skipped, recheckBrokenLinks: plan.recheck.map((r) => r.item.sku), unchanged: plan.unchanged, problems,
    });
    return 0;
  }
  out.out(`Would create ${plan.creates.length} product(s) and ${plan.variationCreates.length} variation(s) as drafts ` +
    `(an SKU the store already has is adopted instead), update ${plan.updates.length}, leave ${plan.unchanged} unchanged.`);
  for (const c of plan.creates.slice(0, 20)) out.out(`  + ${c.item.sku}  "${c.item.name}"  ${c.values.regularPrice ?? ''}${c.values.salePrice ? ` (sale ${c.values.salePrice})` : ''}  stock ${c.values.stock ?? '-'}`);
  for (const u of plan.updates.slice(0, 20)) {
    const what = [u.parts.prices ? `price ${u.values.regularPrice}${u.values.salePrice ? ` sale ${u.values.salePrice}` : ''}` : '', u.parts.stock ? `stock ${u.values.stock}` : ''].filter(Boolean).join(', ');
    out.out(`  ~ ${u.displaySku}  ${what}${u.reason ? `  (${u.reason === 'off-web' ? 'left the web selection' : 'deleted in the POS'})` : ''}`);
  }
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length || plan.skipped.length) out.out(`${errors.length + plan.skipped.length} item(s) would be held back:`);
  for (const p of [...errors, ...plan.skipped].slice(0, 20)) out.out(`  ! ${p.message}`);
  return 0;
}
