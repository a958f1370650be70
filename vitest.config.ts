import { defineConfig } from 'vitest/config';

// Unit tests mirror the source tree under tests/unit; integration tests run the core against real
// servers (the sandbox, the web host) over loopback; the sandbox package's own tests live beside it in
// sandbox/tests. Playwright owns tests/e2e.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'sandbox/tests/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
