import type { World } from './tenants.js';

/** A world as JSON holds it: each Map as `{ map: [[key, value], …] }`, numbers as they are. */
export type EncodedWorld = Record<string, { map: [string, unknown][] } | number>;

/** An object with each of its own values replaced by `change(value)`: a world's collections, or a tenant's worlds. */
const mapValues = <T, U>(object: Record<string, T>, change: (value: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(object).map(([key, value]) => [key, change(value)]));

// `entries()` of a packed order map hands out whole orders: the encoded form needs no templates.
export const encodeWorld = (world: World): EncodedWorld => mapValues(world, (value) => (value instanceof Map ? { map: [...value.entries()] } : value));

export const decodeWorld = (raw: Record<string, any>): World => mapValues(raw, (value) => (value && Array.isArray(value.map) ? new Map(value.map) : value)) as World;

export const encodeWorlds = (worlds: Record<string, World>): Record<string, EncodedWorld> => mapValues(worlds, encodeWorld);

export const decodeWorlds = (raw: Record<string, any>): Record<string, World> => mapValues(raw, decodeWorld);

/**
 * The worlds with every Map a plain one, for a serializer that knows Maps but not their
 * subclasses (a bulk seed's order map stores orders as differences; iterating it rebuilds them).
 */
export const plainWorlds = (worlds: Record<string, World>): Record<string, World> =>
  mapValues(worlds, (world) => mapValues(world, (value) => (value instanceof Map && value.constructor !== Map ? new Map(value) : value)) as World);
