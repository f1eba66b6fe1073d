import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/spec/load.js';

/** The repository root, so the benchmark runs from any working directory. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const TOKEN = 'bench';
export const AUTH = `Bearer ${TOKEN}`;

/** The document's order, customer and the order its pay/cancel examples use (fixtures in every tenant). */
export const ORDER_ID = '1526b746-6a39-4958-91bf-a80bba41cdc3';
export const CUSTOMER_ID = '294e03d6-df4f-4ee1-94be-e334c420381a';
export const EXAMPLE_PAY_ORDER_ID = '44024b51-742a-4598-8311-d9a629631987';

/** The create body is the spec's own request example, so every server gets the document's request. */
export const CREATE_BODY: string = JSON.stringify(
  loadSpec('dirtylemon').paths['/v1/customers/{customer_id}/orders']!.post.requestBody.content['application/json'].examples.DocumentExample.value,
);

export type BenchSettings = {
  quick: boolean;
  connections: number;
  /** Seconds of measured load per workload, after `warmupSeconds` of discarded load. */
  seconds: number;
  warmupSeconds: number;
  coldStartRuns: number;
  /**
   * Rounds of ordermock and raw node:http, alternating, each case taken as its median round: on a
   * shared machine one 10 s run measures the neighbours' load as much as either server (the same
   * build's GET ran at 29 and 45 µs of CPU a request a minute apart; on 2026-12-06 the same build's
   * POST ran at 43–68 µs and raw's at 46–62 µs, round to round). Five: with three, one slow round
   * of either server decided the ratio.
   */
  rawRounds: number;
  /** Orders in the tenant for the per-request cost comparison (small, then large). */
  smallOrders: number;
  largeOrders: number;
  /** Orders per admin seed request. */
  seedChunk: number;
};

export const FULL: BenchSettings = {
  quick: false,
  connections: 50,
  seconds: 10,
  warmupSeconds: 3,
  coldStartRuns: 7,
  rawRounds: 5,
  smallOrders: 1_000,
  largeOrders: 1_000_000,
  seedChunk: 100_000,
};

/** The smoke run: every step once, briefly, so the script cannot rot unnoticed. */
export const QUICK: BenchSettings = {
  quick: true,
  connections: 50,
  seconds: 0.6,
  warmupSeconds: 0.2,
  coldStartRuns: 1,
  // Two, so the smoke run takes the path of the rounds too.
  rawRounds: 2,
  smallOrders: 1_000,
  largeOrders: 10_000,
  seedChunk: 5_000,
};
