/**
 * Prints one closing line for the whole `npm test` run, "N passed, N failed, N skipped", from the JSON
 * reports vitest and Playwright write, so CI (and a person scrolling up) sees the total at a glance.
 */
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

const vitestPath = 'out/test-reports/vitest.json';
if (existsSync(vitestPath)) {
  const report = JSON.parse(readFileSync(vitestPath, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}

const playwrightPath = 'out/test-reports/playwright.json';
if (existsSync(playwrightPath)) {
  const report = JSON.parse(readFileSync(playwrightPath, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
}

console.log(`Total: ${passed} passed, ${failed} failed, ${skipped} skipped`);
