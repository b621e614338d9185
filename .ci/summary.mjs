// Prints the plain closing line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

const [file, status] = process.argv.slice(2);
if (!existsSync(file)) {
  // Type check or lint failed before the tests ran: count the run as one failure.
  console.log(`0 passed, ${status === '0' ? 0 : 1} failed`);
} else {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0);
  console.log(`${r.numPassedTests} passed, ${failed} failed`);
}
