import type { TillbridgeApi } from '../engine/api/channels';
import type { LinkCategory } from '../engine/products/link-report';
import type { Output } from './output';

const ORDER: LinkCategory[] = ['broken', 'missing-in-store', 'duplicate-in-store', 'duplicate-in-pos', 'invalid', 'deleted-in-pos', 'off-web', 'new', 'linked'];

/** Every web item and where it stands with the store, then the warnings (names the store will change). Reads only. */
export async function linkReportCommand(api: TillbridgeApi, out: Output, json: boolean): Promise<number> {
  const rows = await api.linkReport({});
  if (json) {
    out.json(rows);
    return 0;
  }
  const counts = new Map<LinkCategory, number>();
  for (const r of rows) counts.set(r.category, (counts.get(r.category) ?? 0) + 1);
  out.out(ORDER.filter((c) => counts.get(c)).map((c) => `${counts.get(c)} ${c}`).join(', ') || 'No web items.');
  for (const category of ORDER) {
    const list = rows.filter((r) => r.category === category);
    if (list.length === 0) continue;
    out.out(`\n${category} (${list.length})`);
    for (const r of list.slice(0, category === 'linked' ? 50 : 500)) out.out(`  ${r.sku.padEnd(20)} ${r.detail}`);
    if (category === 'linked' && list.length > 50) out.out(`  ... ${list.length - 50} more (use --json for all)`);
  }
  const warned = rows.filter((r) => r.warnings.length > 0);
  if (warned.length > 0) {
    out.out(`\nwarnings (${warned.length})`);
    for (const r of warned) for (const w of r.warnings) out.out(`  ${(r.sku || r.posId).padEnd(20)} ${w}`);
  }
  return 0;
}
