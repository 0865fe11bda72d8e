/**
 * Start at login on Linux: an XDG autostart entry, `$XDG_CONFIG_HOME/autostart/<appId>.desktop`
 * (~/.config when the variable is unset), which desktop sessions launch at login. Plain files,
 * no Electron: tested as is.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export function autostartFile(appId: string, env: NodeJS.ProcessEnv = process.env): string {
  // The spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(configHome, 'autostart', `${appId}.desktop`);
}

/**
 * One argument of an Exec line, quoted as the Desktop Entry spec asks: inside double quotes,
 * `"`, `` ` ``, `$` and `\` take a backslash; `%` is doubled (field codes).
 */
export function execArg(arg: string): string {
  const escaped = arg.replace(/%/g, '%%');
  if (/^[A-Za-z0-9_\-./=:,+@]+$/.test(escaped)) return escaped;
  return `"${escaped.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(opts: { name: string; command: string; args: readonly string[]; comment: string }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${opts.name}`,
    `Comment=${opts.comment}`,
    `Exec=${[opts.command, ...opts.args].map(execArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function writeAutostart(file: string, entry: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, entry, { mode: 0o644 });
}

export function removeAutostart(file: string): void {
  rmSync(file, { force: true });
}

export function hasAutostart(file: string): boolean {
  return existsSync(file);
}
