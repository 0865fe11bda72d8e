import { describe, expect, it } from 'vitest';
import { grossUp } from '../../../connectors/pos/gross-price';
import { osposCatalogue, osposPrice } from '../../../connectors/pos/ospos/ospos-data';
import { UNICENTA_TAXES, unicentaCatalogue, unicentaNet } from '../../../connectors/pos/unicenta/unicenta-data';

describe('uniCenta and OSPOS data generators', () => {
  it('the same seed gives the same catalogue; another seed another one', () => {
    expect([...unicentaCatalogue({ products: 300, seed: 5 })]).toEqual([...unicentaCatalogue({ products: 300, seed: 5 })]);
    expect([...unicentaCatalogue({ products: 300, seed: 5 })]).not.toEqual([...unicentaCatalogue({ products: 300, seed: 6 })]);
    expect([...osposCatalogue({ items: 300, seed: 5 })]).toEqual([...osposCatalogue({ items: 300, seed: 5 })]);
    expect([...osposCatalogue({ items: 300, seed: 5 })]).not.toEqual([...osposCatalogue({ items: 300, seed: 6 })]);
  });

  it('uniCenta: the requested catalogue rows, about a fifth of them variants, packs of existing products, unique references', () => {
    const entries = [...unicentaCatalogue({ products: 1000, seed: 1 })];
    const rows = entries.reduce((n, e) => n + e.rows, 0);
    expect(rows).toBe(1000);
    const variants = entries.filter((e) => e.product.attributeset_id !== null).reduce((n, e) => n + e.rows - 1, 0);
    expect(variants / rows).toBeGreaterThan(0.15);
    expect(variants / rows).toBeLessThan(0.3);
    const ids = new Set(entries.map((e) => e.product.id));
    const packs = entries.filter((e) => e.bundle.length > 0);
    expect(packs.length).toBeGreaterThan(5);
    expect(packs.flatMap((e) => e.bundle).every((b) => ids.has(b.product_bundle as string))).toBe(true);
    expect(new Set(entries.map((e) => e.product.reference)).size).toBe(entries.length);
  });

  it('uniCenta stores a net double that grosses back to the shop price; OSPOS a net price rounded to cents that does too', () => {
    for (const cents of [49, 399, 1999, 5999, 29999]) {
      for (const t of UNICENTA_TAXES) expect(grossUp(String(unicentaNet(cents, t.rate)), String(t.rate * 100))).toBe((cents / 100).toFixed(2));
    }
    expect(osposPrice(1999, 20, false)).toBe('16.66');
    expect(grossUp('16.66', '20')).toBe('19.99');
    expect(osposPrice(1999, 20, true)).toBe('19.99');
    const items = [...osposCatalogue({ items: 1000, seed: 1 })];
    expect(items).toHaveLength(1000);
    expect(items.filter((e) => e.item.category === 'Clothing').length / 1000).toBeGreaterThan(0.15);
  });
});
