/**
 * The emulator runs on its own (the demo's practice store): the CLI entry, bundled with esbuild
 * into a temp folder and started as a real process, prints its URL and keys and serves requests
 * with the keys it was given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs, stockGuardFlag } from '../../../connectors/woocommerce-emulator/main';

const dir = mkdtempSync(join(tmpdir(), 'wc-emulator-cli-'));
let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('emulator command line', () => {
  it('parses --name value and --name=value, refusing stray words', () => {
    expect(parseCliArgs(['--port', '0', '--key=ck_x'])).toEqual({ port: '0', key: 'ck_x' });
    expect(() => parseCliArgs(['8080'])).toThrow(/unexpected argument/);
    expect(() => parseCliArgs(['--port'])).toThrow(/needs a value/);
    expect([stockGuardFlag(undefined), stockGuardFlag('off'), stockGuardFlag('on')]).toEqual([false, false, true]);
    expect(() => stockGuardFlag('yes')).toThrow(/on or off/);
  });

  it('starts as a process, prints URL and keys, and serves with the given key', async () => {
    const outfile = join(dir, 'main.js');
    await build({ entryPoints: [join(__dirname, '../../../connectors/woocommerce-emulator/main.ts')], bundle: true, platform: 'node', outfile, logLevel: 'silent' });
    child = spawn(process.execPath, [outfile, '--port', '0', '--secret', 'cs_cli_test'], { env: { ...process.env, WC_EMULATOR_KEY: 'ck_cli_test' } });
    const printed = await new Promise<string>((resolve, reject) => {
      let text = '';
      child!.stdout!.on('data', (d: Buffer) => {
        text += d.toString();
        if (text.includes('Read-only secret')) resolve(text);
      });
      child!.on('exit', (code) => reject(new Error(`emulator exited early (${code}): ${text}`)));
    });
    expect(printed).toContain('ck_cli_test');
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(printed)![0];
    const ok = await fetch(`${url}/wp-json/wc/v3/products`, { headers: { Authorization: `Basic ${Buffer.from('ck_cli_test:cs_cli_test').toString('base64')}` } });
    expect(ok.status).toBe(200);
    const reset = await fetch(`${url}/__emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
  });
});
