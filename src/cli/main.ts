#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { packageVersion } from '../spec/load.js';
import { HELP } from './help.js';
import { UsageError } from './usage.js';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      api: { type: 'string' },
      strict: { type: 'boolean' },
      seed: { type: 'string' },
      'state-file': { type: 'string' },
      'admin-token': { type: 'string' },
      'body-limit': { type: 'string' },
      'max-tenants': { type: 'string' },
      'max-orders': { type: 'string' },
      'tenant-ttl': { type: 'string' },
      'pack-idle-after': { type: 'string' },
      'keep-token': { type: 'string', multiple: true },
      'max-outbox': { type: 'string' },
      'max-journal': { type: 'string' },
      'log-format': { type: 'string' },
      'log-level': { type: 'string' },
      quiet: { type: 'boolean', short: 'q' },
      'cors-origin': { type: 'string', multiple: true },
      'no-cors': { type: 'boolean' },
      store: { type: 'string' },
      'store-prefix': { type: 'string' },
      to: { type: 'string' },
      'order-id': { type: 'string' },
      token: { type: 'string' },
      'base-url': { type: 'string' },
      'states-url': { type: 'string' },
      pacts: { type: 'string' },
      states: { type: 'string' },
      junit: { type: 'string' },
    },
  });
  if (values.help) return void process.stdout.write(HELP), 0;
  if (values.version) return void process.stdout.write(`${packageVersion()}\n`), 0;
  const [command = 'serve', ...rest] = positionals;
  if (command === 'serve') {
    // Loaded on demand: --help and --version should not pay for compiling the specs.
    const { serve } = await import('./serve.js');
    await serve(values);
    return -1; // keep running
  }
  if (command === 'webhook') {
    const { runWebhook } = await import('./webhook-command.js');
    return runWebhook(rest, values);
  }
  if (command === 'verify') {
    // Loaded on demand: serve never needs Pact or the contract checks.
    if (rest.length) throw new UsageError(`verify takes no '${rest[0]}': name pacts with --pacts PATH`);
    const { runVerify } = await import('./verify.js');
    return runVerify(values);
  }
  if (command === 'check-pact') {
    const { runCheckPact } = await import('./check-pact.js');
    return runCheckPact(rest, values);
  }
  throw new UsageError(`unknown command '${command}' (try --help)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`ordermock: ${usage ? error.message : (error as Error).stack}\n`);
    process.exitCode = 2;
  },
);
