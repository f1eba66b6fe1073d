import { hashSeed, type World } from './tenants.js';

/** The 16 bytes an id is made of, reused: an id is built in one synchronous step. */
const scratch = new Uint8Array(16);

/** 16 pseudo-random bytes from a seed and a counter, into `scratch`: the same world hands out the same ids. */
function bytesFor(seed: number, n: number, salt: string): Uint8Array {
  let state = hashSeed(`${seed}:${salt}:${n}`);
  for (let i = 0; i < 16; i++) {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    state ^= state >>> 12;
    scratch[i] = state & 0xff;
  }
  return scratch;
}

const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = 0x2d;
/** Character codes of a UUID, filled in place: 36 of them, dashes at 8, 13, 18 and 23. */
const uuidCodes: number[] = Array.from({ length: 36 }, () => DASH);
/** Where each byte's two hex digits go in `uuidCodes`. */
const UUID_DIGIT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * Lowercase hex of the bytes in the UUID layout, built from character codes in one piece: gluing
 * slices together leaves V8 a rope of small strings (~400 bytes) behind every id, and a tenant may
 * hold a million orders. The codes array is reused, so the id is the only allocation (it was
 * three arrays and a spread, ~0.6 µs an id; a create makes two).
 */
function uuidText(bytes: Uint8Array): string {
  for (let i = 0; i < 16; i++) {
    const at = UUID_DIGIT_AT[i]!;
    uuidCodes[at] = HEX_CODES[bytes[i]! >> 4]!;
    uuidCodes[at + 1] = HEX_CODES[bytes[i]! & 0x0f]!;
  }
  return String.fromCharCode.apply(null, uuidCodes);
}

/** The world's next counter value (ids, references and numeric ids all draw from it). */
export const nextSequence = (world: World): number => ++world.sequence;

/** A version-4-shaped UUID derived from the world's seed and counter. */
export function seededUuid(seed: number, n: number): string {
  const b = bytesFor(seed, n, 'uuid');
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return uuidText(b);
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
