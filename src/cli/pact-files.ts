/**
 * Pact files as `ordermock verify` and `ordermock check-pact` read them: the shipped contracts or
 * a consumer team's own, V2 to V4. Only the parts both commands use are typed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_NAMES, type ApiName } from '../spec/load.js';
import { packageRoot } from '../spec/package-files.js';
import { UsageError } from './usage.js';

export type ProviderState = { name: string; params?: Record<string, unknown> };

export type Interaction = {
  description: string;
  type?: string;
  providerStates?: ProviderState[];
  /** Pact V2 names one state, as a string. */
  providerState?: string;
  request: any;
  response: any;
};

export type PactFile = { consumer: { name: string }; provider: { name: string }; interactions: Interaction[] };

export type FoundPact = { path: string; pact: PactFile };

/** Where the package keeps the contracts its consumer tests wrote (`npm run contracts:ship`). */
export const SHIPPED_PACTS_DIR = join(packageRoot, 'contracts', 'pacts');

/** An interaction's provider states, whichever Pact version wrote it. */
export const statesOf = (interaction: Interaction): ProviderState[] =>
  interaction.providerStates ?? (interaction.providerState ? [{ name: interaction.providerState }] : []);

function readPact(path: string): FoundPact {
  let pact: PactFile;
  try {
    pact = JSON.parse(readFileSync(path, 'utf8')) as PactFile;
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
  if (typeof pact?.provider?.name !== 'string' || typeof pact.consumer?.name !== 'string' || !Array.isArray(pact.interactions)) {
    throw new UsageError(`${path} is not a Pact file (it needs consumer.name, provider.name and interactions)`);
  }
  return { path, pact };
}

const isApiName = (name: string): name is ApiName => (API_NAMES as readonly string[]).includes(name);

const pactsIn = (dir: string): FoundPact[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => readPact(join(dir, name)));

/** Every pact file in `dir` whose provider is `api` (the convention of ordermock's own contracts). */
export function readPacts(dir: string, api: ApiName): FoundPact[] {
  return existsSync(dir) ? pactsIn(dir).filter(({ pact }) => pact.provider.name === api) : [];
}

/** `--api NAME`, checked; undefined when the flag is absent. */
export function apiFlag(value: string | undefined): ApiName | undefined {
  if (value === undefined) return undefined;
  if (!isApiName(value)) throw new UsageError(`--api must be one of: ${API_NAMES.join(', ')}`);
  return value;
}

export type SelectedPact = FoundPact & { api: ApiName };

/**
 * The pacts named on the command line, each with the API it is checked against. A file named
 * explicitly is taken whatever its provider is called (`--api` names the API when the provider's
 * name does not); in a directory, the provider's name picks the API and other providers' pacts are
 * left out, so a directory of many providers' pacts can be pointed at as it is.
 */
export function selectPacts(paths: string[], api: ApiName | undefined): SelectedPact[] {
  const selected = paths.flatMap((path): SelectedPact[] => {
    if (!existsSync(path)) throw new UsageError(`${path}: no such file or directory`);
    if (statSync(path).isDirectory()) {
      return pactsIn(path).flatMap((found) => {
        const provider = found.pact.provider.name;
        return isApiName(provider) && (!api || provider === api) ? [{ ...found, api: provider }] : [];
      });
    }
    const found = readPact(path);
    const provider = found.pact.provider.name;
    const target = api ?? (isApiName(provider) ? provider : undefined);
    if (!target) throw new UsageError(`${path}: provider '${provider}' is not one of ${API_NAMES.join(', ')}; name the API with --api`);
    return [{ ...found, api: target }];
  });
  if (selected.length === 0) {
    throw new UsageError(`no pact for ${api ? `provider '${api}'` : `a provider named ${API_NAMES.join(', ')}`} in ${paths.join(', ')}`);
  }
  return selected;
}
