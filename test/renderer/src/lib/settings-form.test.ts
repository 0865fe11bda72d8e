import { describe, expect, it } from 'vitest';
import type { SettingsView } from '../../../../electron/engine/api/channels';
import { formFromView, inputFromForm, isSecretField, splitFieldErrors, validateForm } from '../../../../renderer/src/lib/settings-form';

const view: SettingsView = {
  configured: true,
  demo: false,
  source: 'config.json',
  store: { url: 'https://shop.example', authMode: 'basic', consumerKeySet: true, consumerSecretSet: true },
  pos: { profile: 'matrix-retail', driver: 'firebird', sqliteFile: null, firebird: { host: 'pos', port: 3050, database: 'SHOP', user: 'SYSDBA', passwordSet: true }, mysql: null },
  sync: { pollSeconds: 5, fullSyncMinutes: 60, orderPollSeconds: 30, safetyBuffer: 0, holdStockMinutes: 60 },
  profiles: [{ name: 'matrix-retail', description: 'Matrix Retail' }],
};

describe('settings form', () => {
  it('never prefills a secret', () => {
    const f = formFromView(view);
    expect(f['store.consumerKey']).toBe('');
    expect(f['store.consumerSecret']).toBe('');
    expect(f['pos.firebird.password']).toBe('');
    expect(f['store.url']).toBe('https://shop.example');
  });

  it('sends an untouched secret as absent (kept by the engine) and a typed one as typed', () => {
    const f = formFromView(view);
    expect(inputFromForm(f, ['store'])).toEqual({ store: { url: 'https://shop.example', authMode: 'basic' } });
    f['store.consumerSecret'] = ' cs_new ';
    expect(inputFromForm(f, ['store']).store?.consumerSecret).toBe('cs_new');
  });

  it('sends only the sections asked for, with the driver’s own fields', () => {
    const f = formFromView(view);
    expect(Object.keys(inputFromForm(f, ['pos']))).toEqual(['pos']);
    expect(inputFromForm(f, ['pos']).pos).toEqual({ profile: 'matrix-retail', driver: 'firebird', firebird: { host: 'pos', port: 3050, database: 'SHOP', user: 'SYSDBA' } });
    f['pos.driver'] = 'sqlite';
    f['pos.sqliteFile'] = '/data/pos.db';
    expect(inputFromForm(f, ['pos']).pos).toEqual({ profile: 'matrix-retail', driver: 'sqlite', sqliteFile: '/data/pos.db' });
    f['pos.driver'] = 'mysql';
    f['pos.mysql.database'] = 'unicentaopos';
    f['pos.mysql.user'] = 'pos';
    f['pos.mysql.password'] = ' s3cret ';
    expect(inputFromForm(f, ['pos']).pos).toEqual({
      profile: 'matrix-retail', driver: 'mysql', mysql: { host: 'localhost', port: 3306, database: 'unicentaopos', user: 'pos', password: 's3cret' },
    });
  });

  it('fills the MariaDB/MySQL fields from the view, never the password', () => {
    const f = formFromView({ ...view, pos: { ...view.pos!, driver: 'mysql', firebird: null, mysql: { host: 'db', port: 3307, database: 'ospos', user: 'shop', passwordSet: true } } });
    expect(f).toMatchObject({ 'pos.driver': 'mysql', 'pos.mysql.host': 'db', 'pos.mysql.port': '3307', 'pos.mysql.database': 'ospos', 'pos.mysql.user': 'shop', 'pos.mysql.password': '' });
    expect(isSecretField('pos.mysql.password')).toBe(true);
    f['pos.mysql.user'] = '';
    expect(validateForm(f, ['pos'])['pos.mysql.user']).toBe('Required.');
  });

  it('finds errors by field path before anything is sent', () => {
    const f = formFromView(view);
    expect(validateForm(f, ['store', 'pos', 'sync'])).toEqual({});
    f['store.url'] = '';
    f['pos.firebird.port'] = 'abc';
    f['sync.pollSeconds'] = '0';
    f['sync.safetyBuffer'] = '';
    const errors = validateForm(f, ['store', 'pos', 'sync']);
    expect(errors['store.url']).toBe('Required.');
    expect(errors['pos.firebird.port']).toBe('Enter a number.');
    expect(errors['sync.pollSeconds']).toBe('At least 1.');
    expect(errors['sync.safetyBuffer']).toBeUndefined();
  });

  it('checks only the sections asked for', () => {
    const f = formFromView(view);
    f['store.url'] = '';
    expect(validateForm(f, ['pos'])).toEqual({});
  });

  it('puts the engine’s field errors by field and the rest aside', () => {
    expect(splitFieldErrors([
      { field: 'store.url', message: 'No WooCommerce here.' },
      { field: 'pos.items-query', message: 'Table ITEMS is missing.' },
    ])).toEqual({ byField: { 'store.url': 'No WooCommerce here.' }, general: ['Table ITEMS is missing.'] });
  });
});
