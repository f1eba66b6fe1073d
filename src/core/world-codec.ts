import type { World } from './tenants.js';

/** A world as JSON holds it: each Map as `{ map: [[key, value], …] }`, numbers as they are. */
export type EncodedWorld = Record<string, { map: [string, unknown][] } | number>;

// `entries()` of a packed order map hands out whole orders: the encoded form needs no templates.
export const encodeWorld = (world: World): EncodedWorld =>
  Object.fromEntries(Object.entries(world).map(([key, value]) => [key, value instanceof Map ? { map: [...value.entries()] } : value]));

export const decodeWorld = (raw: Record<string, any>): World =>
  Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value && Array.isArray(value.map) ? new Map(value.map) : value])) as World;

export const encodeWorlds = (worlds: Record<string, World>): Record<string, EncodedWorld> =>
  Object.fromEntries(Object.entries(worlds).map(([api, world]) => [api, encodeWorld(world)]));

export const decodeWorlds = (raw: Record<string, any>): Record<string, World> =>
  Object.fromEntries(Object.entries(raw).map(([api, world]) => [api, decodeWorld(world)]));

/**
 * The worlds with every Map a plain one, for a serializer that knows Maps but not their
 * subclasses (a bulk seed's order map stores orders as differences; iterating it rebuilds them).
 */
export const plainWorlds = (worlds: Record<string, World>): Record<string, World> =>
  Object.fromEntries(
    Object.entries(worlds).map(([api, world]) => [
      api,
      Object.fromEntries(Object.entries(world).map(([key, value]) => [key, value instanceof Map && value.constructor !== Map ? new Map(value) : value])) as World,
    ]),
  );
