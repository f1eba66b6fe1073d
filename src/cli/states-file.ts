/**
 * A consumer team's provider states, mapped to seeds of the mock (`ordermock verify --states FILE`).
 * Their pacts name states their own way (`order 9d7f4c1e is created`); the file says, in order,
 * first match wins, which seed each name stands for:
 *
 *   - state: "order {short} is {status}"             # {name} captures part of the state's name
 *     api: dirtylemon                                # optional: the entry applies to this API only
 *     seed: { id: "{order_id}", status: "{status}" } # filled from the captures, then the state's params
 *   - state: "there is no order {id}"                # no seed: nothing to set up
 *
 * A seed is the admin API's SeedRequest (`POST /__mock/{api}/orders`): status, id, overrides, count.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { seedOrders } from '../http/admin-handlers.js';
import { API_NAMES, loadSpec, type ApiName } from '../spec/load.js';
import { createSchemaCompiler, describeViolation } from '../spec/schemas.js';
import { UsageError } from './usage.js';

export type Seed = Parameters<typeof seedOrders>[2];

type SeedTemplate = Omit<Seed, 'api'>;

type StateEntry = { state: string; api?: ApiName; seed?: SeedTemplate };

export type StatesFile = { path: string; entries: (StateEntry & { pattern: RegExp })[] };

/** What a provider state stands for: the seeds to set it up (none for a state that needs no data). */
export type StateResolver = (api: ApiName, name: string, params: Record<string, unknown>) => Seed[];

/** A state that cannot be set up; its message names the state and, for a states file, the file. */
export class StateProblem extends Error {
  override name = 'StateProblem';
}

// The file's shape, with each seed checked against the admin API's own SeedRequest schema.
const FILE_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['state'],
    additionalProperties: false,
    properties: {
      state: { type: 'string', minLength: 1 },
      api: { type: 'string', enum: [...API_NAMES] },
      seed: { $ref: '#/components/schemas/SeedRequest' },
    },
  },
};

const PLACEHOLDER = /\{([A-Za-z_]\w*)\}/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `order {short} is {status}` → a regex that matches whole state names and captures `short` and `status`. */
function templatePattern(template: string, where: string): RegExp {
  const names = new Set<string>();
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (names.has(match[1]!)) throw new UsageError(`${where}: {${match[1]}} appears twice in '${template}'`);
    names.add(match[1]!);
    source += `${escapeRegExp(template.slice(last, match.index))}(?<${match[1]}>.+?)`;
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escapeRegExp(template.slice(last))}$`);
}

/** Parses a states file's text (YAML, or JSON, which is YAML too); `path` is named in every error. */
export function parseStatesFile(text: string, path: string): StatesFile {
  let entries: unknown;
  try {
    entries = parse(text);
  } catch (error) {
    throw new UsageError(`${path}: ${(error as Error).message}`);
  }
  const validate = createSchemaCompiler('admin', loadSpec('admin')).compile(FILE_SCHEMA);
  if (!validate(entries)) {
    const error = validate.errors![0]!;
    const entry = /^\/(\d+)/.exec(error.instancePath)?.[1];
    const { field, message } = describeViolation({ ...error, instancePath: error.instancePath.replace(/^\/\d+/, '') });
    throw new UsageError(`${path}: ${entry === undefined ? `must be a list of {state, api?, seed?} entries (${message})` : `entry ${Number(entry) + 1}: ${field} ${message}`}`);
  }
  return {
    path,
    entries: (entries as StateEntry[]).map((entry, i) => ({ ...entry, pattern: templatePattern(entry.state, `${path}: entry ${i + 1}`) })),
  };
}

export const loadStatesFile = (path: string): StatesFile => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--states ${path}: ${(error as Error).message}`);
  }
  return parseStatesFile(text, path);
};

/**
 * Fills `{name}` placeholders in a seed: a string that is one placeholder takes the value as it is
 * (an Estoka id stays a number), one inside longer text takes it as text.
 */
function fill(value: unknown, lookup: (name: string) => unknown): unknown {
  if (typeof value === 'string') {
    const whole = /^\{([A-Za-z_]\w*)\}$/.exec(value);
    if (whole) return lookup(whole[1]!);
    return value.replace(PLACEHOLDER, (_, name: string) => String(lookup(name)));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, lookup));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, lookup)]));
  return value;
}

/** The resolver for a states file: the first entry of the API whose template matches the state's name. */
export function statesFileResolver(file: StatesFile): StateResolver {
  return (api, name, params) => {
    const index = file.entries.findIndex((entry) => (!entry.api || entry.api === api) && entry.pattern.test(name));
    if (index < 0) throw new StateProblem(`state '${name}' matches no entry of ${file.path}`);
    const entry = file.entries[index]!;
    if (!entry.seed) return [];
    const captures = entry.pattern.exec(name)!.groups ?? {};
    const lookup = (key: string) => {
      // A name that is itself a template (`an order {id} in state {status}`, as pact-js encourages)
      // captures its own placeholders; the values are then in the params.
      if (captures[key] !== undefined && captures[key] !== `{${key}}`) return captures[key];
      if (params[key] !== undefined) return params[key];
      throw new StateProblem(`state '${name}' (${file.path}, entry ${index + 1}): {${key}} is neither captured from the name nor one of its params (${Object.keys(params).join(', ') || 'none'})`);
    };
    return [{ api: entry.api ?? api, ...(fill(entry.seed, lookup) as SeedTemplate) }];
  };
}

/**
 * ordermock's own convention, which its shipped contracts follow and `POST /__mock/provider-states`
 * reads: the params carry the seed (`status`, `id`, `overrides`, and `api`); a state without a
 * `status` needs no data.
 */
export const conventionResolver: StateResolver = (api, _name, params) => {
  if (typeof params.status !== 'string') return [];
  const { id, overrides } = params as { id?: string | number; overrides?: Record<string, unknown> };
  return [{ api: (params.api as ApiName | undefined) ?? api, status: params.status, id, overrides }];
};
