import { describe, expect, it } from 'vitest';
import { growingPercentFor, HEAP_GROWING_PERCENT, HEAP_ROOM_FLOOR_MB } from '../../src/cli/heap-growth.js';

describe('serve’s heap growth', () => {
  it('leaves a small heap at least the floor of room before its next full collection', () => {
    for (const liveMb of [16, 20, 40, 100]) expect(liveMb * (growingPercentFor(liveMb) / 100)).toBeGreaterThanOrEqual(HEAP_ROOM_FLOOR_MB);
    // A nearly empty heap is not let grow without bound: at most 5× (400 %).
    expect(growingPercentFor(0)).toBe(400);
    expect(growingPercentFor(5)).toBe(400);
  });

  it('bounds a large heap to the fixed percent, as before the floor', () => {
    const largeMb = (HEAP_ROOM_FLOOR_MB / HEAP_GROWING_PERCENT) * 100 + 1;
    for (const liveMb of [largeMb, 150, 300, 2000]) expect(growingPercentFor(liveMb)).toBe(HEAP_GROWING_PERCENT);
  });
});
