import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../src/spec/package-files.js';

/** The built CLI, as users run it (npm test builds it first). */
export const CLI = join(packageRoot, 'dist', 'cli', 'main.js');

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
}

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type Served = {
  child: ChildProcess;
  /** Where to reach it from this machine (a wildcard host is reached on loopback). */
  base: string;
  port: number;
  stderr(): string;
  exited: Promise<Exit>;
};

function spawnCli(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (c) => (out.stdout += c));
  child.stderr!.on('data', (c) => (out.stderr += c));
  // 'close', not 'exit': only then has all of the child's output been read.
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  return { child, out, exited };
}

/** Runs the CLI to completion; one that is still running after 10 s is killed (and shows as signal SIGKILL). */
export async function runCli(...args: string[]): Promise<Exit & { stdout: string; stderr: string }> {
  const { child, out, exited } = spawnCli(args);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const exit = await exited;
  clearTimeout(timer);
  return { ...exit, ...out };
}

/** Starts `ordermock serve` with JSON logs on an ephemeral port; resolves once it listens. */
export function startServe(...args: string[]): Promise<Served> {
  const { child, out, exited } = spawnCli(['serve', '--port', '0', '--log-format', 'json', ...args]);
  return new Promise((resolve, reject) => {
    // Never leave a server behind: one that does not report listening in 10 s is killed.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.stdout!.on('data', () => {
      const line = out.stdout.split('\n').find((l) => l.includes('"listening"'));
      if (!line) return;
      clearTimeout(timer);
      const url = new URL(JSON.parse(line).url);
      const host = url.hostname === '0.0.0.0' ? '127.0.0.1' : url.hostname === 'localhost' ? '127.0.0.1' : url.hostname;
      resolve({ child, base: `http://${host}:${url.port}`, port: Number(url.port), stderr: () => out.stderr, exited });
    });
    void exited.then((exit) => reject(new Error(`ordermock exited (${JSON.stringify(exit)}) before listening: ${out.stderr}`)));
  });
}

/** Resolves when the process has written `text` to stderr. */
export function stderrShows(served: Served, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => served.stderr().includes(text) && (served.child.stderr!.off('data', check), resolve());
    served.child.stderr!.on('data', check);
    check();
  });
}
