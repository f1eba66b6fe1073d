import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/spec/load.js';
import { packageRoot } from '../../src/spec/package-files.js';
import { startMock, type RunningMock } from '../helpers/mock.js';
import { namedPairs, type NamedPair } from './pairs.js';

/** The jar the `specmatic` npm package ships (no download: it is inside the package). */
const SPECMATIC_JAR = join(packageRoot, 'node_modules', 'specmatic', 'specmatic.jar');

type Result = { api: ApiName; scenario: string; passed: boolean };

/**
 * Runs Specmatic's contract tests for all four specs against `base`, generative tests on, reading
 * specmatic.yaml at the root (each API's base URL from ORDERMOCK_URL). The generative run holds the
 * plain one: every named pair is sent as is first, then Specmatic's variations of it.
 */
function runSpecmatic(base: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // C1 only and a serial GC: the run is short, so the JIT's second tier and parallel GC cost more than they save.
    const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', SPECMATIC_JAR, 'test'], {
      cwd: packageRoot,
      env: { ...process.env, ORDERMOCK_URL: base, SPECMATIC_GENERATIVE_TESTS: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(new Error(`cannot run java (${error.message}); install a JRE 17+, as .ci/run does`)));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Each test's outcome, from Specmatic's log: the request it sent (which names the API) and its verdict. */
function resultsOf(output: string): Result[] {
  const blocks = output.matchAll(/Request to http:\/\/127\.0\.0\.1:\d+\/(\w+) at[\s\S]*?^(?:[+-]ve {2})?Scenario: (.*) has (SUCCEEDED|FAILED)$/gm);
  return [...blocks].map(([, api, scenario, verdict]) => ({ api: api as ApiName, scenario: scenario!, passed: verdict === 'SUCCEEDED' }));
}

/**
 * The title of a test sending a pair's request and expecting its paired status, e.g.
 * `POST /v1/orders/(order_id:uuid)/pay -> 200 with the request from the example 'PaidOrder'`; with
 * a body, Specmatic adds which of its keys it kept (`where REQUEST.BODY contains all the keys`).
 */
const pairTitle = (pair: NamedPair) =>
  new RegExp(`^${pair.method} ${pair.template.replace(/\{[^}]+\}/g, '\\([^)]+\\)')} -> ${pair.status} with the request from the example '${pair.name}'( where .*)?$`);

let mock: RunningMock;
let run: { code: number | null; output: string };
let results: Result[];
beforeAll(async () => {
  mock = await startMock();
  run = await runSpecmatic(mock.base);
  results = resultsOf(run.output);
}, 300_000);
afterAll(() => mock?.close());

describe('Specmatic contract tests against the mock (generative tests on)', () => {
  it('all pass, and Specmatic reports every test it ran', () => {
    const failed = results.filter((r) => !r.passed).map((r) => `${r.api}: ${r.scenario}`);
    expect(failed, run.output.slice(-4000)).toEqual([]);
    expect(run.output).toMatch(new RegExp(`Tests run: ${results.length}, Successes: ${results.length}, Failures: 0,`));
    expect(run.code).toBe(0);
  });

  it.each(API_NAMES)('%s: every named example pair ran as is and got its paired status', (api) => {
    const ran = results.filter((r) => r.api === api && r.passed).map((r) => r.scenario);
    const pairs = namedPairs(api);
    expect(pairs.length).toBeGreaterThan(0);
    for (const pair of pairs) expect(ran.some((title) => pairTitle(pair).test(title)), `${pair.operationId} '${pair.name}' → ${pair.status}`).toBe(true);
  });
});
