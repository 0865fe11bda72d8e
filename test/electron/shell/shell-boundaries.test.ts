/**
 * The lines the shell keeps: raw IPC only in ipc-main.ts and preload.ts (lint), and no test that
 * loads the real `electron` (which would try to download its binary): every test that reaches the
 * shell mocks it. `npm run app` says how to get the desktop app when the binary is missing.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary, MISSING_ELECTRON } from '../../../electron/shell/dev-launch';

const eslint = new ESLint({ cwd: process.cwd() });

async function ipcFindings(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the one IPC bridge', () => {
  it.each([
    ['importing ipcMain', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n"],
    ['importing ipcRenderer', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['reaching it through the module', "import electron from 'electron';\nexport const x = electron.ipcMain;\n"],
    ['destructuring it', "import electron from 'electron';\nconst { ipcRenderer } = electron;\nexport const x = ipcRenderer;\n"],
  ])('lint refuses raw IPC elsewhere in the shell: %s', async (_what, code) => {
    const found = await ipcFindings('electron/shell/tray/x.ts', code);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]).toMatch(/Raw IPC only in electron\/shell\/ipc-main\.ts and preload\.ts/);
  });

  it('lint lets ipc-main.ts and preload.ts use it, and the rest of electron', async () => {
    expect(await ipcFindings('electron/shell/ipc-main.ts', "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n")).toEqual([]);
    expect(await ipcFindings('electron/shell/preload.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([]);
    expect(await ipcFindings('electron/shell/tray/x.ts', "import { Tray } from 'electron';\nexport const x = Tray;\n")).toEqual([]);
  });
});

describe('tests and the real electron module', () => {
  const tsFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'artifacts' ? [] : tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
  /** The modules a file loads when it runs (`import type` loads nothing). */
  const runtimeImports = (file: string): string[] => [...readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*?from '([^']+)';$/gm)].map((m) => m[1]!);
  const resolveLocal = (from: string, spec: string) => join(dirname(from), `${spec.replace(/\.js$/, '')}.ts`);

  it('every test that loads a shell module which loads electron mocks electron first', () => {
    const shellDir = join(process.cwd(), 'electron', 'shell');
    const loadsElectron = new Map<string, boolean>();
    const loads = (file: string): boolean => {
      if (loadsElectron.has(file)) return loadsElectron.get(file)!;
      loadsElectron.set(file, false);
      const result = runtimeImports(file).some((spec) => spec === 'electron' || spec === 'electron-store'
        || (spec.startsWith('.') && resolveLocal(file, spec).startsWith(shellDir) && loads(resolveLocal(file, spec))));
      loadsElectron.set(file, result);
      return result;
    };
    // The check itself must see the shell's electron users, or it proves nothing.
    expect(loads(join(shellDir, 'tray', 'tray-controller.ts'))).toBe(true);
    expect(loads(join(shellDir, 'desktop.ts'))).toBe(true);
    expect(loads(join(shellDir, 'lifecycle', 'engine-host.ts'))).toBe(false);

    const offenders = tsFiles(join(process.cwd(), 'test')).filter((f) => {
      const needs = runtimeImports(f).some((spec) => spec === 'electron' || (spec.startsWith('.') && resolveLocal(f, spec).startsWith(shellDir) && loads(resolveLocal(f, spec))));
      return needs && !readFileSync(f, 'utf8').includes("vi.mock('electron'");
    });
    expect(offenders.map((f) => relative(process.cwd(), f))).toEqual([]);
  });
});

describe('npm run app without the Electron binary', () => {
  const root = mkdtempSync(join(tmpdir(), 'tb-launch-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds the binary only when it is there, and otherwise says how to get the desktop app', () => {
    const pkg = join(root, 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    expect(electronBinary(pkg, {})).toBeNull();
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(electronBinary(pkg, {})).toBeNull();
    writeFileSync(join(pkg, 'dist', 'electron'), '');
    expect(electronBinary(pkg, {})).toBe(join(pkg, 'dist', 'electron'));
    expect(electronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nowhere') })).toBeNull();
    // This machine's electron package has no binary: the launcher would print the message.
    expect(electronBinary(join(process.cwd(), 'node_modules', 'electron'), {})).toBeNull();
    expect(MISSING_ELECTRON).toMatch(/npx install-electron/);
    expect(MISSING_ELECTRON).toMatch(/npm start` runs Tillbridge headless/);
  });
});
