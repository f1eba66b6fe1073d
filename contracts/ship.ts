/**
 * `npm run contracts:ship`: copies the pacts the consumer tests wrote (pacts/, git-ignored) to
 * contracts/pacts/, the copy the package ships and `ordermock verify` replays. A test fails while
 * the two differ, so a changed consumer test cannot leave the shipped contracts behind.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_PACTS_DIR } from '../src/cli/verify.js';
import { PACTS_DIR } from './support/pact.js';

const json = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.json'));

mkdirSync(SHIPPED_PACTS_DIR, { recursive: true });
for (const name of json(SHIPPED_PACTS_DIR)) rmSync(join(SHIPPED_PACTS_DIR, name));
for (const name of json(PACTS_DIR)) copyFileSync(join(PACTS_DIR, name), join(SHIPPED_PACTS_DIR, name));
console.log(`shipped ${json(SHIPPED_PACTS_DIR).join(', ')} to contracts/pacts/`);
