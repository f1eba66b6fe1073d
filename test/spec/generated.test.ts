import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_SPECS, generatedPath, renderTypes } from '../../scripts/generate-types.js';

describe('src/generated', () => {
  it.each(GENERATED_SPECS)('%s.ts matches what npm run generate writes from the spec', async (name) => {
    expect(readFileSync(generatedPath(name), 'utf8'), `src/generated/${name}.ts is stale: run npm run generate`).toBe(await renderTypes(name));
  });
});
