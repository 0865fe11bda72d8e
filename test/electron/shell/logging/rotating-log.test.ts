import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redact } from '../../../../electron/shell/logging/redact';
import { RotatingLog } from '../../../../electron/shell/logging/rotating-log';

const root = mkdtempSync(join(tmpdir(), 'tb-logs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const at = () => new Date('2026-12-01T08:00:00.000Z');

describe('the log file', () => {
  it('rotates by size and keeps a fixed number of files', () => {
    const dir = join(root, 'rotate');
    const log = new RotatingLog(dir, { maxBytes: 200, keep: 3, now: at });
    for (let i = 0; i < 30; i++) log.write(`line ${String(i).padStart(2, '0')} ${'x'.repeat(40)}`);
    expect(existsSync(log.file)).toBe(true);
    expect(existsSync(log.rotated(1))).toBe(true);
    expect(existsSync(log.rotated(2))).toBe(true);
    expect(existsSync(log.rotated(3))).toBe(false);
    for (const f of [log.file, log.rotated(1), log.rotated(2)]) expect(statSync(f).size).toBeLessThanOrEqual(200);
    const current = readFileSync(log.file, 'utf8');
    expect(current).toContain('2026-12-01T08:00:00.000Z line 29');
    expect(readFileSync(log.rotated(1), 'utf8')).not.toContain('line 29');
    expect(readFileSync(log.rotated(2), 'utf8')).not.toContain('line 00');
  });

  it('continues an existing file after a restart, counting its size', () => {
    const dir = join(root, 'restart');
    new RotatingLog(dir, { maxBytes: 120, now: at }).write('a'.repeat(60));
    const again = new RotatingLog(dir, { maxBytes: 120, now: at });
    again.write('b'.repeat(60));
    expect(readFileSync(again.rotated(1), 'utf8')).toContain('a'.repeat(60));
    expect(readFileSync(again.file, 'utf8')).toContain('b'.repeat(60));
  });

  it('never writes an obvious secret, and indents the lines of a multi-line message', () => {
    const dir = join(root, 'redact');
    const log = new RotatingLog(dir, { now: at });
    const key = 'ck_4f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098';
    const secret = 'cs_9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e';
    log.write(`GET https://shop.example.com/wp-json/wc/v3/products?consumer_key=${key}&consumer_secret=${secret} failed\nat line 2`);
    const text = readFileSync(log.file, 'utf8');
    expect(text).not.toContain(key.slice(3));
    expect(text).not.toContain(secret.slice(3));
    expect(text).toContain('failed\n    at line 2\n');
  });
});

describe('redaction', () => {
  it.each([
    ['a WooCommerce key', 'key ck_4f1c2a9b8e7d6c5b4a39281706f5e4d3 used', 'key ck_[redacted] used'],
    ['a WooCommerce secret', 'cs_9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a', 'cs_[redacted]'],
    ['an Authorization header', 'authorization: Basic Y2tfYWJjOmNzX2RlZg==', 'authorization: Basic [redacted]'],
    ['a bearer token', 'sent Bearer 0123456789abcdef0123456789abcdef', 'sent Bearer [redacted]'],
    ['query parameters', '/x?consumer_secret=abc&password=hunter2&page=2', '/x?consumer_secret=[redacted]&password=[redacted]&page=2'],
    ['JSON fields', '{"consumerSecret":"s3cret","url":"https://shop"}', '{"consumerSecret":"[redacted]","url":"https://shop"}'],
  ])('blanks %s', (_what, line, expected) => {
    expect(redact(line)).toBe(expected);
  });

  it('leaves ordinary lines alone', () => {
    const line = 'Products: 3 created, 12 updated (SKU ck-100 and cs-200 included) in 1.2 s';
    expect(redact(line)).toBe(line);
  });
});
