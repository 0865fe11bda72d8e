import { describe, expect, it } from 'vitest';
import {
  exportReference, MIN_REFERENCE_COLUMN_LENGTH, normaliseStoreUrl, REFERENCE_EXTRA_LENGTH, referenceOrderNumber, sameStore, storeIdentityKey,
} from '../../../../electron/engine/orders/export-reference';

const STORE = 'https://shop.example.com';
const order = { number: '247', orderKey: 'wc_order_AbC123xYz9QrS' };

describe('the POS reference of an exported order', () => {
  it('is the order number, a dash and an 8-character tag without ambiguous characters', () => {
    const ref = exportReference(STORE, order);
    expect(ref).toMatch(/^247-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(ref.length).toBe(order.number.length + REFERENCE_EXTRA_LENGTH);
    expect(referenceOrderNumber(ref)).toBe('247');
    expect(referenceOrderNumber('247')).toBe('247');
    expect(referenceOrderNumber('WC-2026-0042-K3M9QX7A')).toBe('WC-2026-0042');
  });

  it('is deterministic: a pinned value, and the same for every spelling of the store address', () => {
    const ref = exportReference(STORE, order);
    // sha256("tillbridge-order-ref/1\nshop.example.com\nwc_order_AbC123xYz9QrS\n247"), first 40 bits in Crockford base32
    expect(ref).toBe('247-8JVXMTEV');
    for (const spelling of ['https://shop.example.com/', 'HTTPS://Shop.Example.COM', 'https://shop.example.com:443//', ' https://shop.example.com ', 'http://shop.example.com']) {
      expect(exportReference(spelling, order), spelling).toBe(ref);
    }
    expect(exportReference(STORE, { ...order, number: ' 247 ' })).toBe(ref);
  });

  it('differs for another store, another path, another port, another order key or another number', () => {
    const ref = exportReference(STORE, order);
    const others = [
      exportReference('https://staging.shop.example.com', order),
      exportReference('https://shop.example.com/uk', order),
      exportReference('https://shop.example.com:8443', order),
      exportReference(STORE, { ...order, orderKey: 'wc_order_ZZZ999zzz000A' }),
      exportReference(STORE, { number: '247' }),
      exportReference(STORE, { ...order, number: '2470' }),
    ];
    expect(new Set([ref, ...others]).size).toBe(others.length + 1);
    expect(others.every((r) => r !== '247')).toBe(true);
  });

  it('fits a 24-character POS column for order numbers of up to 15 characters', () => {
    expect(MIN_REFERENCE_COLUMN_LENGTH).toBe(24);
    expect(exportReference(STORE, { number: '123456789012345', orderKey: 'k' })).toHaveLength(24);
  });

  it('refuses an order without a number and an address that is not a web address', () => {
    expect(() => exportReference(STORE, { number: ' ' })).toThrow(/without a number/);
    expect(() => exportReference('shop.example.com', order)).toThrow(/not a store address/);
    expect(() => exportReference('ftp://shop.example.com', order)).toThrow(/https:\/\//);
  });
});

describe('store address normalisation', () => {
  it('lower-cases scheme and host, drops default ports, trailing slashes, query and fragment; keeps the path case', () => {
    expect(normaliseStoreUrl('HTTPS://Shop.Example.com:443/')).toBe('https://shop.example.com');
    expect(normaliseStoreUrl('http://Shop.Example.com:80/Shop/')).toBe('http://shop.example.com/Shop');
    expect(normaliseStoreUrl('https://shop.example.com:8443/uk//')).toBe('https://shop.example.com:8443/uk');
    expect(normaliseStoreUrl('https://shop.example.com/?x=1#y')).toBe('https://shop.example.com');
    expect(normaliseStoreUrl('http://127.0.0.1:8780')).toBe('http://127.0.0.1:8780');
    expect(storeIdentityKey('https://Shop.Example.com/uk/')).toBe('shop.example.com/uk');
  });

  it('counts http and https of one site as the same store, another host, port or path as another', () => {
    expect(sameStore('http://shop.example.com', 'https://SHOP.example.com/')).toBe(true);
    expect(sameStore('https://shop.example.com', 'https://staging.shop.example.com')).toBe(false);
    expect(sameStore('https://shop.example.com', 'https://shop.example.com/uk')).toBe(false);
    expect(sameStore('http://127.0.0.1:8780', 'http://127.0.0.1:8781')).toBe(false);
  });
});
