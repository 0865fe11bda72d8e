/**
 * `npm run app`: starts the desktop app from the project with the Electron binary of the
 * `electron` package. It runs in plain Node and never requires `electron` (which would try to
 * download the binary); when the binary is missing it says how to get the desktop app instead.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Electron binary, or null when the package was installed without it. */
export function electronBinary(packageDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(file) ? file : null;
  }
  if (!relative) return null;
  const file = join(packageDir, 'dist', relative);
  return existsSync(file) ? file : null;
}

export const MISSING_ELECTRON = [
  'The desktop app cannot start here: the Electron binary is not installed (node_modules/electron/dist is missing).',
  'To get it: run `npx install-electron` on a machine that can download from GitHub (or reinstall: `rm -rf node_modules/electron && npm install`),',
  'or install a packaged Tillbridge (README, "The desktop app"). Meanwhile `npm start` runs Tillbridge headless with the same dashboard in your browser.',
].join('\n');

function main(): void {
  const root = join(__dirname, '..', '..', '..');
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    console.error(MISSING_ELECTRON);
    process.exit(1);
  }
  const binary = electronBinary(packageDir);
  if (!binary) {
    console.error(MISSING_ELECTRON);
    process.exit(1);
  }
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (require.main === module) main();
