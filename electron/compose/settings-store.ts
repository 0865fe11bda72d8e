/**
 * Where the app's settings and secrets live. Two small interfaces, so the headless server (files
 * in the data folder) and, later, the desktop shell (Electron's safeStorage, which only
 * electron/shell may import) plug into the same app:
 *
 * - SettingsStore: the configuration as the config file holds it (README "Configuration"), with
 *   every secret as a reference (`{"stored": "store.consumerSecret"}`, `{"env": "NAME"}`), never
 *   its value.
 * - SecretStore: the secret values by name ("store.consumerKey", "store.consumerSecret",
 *   "pos.firebird.password", "pos.mysql.password").
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ConfigError, type configSchema, type SecretResolver } from '../engine/settings/config';

/** The configuration as stored: the config file's JSON, before defaults and path resolution. */
export type StoredSettings = z.input<typeof configSchema>;

export interface SettingsStore {
  /** The stored settings, or null when nothing is configured yet. Throws ConfigError when the file is unreadable or not JSON. */
  load(): StoredSettings | null;
  /** Replaces the stored settings (atomically: a reader sees the old or the new file, never half of one). */
  save(next: StoredSettings): void;
  /** Where the settings live, in words ("/home/shop/.local/share/tillbridge/config.json"). */
  describe(): string;
  /** The folder relative paths in the settings are resolved against. */
  baseDir(): string;
}

export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
}

/** The names the app stores secrets under (the dotted path of the setting). */
export const SECRET_NAMES = {
  consumerKey: 'store.consumerKey',
  consumerSecret: 'store.consumerSecret',
  posPassword: 'pos.firebird.password',
  posMysqlPassword: 'pos.mysql.password',
} as const;

/** Resolves `{"stored"}` references from a secret store and `{"env"}` ones from the environment. */
export function secretResolver(secrets: SecretStore | null, env: NodeJS.ProcessEnv = process.env): SecretResolver {
  return { env, ...(secrets ? { stored: (name: string) => secrets.get(name) } : {}) };
}

// ---------------------------------------------------------------- the config file

/** The settings in a JSON file: `--config FILE`, or config.json in the data folder. */
export class FileSettingsStore implements SettingsStore {
  constructor(private readonly file: string) {}

  load(): StoredSettings | null {
    if (!existsSync(this.file)) return null;
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      throw new ConfigError(`Cannot read the configuration file ${this.file}: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ConfigError(`The configuration file ${this.file} is not valid JSON: ${(e as Error).message}`);
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError(`The configuration file ${this.file} must hold a JSON object.`);
    return json as StoredSettings;
  }

  save(next: StoredSettings): void {
    writeAtomically(this.file, `${JSON.stringify(next, null, 2)}\n`);
  }

  describe(): string {
    return this.file;
  }

  baseDir(): string {
    return dirname(this.file);
  }
}

// ---------------------------------------------------------------- the encrypted secret file

const KEY_FILE = 'secrets.key';
const SECRETS_FILE = 'secrets.enc';

const sealedSchema = z.object({ v: z.literal(1), iv: z.string(), tag: z.string(), data: z.string() });

/**
 * Secrets in the data folder, encrypted with AES-256-GCM: `secrets.enc` holds the sealed JSON
 * (a fresh IV each write, the GCM tag detects tampering), `secrets.key` the random 256-bit key,
 * readable by its owner only (0600, in a folder made 0700).
 *
 * What this protects, honestly: the secrets are not in the config file, so a copied or
 * shared config.json (a support ticket, a backup of the settings, a screenshot) does not leak
 * them, and a copy of secrets.enc alone is useless. It does NOT protect against the same OS user
 * or root on this machine, who can read the key file as well: on a headless machine there is no
 * key store to bind the key to. The desktop app plugs Electron's safeStorage (the OS key store)
 * into the same SecretStore interface instead.
 */
export class EncryptedFileSecretStore implements SecretStore {
  readonly keyFile: string;
  readonly secretsFile: string;

  constructor(readonly dir: string) {
    this.keyFile = join(dir, KEY_FILE);
    this.secretsFile = join(dir, SECRETS_FILE);
  }

  get(name: string): string | null {
    return this.read()[name] ?? null;
  }

  has(name: string): boolean {
    return Object.hasOwn(this.read(), name);
  }

  set(name: string, value: string): void {
    if (value === '') throw new Error(`An empty secret cannot be stored (${name}).`);
    const all = this.read();
    all[name] = value;
    this.write(all);
  }

  /** The stored secrets' names (never their values). */
  names(): string[] {
    return Object.keys(this.read());
  }

  private read(): Record<string, string> {
    if (!existsSync(this.secretsFile)) return {};
    if (!existsSync(this.keyFile)) {
      throw new ConfigError(`The secret store ${this.secretsFile} cannot be opened: its key file ${this.keyFile} is missing. Enter the passwords and API keys again in the settings.`);
    }
    const key = this.key(false)!;
    try {
      const sealed = sealedSchema.parse(JSON.parse(readFileSync(this.secretsFile, 'utf8')));
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
      return z.record(z.string(), z.string()).parse(JSON.parse(plain));
    } catch {
      // Never echo what was read: it may hold secrets.
      throw new ConfigError(`The secret store ${this.secretsFile} cannot be read (damaged, or sealed with another key). Enter the passwords and API keys again in the settings.`);
    }
  }

  private write(all: Record<string, string>): void {
    const key = this.key(true)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(all), 'utf8'), cipher.final()]);
    const sealed = { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    writeAtomically(this.secretsFile, JSON.stringify(sealed));
  }

  /** The key; made (0600) on the first write. A key file readable by others is tightened to 0600. */
  private key(create: boolean): Buffer | null {
    if (!existsSync(this.keyFile)) {
      if (!create) return null;
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeFileSync(this.keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    }
    if (process.platform !== 'win32' && (statSync(this.keyFile).mode & 0o077) !== 0) chmodSync(this.keyFile, 0o600);
    const key = readFileSync(this.keyFile);
    if (key.length !== 32) throw new ConfigError(`The secret store's key file ${this.keyFile} is damaged (not 32 bytes). Delete it and ${SECRETS_FILE}, then enter the secrets again.`);
    return key;
  }
}

/** An in-memory SecretStore (tests; the demo needs none). */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, string>();
  get(name: string): string | null { return this.values.get(name) ?? null; }
  set(name: string, value: string): void { this.values.set(name, value); }
  has(name: string): boolean { return this.values.has(name); }
}

/** Writes a file owner-only (0600) through a temporary file and a rename. */
function writeAtomically(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content, { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
