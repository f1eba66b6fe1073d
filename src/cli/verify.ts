/**
 * `ordermock verify`: replays Pact contracts — the ones ordermock ships (contracts/pacts/), or a
 * consumer team's own — with the Pact Verifier, either against the mock itself, started in this
 * process, or against any implementation of the API (`--base-url`: a team's backend, a staging
 * host, a running mock). Exit 0 when every interaction verifies, 1 when one fails, 2 on a usage error.
 */
import type { ApiName } from '../spec/load.js';
import type { InProcessProvider } from './in-process-provider.js';
import { writeJunit, type CaseResult, type SuiteResult } from './junit.js';
import { importOptional } from './optional-import.js';
import { apiFlag, selectPacts, SHIPPED_PACTS_DIR, statesOf, type SelectedPact } from './pact-files.js';
import { conventionResolver, loadStatesFile, statesFileResolver, type StateResolver } from './states-file.js';
import { UsageError } from './usage.js';

export { readPacts, SHIPPED_PACTS_DIR, type PactFile } from './pact-files.js';

/** The tenant token every shipped interaction sends; `--token` swaps it for a real credential. */
export const PACT_TOKEN = 'ordermock-pact';

/** How the verifier reaches one API: where it answers, and what to do around each interaction. */
type Provider = {
  baseUrl: string;
  setup(state: string, params: Record<string, unknown>): unknown;
  teardown(state: string, params: Record<string, unknown>): unknown;
  requestFilter(req: any, res: any, next: () => void): void;
};

/** Another implementation: states forwarded to `statesUrl` (`{state, params, action}`), the token swapped for `--token`. */
function remoteProvider(baseUrl: string, statesUrl: string | undefined, token: string | undefined): Provider {
  const forward = (action: 'setup' | 'teardown') => async (state: string, params: Record<string, unknown>) => {
    // Interactions without a state still get a setup call, named ''; there is nothing to do for them.
    if (!statesUrl || state === '') return;
    const body = { state, action, params: { ...params, ...(token ? { token } : {}) } };
    const res = await fetch(statesUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`provider state '${state}' (${action}) failed: ${res.status} ${await res.text()}`);
  };
  return {
    baseUrl,
    setup: forward('setup'),
    teardown: forward('teardown'),
    requestFilter(req, _res, next) {
      const auth = req.headers.authorization;
      if (token && typeof auth === 'string') req.headers.authorization = auth.replace(PACT_TOKEN, token);
      next();
    },
  };
}

type VerifierJson = {
  errors?: { interaction?: string; mismatch?: { mismatches?: { mismatch?: string }[]; message?: string } }[];
  interactionResults?: { description: string; result: string }[];
};

/** What the verifier reported, from its JSON result (resolved on success, the error's message on failure). */
function readVerifierJson(json: string): { results: Map<string, string>; errors: { interaction: string; why: string }[]; other?: string } {
  let parsed: VerifierJson;
  try {
    parsed = JSON.parse(json) as VerifierJson;
  } catch {
    return { results: new Map(), errors: [], other: json };
  }
  const errors = (parsed.errors ?? []).map((e) => ({
    interaction: e.interaction ?? '',
    why: e.mismatch?.mismatches?.map((m) => m.mismatch).join('; ') ?? e.mismatch?.message ?? 'failed',
  }));
  return { results: new Map((parsed.interactionResults ?? []).map((r) => [r.description, r.result])), errors };
}

// An error names its interaction as "Verifying a pact between C and P Given S - <description>".
const isAbout = (interaction: string, description: string) => interaction === description || interaction.endsWith(` - ${description}`);

type Verifier = { verifyProvider(): Promise<string> };
type VerifierClass = new (options: Record<string, unknown>) => Verifier;

/** Runs the Pact Verifier on one pact (Pact prints its report on stdout); one test case per interaction. */
async function verifyPact(Verifier: VerifierClass, { path, pact, api }: SelectedPact, provider: Provider, planned: Map<string, string[]>): Promise<SuiteResult> {
  const names = new Set(['', ...pact.interactions.flatMap((i) => statesOf(i).map((s) => s.name))]);
  const stateHandlers = Object.fromEntries(
    [...names].map((name) => [
      name,
      {
        setup: async (params?: Record<string, unknown>) => void (await provider.setup(name, params ?? {})),
        teardown: async (params?: Record<string, unknown>) => void (await provider.teardown(name, params ?? {})),
      },
    ]),
  );
  const verifier = new Verifier({ providerBaseUrl: provider.baseUrl.replace(/\/+$/, ''), provider: api, pactUrls: [path], stateHandlers, requestFilter: provider.requestFilter, logLevel: 'warn' });
  let report: ReturnType<typeof readVerifierJson>;
  try {
    report = readVerifierJson(await verifier.verifyProvider());
  } catch (error) {
    report = readVerifierJson((error as Error).message);
  }
  const cases: CaseResult[] = pact.interactions.map(({ description }) => {
    const reasons = [...(planned.get(description) ?? []), ...report.errors.filter((e) => isAbout(e.interaction, description)).map((e) => e.why)];
    const result = report.results.get(description);
    if (reasons.length === 0 && result !== undefined && result !== 'OK') reasons.push(`${result} (see Pact's report above)`);
    return reasons.length ? { name: description, failure: reasons.join('\n') } : { name: description };
  });
  const unattributed = report.errors.filter((e) => !pact.interactions.some((i) => isAbout(e.interaction, i.description))).map((e) => `${e.interaction}: ${e.why}`);
  if (report.other !== undefined) unattributed.push(report.other);
  if (unattributed.length) cases.push({ name: '(verification)', failure: unattributed.join('\n') });
  return { name: `${pact.consumer.name} → ${api}`, file: path, cases };
}

type VerifyFlags = { api?: string; 'base-url'?: string; 'states-url'?: string; states?: string; token?: string; pacts?: string; junit?: string };

function checkFlags(flags: VerifyFlags): void {
  if (flags['base-url']) {
    if (!flags.api) throw new UsageError('--base-url needs --api NAME, the API that answers there');
    if (flags.states) throw new UsageError('--states seeds the in-process mock; against --base-url, set states up through --states-url');
    if (!flags['states-url']) process.stderr.write('ordermock verify: no --states-url, so provider states are not set up; interactions rely on data already there\n');
    return;
  }
  for (const flag of ['states-url', 'token'] as const) {
    if (flags[flag]) throw new UsageError(`--${flag} goes with --base-url; without it the mock runs in-process and sets states up itself (--states FILE)`);
  }
  if (flags.pacts && !flags.states) {
    process.stderr.write("ordermock verify: no --states, so provider states are read as ordermock's own contracts write them (params api, status, id, overrides)\n");
  }
}

/** Prints one summary per API (stdout when it passed, stderr with the failures when not). */
function report(suites: (SuiteResult & { api: ApiName })[]): boolean {
  let ok = true;
  for (const api of new Set(suites.map((s) => s.api))) {
    const own = suites.filter((s) => s.api === api);
    const failed = own.flatMap((s) => s.cases.filter((c) => c.failure !== undefined).map((c) => ({ ...c, consumer: s.name })));
    const summary = `ordermock verify: ${api}: ${own.reduce((n, s) => n + s.cases.length, 0)} interactions in ${own.length} pact(s)`;
    if (failed.length === 0) {
      process.stdout.write(`${summary}, all verified\n`);
      continue;
    }
    ok = false;
    const lines = failed.map((c) => `  - ${own.length > 1 ? `[${c.consumer}] ` : ''}${c.name}: ${c.failure!.replace(/\n/g, '\n    ')}`);
    process.stderr.write(`${summary}, ${failed.length} failed:\n${lines.join('\n')}\n`);
  }
  return ok;
}

/**
 * `ordermock verify [--api NAME] [--pacts PATH] [--states FILE] [--junit FILE]` (the mock, in-process)
 * or `ordermock verify --api NAME --base-url URL [--states-url URL] [--token T] [--pacts PATH] [--junit FILE]`.
 */
export async function runVerify(flags: VerifyFlags): Promise<number> {
  const api = apiFlag(flags.api);
  checkFlags(flags);
  const pacts = selectPacts([flags.pacts ?? SHIPPED_PACTS_DIR], api);
  const resolve: StateResolver = flags.states ? statesFileResolver(loadStatesFile(flags.states)) : conventionResolver;
  process.env.PACT_DO_NOT_TRACK = 'true';
  const { Verifier } = await importOptional(() => import('@pact-foundation/pact'), '@pact-foundation/pact', 'verify');
  // Loaded on demand: against --base-url the mock's engine is not needed.
  const inProcess = flags['base-url'] ? undefined : await import('./in-process-provider.js');
  const mock: InProcessProvider | undefined = await inProcess?.startInProcessProvider();
  const suites: (SuiteResult & { api: ApiName })[] = [];
  try {
    for (const found of pacts) {
      const hooks = mock?.hooks(found.api, resolve);
      const provider: Provider = hooks
        ? { baseUrl: mock!.baseUrl(found.api), setup: hooks.setup, teardown: () => undefined, requestFilter: hooks.requestFilter }
        : remoteProvider(flags['base-url']!, flags['states-url'], flags.token);
      const planned = inProcess ? inProcess.planStates(found.pact, found.api, resolve) : new Map<string, string[]>();
      suites.push({ ...(await verifyPact(Verifier as unknown as VerifierClass, found, provider, planned)), api: found.api });
    }
  } finally {
    await mock?.close();
  }
  if (flags.junit) writeJunit(flags.junit, 'ordermock verify', suites);
  return report(suites) ? 0 : 1;
}
