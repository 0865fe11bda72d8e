// Draws Tillbridge's icons into build/icons/ with no image library: shapes are signed distance
// functions, each pixel is supersampled for anti-aliased edges, PNG is written with node:zlib
// (IHDR/IDAT/IEND with CRC32) and ICO as a directory of entries (32-bit bitmaps below 256 px,
// PNG at 256 px, as Windows and NSIS expect).
//
//   npm exec -- node build/make-icons.mjs      (writes build/icons/, prints what it wrote)
//
// Output:
//   icon.png (512×512) and icon.ico (16, 32, 48, 256): the app — an arched bridge on a blue tile.
//   tray-<state>.png (16×16), tray-<state>@2x.png (32×32, picked up by Electron's nativeImage on
//   HiDPI screens) and tray-<state>.ico (16, 20, 24, 32: 100–200 % Windows scaling), one per state
//   the tray shows: the engine's overall states (the shell shows the app's own 'setup' and
//   'starting' with one of these). Colours are from the Okabe–Ito palette, and every state also has its own
//   shape, so no one needs to tell colours apart:
//     ok               green dot with a tick
//     syncing          blue ring with an arrow head (a circular arrow), hollow
//     needs-attention  amber triangle with an exclamation mark
//     offline          vermilion dot with a cross
//     paused           grey rounded square with two bars
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'icons');

// ---- signed distance functions, in a unit square (0,0 top left … 1,1 bottom right); < 0 is inside

const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const ring = (cx, cy, r, halfWidth) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) - halfWidth;
/** A line from a to b with round caps, r thick on each side. */
const capsule = (ax, ay, bx, by, r) => (x, y) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(px - dx * t, py - dy * t) - r;
};
const roundRect = (x0, y0, x1, y1, radius) => (x, y) => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - radius);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
/** Any simple polygon (exact distance, sign by crossings). */
const polygon = (points) => (x, y) => {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [ax, ay] = points[j];
    const [bx, by] = points[i];
    d = Math.min(d, capsule(ax, ay, bx, by, 0)(x, y));
    if ((by > y) !== (ay > y) && x < ((ax - bx) * (y - by)) / (ay - by) + bx) inside = !inside;
  }
  return inside ? -d : d;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));
const intersect = (...fs) => (x, y) => Math.max(...fs.map((f) => f(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
const grow = (f, by) => (x, y) => f(x, y) - by;
/** Inside where the angle (0 = right, clockwise on screen, in degrees) lies outside [from, to]. */
const notWedge = (cx, cy, from, to) => (x, y) => {
  const a = ((Math.atan2(y - cy, x - cx) * 180) / Math.PI + 360) % 360;
  return a >= from && a <= to ? 1 : -1;
};
const roundedTriangle = (points, radius) => grow(polygon(points), radius);

// ---- rasterising: layers painted in order, source-over, each pixel sampled n×n times

/**
 * @param {number} size pixels per side
 * @param {{ shape: (x: number, y: number) => number, color: string | ((x: number, y: number) => number[]) }[]} layers
 * @returns {Uint8Array} straight RGBA
 */
function render(size, layers) {
  const n = size <= 64 ? 8 : 4;
  const rgba = new Uint8Array(size * size * 4);
  const parsed = layers.map((l) => ({ shape: l.shape, color: typeof l.color === 'string' ? hex(l.color) : l.color }));
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // premultiplied accumulator
      let r = 0, g = 0, b = 0, a = 0;
      for (const layer of parsed) {
        let hits = 0;
        for (let sy = 0; sy < n; sy++) {
          for (let sx = 0; sx < n; sx++) {
            if (layer.shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size) < 0) hits++;
          }
        }
        if (hits === 0) continue;
        const c = typeof layer.color === 'function' ? layer.color((px + 0.5) / size, (py + 0.5) / size) : layer.color;
        const alpha = (c[3] ?? 1) * (hits / (n * n));
        r = c[0] * alpha + r * (1 - alpha);
        g = c[1] * alpha + g * (1 - alpha);
        b = c[2] * alpha + b * (1 - alpha);
        a = alpha + a * (1 - alpha);
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
        rgba[o + 3] = Math.round(a * 255);
      }
    }
  }
  return rgba;
}

function hex(s) {
  const v = Number.parseInt(s.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255, 1];
}

// ---- the drawings

/** The app: a white arched bridge (deck, arch, hangers, piers) on a rounded blue tile. */
function appIcon(size) {
  const small = size <= 48; // thicker strokes and no hangers where they would be a blur
  const t = small ? 1.7 : 1;
  const deckY = 0.6;
  const archR = 0.4, archCy = deckY + 0.2;
  const archAt = (x) => archCy - Math.sqrt(Math.max(0, archR * archR - (x - 0.5) ** 2));
  const bridge = [
    capsule(0.13, deckY, 0.87, deckY, 0.035 * t), // deck
    intersect(ring(0.5, archCy, archR, 0.03 * t), (x, y) => y - deckY), // arch above the deck
    capsule(0.2, deckY, 0.2, 0.8, 0.03 * t), // piers
    capsule(0.8, deckY, 0.8, 0.8, 0.03 * t),
  ];
  if (!small) for (const x of [0.3, 0.4, 0.5, 0.6, 0.7]) bridge.push(capsule(x, archAt(x), x, deckY, 0.012));
  const tile = roundRect(0.04, 0.04, 0.96, 0.96, 0.2);
  const tileColor = (x, y) => {
    const k = (x + y) / 2; // diagonal gradient, light top left to deep bottom right
    return [Math.round(0x1f + (0x0b - 0x1f) * k), Math.round(0x8a + (0x4f - 0x8a) * k), Math.round(0xc4 + (0x8c - 0xc4) * k), 1];
  };
  return render(size, [
    { shape: tile, color: tileColor },
    { shape: union(...bridge), color: '#ffffff' },
    { shape: intersect(capsule(0.13, 0.86, 0.87, 0.86, 0.02 * t), tile), color: '#9fd3f0' }, // water line
  ]);
}

const OK = '#009E73', BLUE = '#0072B2', AMBER = '#E69F00', VERMILION = '#D55E00', GREY = '#7A7F87';
const DARK_RIM = (c) => {
  const [r, g, b] = hex(c);
  return `#${[r, g, b].map((v) => Math.round(v * 0.62).toString(16).padStart(2, '0')).join('')}`;
};

/** Tray icons by state: each a different shape as well as a different colour. */
const TRAY = {
  ok: () => [
    { shape: circle(0.5, 0.5, 0.46), color: DARK_RIM(OK) },
    { shape: circle(0.5, 0.5, 0.4), color: OK },
    { shape: union(capsule(0.29, 0.52, 0.43, 0.66, 0.07), capsule(0.43, 0.66, 0.71, 0.36, 0.07)), color: '#ffffff' },
  ],
  syncing: () => {
    const arc = intersect(ring(0.5, 0.5, 0.33, 0.11), notWedge(0.5, 0.5, 290, 360));
    // the arrow head sits on the arc's end at 290°, pointing clockwise along it
    const end = (290 * Math.PI) / 180;
    const [ex, ey] = [0.5 + 0.33 * Math.cos(end), 0.5 + 0.33 * Math.sin(end)];
    const [nx, ny] = [Math.cos(end), Math.sin(end)]; // outwards
    const [tx, ty] = [-Math.sin(end), Math.cos(end)]; // clockwise
    const head = polygon([[ex + nx * 0.21, ey + ny * 0.21], [ex + tx * 0.24, ey + ty * 0.24], [ex - nx * 0.21, ey - ny * 0.21]]);
    return [
      { shape: grow(union(arc, head), 0.04), color: DARK_RIM(BLUE) },
      { shape: union(arc, head), color: BLUE },
    ];
  },
  'needs-attention': () => {
    const tri = [[0.5, 0.1], [0.92, 0.86], [0.08, 0.86]];
    return [
      { shape: roundedTriangle(tri, 0.05), color: DARK_RIM(AMBER) },
      { shape: roundedTriangle(tri, -0.005), color: AMBER },
      { shape: union(capsule(0.5, 0.36, 0.5, 0.555, 0.065), circle(0.5, 0.745, 0.068)), color: '#1a1a1a' },
    ];
  },
  offline: () => [
    { shape: circle(0.5, 0.5, 0.46), color: DARK_RIM(VERMILION) },
    { shape: circle(0.5, 0.5, 0.4), color: VERMILION },
    { shape: union(capsule(0.34, 0.34, 0.66, 0.66, 0.07), capsule(0.66, 0.34, 0.34, 0.66, 0.07)), color: '#ffffff' },
  ],
  paused: () => [
    { shape: roundRect(0.06, 0.06, 0.94, 0.94, 0.18), color: DARK_RIM(GREY) },
    { shape: roundRect(0.12, 0.12, 0.88, 0.88, 0.13), color: GREY },
    { shape: union(roundRect(0.31, 0.27, 0.43, 0.73, 0.03), roundRect(0.57, 0.27, 0.69, 0.73, 0.03)), color: '#ffffff' },
  ],
};

// ---- file formats

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA 8-bit PNG, filter type 0 on every row. */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  // compression, filter and interlace methods: 0
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BGRA bitmap entry (BITMAPINFOHEADER, bottom-up rows, then an all-zero AND mask). */
function encodeDib(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(pixels.length + maskRow * size, 20);
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** ICO: 6-byte header, 16-byte directory entry per image, then the images. */
function encodeIco(images) {
  const bodies = images.map(({ size, rgba }) => (size >= 256 ? encodePng(size, rgba) : encodeDib(size, rgba)));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size }, i) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size; // 0 means 256
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(bodies[i].length, 8);
    e.writeUInt32LE(offset, 12);
    offset += bodies[i].length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...bodies]);
}

// ---- main

function write(name, data) {
  writeFileSync(join(OUT, name), data);
  console.log(`${name}  ${data.length} bytes`);
}

mkdirSync(OUT, { recursive: true });
write('icon.png', encodePng(512, appIcon(512)));
write('icon.ico', encodeIco([16, 32, 48, 256].map((size) => ({ size, rgba: appIcon(size) }))));
for (const [state, draw] of Object.entries(TRAY)) {
  write(`tray-${state}.png`, encodePng(16, render(16, draw())));
  write(`tray-${state}@2x.png`, encodePng(32, render(32, draw())));
  write(`tray-${state}.ico`, encodeIco([16, 20, 24, 32].map((size) => ({ size, rgba: render(size, draw()) }))));
}
