/**
 * CRC-32 (the zlib/MySQL `CRC32()` one), for SQLite's `HASH()` function: bucket fingerprints
 * need a row hash and SQLite has none. Written out because `zlib.crc32` is missing from the Node
 * that older Electron releases carry.
 */
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 of the UTF-8 bytes of `text`, as an unsigned 32-bit number. */
export function crc32(text: string): number {
  let c = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) c = TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
