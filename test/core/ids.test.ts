import { describe, expect, it } from 'vitest';
import { seededUuid, sequenceReference } from '../../src/core/ids.js';

describe('sequenceReference', () => {
  it('gives a million consecutive references of one world, all distinct 6-hex strings', () => {
    const seen = new Uint8Array(1 << 24);
    for (let n = 0; n < 1_000_000; n++) {
      const reference = sequenceReference(0xdeadbeef, n);
      if (!/^[0-9a-f]{6}$/.test(reference)) throw new Error(`reference ${reference} at ${n} is not 6 hex digits`);
      const value = parseInt(reference, 16);
      if (seen[value]) throw new Error(`reference ${reference} repeated at ${n}`);
      seen[value] = 1;
    }
  });

  it('differs between worlds and is the same for the same world', () => {
    expect(sequenceReference(1, 0)).not.toBe(sequenceReference(2, 0));
    expect(sequenceReference(7, 42)).toBe(sequenceReference(7, 42));
  });
});

describe('seededUuid', () => {
  it('is a version-4-shaped UUID, stable for a seed and counter', () => {
    expect(seededUuid(3, 9)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seededUuid(3, 9)).toBe(seededUuid(3, 9));
    expect(seededUuid(3, 9)).not.toBe(seededUuid(3, 10));
  });
});
