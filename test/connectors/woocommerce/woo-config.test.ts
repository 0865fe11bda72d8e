import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { effectiveAuthMode, parseWooConfig, validateWooConfig } from '../../../connectors/woocommerce/woo-config';

const KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
const SECRET = 'cs_fedcba9876543210fedcba9876543210fedcba98';
const good = { url: 'https://shop.example.com/', consumerKey: KEY, consumerSecret: SECRET };

function problems(input: unknown): string[] {
  const r = validateWooConfig(input);
  return r.ok ? [] : r.problems;
}

describe('woo config validation', () => {
  it('accepts a good config, fills defaults and strips the trailing slash', () => {
    const c = parseWooConfig(good);
    expect(c.url).toBe('https://shop.example.com');
    expect(c.authMode).toBe('auto');
    expect(c.timeoutMs).toBe(30_000);
    expect(c.maxRetries).toBe(3);
    expect(c.version).toBe('wc/v3');
    expect(c.consumerSecret).toBe(SECRET);
  });

  it('keeps a sub-directory install', () => {
    expect(parseWooConfig({ ...good, url: 'https://example.com/shop' }).url).toBe('https://example.com/shop');
  });

  it('explains a missing or malformed address', () => {
    expect(problems({ ...good, url: '' })).toEqual(['The store address is missing.']);
    expect(problems({ ...good, url: 'shop.example.com' })[0]).toMatch(/is not a web address/);
    expect(problems({ ...good, url: 'ftp://shop.example.com' })[0]).toMatch(/must start with https:\/\//);
  });

  it('refuses an API address instead of the site address', () => {
    expect(problems({ ...good, url: 'https://shop.example.com/wp-json/wc/v3' })[0]).toMatch(/without \/wp-json/);
  });

  it('recognises keys that are missing, mistyped or swapped', () => {
    expect(problems({ ...good, consumerKey: '' })).toContain('The consumer key is missing.');
    expect(problems({ ...good, consumerKey: 'abc' })[0]).toMatch(/should start with "ck_"/);
    expect(problems({ ...good, consumerKey: SECRET, consumerSecret: KEY })).toContain('The consumer key and secret look swapped.');
    expect(problems({ ...good, consumerSecret: 'cs_ab cd' })[0]).toMatch(/contains spaces/);
  });

  it('explains bad numbers and modes', () => {
    expect(problems({ ...good, timeoutMs: 10 })[0]).toMatch(/at least 1000 ms/);
    expect(problems({ ...good, maxRetries: -1 })[0]).toMatch(/cannot be negative/);
    expect(problems({ ...good, authMode: 'digest' })[0]).toMatch(/'auto', 'basic', 'query' or 'oauth1'/);
    expect(problems({ ...good, version: 'wc/v2' })[0]).toMatch(/wc\/v3/);
  });

  it('refuses sending keys in clear over plain http to a remote host, allows it on loopback', () => {
    expect(problems({ ...good, url: 'http://shop.example.com', authMode: 'basic', allowPlainHttp: true })[0]).toMatch(/unencrypted/);
    expect(problems({ ...good, url: 'http://127.0.0.1:8080', authMode: 'query' })).toEqual([]);
    expect(problems({ ...good, url: 'http://shop.example.com', authMode: 'oauth1', allowPlainHttp: true })).toEqual([]);
  });

  it('refuses plain http for a store off this PC unless allowPlainHttp says it is a LAN test store', () => {
    for (const url of ['http://shop.example.com', 'http://192.168.1.20', 'http://shop.lan:8080']) {
      for (const authMode of ['auto', 'oauth1'] as const) {
        const [message] = problems({ ...good, url, authMode });
        expect(message, `${url} ${authMode}`).toMatch(/plain http on another machine/);
        expect(message).toMatch(/https:\/\//);
        expect(message).toMatch(/allowPlainHttp/);
      }
      expect(problems({ ...good, url, authMode: 'oauth1', allowPlainHttp: true })).toEqual([]);
    }
    for (const url of ['http://127.0.0.1:8080', 'http://localhost', 'http://[::1]:9000', 'https://shop.example.com']) expect(problems({ ...good, url }), url).toEqual([]);
  });

  it('lists all problems in one message', () => {
    expect(() => parseWooConfig({ url: 'x' })).toThrow(/not a web address[\s\S]*consumer key is missing[\s\S]*consumer secret is missing/);
  });
});

describe('auth mode', () => {
  it("'auto' is Basic over https and OAuth 1.0a over http", () => {
    expect(effectiveAuthMode({ url: 'https://a.test', authMode: 'auto' })).toBe('basic');
    expect(effectiveAuthMode({ url: 'http://a.test', authMode: 'auto' })).toBe('oauth1');
    expect(effectiveAuthMode({ url: 'http://a.test', authMode: 'query' })).toBe('query');
  });
});

describe('secrets are never printed', () => {
  const c = parseWooConfig(good);
  const outputs = {
    json: JSON.stringify(c),
    string: String(c),
    template: `${c as unknown as string}`,
    inspect: inspect(c, { depth: 5, showHidden: false }),
    nested: JSON.stringify({ settings: { store: c } }),
    spread: JSON.stringify({ ...c }),
    entries: JSON.stringify(Object.entries(c)),
  };
  it.each(Object.entries(outputs))('%s output has no secret and no full key', (_name, text) => {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY);
  });

  it('still shows enough to recognise the key and that a secret is set', () => {
    expect(outputs.json).toContain('ck_…4567');
    expect(outputs.json).toContain('[hidden]');
    expect(outputs.inspect).toContain('https://shop.example.com');
  });

  it('the config is frozen', () => {
    expect(Object.isFrozen(c)).toBe(true);
  });
});
