/**
 * `tillbridge check` against the MySQL POS systems: it names the POS and its version when the
 * profile recognises the database, and says plainly when the database is another POS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOsposPos } from '../../../connectors/pos/ospos/ospos-pos';
import { createUnicentaPos } from '../../../connectors/pos/unicenta/unicenta-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { main } from '../../../electron/cli/main';
import type { Output } from '../../../electron/cli/output';
import { createTestMariadbDatabase, MARIADB_HOST, MARIADB_PORT, MARIADB_USER, mariadbPassword, type TestMariadbDatabase } from '../../helpers/mariadb';

function capture(): Output & { stdout: string[]; json_: unknown[] } {
  const o = { stdout: [] as string[], json_: [] as unknown[] };
  return Object.assign(o, { out: (l: string) => { o.stdout.push(l); }, err: () => undefined, json: (v: unknown) => { o.json_.push(v); }, progress: () => undefined });
}

let dir: string;
let store: RunningEmulator;
let unicenta: TestMariadbDatabase;
let ospos: TestMariadbDatabase;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tb-cli-mysql-'));
  store = await startEmulator();
  unicenta = await createTestMariadbDatabase('cli_unicenta');
  await createUnicentaPos(unicenta.driver(), { products: 40, seed: 2 });
  ospos = await createTestMariadbDatabase('cli_ospos');
  await createOsposPos(ospos.driver(), { items: 40, seed: 2 });
  process.env.TB_TEST_MYSQL_PASSWORD = mariadbPassword();
});
afterAll(async () => {
  await store?.close();
  await unicenta?.drop();
  await ospos?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function configFor(profile: string, database: string): string {
  const file = join(dir, `${profile}-${database}.json`);
  writeFileSync(file, JSON.stringify({
    dataDir: join(dir, 'data'),
    store: { url: store.url, consumerKey: store.state.keys.ck, consumerSecret: store.state.keys.cs, authMode: 'basic' },
    pos: { profile, driver: 'mysql', mysql: { host: MARIADB_HOST, port: MARIADB_PORT, database, user: MARIADB_USER, password: { env: 'TB_TEST_MYSQL_PASSWORD' } } },
  }));
  return file;
}

describe('tillbridge check on MySQL POS databases', () => {
  it('names uniCenta oPOS 4.2.2 and Open Source POS with the release of its migrations', async () => {
    const o = capture();
    expect(await main(['check', '--config', configFor('unicenta', unicenta.name)], o)).toBe(0);
    expect(o.stdout.join('\n')).toMatch(/^POS {3}\(unicenta on mysql\): OK — Connected to MariaDB [^ ]+ \(uniCenta oPOS 4\.2\.2\); /m);

    const j = capture();
    expect(await main(['check', '--json', '--config', configFor('ospos', ospos.name)], j)).toBe(0);
    expect(j.json_[0]).toMatchObject({ ok: true, pos: { ok: true, pos: { name: 'Open Source POS', version: '3.4.2 or later (database migration 20250729170000)' } } });
  });

  it('says when the database is another POS than the profile is written for', async () => {
    const o = capture();
    expect(await main(['check', '--config', configFor('unicenta', ospos.name)], o)).toBe(1);
    expect(o.stdout.join('\n')).toMatch(/PROBLEM — This database does not look like the POS the profile "unicenta" is written for: .*applications/);
  });
});
