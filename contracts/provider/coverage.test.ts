/**
 * The contracts cover the specs: every operation of the four APIs has at least one interaction,
 * every interaction is an operation the spec declares, and the copy the package ships
 * (contracts/pacts/, what `ordermock verify` replays) is what the consumer tests wrote this run.
 */
import { describe, expect, it } from 'vitest';
import { readPacts, SHIPPED_PACTS_DIR, type PactFile } from '../../src/cli/verify.js';
import { API_NAMES, loadSpec } from '../../src/spec/load.js';
import { indexOperations, type OperationIndex } from '../../src/spec/operations.js';
import { freshInteractions, freshPacts, type Interaction } from '../support/pact-files.js';

/** `/v1/orders/{order_id}` → a regex for concrete paths of that template. */
const pathPattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

const serves = (op: OperationIndex, interaction: Interaction) =>
  interaction.request.method.toUpperCase() === op.method && pathPattern(op.path).test(interaction.request.path);

describe.each(API_NAMES)('%s', (api) => {
  const operations = indexOperations(loadSpec(api));
  const interactions = freshInteractions(api);

  it('has an interaction for every operation of its spec', () => {
    const uncovered = operations.filter((op) => !interactions.some((i) => serves(op, i))).map((op) => op.operationId);
    expect(uncovered, 'operations without an interaction in the pacts').toEqual([]);
  });

  it('has no interaction outside its spec', () => {
    const stray = interactions.filter((i) => !operations.some((op) => serves(op, i))).map((i) => i.description);
    expect(stray).toEqual([]);
  });

  it('ships the pacts the consumer tests wrote (else run `npm run contracts:ship`)', () => {
    // Metadata names library versions, which change with an upgrade, not with a contract.
    const contract = ({ pact }: { pact: PactFile }) => ({ ...pact, metadata: undefined });
    const shipped = readPacts(SHIPPED_PACTS_DIR, api);
    expect(shipped.map(contract), 'contracts/pacts is stale: run `npm run contracts:ship`').toEqual(freshPacts(api).map(contract));
  });
});
