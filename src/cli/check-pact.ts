/**
 * `ordermock check-pact FILE…`: each pact against its API's spec alone, no server — the
 * "bi-directional" check — with swagger-mock-validator. Lenient by default, as that check is: a
 * consumer pins only the fields it uses, so a response may leave out fields the spec requires, but
 * every request, status, header and field it does name must be one the spec allows. `--strict`
 * also requires every field the spec requires in a response. Exit 1 on any error, 2 on a usage error.
 */
import { relative } from 'node:path';
import { specPath } from '../spec/package-files.js';
import { writeJunit, type CaseResult, type SuiteResult } from './junit.js';
import { importOptional } from './optional-import.js';
import { apiFlag, selectPacts, statesOf, type SelectedPact } from './pact-files.js';
import { UsageError } from './usage.js';

/** The part of swagger-mock-validator's result this command reads. */
type Finding = { code: string; message: string; mockDetails?: { interactionDescription?: string; location?: string } };
type Outcome = { errors: Finding[]; warnings: Finding[]; failureReason?: string };
type Validator = {
  validate(options: { specPathOrUrl: string; mockPathOrUrl: string; requiredPropertiesInResponse: 'true' | 'false' }): Promise<Outcome>;
};

const VALIDATOR = '@pactflow/swagger-mock-validator';

const loadValidator = async (): Promise<Validator> => {
  // Imported by a name in a variable and typed here: the package's `types` entry names a file it does not publish.
  const load = (): Promise<{ SwaggerMockValidatorFactory: { create(): Validator } }> => import(VALIDATOR);
  const { SwaggerMockValidatorFactory } = await importOptional(load, VALIDATOR, 'check-pact');
  return SwaggerMockValidatorFactory.create();
};

// `interactions[0].response.body.total` reads better than the validator's `[root].interactions[0]...`.
const where = (finding: Finding) => finding.mockDetails?.location?.replace(/^\[root\]\./, '') ?? 'the pact';

const explain = (finding: Finding) => `${finding.message} (at ${where(finding)}; ${finding.code})`;

/** One pact's findings, as one test case per interaction (plus one for findings about the file as a whole). */
async function checkPact(validator: Validator, { path, pact, api }: SelectedPact, strict: boolean): Promise<SuiteResult & { warnings: Finding[] }> {
  let outcome: Outcome;
  try {
    outcome = await validator.validate({ specPathOrUrl: specPath(api), mockPathOrUrl: path, requiredPropertiesInResponse: strict ? 'true' : 'false' });
  } catch (error) {
    outcome = { errors: [], warnings: [], failureReason: (error as Error).message };
  }
  const ofInteraction = (description: string | undefined) => outcome.errors.filter((e) => e.mockDetails?.interactionDescription === description);
  const cases: CaseResult[] = pact.interactions.map(({ description }) => {
    const errors = ofInteraction(description);
    return errors.length ? { name: description, failure: errors.map(explain).join('\n') } : { name: description };
  });
  const described = new Set(pact.interactions.map((i) => i.description));
  const general = outcome.errors.filter((e) => !described.has(e.mockDetails?.interactionDescription ?? '')).map(explain);
  if (outcome.failureReason && outcome.errors.length === 0) general.push(outcome.failureReason);
  if (general.length) cases.push({ name: '(pact file)', failure: general.join('\n') });
  return { name: `${pact.consumer.name} → ${api}`, file: path, cases, warnings: outcome.warnings };
}

/** The readable report: a line per pact, then each failing interaction with its state and findings. */
function printReport(found: SelectedPact, result: SuiteResult & { warnings: Finding[] }): void {
  const spec = relative(process.cwd(), specPath(found.api));
  const failed = result.cases.filter((c) => c.failure !== undefined);
  const head = `${found.path} (${result.name}) against ${spec}: ${found.pact.interactions.length} interactions`;
  const lines = [failed.length ? `✗ ${head}, ${failed.length} incompatible:` : `✓ ${head}, compatible`];
  for (const c of failed) {
    const states = statesOf(found.pact.interactions.find((i) => i.description === c.name) ?? { description: '', request: {}, response: {} }).map((s) => s.name);
    lines.push(`  - "${c.name}"${states.length ? ` (given ${states.join(', ')})` : ''}`, ...c.failure!.split('\n').map((f) => `      ${f}`));
  }
  lines.push(...result.warnings.map((w) => `  warning: "${w.mockDetails?.interactionDescription ?? ''}": ${explain(w)}`));
  process.stdout.write(`${lines.join('\n')}\n`);
}

type CheckFlags = { api?: string; strict?: boolean; junit?: string };

/** `ordermock check-pact FILE|DIR… [--api NAME] [--strict] [--junit FILE]`. */
export async function runCheckPact(paths: string[], flags: CheckFlags): Promise<number> {
  if (paths.length === 0) throw new UsageError('check-pact needs at least one pact file or directory');
  const pacts = selectPacts(paths, apiFlag(flags.api));
  const validator = await loadValidator();
  const suites: SuiteResult[] = [];
  for (const found of pacts) {
    const result = await checkPact(validator, found, flags.strict ?? false);
    printReport(found, result);
    suites.push(result);
  }
  if (flags.junit) writeJunit(flags.junit, 'ordermock check-pact', suites);
  const cases = suites.flatMap((s) => s.cases);
  const failed = cases.filter((c) => c.failure !== undefined).length;
  const mode = flags.strict ? 'strict: required response fields checked' : 'lenient: required response fields not checked';
  process.stdout.write(`ordermock check-pact: ${pacts.length} pact(s), ${cases.length} interactions, ${failed ? `${failed} incompatible` : 'all compatible'} (${mode})\n`);
  return failed ? 1 : 0;
}
