// Adds up the JSON reports of every test run (Vitest per package, Playwright) and closes the
// run with one line: "tests: N passed, N failed, N skipped". Skips fail the run in CI: a test
// that silently does not run hides a failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [vitestDir, playwrightReport] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

for (const file of readdirSync(vitestDir).filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(readFileSync(path.join(vitestDir, file), "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  console.log(`  ${file.replace(/\.json$/, "")}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
}
if (playwrightReport && existsSync(playwrightReport)) {
  const { stats } = JSON.parse(readFileSync(playwrightReport, "utf8"));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  console.log(`  e2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
} else {
  console.log("  e2e: no report found");
  failed += 1;
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0 || (process.env.CI && skipped > 0)) process.exit(1);
