import { describe, expect, it } from 'vitest';
import type { Money } from '../../../../connectors/core/money';
import type { Link, PushedRow } from '../../../../electron/engine/links/link-store';
import { planProducts, type PlanInput } from '../../../../electron/engine/products/product-plan';
import type { WebItem } from '../../../../electron/engine/items/web-item';

function web(sku: string, over: Partial<WebItem> = {}): WebItem {
  return { sku, key: sku.toLowerCase(), posId: sku, name: `Item ${sku}`, regularPrice: '10.00' as Money, salePrice: null, saleFrom: null,
    saleTo: null, onHand: 5, onWeb: true, parentSku: null, parentKey: null, isParent: false, attributes: {}, description: null,
    category: null, weight: null, barcode: null, createBlocker: null, ...over };
}
function link(sku: string, over: Partial<Link> = {}): Link {
  return { sku: sku.toLowerCase(), displaySku: sku, posId: sku, storeId: 100, parentId: null, kind: 'product', state: 'linked',
    createdByUs: true, note: null, linkedAt: '', updatedAt: '', ...over };
}
function pushed(sku: string, over: Partial<PushedRow> = {}): PushedRow {
  return { sku: sku.toLowerCase(), regularPrice: '10.00', salePrice: '', saleFrom: '', saleTo: '', stock: 5, pushedAt: '', ...over };
}
function input(over: Partial<PlanInput>): PlanInput {
  const items = over.items ?? [];
  return { items, seenKeys: new Set(items.map((i) => i.key)), complete: true, links: new Map(), pushed: new Map(),
    allocated: () => 0, safetyBuffer: 0, force: false, ...over };
}

describe('planProducts', () => {
  it('creates new SKUs and plans nothing for linked items whose values did not change', () => {
    const plan = planProducts(input({ items: [web('NEW'), web('SAME')], links: new Map([['same', link('SAME')]]), pushed: new Map([['same', pushed('SAME')]]) }));
    expect(plan.creates.map((c) => c.item.sku)).toEqual(['NEW']);
    expect(plan.updates).toEqual([]);
    expect(plan.unchanged).toBe(1);
  });

  it('updates only the parts that changed, and prices together', () => {
    const plan = planProducts(input({
      items: [web('P', { salePrice: '8.00' as Money }), web('Q', { onHand: 2 })],
      links: new Map([['p', link('P')], ['q', link('Q', { storeId: 101 })]]),
      pushed: new Map([['p', pushed('P')], ['q', pushed('Q')]]),
    }));
    expect(plan.updates.map((u) => [u.displaySku, u.parts])).toEqual([['P', { prices: true, stock: false }], ['Q', { prices: false, stock: true }]]);
  });

  it('subtracts allocation and the safety buffer from on-hand; below zero only by what orders hold beyond what the POS has for the web', () => {
    const plan = planProducts(input({ items: [web('A', { onHand: 5 }), web('B', { onHand: 1 }), web('C', { onHand: 0 })],
      links: new Map([['a', link('A')], ['b', link('B', { storeId: 2 })], ['c', link('C', { storeId: 3 })]]),
      pushed: new Map([['a', pushed('A')], ['b', pushed('B')], ['c', pushed('C')]]), allocated: (k) => (k === 'a' ? 2 : k === 'b' ? 3 : 0), safetyBuffer: 1 }));
    // A: 5 − 1 − 2; B: nothing for the web (1 − 1) and 3 units promised: oversold, the store owes 3; C: out of stock, not −1.
    expect(plan.updates.map((u) => u.values.stock)).toEqual([2, -3, 0]);
  });

  it('zeroes stock of items that left the web selection or were deleted in the POS, saying why', () => {
    const plan = planProducts(input({
      items: [web('OFF', { onWeb: false })],
      links: new Map([['off', link('OFF')], ['gone', link('GONE', { storeId: 7 })]]),
      pushed: new Map([['off', pushed('OFF')], ['gone', pushed('GONE', { stock: 3 })]]),
    }));
    expect(plan.updates.map((u) => [u.displaySku, u.values.stock, u.reason])).toEqual([['OFF', 0, 'off-web'], ['GONE', 0, 'deleted-in-pos']]);
    expect(plan.creates).toEqual([]);
  });

  it('does not treat an item that failed validation as deleted', () => {
    const plan = planProducts(input({ items: [], seenKeys: new Set(['bad']), links: new Map([['bad', link('BAD')]]), pushed: new Map([['bad', pushed('BAD')]]) }));
    expect(plan.updates).toEqual([]);
  });

  it('never creates for broken or missing links; rechecks broken ones', () => {
    const plan = planProducts(input({ items: [web('BR'), web('MI')], links: new Map([['br', link('BR', { state: 'broken' })], ['mi', link('MI', { state: 'missing', storeId: 3 })]]) }));
    expect(plan.creates).toEqual([]);
    expect(plan.recheck.map((r) => r.key)).toEqual(['br']);
    expect(plan.skipped.map((s) => s.code)).toEqual(['missing-in-store']);
    const forced = planProducts(input({ items: [web('MI')], links: new Map([['mi', link('MI', { state: 'missing', storeId: 3 })]]), force: true }));
    expect(forced.creates.map((c) => c.item.sku)).toEqual(['MI']);
  });

  it('plans a create again when an earlier create was never confirmed', () => {
    const plan = planProducts(input({ items: [web('PEND')], links: new Map([['pend', link('PEND', { state: 'pending-create', storeId: null })]]) }));
    expect(plan.creates.map((c) => c.item.sku)).toEqual(['PEND']);
  });

  it('creates variable parents with their children as variations', () => {
    const items = [web('TEE', { isParent: true }), web('TEE-S', { parentSku: 'TEE', parentKey: 'tee', attributes: { Size: 'S' } })];
    const plan = planProducts(input({ items }));
    expect(plan.creates.map((c) => [c.item.sku, c.variations.map((v) => v.sku)])).toEqual([['TEE', ['TEE-S']]]);
    expect(plan.variationCreates.map((v) => [v.item.sku, v.parentKey])).toEqual([['TEE-S', 'tee']]);
    expect(plan.creates[0]!.values.stock).toBeNull();
  });

  it('skips creating an item whose name cannot be used, but keeps a linked one flowing', () => {
    const plan = planProducts(input({ items: [web('X', { createBlocker: 'too long' }), web('Y', { createBlocker: 'too long', onHand: 1 })],
      links: new Map([['y', link('Y')]]), pushed: new Map([['y', pushed('Y')]]) }));
    expect(plan.creates).toEqual([]);
    expect(plan.skipped.map((s) => s.displaySku)).toEqual(['X']);
    expect(plan.updates.map((u) => u.displaySku)).toEqual(['Y']);
  });
});
