// Playwright reporter: after the run, one line per spec file (« timeline.spec.mjs: 24 passed,
// 0 failed ») then the line .ci/run and tests/browser/run.mjs read:
// {"browser_tests":{"passed":…,"failed":…,"seconds":…,"database":…}}.
// As with the former step runner, a failed test stops its file (serial mode): the tests after it
// are « not run », counted in neither figure but named on the file's line.
import path from 'node:path';

export default class SummaryReporter {
  onBegin(config, suite) {
    this.files = new Map();
    for (const t of suite.allTests()) this.file(t).total += 1;
  }

  file(t) {
    const name = path.basename(t.location.file);
    if (!this.files.has(name)) this.files.set(name, { total: 0, passed: 0, failed: 0 });
    return this.files.get(name);
  }

  onTestEnd(t, result) {
    if (result.status === 'skipped') return;
    const f = this.file(t);
    if (result.status === t.expectedStatus) f.passed += 1;
    else f.failed += 1;
  }

  onEnd(result) {
    let passed = 0;
    let failed = 0;
    for (const [name, f] of this.files) {
      const notRun = f.total - f.passed - f.failed;
      console.log(`${name}: ${f.passed} passed, ${f.failed} failed${notRun > 0 ? `, ${notRun} not run` : ''}`);
      passed += f.passed;
      failed += f.failed;
    }
    // A run that failed before or around its tests (global setup, interruption, time limit) is a failure.
    if (result.status !== 'passed' && failed === 0) failed = 1;
    const database = process.env.BROWSER_DATABASE ?? 'sqlite';
    console.log(JSON.stringify({ browser_tests: { passed, failed, seconds: Math.round(result.duration / 1000), database } }));
  }

  printsToStdio() {
    return true;
  }
}
