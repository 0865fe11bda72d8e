/**
 * The settings form as plain data: every field by its dotted path in the contract's settings
 * input ("store.url"), so a field error from the engine or from the schema lands next to its
 * field. Secrets start empty and are sent only when typed: the engine never sends them back.
 */
import type { z } from 'zod';
import { settingsInputSchema, type SettingsInput, type SettingsView } from '../../../electron/engine/api/channels';

export const formText = {
  required: 'Required.',
  wholeNumber: 'Enter a whole number.',
  number: 'Enter a number.',
  webAddress: 'Enter the shop\'s web address, starting with https:// (for example https://shop.example.com).',
  atLeast: (n: number | bigint) => `At least ${n}.`,
  atMost: (n: number | bigint) => `At most ${n}.`,
  tooLong: (n: number | bigint) => `At most ${n} characters.`,
};

export const FIELDS = [
  'store.url', 'store.authMode', 'store.consumerKey', 'store.consumerSecret',
  'pos.profile', 'pos.driver', 'pos.sqliteFile',
  'pos.firebird.host', 'pos.firebird.port', 'pos.firebird.database', 'pos.firebird.user', 'pos.firebird.password',
  'pos.mysql.host', 'pos.mysql.port', 'pos.mysql.database', 'pos.mysql.user', 'pos.mysql.password',
  'sync.pollSeconds', 'sync.fullSyncMinutes', 'sync.orderPollSeconds', 'sync.safetyBuffer', 'sync.holdStockMinutes',
] as const;
export type FieldPath = (typeof FIELDS)[number];
export type FormValues = Record<FieldPath, string>;
export type FieldErrors = Partial<Record<string, string>>;
export type Section = 'store' | 'pos' | 'sync';

const NUMBER_FIELDS = new Set<FieldPath>(['pos.firebird.port', 'pos.mysql.port', 'sync.pollSeconds', 'sync.fullSyncMinutes', 'sync.orderPollSeconds', 'sync.safetyBuffer', 'sync.holdStockMinutes']);
const SECRET_FIELDS = new Set<FieldPath>(['store.consumerKey', 'store.consumerSecret', 'pos.firebird.password', 'pos.mysql.password']);

export function isSecretField(field: FieldPath): boolean {
  return SECRET_FIELDS.has(field);
}

/** The form filled from what the engine has; secrets stay empty (write-only). */
export function formFromView(view: SettingsView | null): FormValues {
  const fb = view?.pos?.firebird;
  const my = view?.pos?.mysql;
  const sync = view?.sync;
  return {
    'store.url': view?.store?.url ?? '',
    'store.authMode': view?.store?.authMode ?? 'auto',
    'store.consumerKey': '',
    'store.consumerSecret': '',
    'pos.profile': view?.pos?.profile ?? view?.profiles[0]?.name ?? '',
    'pos.driver': view?.pos?.driver ?? 'firebird',
    'pos.sqliteFile': view?.pos?.sqliteFile ?? '',
    'pos.firebird.host': fb?.host ?? 'localhost',
    'pos.firebird.port': String(fb?.port ?? 3050),
    'pos.firebird.database': fb?.database ?? '',
    'pos.firebird.user': fb?.user ?? 'SYSDBA',
    'pos.firebird.password': '',
    'pos.mysql.host': my?.host ?? 'localhost',
    'pos.mysql.port': String(my?.port ?? 3306),
    'pos.mysql.database': my?.database ?? '',
    'pos.mysql.user': my?.user ?? '',
    'pos.mysql.password': '',
    'sync.pollSeconds': sync ? String(sync.pollSeconds) : '',
    'sync.fullSyncMinutes': sync ? String(sync.fullSyncMinutes) : '',
    'sync.orderPollSeconds': sync ? String(sync.orderPollSeconds) : '',
    'sync.safetyBuffer': sync ? String(sync.safetyBuffer) : '',
    'sync.holdStockMinutes': sync ? String(sync.holdStockMinutes) : '',
  };
}

const opt = (s: string): string | undefined => (s.trim() === '' ? undefined : s.trim());
const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s.trim()));

/** The request for the chosen sections (a test of the store sends only the store). */
export function inputFromForm(v: FormValues, sections: readonly Section[]): SettingsInput {
  const input: SettingsInput = {};
  if (sections.includes('store')) {
    input.store = {
      url: v['store.url'].trim(),
      authMode: v['store.authMode'] as NonNullable<SettingsInput['store']>['authMode'],
      consumerKey: opt(v['store.consumerKey']),
      consumerSecret: opt(v['store.consumerSecret']),
    };
  }
  if (sections.includes('pos')) {
    const driver = v['pos.driver'] === 'sqlite' || v['pos.driver'] === 'mysql' ? v['pos.driver'] : 'firebird';
    input.pos = driver === 'sqlite'
      ? { profile: v['pos.profile'].trim(), driver, sqliteFile: opt(v['pos.sqliteFile']) }
      : driver === 'mysql' ? {
        profile: v['pos.profile'].trim(),
        driver,
        mysql: {
          host: v['pos.mysql.host'].trim(),
          port: num(v['pos.mysql.port']) as number,
          database: v['pos.mysql.database'].trim(),
          user: v['pos.mysql.user'].trim(),
          password: opt(v['pos.mysql.password']),
        },
      } : {
        profile: v['pos.profile'].trim(),
        driver,
        firebird: {
          host: v['pos.firebird.host'].trim(),
          port: num(v['pos.firebird.port']) as number,
          database: v['pos.firebird.database'].trim(),
          user: v['pos.firebird.user'].trim(),
          password: opt(v['pos.firebird.password']),
        },
      };
  }
  if (sections.includes('sync')) {
    input.sync = {
      pollSeconds: num(v['sync.pollSeconds']),
      fullSyncMinutes: num(v['sync.fullSyncMinutes']),
      orderPollSeconds: num(v['sync.orderPollSeconds']),
      safetyBuffer: num(v['sync.safetyBuffer']),
      holdStockMinutes: num(v['sync.holdStockMinutes']),
    };
  }
  return dropUndefined(input) as SettingsInput;
}

function dropUndefined(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, dropUndefined(v)]));
}

function issueMessage(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? formText.required : NUMBER_FIELDS.has(field as FieldPath) ? formText.number : issue.message;
    case 'too_small':
      return issue.origin === 'string' ? formText.required : formText.atLeast(issue.minimum as number);
    case 'too_big':
      return issue.origin === 'string' ? formText.tooLong(issue.maximum as number) : formText.atMost(issue.maximum as number);
    default:
      return issue.message;
  }
}

/** What is wrong before anything is sent, by field path; empty when the input fits the contract. */
export function validateForm(v: FormValues, sections: readonly Section[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELDS) {
    if (!sections.includes(field.split('.')[0] as Section) || !NUMBER_FIELDS.has(field)) continue;
    const raw = v[field].trim();
    if (raw !== '' && !/^-?\d+(\.\d+)?$/.test(raw)) errors[field] = formText.number;
  }
  if (sections.includes('store') && v['store.url'].trim() !== '' && !isWebAddress(v['store.url'].trim())) errors['store.url'] = formText.webAddress;
  const parsed = settingsInputSchema.safeParse(inputFromForm(v, sections));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      errors[field] ??= issueMessage(issue, field);
    }
  }
  return errors;
}

/** Field errors from the engine (connection tests, save) keyed by field; those naming no form field go to `general`. */
export function splitFieldErrors(list: readonly { field: string; message: string }[]): { byField: FieldErrors; general: string[] } {
  const byField: FieldErrors = {};
  const general: string[] = [];
  const known = new Set<string>(FIELDS);
  for (const e of list) {
    if (known.has(e.field)) byField[e.field] = byField[e.field] ? `${byField[e.field]} ${e.message}` : e.message;
    else general.push(e.message);
  }
  return { byField, general };
}

/** An http(s) address with a host, as the store's address must be. */
function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}
