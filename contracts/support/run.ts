import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { packageRoot } from '../../src/spec/package-files.js';

export type Run = { code: number | null; stdout: string; stderr: string };

/** Runs a Node script to completion and collects its output, colours stripped (never rejects on a non-zero exit). */
export function runNode(script: string, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: stripVTControlCharacters(stdout), stderr: stripVTControlCharacters(stderr) }));
  });
}

const CLI = join(packageRoot, 'dist', 'cli', 'main.js');

/** The built `ordermock` CLI, as a provider team runs it. */
export function ordermock(...args: string[]): Promise<Run> {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
  return runNode(CLI, args);
}

/** A tool installed in node_modules/.bin (Prism, swagger-mock-validator). */
export const bin = (name: string): string => join(packageRoot, 'node_modules', '.bin', name);
