import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every Node process the suite starts (a vitest worker per test file, each spawned `ferry` or sandbox)
// compiles the same modules again; Node's compile cache keeps them compiled on disk across processes
// (keyed by source content, so an edit recompiles). Children inherit it through the environment.
process.env['NODE_COMPILE_CACHE'] ??= fileURLToPath(new URL('node_modules/.cache/node-compile', import.meta.url));
enableCompileCache(process.env['NODE_COMPILE_CACHE']);

// Unit tests mirror the source tree under tests/unit; integration tests run the core against real
// servers (the sandbox, the web host) over loopback; the sandbox package's own tests live beside it in
// sandbox/tests. Playwright owns tests/e2e.
//
// Every contract answer a test receives is parsed with its method's result schema (core/dispatch.ts).
const env = { FERRY_CHECK_RESULTS: '1' };

// Workers: two (vitest's default is cores − 1, one on the 2-core CI machine). Most integration time waits on
// loopback I/O and injected latency, so a second file overlaps it. Measured interleaved on the shared 2-core
// machine (load 8-14), the whole `vitest run`: one worker 806 s (main) and 784 s, two workers 600 s and
// 437 s; every test passed under two. What wobbled under two before is now certain: the sandbox holds
// requests for an in-flight count (holdRequests) and the fault soak's faults are seeded, with one exact 503.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      // Unit tests share one module graph per worker (isolate: false): their code is pure or sets up and
      // tears down what it uses, so a fresh module load per file bought nothing but its cost, most of the
      // project's time. Each file still passes alone, and all pass in a shuffled order.
      {
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', env, isolate: false },
      },
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
