import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends every run with the plain line CI reads: "N passed, N failed, N skipped".
 * A file that fails outside its tests (an import error, a failing beforeAll that leaves its tests
 * skipped) and an unhandled error each count as one failure, so a broken run never reads "0 failed".
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>) {
    let passed = 0, failed = 0, skipped = 0;
    for (const m of modules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failedHere++;
        else skipped++;
      }
      if (m.state() === 'failed' && failedHere === 0) failedHere = 1;
      failed += failedHere;
    }
    failed += errors.length;
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
