/**
 * Prints one closing line CI can read: "<database>: N passed, N failed, N skipped".
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const database = process.env.DATABASE_CLIENT || 'sqlite';
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\n${database}: ${results.numPassedTests} passed, ${failed} failed, ${results.numPendingTests} skipped\n`
    );
  }
}

module.exports = SummaryReporter;
