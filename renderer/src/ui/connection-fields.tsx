/**
 * The store, POS and sync fields, shared by Settings and the first-run wizard so both ask the
 * same questions in the same words.
 */
import type { SettingsView } from '../../../electron/engine/api/channels';
import type { FieldErrors, FieldPath, FormValues } from '../lib/settings-form';
import { SecretField, SelectField, TextField } from './field';

const text = {
  storeUrl: 'Store address',
  storeUrlHint: 'The WooCommerce store’s web address, e.g. https://shop.example.com',
  authMode: 'How to sign in',
  authModes: { auto: 'Automatic', basic: 'Basic (HTTPS)', query: 'Keys in the address (host strips headers)', oauth1: 'OAuth 1.0a (plain HTTP)' },
  consumerKey: 'Consumer key',
  consumerSecret: 'Consumer secret',
  keysHint: 'WooCommerce → Settings → Advanced → REST API: a key with Read/Write permission.',
  profile: 'POS profile',
  driver: 'POS database',
  drivers: { firebird: 'Firebird server', mysql: 'MariaDB / MySQL server', sqlite: 'SQLite file' },
  sqliteFile: 'Database file',
  fbHost: 'Server',
  fbPort: 'Port',
  fbDatabase: 'Database path or alias',
  fbUser: 'User',
  fbPassword: 'Password',
  myDatabase: 'Database name',
  pollSeconds: 'Check the POS for changes every (seconds)',
  fullSyncMinutes: 'Full product check every (minutes)',
  orderPollSeconds: 'Check the store for orders every (seconds)',
  safetyBuffer: 'Safety buffer (units held back per SKU)',
  holdStockMinutes: 'Hold stock for unpaid orders (minutes)',
};

export interface FieldsProps {
  values: FormValues;
  errors: FieldErrors;
  onChange(field: FieldPath, value: string): void;
}

export function StoreFields({ values, errors, onChange, view }: FieldsProps & { view: SettingsView | null }) {
  const bind = (field: FieldPath) => ({ name: field, value: values[field], error: errors[field], onChange: (v: string) => onChange(field, v) });
  return (
    <>
      <TextField label={text.storeUrl} hint={text.storeUrlHint} type="url" inputMode="url" {...bind('store.url')} />
      <SelectField label={text.authMode} options={Object.entries(text.authModes).map(([value, label]) => ({ value, label }))} {...bind('store.authMode')} />
      <SecretField label={text.consumerKey} hint={text.keysHint} stored={view?.store?.consumerKeySet ?? false} {...bind('store.consumerKey')} />
      <SecretField label={text.consumerSecret} stored={view?.store?.consumerSecretSet ?? false} {...bind('store.consumerSecret')} />
    </>
  );
}

export function PosFields({ values, errors, onChange, view }: FieldsProps & { view: SettingsView | null }) {
  const bind = (field: FieldPath) => ({ name: field, value: values[field], error: errors[field], onChange: (v: string) => onChange(field, v) });
  const profiles = view?.profiles ?? [];
  const current = values['pos.profile'];
  const options = profiles.map((p) => ({ value: p.name, label: p.name }));
  if (current && !profiles.some((p) => p.name === current)) options.unshift({ value: current, label: current });
  const description = profiles.find((p) => p.name === current)?.description;
  return (
    <>
      <SelectField label={text.profile} hint={description} options={options} {...bind('pos.profile')} />
      <SelectField label={text.driver} options={Object.entries(text.drivers).map(([value, label]) => ({ value, label }))} {...bind('pos.driver')} />
      {values['pos.driver'] === 'sqlite'
        ? <TextField label={text.sqliteFile} {...bind('pos.sqliteFile')} />
        : values['pos.driver'] === 'mysql' ? (
          <>
            <TextField label={text.fbHost} {...bind('pos.mysql.host')} />
            <TextField label={text.fbPort} type="number" {...bind('pos.mysql.port')} />
            <TextField label={text.myDatabase} {...bind('pos.mysql.database')} />
            <TextField label={text.fbUser} autoComplete="off" {...bind('pos.mysql.user')} />
            <SecretField label={text.fbPassword} stored={view?.pos?.mysql?.passwordSet ?? false} {...bind('pos.mysql.password')} />
          </>
        ) : (
          <>
            <TextField label={text.fbHost} {...bind('pos.firebird.host')} />
            <TextField label={text.fbPort} type="number" {...bind('pos.firebird.port')} />
            <TextField label={text.fbDatabase} {...bind('pos.firebird.database')} />
            <TextField label={text.fbUser} autoComplete="off" {...bind('pos.firebird.user')} />
            <SecretField label={text.fbPassword} stored={view?.pos?.firebird?.passwordSet ?? false} {...bind('pos.firebird.password')} />
          </>
        )}
    </>
  );
}

export function SyncFields({ values, errors, onChange }: FieldsProps) {
  const bind = (field: FieldPath) => ({ name: field, value: values[field], error: errors[field], onChange: (v: string) => onChange(field, v), type: 'number' as const });
  return (
    <>
      <TextField label={text.pollSeconds} {...bind('sync.pollSeconds')} />
      <TextField label={text.fullSyncMinutes} {...bind('sync.fullSyncMinutes')} />
      <TextField label={text.orderPollSeconds} {...bind('sync.orderPollSeconds')} />
      <TextField label={text.safetyBuffer} {...bind('sync.safetyBuffer')} />
      <TextField label={text.holdStockMinutes} {...bind('sync.holdStockMinutes')} />
    </>
  );
}
