import { defineConfig } from 'vitest/config';

// Unit tests mirror the source tree under tests/unit; integration tests run the core against real
// servers (the sandbox, the web host) over loopback; the sandbox package's own tests live beside it in
// sandbox/tests. Playwright owns tests/e2e.
//
// Every contract answer a test receives is parsed with its method's result schema (core/dispatch.ts).
const env = { FERRY_CHECK_RESULTS: '1' };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'sandbox/tests/**/*.test.ts'],
          environment: 'node',
          env,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
