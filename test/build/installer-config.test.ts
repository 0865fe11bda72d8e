// The installer configuration (build/electron-builder.yml) and the icons in build/icons/.
// Packaging itself cannot run here (electron-builder downloads Electron, NSIS and the AppImage
// tools), so this checks what can be checked without it, with electron-builder's own code where
// it has some: its config loader, its schema validation (the same ajv check `electron-builder`
// runs first), its asarUnpack matcher and its icon resolution.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import type { Configuration } from 'app-builder-lib';
import { getFileMatchers } from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { convertIcon } from 'app-builder-lib/out/util/iconConverter.js';
import { DebugLogger } from 'builder-util';
import { Minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overallStateSchema } from '../../electron/engine/api/channels';

const ROOT = resolve(__dirname, '../..');
const CONFIG_FILE = 'build/electron-builder.yml';
const ICONS = join(ROOT, 'build/icons');
const APP_ID = 'com.tillbridge.app';

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- what the config must say

const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false,
} as const;

/** electron-builder's own default `deb.depends`: setting `depends` replaces it, so it must be repeated. */
function defaultDebDepends(): string[] {
  const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
    definitions: { DebOptions: { properties: { depends: { default: string[] } } } };
  };
  return scheme.definitions.DebOptions.properties.depends.default;
}

function targetNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.map((t) => (typeof t === 'string' ? t : String((t as Json).target))).map((t) => t.toLowerCase());
}

/** The glob patterns of a `files`-like option: strings, or FileSets' filters (electron-builder's merge turns the list into a FileSet). */
function patternsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value == null ? [] : [value];
  return list.flatMap((item): string[] => {
    if (typeof item === 'string') return [item];
    const filter = (item as Json).filter;
    return Array.isArray(filter) ? filter.filter((f): f is string => typeof f === 'string') : typeof filter === 'string' ? [filter] : [];
  });
}

function at(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v != null && typeof v === 'object' ? (v as Json)[key] : undefined), config);
}

function isIcoFile(value: unknown): boolean {
  return typeof value === 'string' && value.endsWith('.ico') && existsSync(join(ROOT, value));
}

/** Every native binary (.node) of the production dependencies, relative to the project. */
function productionNativeBinaries(): string[] {
  const seen = new Set<string>();
  const found: string[] = [];
  const visit = (name: string, fromDir: string): void => {
    // Node's lookup: the nearest node_modules/<name> going up from the requiring package.
    let dir = fromDir;
    let pkgDir: string | null = null;
    for (;;) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) {
        pkgDir = candidate;
        break;
      }
      if (dir === ROOT) break;
      dir = resolve(dir, '..');
    }
    if (pkgDir == null || seen.has(pkgDir)) return; // optional dependencies may be absent
    seen.add(pkgDir);
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Json;
    const walk = (d: string): void => {
      for (const entry of readdirSync(d, { withFileTypes: true })) {
        if (entry.name === 'node_modules') continue; // nested packages are visited as packages
        const p = join(d, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name.endsWith('.node')) found.push(relative(ROOT, p).split('\\').join('/'));
      }
    };
    walk(pkgDir);
    for (const dep of Object.keys({ ...(pkg.dependencies as Json), ...(pkg.optionalDependencies as Json) })) visit(dep, pkgDir);
  };
  const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Json;
  for (const dep of Object.keys(rootPkg.dependencies as Json)) visit(dep, ROOT);
  return found;
}

/** Native binaries that would be packaged (not excluded by a `!` pattern in `files`) but not unpacked. */
function nativeBinariesLeftInAsar(config: Configuration, binaries: string[]): string[] {
  const excluded = patternsOf(config.files)
    .filter((p) => p.startsWith('!'))
    .map((p) => new Minimatch(p.slice(1), { dot: true }));
  const shipped = binaries.filter((b) => !excluded.some((m) => m.match(b)));
  const left = new Set<string>();
  for (const platform of [config.win, config.linux]) {
    const matchers = getFileMatchers(config, 'asarUnpack', '/app', {
      macroExpander: (s) => s,
      customBuildOptions: platform ?? {},
      globalOutDir: join(ROOT, 'out'),
      defaultSrc: ROOT,
    });
    const filter = matchers?.[0]?.createFilter();
    for (const b of shipped) {
      const file = join(ROOT, b);
      if (filter == null || !filter(file, statSync(file))) left.add(b);
    }
  }
  return [...left];
}

interface Check {
  /** The config path checked; deleting it must make the check fail. */
  path: string;
  why: string;
  ok: (value: unknown, config: Configuration) => boolean;
}

const CHECKS: Check[] = [
  { path: 'appId', why: `appId is ${APP_ID} (the shell's app.setAppUserModelId uses it)`, ok: (v) => v === APP_ID },
  { path: 'productName', why: 'productName is Tillbridge', ok: (v) => v === 'Tillbridge' },
  {
    path: 'files',
    why: 'files ship dist/ (main process, shell, dashboard) and package.json',
    ok: (v) => patternsOf(v).includes('dist/**/*') && patternsOf(v).includes('package.json'),
  },
  {
    path: 'directories.output',
    why: 'installers are written outside dist/, which is packaged',
    ok: (v) => typeof v === 'string' && !/^(\.\/)?dist(\/|$)/.test(v),
  },
  { path: 'asar', why: 'the app is packed into app.asar', ok: (v) => v === true },
  {
    path: 'asarUnpack',
    why: 'every native binary of the production dependencies is unpacked from the asar',
    ok: (_v, config) => nativeBinariesLeftInAsar(config, productionNativeBinaries()).length === 0,
  },
  { path: 'npmRebuild', why: 'no native rebuild (better-sqlite3 13 ships N-API prebuilds)', ok: (v) => v === false },
  ...Object.entries(FUSES).map(([fuse, expected]) => ({
    path: `electronFuses.${fuse}`,
    why: `fuse ${fuse} is ${expected}`,
    ok: (v: unknown) => v === expected,
  })),
  {
    path: 'extraResources',
    why: 'the tray icons are copied to resources/icons',
    ok: (v) =>
      Array.isArray(v) &&
      v.some((r) => {
        const e = r as Json;
        return e.from === 'build/icons' && e.to === 'icons' && Array.isArray(e.filter) && e.filter.includes('tray-*');
      }),
  },
  { path: 'win.target', why: 'Windows builds an NSIS installer', ok: (v) => targetNames(v).includes('nsis') },
  { path: 'win.icon', why: 'Windows uses build/icons/icon.ico', ok: (v) => isIcoFile(v) },
  { path: 'nsis.oneClick', why: 'one-click NSIS installer (with perMachine false: always per-user)', ok: (v) => v === true },
  { path: 'nsis.perMachine', why: 'installs per user, without elevation', ok: (v) => v === false },
  { path: 'nsis.createDesktopShortcut', why: 'a desktop shortcut', ok: (v) => v === true || v === 'always' },
  { path: 'nsis.createStartMenuShortcut', why: 'a Start-menu shortcut', ok: (v) => v === true },
  { path: 'nsis.runAfterFinish', why: 'Tillbridge starts when the installer finishes', ok: (v) => v === true },
  { path: 'nsis.deleteAppDataOnUninstall', why: 'uninstalling keeps the data folder', ok: (v) => v === false },
  {
    path: 'linux.target',
    why: 'Linux builds an AppImage and a deb',
    ok: (v) => targetNames(v).includes('appimage') && targetNames(v).includes('deb'),
  },
  { path: 'linux.category', why: 'Linux desktop category Office', ok: (v) => v === 'Office' },
  {
    path: 'linux.icon',
    why: 'Linux uses build/icons/icon.png',
    ok: (v) => typeof v === 'string' && v.endsWith('.png') && existsSync(join(ROOT, v)),
  },
  { path: 'linux.maintainer', why: 'the deb has a maintainer (package.json has no author)', ok: (v) => typeof v === 'string' && v.trim() !== '' },
  {
    path: 'deb.depends',
    why: "the deb depends on electron-builder's default libraries and on the tray's AppIndicator library",
    ok: (v) =>
      Array.isArray(v) &&
      defaultDebDepends().every((d) => v.includes(d)) &&
      v.some((d) => typeof d === 'string' && /\blib(ayatana-)?appindicator3-1\b/.test(d)),
  },
];

function problems(config: Configuration): string[] {
  return CHECKS.filter((c) => !c.ok(at(config, c.path), config)).map((c) => `${c.path}: ${c.why}`);
}

function without(config: Configuration, path: string): Configuration {
  const copy = structuredClone(config) as Json;
  const keys = path.split('.');
  const parent = at(copy, keys.slice(0, -1).join('.')) ?? copy;
  delete (keys.length === 1 ? copy : (parent as Json))[keys[keys.length - 1] as string];
  return copy as Configuration;
}

// ---------------------------------------------------------------- PNG and ICO readers

interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Reads an 8-bit RGBA, non-interlaced PNG, checking the signature, every chunk's CRC and the chunk order. */
function readPng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature').toBe(true);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let o = 8; o < buf.length; ) {
    const len = buf.readUInt32BE(o);
    const type = buf.toString('ascii', o + 4, o + 8);
    const data = buf.subarray(o + 8, o + 8 + len);
    expect(crc32(buf.subarray(o + 4, o + 8 + len)) >>> 0, `CRC of ${type}`).toBe(buf.readUInt32BE(o + 8 + len));
    chunks.push({ type, data });
    o += 12 + len;
  }
  expect(chunks[0]?.type).toBe('IHDR');
  expect(chunks.at(-1)?.type).toBe('IEND');
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([ihdr[8], ihdr[9], ihdr[10], ihdr[11], ihdr[12]], 'bit depth 8, RGBA, deflate, filter 0, no interlace').toEqual([8, 6, 0, 0, 0]);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * 4;
  expect(raw.length).toBe(height * (stride + 1));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter!];
      if (predictor === undefined) throw new Error(`PNG row ${y}: unknown filter type ${filter}`);
      rgba[y * stride + x] = (cur + predictor) & 255;
    }
  }
  return { width, height, rgba };
}

interface IcoEntry extends Image {
  format: 'png' | 'bmp';
}

/** Reads an ICO: header, directory, and each image (PNG, or 32-bit BITMAPINFOHEADER with its AND mask). */
function readIco(buf: Buffer): IcoEntry[] {
  expect([buf.readUInt16LE(0), buf.readUInt16LE(2)], 'ICO header: reserved 0, type 1').toEqual([0, 1]);
  const count = buf.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const width = buf[e] || 256;
    const height = buf[e + 1] || 256;
    const size = buf.readUInt32LE(e + 8);
    const offset = buf.readUInt32LE(e + 12);
    expect(offset + size, `entry ${i} lies inside the file`).toBeLessThanOrEqual(buf.length);
    const body = buf.subarray(offset, offset + size);
    if (body.subarray(1, 4).toString('ascii') === 'PNG') {
      const png = readPng(body);
      expect([png.width, png.height], `entry ${i} PNG size matches its directory entry`).toEqual([width, height]);
      entries.push({ ...png, format: 'png' });
    } else {
      expect(body.readUInt32LE(0), 'BITMAPINFOHEADER').toBe(40);
      expect([body.readInt32LE(4), body.readInt32LE(8)], `entry ${i} bitmap size (height doubled for the mask)`).toEqual([width, height * 2]);
      expect(body.readUInt16LE(14), 'bits per pixel').toBe(32);
      const maskRow = Math.ceil(width / 32) * 4;
      expect(size, `entry ${i} byte count`).toBe(40 + width * height * 4 + maskRow * height);
      const rgba = new Uint8Array(width * height * 4);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const s = 40 + ((height - 1 - y) * width + x) * 4;
          const d = (y * width + x) * 4;
          rgba.set([body[s + 2]!, body[s + 1]!, body[s]!, body[s + 3]!], d);
        }
      }
      entries.push({ width, height, rgba, format: 'bmp' });
    }
  }
  return entries;
}

const png = (name: string): Image => readPng(readFileSync(join(ICONS, name)));
const ico = (name: string): IcoEntry[] => readIco(readFileSync(join(ICONS, name)));

/** What someone who cannot tell colours apart sees: per pixel, empty, dark or light. */
function tones(img: Image): number[] {
  const out: number[] = [];
  for (let i = 0; i < img.width * img.height; i++) {
    const [r, g, b, a] = img.rgba.subarray(i * 4, i * 4 + 4);
    out.push(a! < 128 ? 0 : 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128 ? 1 : 2);
  }
  return out;
}

// ---------------------------------------------------------------- tests

describe('installer configuration (build/electron-builder.yml)', () => {
  let config: Configuration;
  beforeAll(async () => {
    config = await getConfig(ROOT, CONFIG_FILE, null);
  });

  it("passes electron-builder 26's own validation (its JSON schema, scheme.json)", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the validation rejects a misspelled option or fuse, so the check above has teeth', async () => {
    const misspelled = { ...config, nsis: { ...config.nsis, perMachin: false } } as Configuration;
    await expect(validateConfiguration(misspelled, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis\b/);
    const badFuse = { ...config, electronFuses: { ...config.electronFuses, runAsNodee: false } } as Configuration;
    await expect(validateConfiguration(badFuse, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses\b/);
    const wrongType = { ...config, nsis: { ...config.nsis, oneClick: 'yes' } } as unknown as Configuration;
    await expect(validateConfiguration(wrongType, new DebugLogger(false))).rejects.toThrow(/configuration\.nsis\b/);
  });

  it('has every required field: app id, targets per platform, per-user NSIS, shortcuts, deb dependencies, fuses, asarUnpack, icons', () => {
    expect(problems(config)).toEqual([]);
  });

  it('reports each required field when it is removed', () => {
    for (const check of CHECKS) {
      expect(problems(without(config, check.path)), `without ${check.path}`).toContain(`${check.path}: ${check.why}`);
    }
  });

  it("unpacks better-sqlite3's binaries for Windows and Linux from the asar, and finds them at all", () => {
    const binaries = productionNativeBinaries();
    expect(binaries).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/win32-x64.node', 'node_modules/better-sqlite3/prebuilds/linux-x64.node']));
    expect(nativeBinariesLeftInAsar(config, binaries)).toEqual([]);
    // node-firebird and mysql2 are plain JavaScript: nothing of them needs unpacking
    expect(binaries.filter((b) => b.includes('node-firebird') || b.includes('mysql2'))).toEqual([]);
  });

  describe('electron-builder resolves the configured icons without converting them', () => {
    let outDir: string;
    beforeAll(() => {
      outDir = mkdtempSync(join(tmpdir(), 'tillbridge-icons-'));
    });
    afterAll(() => rmSync(outDir, { recursive: true, force: true }));
    const roots = [join(ROOT, 'build'), ROOT];

    it('Windows: icon.ico, 256 px at most', async () => {
      const result = await convertIcon({ sources: [String(config.win?.icon)], fallbackSources: [], roots, format: 'ico', outDir });
      expect(result).toEqual({ icons: [{ file: join(ROOT, 'build/icons/icon.ico'), size: 256 }], isFallback: false });
    });

    it('Linux: icon.png, 512 px', async () => {
      const result = await convertIcon({ sources: [String(config.linux?.icon)], fallbackSources: [], roots, format: 'set', outDir });
      expect(result).toEqual({ icons: [{ file: join(ROOT, 'build/icons/icon.png'), size: 512 }], isFallback: false });
    });
  });
});

describe('icons (build/icons, drawn by build/make-icons.mjs)', () => {
  /** The states the tray shows: the engine's overall states (the shell maps 'setup' and 'starting' onto these). */
  const STATES = ['ok', 'syncing', 'needs-attention', 'offline', 'paused'] as const;

  it('app icon: icon.png is 512×512 and icon.ico holds 16, 32, 48 and 256', () => {
    const app = png('icon.png');
    expect([app.width, app.height]).toEqual([512, 512]);
    const entries = ico('icon.ico');
    expect(entries.map((e) => [e.width, e.height])).toEqual([[16, 16], [32, 32], [48, 48], [256, 256]]);
    expect(entries.find((e) => e.width === 256)?.format).toBe('png');
  });

  it('tray: every tray state has tray-<state>.png (16), @2x (32) and .ico (16 and 32)', () => {
    expect(overallStateSchema.options, 'each tray state is one of the engine API\'s overall states').toEqual(expect.arrayContaining([...STATES]));
    for (const state of STATES) {
      const small = png(`tray-${state}.png`);
      const large = png(`tray-${state}@2x.png`);
      expect([small.width, small.height, large.width, large.height], state).toEqual([16, 16, 32, 32]);
      expect(ico(`tray-${state}.ico`).map((e) => e.width), state).toEqual(expect.arrayContaining([16, 32]));
    }
    const trayFiles = readdirSync(ICONS).filter((f) => f.startsWith('tray-'));
    const expected = STATES.flatMap((s) => [`tray-${s}.png`, `tray-${s}@2x.png`, `tray-${s}.ico`]);
    expect(trayFiles.sort(), 'no tray icon for a state that does not exist').toEqual(expected.sort());
  });

  it('tray: every icon draws something, leaves a transparent edge, and differs from every other state without colour', () => {
    const seen = STATES.map((state) => ({ state, tones: tones(png(`tray-${state}@2x.png`)) }));
    for (const { state, tones: t } of seen) {
      const filled = t.filter((v) => v !== 0).length;
      expect(filled, `${state}: drawn pixels`).toBeGreaterThan(t.length * 0.15);
      expect(filled, `${state}: transparent pixels`).toBeLessThan(t.length * 0.9);
    }
    for (let i = 0; i < seen.length; i++) {
      for (let j = i + 1; j < seen.length; j++) {
        const a = seen[i]!;
        const b = seen[j]!;
        const differing = a.tones.filter((v, k) => v !== b.tones[k]).length;
        expect(differing, `${a.state} vs ${b.state}: pixels that differ in shape or lightness`).toBeGreaterThan(a.tones.length * 0.1);
      }
    }
  });
});
