/**
 * The store connection settings, validated once with messages an installer understands (they
 * come from a settings form or a config file typed by a person), and wrapped so the secret never
 * reaches a log: JSON, String() and console/inspect output all show it masked.
 */
import { inspect } from 'node:util';
import { z } from 'zod';

/** How credentials travel. 'auto' = Basic over https, OAuth 1.0a signatures over plain http. */
export type WooAuthMode = 'auto' | 'basic' | 'query' | 'oauth1';

/** A validated store connection. The key and secret are readable but never serialised or spread. */
export interface WooConfig {
  /** The site's home address, no trailing slash, e.g. `https://shop.example.com` or `https://example.com/shop`. */
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly authMode: WooAuthMode;
  /** Hard limit for one HTTP call, in ms. */
  readonly timeoutMs: number;
  /** Retries after the first try, for retryable failures only. */
  readonly maxRetries: number;
  readonly version: 'wc/v3';
  /** A plain http:// address off this PC was explicitly allowed (a LAN test store). */
  readonly allowPlainHttp: boolean;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const urlSchema = z
  .string({ error: 'The store address is missing.' })
  .trim()
  .min(1, { error: 'The store address is missing.', abort: true })
  .superRefine((value, ctx) => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a web address. Write it like https://shop.example.com` });
      return;
    }
    if (u.protocol !== 'https:' && u.protocol !== 'http:') {
      ctx.addIssue({ code: 'custom', message: `The store address must start with https:// (or http://), not ${u.protocol}//` });
    }
    if (u.username || u.password) {
      ctx.addIssue({ code: 'custom', message: 'Do not put a user name or password in the store address; use the API key fields.' });
    }
    if (u.search || u.hash) {
      ctx.addIssue({ code: 'custom', message: 'The store address must not contain ? or #: give only the site address.' });
    }
    if (/\/wp-json(\/|$)/.test(u.pathname) || /\/wp-admin(\/|$)/.test(u.pathname)) {
      ctx.addIssue({
        code: 'custom',
        message: 'Give the site address only (e.g. https://shop.example.com), without /wp-json or /wp-admin.',
      });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

const keySchema = (label: string, prefix: string) =>
  z
    .string({ error: `The consumer ${label} is missing.` })
    .trim()
    .min(1, { error: `The consumer ${label} is missing.`, abort: true })
    .refine((v) => !/\s/.test(v), { error: `The consumer ${label} contains spaces; copy it again without them.` })
    .refine((v) => v.startsWith(prefix), {
      error: `The consumer ${label} should start with "${prefix}" (copy it from WooCommerce → Settings → Advanced → REST API).`,
    });

/** zod schema of the raw settings (defaults filled in); use `parseWooConfig` to get a protected config. */
export const wooConfigSchema = z
  .object({
    url: urlSchema,
    consumerKey: keySchema('key', 'ck_'),
    consumerSecret: keySchema('secret', 'cs_'),
    authMode: z
      .enum(['auto', 'basic', 'query', 'oauth1'], {
        error: "The auth mode must be 'auto', 'basic', 'query' or 'oauth1'.",
      })
      .default('auto'),
    timeoutMs: z
      .number({ error: 'The timeout must be a number of milliseconds.' })
      .int({ error: 'The timeout must be a whole number of milliseconds.' })
      .min(1_000, { error: 'The timeout must be at least 1000 ms (1 second).' })
      .max(600_000, { error: 'The timeout must be at most 600000 ms (10 minutes).' })
      .default(30_000),
    maxRetries: z
      .number({ error: 'The number of retries must be a number.' })
      .int({ error: 'The number of retries must be a whole number.' })
      .min(0, { error: 'The number of retries cannot be negative.' })
      .max(10, { error: 'At most 10 retries are allowed.' })
      .default(3),
    version: z.literal('wc/v3', { error: "Only the WooCommerce REST API version 'wc/v3' is supported." }).default('wc/v3'),
    allowPlainHttp: z.boolean({ error: 'allowPlainHttp must be true or false.' }).default(false),
  })
  .superRefine((c, ctx) => {
    if (c.consumerKey.startsWith('cs_') || c.consumerSecret.startsWith('ck_')) {
      ctx.addIssue({ code: 'custom', path: ['consumerKey'], message: 'The consumer key and secret look swapped.' });
    }
    let host = '';
    let plainHttp = false;
    try {
      const u = new URL(c.url);
      host = u.hostname;
      plainHttp = u.protocol === 'http:';
    } catch {
      return; // already reported on url
    }
    if (plainHttp && !LOOPBACK.has(host) && !c.allowPlainHttp) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `The store address ${c.url} is plain http on another machine: orders, customers and the keys' signatures would cross the network unencrypted. Use the store's https:// address; for a test store on the shop's own network only, set store.allowPlainHttp to true.`,
      });
      return;
    }
    if (plainHttp && (c.authMode === 'basic' || c.authMode === 'query') && !LOOPBACK.has(host)) {
      ctx.addIssue({
        code: 'custom',
        path: ['authMode'],
        message: `Over plain http the keys would travel unencrypted with auth mode '${c.authMode}': use the store's https:// address, or auth mode 'auto' / 'oauth1'.`,
      });
    }
  });

export type WooConfigResult = { ok: true; config: WooConfig } | { ok: false; problems: string[]; message: string };

/** Validates settings; on failure lists every problem in plain words (field names a person knows). */
export function validateWooConfig(input: unknown): WooConfigResult {
  const parsed = wooConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    return { ok: false, problems, message: `The store connection settings are not valid:\n- ${problems.join('\n- ')}` };
  }
  return { ok: true, config: protectConfig(parsed.data) };
}

/** Like `validateWooConfig` but throws an Error whose message lists the problems. */
export function parseWooConfig(input: unknown): WooConfig {
  const r = validateWooConfig(input);
  if (!r.ok) throw new Error(r.message);
  return r.config;
}

/** The auth actually used: 'auto' becomes Basic over https and OAuth 1.0a over http. */
export function effectiveAuthMode(config: Pick<WooConfig, 'url' | 'authMode'>): 'basic' | 'query' | 'oauth1' {
  if (config.authMode !== 'auto') return config.authMode;
  return config.url.toLowerCase().startsWith('https:') ? 'basic' : 'oauth1';
}

/** "ck_1234…abcd": enough to tell keys apart on a screen, useless to an attacker. */
export function maskKey(key: string): string {
  return key.length <= 12 ? `${key.slice(0, 3)}…` : `${key.slice(0, 3)}…${key.slice(-4)}`;
}

/** A copy safe to log or show: the secret replaced, the key shortened. */
export function maskedConfig(config: WooConfig): Record<string, unknown> {
  return {
    url: config.url,
    consumerKey: maskKey(config.consumerKey),
    consumerSecret: '[hidden]',
    authMode: config.authMode,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    version: config.version,
    allowPlainHttp: config.allowPlainHttp,
  };
}

/**
 * Freezes a config and hides its credentials from every serialisation path: key and secret are
 * non-enumerable properties (spreading or Object.entries skips them) and toJSON / toString /
 * util.inspect print the masked form.
 */
export function protectConfig(raw: Omit<WooConfig, never>): WooConfig {
  const config = {
    url: raw.url,
    authMode: raw.authMode,
    timeoutMs: raw.timeoutMs,
    maxRetries: raw.maxRetries,
    version: raw.version,
    allowPlainHttp: raw.allowPlainHttp,
  } as WooConfig;
  Object.defineProperties(config, {
    consumerKey: { value: raw.consumerKey, enumerable: false },
    consumerSecret: { value: raw.consumerSecret, enumerable: false },
    toJSON: { value: () => maskedConfig(config), enumerable: false },
    toString: { value: () => `WooConfig ${JSON.stringify(maskedConfig(config))}`, enumerable: false },
    [inspect.custom]: { value: () => maskedConfig(config), enumerable: false },
  });
  return Object.freeze(config);
}
