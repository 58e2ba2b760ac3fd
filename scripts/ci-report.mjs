#!/usr/bin/env node
/**
 * CI's reading of jest's JSON reports (.ci/run).
 *
 *   node scripts/ci-report.mjs failed-suites <report.json>   the paths of the suites that failed, one per line
 *   node scripts/ci-report.mjs summary                       the summary of every report under .tmp/
 *
 * A suite that failed and passed when run once more (`<report>-rerun.json`) is reported as FLAKY,
 * with the first failure's message, and counted by its second run; a suite that failed twice is a
 * failure. Every failure is named here, at the end of the log, where it is sure to be kept.
 */
import fs from 'node:fs';

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);
const relative = (name) => name.replace(`${process.cwd()}/`, '');
const indent = (text, lines) => String(text).split('\n').slice(0, lines).join('\n    ');
const failedSuites = (report) => report.testResults.filter((s) => s.status === 'failed');

function printFailures(suite, label) {
  const failed = suite.assertionResults.filter((a) => a.status === 'failed');
  if (failed.length === 0) console.log(`  ${label} SUITE ${relative(suite.name)}: ${indent(suite.message, 12)}`);
  for (const a of failed) console.log(`  ${label} ${relative(suite.name)} › ${a.fullName}\n    ${indent(a.failureMessages.join('\n'), 16)}`);
}

const count = (suite, status) => suite.assertionResults.filter((a) => a.status === status).length;

function jestSummary(label, file) {
  const report = read(file);
  if (!report) {
    console.log(`${label}: no report`);
    return { passed: 0, failed: 1 };
  }
  const rerun = read(file.replace(/\.json$/, '-rerun.json'));
  const rerunOf = new Map((rerun?.testResults ?? []).map((s) => [s.name, s]));
  let passed = 0;
  let failed = 0;
  const notes = [];
  for (const suite of report.testResults) {
    const second = rerunOf.get(suite.name);
    const final = suite.status === 'failed' && second ? second : suite;
    passed += count(final, 'passed');
    failed += count(final, 'failed') + (final.status === 'failed' && count(final, 'failed') === 0 ? 1 : 0);
    if (suite.status === 'failed') notes.push(() => printFailures(suite, second && second.status === 'passed' ? 'FLAKY (passed when run again)' : 'FAILED'));
    if (final !== suite && final.status === 'failed') notes.push(() => printFailures(final, 'FAILED AGAIN'));
  }
  console.log(`${label}: ${passed} passed, ${failed} failed, ${report.numTotalTestSuites} suites${rerun ? `, ${rerunOf.size} run again` : ''}`);
  for (const note of notes) note();
  return { passed, failed };
}

function lineSummary(label, file, key) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const match = text.match(new RegExp(`\\{"${key}":\\{"passed":(\\d+),"failed":(\\d+)`));
  if (!match) {
    console.log(`${label}: no report`);
    return { passed: 0, failed: 1 };
  }
  console.log(`${label}: ${match[1]} passed, ${match[2]} failed`);
  return { passed: +match[1], failed: +match[2] };
}

const [command, file] = process.argv.slice(2);
if (command === 'failed-suites') {
  const report = read(file);
  if (report) for (const suite of failedSuites(report)) console.log(relative(suite.name));
} else if (command === 'summary') {
  const parts = [
    jestSummary('sqlite', '.tmp/jest-sqlite.json'),
    jestSummary('postgres', '.tmp/jest-postgres.json'),
    lineSummary('browser (sqlite)', '.tmp/browser-sqlite.log', 'browser_tests'),
    lineSummary('browser (postgres)', '.tmp/browser-postgres.log', 'browser_tests'),
    lineSummary('host-app check', '.tmp/host-app-check.log', 'host_app_check'),
  ];
  const total = parts.reduce((t, p) => ({ passed: t.passed + p.passed, failed: t.failed + p.failed }), { passed: 0, failed: 0 });
  console.log(`tests: ${total.passed} passed, ${total.failed} failed`);
  process.exitCode = total.failed > 0 ? 1 : 0;
} else {
  console.error('usage: ci-report.mjs failed-suites <report.json> | summary');
  process.exitCode = 2;
}
