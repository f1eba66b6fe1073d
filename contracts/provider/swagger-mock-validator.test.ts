/**
 * Every pact against its spec with swagger-mock-validator, required-field checks on (the CLI's
 * `-R true`), so a contract can never drift from the spec the mock serves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwaggerMockValidatorFactory } from '@pactflow/swagger-mock-validator';
import { describe, expect, it } from 'vitest';
import { API_NAMES, type ApiName } from '../../src/spec/load.js';
import { specPath } from '../../src/spec/package-files.js';
import { freshPacts } from '../support/pact-files.js';

const validator = SwaggerMockValidatorFactory.create();
const validate = (api: ApiName, pactPath: string) => validator.validate({ specPathOrUrl: specPath(api), mockPathOrUrl: pactPath, requiredPropertiesInResponse: 'true' });

describe('swagger-mock-validator, required properties checked', () => {
  it.each(API_NAMES)('%s: the pact is compatible with its spec', async (api) => {
    for (const { path } of freshPacts(api)) {
      const outcome = await validate(api, path);
      expect({ errors: outcome.errors, warnings: outcome.warnings }).toEqual({ errors: [], warnings: [] });
      expect(outcome.success).toBe(true);
    }
  });

  it('rejects a pact whose response lacks a field the spec requires', async () => {
    const pact = JSON.parse(readFileSync(freshPacts('dirtylemon')[0]!.path, 'utf8'));
    delete pact.interactions.find((i: any) => i.response.status === 200).response.body.content.reference;
    const broken = join(mkdtempSync(join(tmpdir(), 'ordermock-smv-')), 'broken.json');
    writeFileSync(broken, JSON.stringify(pact));
    const outcome = await validate('dirtylemon', broken);
    expect(outcome.success).toBe(false);
    expect(outcome.errors.map((e) => [e.code, e.message])).toEqual([['response.body.incompatible', expect.stringContaining("must have required property 'reference'")]]);
  });
});
