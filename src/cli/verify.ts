/**
 * `ordermock verify`: replays the Pact contracts ordermock ships (contracts/pacts/, written by the
 * consumer tests in contracts/consumer/) against any implementation of an API — the mock itself, a
 * team's own backend, a staging host — with the Pact Verifier, and exits 1 on any failure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NAMES, type ApiName } from '../spec/load.js';
import { packageRoot } from '../spec/package-files.js';
import { UsageError } from './usage.js';

/** The tenant token every shipped interaction sends; `--token` swaps it for a real credential. */
export const PACT_TOKEN = 'ordermock-pact';

export const SHIPPED_PACTS_DIR = join(packageRoot, 'contracts', 'pacts');

type ProviderState = { name: string; params?: Record<string, unknown> };
export type PactFile = {
  consumer: { name: string };
  provider: { name: string };
  interactions: { description: string; type?: string; providerStates?: ProviderState[]; request: any; response: any }[];
};

/** Every pact file in `dir` whose provider is `api`. */
export function readPacts(dir: string, api: ApiName): { path: string; pact: PactFile }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ path: join(dir, name), pact: JSON.parse(readFileSync(join(dir, name), 'utf8')) as PactFile }))
    .filter(({ pact }) => pact.provider.name === api);
}

export type VerifyOptions = {
  api: ApiName;
  /** The API's base URL: `http://localhost:4010/dirtylemon` for the mock, `https://api.example.com` for a backend. */
  baseUrl: string;
  /** Receives `{state, params, action}` before and after each interaction (the mock: `/__mock/provider-states`). */
  statesUrl?: string;
  /** Sent instead of PACT_TOKEN, in Authorization headers and in provider-state params. */
  token?: string;
  pactsDir?: string;
};

/** One interaction's result, as the verifier reports it (`OK` or `Error`). */
export type InteractionResult = { description: string; result: string };

export type VerifyOutcome = { ok: boolean; pacts: string[]; results: InteractionResult[]; failures: string[] };

type VerifierJson = {
  errors?: { interaction?: string; mismatch?: { mismatches?: { mismatch?: string }[]; message?: string } }[];
  interactionResults?: InteractionResult[];
};

/** Provider-state calls forwarded to `statesUrl` (with the token swapped), one handler per state name. */
function stateHandlers(pacts: PactFile[], statesUrl: string | undefined, token: string | undefined) {
  const forward = (state: string, action: 'setup' | 'teardown') => async (params: unknown) => {
    if (!statesUrl) return undefined;
    const body = { state, action, params: { ...(params as object), ...(token ? { token } : {}) } };
    const res = await fetch(statesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`provider state '${state}' (${action}) failed: ${res.status} ${await res.text()}`);
    return undefined;
  };
  const names = new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name))));
  const handlers = Object.fromEntries([...names].map((name) => [name, { setup: forward(name, 'setup'), teardown: forward(name, 'teardown') }]));
  // Interactions without a state still get a setup call, named ''; there is nothing to do for them.
  return { ...handlers, '': async () => undefined };
}

/** The verifier's JSON result (resolved on success, the error message on failure), read defensively. */
function parseResult(json: string): { results: InteractionResult[]; failures: string[] } {
  let parsed: VerifierJson;
  try {
    parsed = JSON.parse(json) as VerifierJson;
  } catch {
    return { results: [], failures: [json] };
  }
  const failures = (parsed.errors ?? []).map((e) => {
    const why = e.mismatch?.mismatches?.map((m) => m.mismatch).join('; ') ?? e.mismatch?.message ?? 'failed';
    return `${e.interaction ?? 'an interaction'}: ${why}`;
  });
  return { results: parsed.interactionResults ?? [], failures };
}

/** Pact is a development dependency of ordermock: a provider's CI installs it next to ordermock. */
async function loadPact() {
  try {
    return await import('@pact-foundation/pact');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new UsageError('ordermock verify needs the Pact Verifier: npm install --save-dev @pact-foundation/pact');
  }
}

/** Runs the Pact Verifier for every pact of `api` in the pacts directory; Pact prints its report on stdout. */
export async function verifyApi(options: VerifyOptions): Promise<VerifyOutcome> {
  process.env.PACT_DO_NOT_TRACK = 'true';
  const dir = options.pactsDir ?? SHIPPED_PACTS_DIR;
  const found = readPacts(dir, options.api);
  if (found.length === 0) throw new UsageError(`no pact for provider '${options.api}' in ${dir}`);
  const { Verifier } = await loadPact();
  const pacts = found.map((f) => f.pact);
  const verifier = new Verifier({
    providerBaseUrl: options.baseUrl.replace(/\/+$/, ''),
    provider: options.api,
    pactUrls: found.map((f) => f.path),
    stateHandlers: stateHandlers(pacts, options.statesUrl, options.token),
    requestFilter: (req: any, _res: any, next: () => void) => {
      const auth = req.headers.authorization;
      if (options.token && typeof auth === 'string') req.headers.authorization = auth.replace(PACT_TOKEN, options.token);
      next();
    },
    logLevel: 'warn',
  });
  const paths = found.map((f) => f.path);
  try {
    return { ok: true, pacts: paths, ...parseResult(await verifier.verifyProvider()) };
  } catch (error) {
    const parsed = parseResult((error as Error).message);
    return { ok: false, pacts: paths, ...parsed, failures: parsed.failures.length ? parsed.failures : [(error as Error).message] };
  }
}

type VerifyFlags = { api?: string; 'base-url'?: string; 'states-url'?: string; token?: string; pacts?: string };

/** `ordermock verify --api NAME --base-url URL [--states-url URL] [--token T] [--pacts DIR]`. */
export async function runVerify(flags: VerifyFlags): Promise<number> {
  const api = flags.api as ApiName | undefined;
  if (!api || !API_NAMES.includes(api)) throw new UsageError(`--api must be one of: ${API_NAMES.join(', ')}`);
  if (!flags['base-url']) throw new UsageError('--base-url URL is required (where the API under test answers)');
  if (!flags['states-url']) process.stderr.write('ordermock verify: no --states-url, so provider states are not set up; interactions rely on data already there\n');
  const outcome = await verifyApi({ api, baseUrl: flags['base-url'], statesUrl: flags['states-url'], token: flags.token, pactsDir: flags.pacts });
  const summary = `${api}: ${outcome.results.length} interactions in ${outcome.pacts.length} pact(s)`;
  if (outcome.ok) {
    process.stdout.write(`ordermock verify: ${summary}, all verified\n`);
    return 0;
  }
  process.stderr.write(`ordermock verify: ${summary}, ${outcome.failures.length} failed:\n${outcome.failures.map((f) => `  - ${f}`).join('\n')}\n`);
  return 1;
}
