// Packages the Tillbridge Stock Guard WordPress plugin as the zip WordPress installs
// (Plugins → Add New → Upload Plugin): dist/tillbridge-stock-guard-<version>.zip, holding one
// folder `tillbridge-stock-guard/` with the plugin's PHP files and readme.txt (tests left out).
// Plain Node (zlib), so the build needs no zip program.
//
//   node connectors/woocommerce/stock-guard/package-zip.mjs      (npm run build:plugin)
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const SLUG = 'tillbridge-stock-guard';
const SKIP = new Set(['tests', 'package-zip.mjs', 'README.md']); // README.md is for this repository; readme.txt is WordPress's

/** The plugin's version from its header, so the zip's name matches what WordPress shows. */
async function pluginVersion() {
  const main = await readFile(join(here, `${SLUG}.php`), 'utf8');
  const m = /^\s*\*\s*Version:\s*(\S+)/m.exec(main);
  if (!m) throw new Error(`no Version: header in ${SLUG}.php`);
  return m[1];
}

async function files(dir) {
  const out = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else out.push(path);
  }
  return out;
}

/** A zip (deflate, fixed 1980 timestamps so the same sources give the same bytes). */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const version = await pluginVersion();
const entries = [];
for (const path of await files(here)) {
  entries.push({ name: `${SLUG}/${relative(here, path).split(sep).join('/')}`, data: await readFile(path) });
}
const outDir = join(root, 'dist');
await mkdir(outDir, { recursive: true });
const target = join(outDir, `${SLUG}-${version}.zip`);
await writeFile(target, zip(entries));
console.log(`${relative(root, target)}: ${entries.map((e) => e.name).join(', ')}`);
