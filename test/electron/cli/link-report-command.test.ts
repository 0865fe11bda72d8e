/** The link-report command's text: categories first, then every warning with the item's SKU. */
import { describe, expect, it } from 'vitest';
import type { TillbridgeApi } from '../../../electron/engine/api/channels';
import { linkReportCommand } from '../../../electron/cli/link-report-command';
import type { LinkReportRow } from '../../../electron/engine/products/link-report';
import type { Output } from '../../../electron/cli/output';

function row(over: Partial<LinkReportRow>): LinkReportRow {
  return { sku: 'A-1', posId: '1', name: 'A', category: 'linked', storeId: 5, parentId: null, kind: 'product', onWeb: true, detail: 'store product 5 (draft)', warnings: [], ...over };
}

describe('link-report command', () => {
  it('lists the warnings after the categories', async () => {
    const rows = [row({}), row({ sku: 'B-2', posId: '2', category: 'new', detail: 'created as a draft on the next sync', warnings: ['POS item 2 "B \\ x" has a backslash in its name, which the store drops when it saves the product: it will show "B  x".'] })];
    const api = { linkReport: async () => rows } as unknown as TillbridgeApi;
    const lines: string[] = [];
    const out: Output = { out: (l) => lines.push(l), err: () => {}, progress: () => {}, json: () => {} };
    expect(await linkReportCommand(api, out, false)).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain('\nwarnings (1)\n  B-2                  POS item 2 "B \\ x" has a backslash');
    expect(text.indexOf('warnings (1)')).toBeGreaterThan(text.indexOf('linked (1)'));
  });
});
