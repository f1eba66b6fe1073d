/**
 * `--junit FILE` for verify and check-pact: one <testsuite> per pact file, one <testcase> per
 * interaction, in the JUnit XML that GitLab, Jenkins and the GitHub test-report actions read.
 * Written by hand: the format is a dozen lines of XML, not worth a dependency in every install.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One interaction's outcome; `failure` is the readable reason, absent when it passed. */
export type CaseResult = { name: string; failure?: string };

export type SuiteResult = { name: string; file: string; cases: CaseResult[] };

// XML 1.0 cannot carry most control characters even escaped; Pact's report has ANSI colours.
const escapeXml = (text: string) =>
  text
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const failures = (cases: CaseResult[]) => cases.filter((c) => c.failure !== undefined).length;

function testcase(suite: SuiteResult, result: CaseResult): string {
  const open = `    <testcase classname="${escapeXml(suite.name)}" name="${escapeXml(result.name)}" file="${escapeXml(suite.file)}"`;
  if (result.failure === undefined) return `${open}/>`;
  const message = result.failure.split('\n')[0]!;
  return `${open}>\n      <failure message="${escapeXml(message)}">${escapeXml(result.failure)}</failure>\n    </testcase>`;
}

/** The JUnit XML document for `suites`, as `name` (the command) reports them. */
export function junitXml(name: string, suites: SuiteResult[]): string {
  const all = suites.flatMap((s) => s.cases);
  const body = suites.map((suite) =>
    [
      `  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${failures(suite.cases)}" errors="0" skipped="0" file="${escapeXml(suite.file)}">`,
      ...suite.cases.map((c) => testcase(suite, c)),
      '  </testsuite>',
    ].join('\n'),
  );
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${escapeXml(name)}" tests="${all.length}" failures="${failures(all)}">`, ...body, '</testsuites>', ''].join('\n');
}

export function writeJunit(file: string, name: string, suites: SuiteResult[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, junitXml(name, suites));
}
