import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from '../../electron/desktop/electron-binary.ts';
import { BrowsePage } from './fixtures/browse-page.ts';
import { fakeApiKey, fingerprintOf, readTree } from './fixtures/secrets.ts';

/*
 * The Electron shell end to end: the real binary, the built main.cjs/preload.cjs, the renderer on
 * app://ferry, and the core behind IPC. Where the binary is absent (it cannot be downloaded on these
 * machines) every test skips with one line; nothing here touches require('electron'), which would try
 * to download it. Each test gets its own FERRY_HOME, which is also its Chromium profile and its
 * single-instance lock, so tests never meet each other or a Ferry the developer has open.
 */

const root = resolve(import.meta.dirname, '..', '..');
const executablePath = findElectronBinary(root);
const hasElectronBinary = executablePath !== null;

test.skip(!hasElectronBinary, 'Electron binary not installed (cannot be downloaded here)');

// Chromium refuses to start as root with its OS sandbox on (CI containers run as root). This only
// turns off the process sandbox of the test run; the window's `sandbox: true` still shapes the preload.
const chromiumArgs = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];

test.beforeAll(() => {
  if (!hasElectronBinary) return;
  // Build what the app loads, so the test never runs a stale bundle (both builds take about a second).
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const args of [
    ['build', '--logLevel', 'warn'],
    ['build', '-c', 'vite.electron.config.ts', '--logLevel', 'warn'],
  ]) {
    const result = spawnSync(process.execPath, [vite, ...args], { cwd: root, stdio: 'inherit' });
    expect(result.status, `vite ${args.join(' ')}`).toBe(0);
  }
});

let home: string;
test.beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ferry-electron-e2e-'));
});
test.afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function environment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
  }
  env['FERRY_HOME'] = home;
  return env;
}

/** Launches the app folder, as `npm start` and the packaged app do: package.json's main is out/electron/main.cjs. */
async function launch(): Promise<{ app: ElectronApplication; page: Page }> {
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [...chromiumArgs, root],
    cwd: root,
    env: environment(),
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

test('the window is locked down: only window.ferry reaches the page', async () => {
  const { app, page } = await launch();
  try {
    expect(page.url()).toBe('app://ferry/index.html');

    const globals = await page.evaluate(() => {
      const scope = globalThis as Record<string, unknown>;
      return {
        ferry: typeof scope['ferry'],
        ferryKeys: Object.keys((scope['ferry'] ?? {}) as object).sort(),
        require: typeof scope['require'],
        process: typeof scope['process'],
        ipcRenderer: typeof scope['ipcRenderer'],
        module: typeof scope['module'],
        electron: typeof scope['electron'],
      };
    });
    expect(globals).toEqual({
      ferry: 'object',
      ferryKeys: ['call', 'desktop', 'onEvent'],
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      module: 'undefined',
      electron: 'undefined',
    });

    // A name outside the contract is refused in the preload; bad params are refused by the core over IPC.
    const bogus = await page.evaluate(() =>
      (window.ferry!.call as (m: string, p: unknown) => Promise<unknown>)('bogus.method', {}),
    );
    expect(bogus).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'method' } });
    const badParams = await page.evaluate(() =>
      (window.ferry!.call as (m: string, p: unknown) => Promise<unknown>)('connections.add', { name: '' }),
    );
    expect(badParams).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'name' } });
    const info = await page.evaluate(() => window.ferry!.call('app.info', {}));
    expect(info).toMatchObject({ ok: true, result: { shell: 'electron', stateDir: home } });

    // The bundle is served with the CSP header; the network, new windows and navigation are all refused.
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toMatch(/^default-src 'self'/);
    const network = await page.evaluate(() =>
      fetch('https://example.invalid/').then(
        () => 'reached',
        () => 'blocked',
      ),
    );
    expect(network).toBe('blocked');
    // (Not an http(s) URL, so the deny path does not hand it to the OS browser either.)
    const opened = await page.evaluate(() => window.open('app://ferry/index.html') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'file:///';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe('app://ferry/index.html');
    expect(app.windows()).toHaveLength(1);
    const permission = await page.evaluate(() =>
      navigator.permissions.query({ name: 'geolocation' }).then((status) => status.state),
    );
    expect(permission).not.toBe('granted');
  } finally {
    await app.close();
  }
});

test('adding a connection through the UI lists it with its fingerprint only, and it survives a restart', async () => {
  const key = fakeApiKey();
  let { app, page } = await launch();
  try {
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page.getByLabel('Name', { exact: true }).fill('Acme Production');
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Save' }).click();

    const row = page.getByRole('listitem', { name: 'Acme Production' });
    await expect(row).toBeVisible();
    await expect(row).toContainText(fingerprintOf(key));
    expect(await page.content()).not.toContain(key);
    const storage = await page.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(storage).not.toContain(key);
    const listed = await page.evaluate(() => window.ferry!.call('connections.list', {}));
    expect(JSON.stringify(listed)).not.toContain(key);

    await app.close();
    ({ app, page } = await launch());
    await expect(page.getByRole('listitem', { name: 'Acme Production' })).toBeVisible();
    expect(await page.content()).not.toContain(key);
  } finally {
    await app.close();
  }
  // Settings, window state, logs and Chromium's profile all live under FERRY_HOME: the key is in none of them.
  for (const file of await readTree(home)) {
    expect(file.content.includes(key), file.path).toBe(false);
  }
});

test('the window comes back where it was left, and a second launch focuses the first', async () => {
  let { app } = await launch();
  let page: Awaited<ReturnType<typeof launch>>['page'];
  try {
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.setBounds({ x: 40, y: 60, width: 1000, height: 700 }),
    );
    await app.close();
    const saved = JSON.parse(await readFile(join(home, 'window-state.json'), 'utf8')) as { mainWindow: unknown };
    expect(saved.mainWindow).toMatchObject({ width: 1000, height: 700, maximized: false });

    ({ app, page } = await launch());
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
    expect(bounds).toMatchObject({ width: 1000, height: 700 });

    // Same FERRY_HOME, so the same lock: the second process hands over to the first and exits.
    const second = spawn(executablePath!, [...chromiumArgs, root], { cwd: root, env: environment(), stdio: 'ignore' });
    const code = await new Promise<number | null>((done) => second.on('exit', (exitCode) => done(exitCode)));
    expect(code).toBe(0);
    expect(app.windows()).toHaveLength(1);
    await expect(page.getByRole('button', { name: 'Add connection' }).first()).toBeVisible();
  } finally {
    await app.close();
  }
});

test('a picked file uploads from where it lies, and a download is saved where the save dialog says', async () => {
  const { app, page } = await launch();
  try {
    const notes = join(home, 'desktop-notes.md');
    writeFileSync(notes, '# Desktop notes\nPicked in the desktop window.\n');
    const browse = new BrowsePage(page);
    await browse.startDemo();
    await browse.tab('left', 'Vector stores').click();
    await browse.row('left', 'Engineering Handbook').click();
    const inspector = browse.inspector('left');
    await inspector.getByLabel('Upload files to Engineering Handbook').setInputFiles(notes);
    const uploads = inspector.getByRole('region', { name: 'Uploads' });
    await expect(uploads.getByRole('listitem').filter({ hasText: 'desktop-notes.md' })).toContainText('Uploaded', {
      timeout: 30_000,
    });

    // A File made in the page has no place on disk, so it cannot be granted: the page cannot choose what Ferry reads.
    const forged = await page.evaluate(() => window.ferry!.desktop.grantFile(new File(['secret'], 'id_ed25519')));
    expect(forged).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'file' } });

    // The OS save dialog cannot be clicked by a test; answer it from the main process instead.
    const destination = join(home, 'saved-batch.jsonl');
    await app.evaluate(({ dialog }, filePath) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    }, destination);
    await browse.tab('left', 'Files').click();
    await browse.pane('left').getByRole('searchbox', { name: 'Search files' }).fill('support-eval');
    await browse.row('left', 'support-eval-batch.jsonl').click();
    await inspector.getByRole('button', { name: 'Save as…' }).click();
    await expect(inspector.getByRole('status')).toContainText(`Saved to ${destination}`);
    expect((await readFile(destination, 'utf8')).length).toBeGreaterThan(0);
  } finally {
    await app.close();
  }
});
