import { hashSeed, type World } from './tenants.js';

/** 16 pseudo-random bytes from a seed and a counter: the same world hands out the same ids. */
function bytesFor(seed: number, n: number, salt: string): number[] {
  let state = hashSeed(`${seed}:${salt}:${n}`);
  const out: number[] = [];
  for (let i = 0; i < 16; i++) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 12;
    out.push(state & 0xff);
  }
  return out;
}

const HEX_DIGITS = '0123456789abcdef';
const DASH = 0x2d;
const UUID_DASHES = new Set([4, 6, 8, 10]);

/**
 * Lowercase hex of the bytes, with a dash before each byte index in `dashes`. Built from character
 * codes in one piece: gluing slices together leaves V8 a rope of small strings (~400 bytes) behind
 * every id, and a tenant may hold a million orders.
 */
function hexText(bytes: number[], dashes: Set<number>): string {
  const codes: number[] = [];
  bytes.forEach((byte, i) => {
    if (dashes.has(i)) codes.push(DASH);
    codes.push(HEX_DIGITS.charCodeAt(byte >> 4), HEX_DIGITS.charCodeAt(byte & 0x0f));
  });
  return String.fromCharCode(...codes);
}

/** The world's next counter value (ids, references and numeric ids all draw from it). */
export const nextSequence = (world: World): number => ++world.sequence;

/** A version-4-shaped UUID derived from the world's seed and counter. */
export function seededUuid(seed: number, n: number): string {
  const b = bytesFor(seed, n, 'uuid');
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return hexText(b, UUID_DASHES);
}

/**
 * The `n`-th of a world's 6-hex references (`6f324c`): a keyed bijection on 24-bit numbers, so the
 * first 16,777,216 references of a world are all distinct without remembering any of them.
 */
export function sequenceReference(seed: number, n: number): string {
  let x = (n ^ seed) & 0xffffff;
  // Each step is invertible mod 2^24 (odd multiplier, xorshift, addition), so their chain is too.
  for (const multiplier of [0x9e3b5, 0x5bd1d, 0xc2b2b]) {
    x = Math.imul(x, multiplier) & 0xffffff;
    x ^= x >>> 11;
    x = (x + (seed >>> 8)) & 0xffffff;
  }
  return x.toString(16).padStart(6, '0');
}
