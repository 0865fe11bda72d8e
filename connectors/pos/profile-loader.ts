/**
 * Where profiles come from: the built-in ones shipped with Tillbridge (by name) or a JSON file
 * an installer wrote (by path), plus the shop's own choices (price levels, locations, web
 * store...) laid over the profile's parameters from the settings.
 */
import { readFileSync } from 'node:fs';
import { PosError } from '../core/pos-errors';
import { parseProfile, profileError, type Profile } from './profile';
import demo from './profiles/demo.json';
import demoCatalogue from './profiles/demo-catalogue.json';
import matrixRetail from './profiles/matrix-retail.json';
import ospos from './profiles/ospos.json';
import unicenta from './profiles/unicenta.json';

const BUILT_IN: Readonly<Record<string, unknown>> = {
  demo,
  'demo-catalogue': demoCatalogue,
  'matrix-retail': matrixRetail,
  unicenta,
  ospos,
};

/** Names of the profiles shipped with Tillbridge. */
export function builtInProfileNames(): string[] {
  return Object.keys(BUILT_IN);
}

/** A built-in profile by name ("demo", "demo-catalogue", "matrix-retail", "unicenta", "ospos"). */
export function builtInProfile(name: string): Profile {
  const json = BUILT_IN[name];
  if (json === undefined) {
    throw new PosError('bad-profile', `There is no built-in POS profile "${name}". Built-in profiles: ${builtInProfileNames().join(', ')}; or give the path of a profile .json file.`);
  }
  return parseProfile(structuredClone(json), `"${name}"`);
}

/** Parses profile JSON text; a syntax error names the line and column. */
export function parseProfileJson(text: string, source = 'profile'): Profile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(message);
    let where = '';
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const line = before.split('\n').length;
      where = ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
    }
    throw new PosError('bad-profile', `The POS profile ${source} is not valid JSON${where}: ${message}`);
  }
  return parseProfile(value, source);
}

/** Reads and validates a profile file. */
export function loadProfileFile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PosError('bad-profile', `Cannot read the POS profile file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return parseProfileJson(text, path);
}

/** A built-in name, or a path to a .json file. */
export function resolveProfile(nameOrPath: string): Profile {
  return nameOrPath.toLowerCase().endsWith('.json') ? loadProfileFile(nameOrPath) : builtInProfile(nameOrPath);
}

/**
 * The profile with some parameters replaced by the shop's settings (e.g. `{ locations: ["MAIN"],
 * saleLevel: null }`). Only parameters the profile declares may be set, so a typo is an error
 * naming the option rather than a silently ignored setting. The result is validated again.
 */
export function withParameters(profile: Profile, overrides: Readonly<Record<string, unknown>>): Profile {
  const unknown = Object.keys(overrides).filter((k) => !Object.prototype.hasOwnProperty.call(profile.parameters, k));
  if (unknown.length > 0) {
    throw profileError(`"${profile.name}"`, unknown.map((k) =>
      `options.${k}: the profile has no parameter "${k}" (it has: ${Object.keys(profile.parameters).join(', ') || 'none'})`));
  }
  return parseProfile({ ...structuredClone(profile), parameters: { ...profile.parameters, ...overrides } }, `"${profile.name}" with the shop's options`);
}
