/**
 * The app around the engine with real parts: a real SQLite demo POS, the practice store (the
 * emulator) over real HTTP, real files in a temporary data folder, and Firebird for the refused
 * login. Every wait is on an event or a promise of the app, never on a clock.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDemoPos } from '../../../connectors/pos/demo/demo-pos';
import { startEmulator, type RunningEmulator } from '../../../connectors/woocommerce-emulator/server';
import { TillbridgeApp } from '../../../electron/compose/app';
import { openStore } from '../../../electron/compose/compose';
import type { ApiEventBus } from '../../../electron/engine/api/event-bus';
import type { EventName, EventPayload } from '../../../electron/engine/api/channels';
import { loadConfigFile } from '../../../electron/engine/settings/config';
import { createTestFirebirdDatabase, type TestFirebirdDatabase } from '../../helpers/firebird';
import { createTestMariadbDatabase, type TestMariadbDatabase } from '../../helpers/mariadb';
import { builtInProfile } from '../../../connectors/pos/profile-loader';
import { mergeSettings } from '../../../electron/compose/app-api';
import { writeFileSync } from 'node:fs';

const KEY = 'ck_shop_key_4f1c2a';
const SECRET = 'cs_shop_secret_9d8e7f6a5b';

let root: string;
let shop: RunningEmulator;
let posFile: string;
const apps: TillbridgeApp[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tb-app-'));
  shop = await startEmulator({ keys: { ck: KEY, cs: SECRET } });
  posFile = join(root, 'shop-pos.sqlite');
  await createSqliteDemoPos(posFile, { items: 25, seed: 7, referenceDate: '2026-11-30' });
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

afterAll(async () => {
  await shop.close();
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function newApp(): { app: TillbridgeApp; dataDir: string } {
  const dataDir = join(root, `data-${++n}`);
  const app = new TillbridgeApp({ dataDir, env: {}, demo: { items: 30 } });
  apps.push(app);
  return { app, dataDir };
}

/** The next event of that name for which `accept` holds (checked when it arrives). */
function nextEvent<K extends EventName>(bus: ApiEventBus, name: K, accept: (p: EventPayload<K>) => boolean = () => true): Promise<EventPayload<K>> {
  return new Promise((resolve) => {
    const off = bus.on(name, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

const shopPos = { profile: 'demo', driver: 'sqlite' as const, sqliteFile: '' };
const goodSettings = () => ({
  store: { url: shop.url, consumerKey: KEY, consumerSecret: SECRET, authMode: 'basic' as const },
  pos: { ...shopPos, sqliteFile: posFile },
  sync: { pollSeconds: 60 },
});

describe('TillbridgeApp', () => {
  it('starts in setup, refuses engine channels in words, then runs the demo on request (a double click starts it once)', async () => {
    const { app } = newApp();
    expect(await app.start()).toBe('setup');
    const setup = await app.api.status({});
    expect(setup).toMatchObject({ state: 'setup', demo: false, health: { pos: { ok: false, message: 'not set up' }, store: { ok: false, message: 'not set up' } } });
    expect(Object.values(setup.counts).every((c) => c === 0)).toBe(true);
    await expect(app.api.problems({})).rejects.toThrow('Tillbridge is not set up yet: connect a store and a POS, or start the demo');
    expect((await app.api.settings({})).configured).toBe(false);

    const firstRun = nextEvent(app.events, 'product-run');
    const [a, b] = await Promise.all([app.api.startDemo({}), app.api.startDemo({})]);
    expect(a.ok).toBe(true);
    expect(b).toBe(a);
    expect(app.state).toBe('demo');
    const run = await firstRun;
    expect(run.status).toBe('ok');
    expect(run.created).toBeGreaterThan(0);
    const status = await app.api.status({});
    expect(status.demo).toBe(true);
    expect(status.counts.linkedProducts).toBeGreaterThan(0);
    expect(app.demoWorld!.store.state.products.size).toBe(run.created);
    expect((await app.api.products({})).total).toBeGreaterThan(0);
  });

  it('a bad store address is named as store.url and nothing is written; the demo keeps running', async () => {
    const { app, dataDir } = newApp();
    await app.start();
    await app.api.startDemo({});
    const answer = await app.api.saveSettings({ ...goodSettings(), store: { url: 'not a url', consumerKey: KEY, consumerSecret: SECRET } });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.fieldErrors.map((e) => e.field)).toEqual(['store.url']);
    expect(answer.fieldErrors[0]!.message).toMatch(/web address|shop address/);
    expect(JSON.stringify(answer)).not.toContain(SECRET);
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'secrets.enc'))).toBe(false);
    expect(app.state).toBe('demo');
    expect((await app.api.status({})).demo).toBe(true);
  });

  it('saves good settings with the secrets encrypted, restarts the engine, and a page subscribed before the restart hears the new engine', async () => {
    shop.reset();
    const { app, dataDir } = newApp();
    await app.start();
    await app.api.startDemo({});
    // Subscribed while the demo runs; satisfied only by a run that filled the shop's store.
    const newEngineRun = nextEvent(app.events, 'product-run', () => shop.state.products.size > 0);
    const states: string[] = [];
    app.events.on('status', (s) => states.push(s.state));

    const saved = await app.api.saveSettings(goodSettings());
    expect(saved.ok).toBe(true);
    if (!saved.ok) return;
    expect(saved.settings).toMatchObject({ configured: true, demo: false, store: { url: shop.url, consumerKeySet: true, consumerSecretSet: true }, pos: { driver: 'sqlite', sqliteFile: posFile } });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(JSON.stringify(saved)).not.toContain(KEY);
    expect(app.state).toBe('running');
    expect(states).toContain('starting');

    const run = await newEngineRun;
    expect(run.created).toBe(shop.state.products.size);
    const status = await app.api.status({});
    expect(status.demo).toBe(false);
    expect(status.counts.linkedProducts).toBe(run.created);

    // On disk: references in config.json, the values only sealed, every file owner-only.
    const configFile = join(dataDir, 'config.json');
    const text = readFileSync(configFile, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text).store).toMatchObject({ consumerKey: { stored: 'store.consumerKey' }, consumerSecret: { stored: 'store.consumerSecret' } });
    expect(readFileSync(join(dataDir, 'secrets.enc'), 'utf8')).not.toContain(SECRET);
    if (process.platform !== 'win32') {
      for (const f of ['config.json', 'secrets.enc', 'secrets.key']) expect(statSync(join(dataDir, f)).mode & 0o777).toBe(0o600);
    }
    // The command line runs the same saved configuration (it finds the data folder and the secrets).
    const cli = loadConfigFile(configFile);
    expect(cli.dataDir).toBe(dataDir);
    expect((await openStore(cli).check()).ok).toBe(true);

    // A form that leaves the secrets out keeps the stored ones.
    const again = await app.api.saveSettings({ store: { url: shop.url }, sync: { pollSeconds: 30 } });
    expect(again.ok).toBe(true);
    expect((await app.api.settings({})).sync.pollSeconds).toBe(30);
    const tests = await app.api.testConnections({});
    expect(tests.store).toMatchObject({ ok: true, fieldErrors: [] });
    expect(tests.pos).toMatchObject({ ok: true, fieldErrors: [] });

    // Another store than the local state belongs to is refused before anything is saved.
    const before = readFileSync(configFile, 'utf8');
    const other = await app.api.saveSettings({ store: { url: 'https://another-shop.example.com' } });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.fieldErrors).toEqual([expect.objectContaining({ field: 'store.url', message: expect.stringContaining('belongs to the store') })]);
    expect(readFileSync(configFile, 'utf8')).toBe(before);
    expect(app.state).toBe('running');
  });

  it('testConnections names the field to fix and saves nothing', async () => {
    const { app, dataDir } = newApp();
    await app.start();
    const wrongKey = await app.api.testConnections({ store: { url: shop.url, consumerKey: 'ck_not_a_key_of_this_shop', consumerSecret: SECRET, authMode: 'basic' } });
    expect(wrongKey.pos).toBeNull();
    expect(wrongKey.store?.ok).toBe(false);
    expect(wrongKey.store?.fieldErrors.map((e) => e.field)).toEqual(['store.consumerKey']);

    const wrongSecret = await app.api.testConnections({ store: { url: shop.url, consumerKey: KEY, consumerSecret: 'cs_wrong', authMode: 'basic' } });
    expect(wrongSecret.store?.fieldErrors.map((e) => e.field)).toEqual(['store.consumerSecret']);

    const closedPort = await freePort();
    const unreachable = await app.api.testConnections({ store: { url: `http://127.0.0.1:${closedPort}`, consumerKey: KEY, consumerSecret: SECRET, authMode: 'basic' } });
    expect(unreachable.store?.fieldErrors.map((e) => e.field)).toEqual(['store.url']);

    const noFile = await app.api.testConnections({ pos: { ...shopPos, sqliteFile: join(root, 'no-such-pos.sqlite') } });
    expect(noFile.store).toBeNull();
    expect(noFile.pos?.ok).toBe(false);
    expect(noFile.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.sqliteFile']);

    const good = await app.api.testConnections(goodSettings());
    expect(good.store).toMatchObject({ ok: true });
    expect(good.pos).toMatchObject({ ok: true });
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
    expect(app.state).toBe('setup');
  });

  describe('with Firebird', () => {
    let fdb: TestFirebirdDatabase;
    beforeAll(async () => { fdb = await createTestFirebirdDatabase('app-login'); });
    afterAll(async () => { await fdb?.drop(); });

    it('a refused login names pos.firebird.password, a missing database pos.firebird.database', async () => {
      const { app } = newApp();
      await app.start();
      const firebird = { host: fdb.config.host!, port: fdb.config.port!, user: 'SYSDBA' };
      const refused = await app.api.testConnections({ pos: { profile: 'matrix-retail', driver: 'firebird', firebird: { ...firebird, database: fdb.path, password: 'not-the-password' } } });
      expect(refused.pos?.ok).toBe(false);
      expect(refused.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.firebird.password']);
      expect(JSON.stringify(refused)).not.toContain('not-the-password');

      const missing = await app.api.testConnections({ pos: { profile: 'matrix-retail', driver: 'firebird', firebird: { ...firebird, database: `${fdb.path}.missing.fdb`, password: fdb.config.password } } });
      expect(missing.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.firebird.database']);
    });
  });

  describe('with MariaDB', () => {
    let mdb: TestMariadbDatabase;
    let profileFile: string;
    beforeAll(async () => {
      mdb = await createTestMariadbDatabase('app-login', ['CREATE TABLE ITEMS (ID INT PRIMARY KEY) ENGINE=InnoDB']);
      // A reading profile declared for MariaDB/MySQL (no built-in one here): its statements are only prepared.
      const { export: _unused, ...reading } = builtInProfile('demo');
      profileFile = join(root, 'mysql-profile.json');
      writeFileSync(profileFile, JSON.stringify({ ...reading, name: 'mysql-test', engines: ['mysql'] }));
    });
    afterAll(async () => { await mdb?.drop(); });

    it('the password is stored as a secret reference under pos.mysql.password, never in the settings', () => {
      const draft = mergeSettings(null, { pos: { profile: 'demo', driver: 'mysql', mysql: { host: 'db', port: 3306, database: 'ospos', user: 'pos', password: 'pw-7781' } } });
      expect(draft.raw.pos).toEqual({ profile: 'demo', driver: 'mysql', mysql: { host: 'db', port: 3306, database: 'ospos', user: 'pos', password: { stored: 'pos.mysql.password' } } });
      expect(draft.secrets).toEqual({ 'pos.mysql.password': 'pw-7781' });
      // A form that leaves the password out keeps the stored reference.
      const again = mergeSettings(draft.raw as Parameters<typeof mergeSettings>[0], { pos: { profile: 'demo', driver: 'mysql', mysql: { host: 'db2', port: 3306, database: 'ospos', user: 'pos' } } });
      expect(again.raw.pos).toMatchObject({ mysql: { host: 'db2', password: { stored: 'pos.mysql.password' } } });
      expect(again.secrets).toEqual({});
    });

    it('a refused login names pos.mysql.password, an unknown database pos.mysql.database, no server pos.mysql.host, a built-in profile for other engines pos.driver', async () => {
      const { app } = newApp();
      await app.start();
      const mysql = { host: mdb.config.host!, port: mdb.config.port!, user: mdb.config.user! };
      const refused = await app.api.testConnections({ pos: { profile: profileFile, driver: 'mysql', mysql: { ...mysql, database: mdb.name, password: 'not-the-password' } } });
      expect(refused.pos?.ok).toBe(false);
      expect(refused.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.mysql.password']);
      expect(JSON.stringify(refused)).not.toContain('not-the-password');

      const missing = await app.api.testConnections({ pos: { profile: profileFile, driver: 'mysql', mysql: { ...mysql, database: `${mdb.name}_missing`, password: mdb.config.password } } });
      expect(missing.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.mysql.database']);

      const noServer = await app.api.testConnections({ pos: { profile: profileFile, driver: 'mysql', mysql: { ...mysql, port: await freePort(), database: mdb.name, password: mdb.config.password } } });
      expect(noServer.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.mysql.host']);

      // Connected: what remains are the profile's statements, which name tables this database lacks.
      const connected = await app.api.testConnections({ pos: { profile: profileFile, driver: 'mysql', mysql: { ...mysql, database: mdb.name, password: mdb.config.password } } });
      expect(new Set(connected.pos?.fieldErrors.map((e) => e.field))).toEqual(new Set(['pos.profile']));
      expect(connected.pos?.message).toMatch(/"items\.sql" failed: Unknown column 'i\.SKU'/);

      const wrongProfile = await app.api.testConnections({ pos: { profile: 'matrix-retail', driver: 'mysql', mysql: { ...mysql, database: mdb.name, password: mdb.config.password } } });
      expect(wrongProfile.pos?.fieldErrors.map((e) => e.field)).toEqual(['pos.driver']);
    });
  });

  it('a command sent twice while the first runs runs once; sent again afterwards it runs again', async () => {
    const { app } = newApp();
    await app.start();
    const firstRun = nextEvent(app.events, 'product-run');
    await app.api.startDemo({});
    await firstRun;
    await app.api.pause({}); // no scheduled pass in between: only the commands below run
    const runs: (number | null)[] = [];
    app.events.on('product-run', (r) => runs.push(r.runId));

    const [a, b] = await Promise.all([app.api.syncNow({ full: true }), app.api.syncNow({ full: true })]);
    expect(b).toBe(a);
    expect(runs).toEqual([a.runId]);

    const c = await app.api.syncNow({ full: true });
    expect(c.runId).not.toBe(a.runId);
    expect(runs).toEqual([a.runId, c.runId]);
  });

  it('after close the engine is stopped, its lock released, and the API refuses', async () => {
    const { app, dataDir } = newApp();
    await app.start();
    await app.api.saveSettings(goodSettings());
    expect(existsSync(join(dataDir, 'engine.lock'))).toBe(true);
    await app.close();
    expect(existsSync(join(dataDir, 'engine.lock'))).toBe(false);
    await expect(app.api.problems({})).rejects.toThrow(/closed/);
    await app.close(); // twice is fine
  });
});

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
