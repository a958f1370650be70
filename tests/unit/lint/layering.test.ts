import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering rules in eslint.config.js fire: each case lints a one-line file placed in a layer (the file
 * need not exist; ESLint picks the rules by its path) and expects the import rule to refuse it, or not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('layering lint', () => {
  // The first lint loads typescript-eslint and the config (seconds on a busy 2-core machine); do it once here,
  // so each case below measures one lint, well inside the unit timeout.
  beforeAll(() => restrictedImports('electron/core/warm-up.ts', 'export {};\n'), 60_000);

  it.each([
    [
      'electron/core/clone/x.ts',
      "import { app } from 'electron';\nexport const a = app;\n",
      'Electron belongs in the desktop shell',
    ],
    [
      'electron/core/clone/x.ts',
      "import { useState } from 'react';\nexport const a = useState;\n",
      'React belongs in renderer/',
    ],
    [
      'electron/core/jobs/x.ts',
      "import { App } from '../../../renderer/src/main.tsx';\nexport const a = App;\n",
      'never imports the renderer',
    ],
    [
      'electron/core/demo/x.ts',
      "import { startSandbox } from '../../../sandbox/src/index.ts';\nexport const a = startSandbox;\n",
      'never imports the sandbox',
    ],
    [
      'electron/core/demo/x.ts',
      "import { startDemoSandbox } from 'ferry-sandbox/demo';\nexport const a = startDemoSandbox;\n",
      'never imports the sandbox',
    ],
    [
      'sandbox/src/x.ts',
      "import { createCore } from '../../electron/core/core.ts';\nexport const a = createCore;\n",
      'never imports Ferry',
    ],
    ['electron/core/clone/x.ts', 'export const a = window.location;\n', "'window'"],
    [
      'renderer/src/browse/x.ts',
      "import { createCore } from '../../../electron/core/core.ts';\nexport const a = createCore;\n",
      'only through shared/',
    ],
    [
      'renderer/src/browse/x.ts',
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
      'no Electron, no Node',
    ],
    [
      'shared/x.ts',
      "import { JobManager } from '../electron/core/jobs/job-manager.ts';\nexport const a = JobManager;\n",
      'depends on neither',
    ],
  ])('%s: refuses %j', async (filePath, code, reason) => {
    const messages = await restrictedImports(filePath, code);
    expect(messages.join('\n')).toContain(reason);
  });

  it.each([
    ['electron/core/clone/x.ts', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['renderer/src/browse/x.ts', "import { JobView } from '../../../shared/jobs.ts';\nexport const a = JobView;\n"],
    ['electron/desktop/main.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    [
      'electron/demo-server.ts',
      "import { startDemoSandbox } from 'ferry-sandbox/demo';\nexport const a = startDemoSandbox;\n",
    ],
    ['sandbox/src/x.ts', "import { API_LIMITS } from '../../shared/api-limits.ts';\nexport const a = API_LIMITS;\n"],
  ])('%s: allows %j', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
