import { spawn } from 'node:child_process';
import { bin } from './run.js';
import { type ApiName } from '../../src/spec/load.js';
import { specPath } from '../../src/spec/package-files.js';

const PRISM = bin('prism');

export type PrismProxy = { url: string; output(): string; stop(): void };

/** `prism proxy openapi/<api>.yaml <upstream> --errors` on an ephemeral port, resolved once it listens. */
export function startPrismProxy(api: ApiName, upstream: string): Promise<PrismProxy> {
  const child = spawn(process.execPath, [PRISM, 'proxy', specPath(api), upstream, '--errors', '-p', '0', '-h', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Prism is listening on (http:\/\/\S+)/.exec(output);
      if (listening) resolve({ url: listening[1]!, output: () => output, stop: () => child.kill() });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`prism exited (${code}) before listening:\n${output}`)));
  });
}
