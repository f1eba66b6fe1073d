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

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('');

/** The world's next counter value (ids, references and numeric ids all draw from it). */
export const nextSequence = (world: World): number => ++world.sequence;

/** A version-4-shaped UUID derived from the world's seed and counter. */
export function seededUuid(seed: number, n: number): string {
  const b = bytesFor(seed, n, 'uuid');
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** `length` lowercase hex characters derived from the seed and counter. */
export const seededHex = (seed: number, n: number, length: number): string => hex(bytesFor(seed, n, 'hex')).slice(0, length);
