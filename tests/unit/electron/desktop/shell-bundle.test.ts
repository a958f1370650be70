import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * No Electron binary can be downloaded here, so the Playwright Electron e2e skips. This test still runs
 * the real build: it bundles the shell (vite.electron.config.ts), loads main.cjs and preload.cjs in plain
 * Node with a recording stand-in for the 'electron' module (fixtures/fake-electron.cjs), and checks the
 * wiring: the bundle is self-contained, IPC reaches the core and refuses strangers, app:// serves only
 * the renderer folder with the CSP header, and the hardening handlers deny what they should.
 */

const root = resolve(import.meta.dirname, '..', '..', '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');
let work: string;
// The stand-in Electron's report is free-form JSON that each test reads field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let report: Record<string, any>;

beforeAll(() => {
  const build = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '-c',
      'vite.electron.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(build.status, build.stderr).toBe(0);

  work = mkdtempSync(join(tmpdir(), 'ferry-shell-bundle-'));
  const app = join(work, 'app');
  mkdirSync(join(app, 'out', 'electron'), { recursive: true });
  mkdirSync(join(app, 'out', 'renderer', 'assets'), { recursive: true });
  for (const file of ['main.cjs', 'preload.cjs'])
    copyFileSync(join(root, 'out', 'electron', file), join(app, 'out', 'electron', file));
  copyFileSync(join(root, 'package.json'), join(app, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'junction');
  writeFileSync(
    join(app, 'out', 'renderer', 'index.html'),
    '<!doctype html><script type="module" src="./assets/app.js"></script>',
  );
  writeFileSync(join(app, 'out', 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(app, 'secret.txt'), 'outside the renderer folder');

  const run = spawnSync(
    process.execPath,
    ['-r', join(fixtures, 'with-fake-electron.cjs'), join(fixtures, 'drive-shell.cjs'), app],
    {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, FERRY_HOME: join(work, 'home') },
      timeout: 30_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  report = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}');
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the built Electron shell, under a stand-in Electron', () => {
  it("puts Chromium's profile under FERRY_HOME and registers app:// as a secure standard scheme", () => {
    expect(report['calls']).toContainEqual(['setPath', 'userData', join(work, 'home', 'electron')]);
    expect(report['schemes']).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('opens the window isolated, sandboxed, without Node, on app://ferry with the CSP header', () => {
    expect(report['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(report['webPreferences'].preload).toMatch(/out[\\/]electron[\\/]preload\.cjs$/);
    expect(report['loaded']).toMatchObject({ url: 'app://ferry/index.html', status: 200 });
    expect(report['loaded'].headers['content-security-policy']).toMatch(/^default-src 'self'/);
  });

  it("passes calls from the window's top frame to the core, validated against the contract", () => {
    expect(report['appInfo']).toMatchObject({ ok: true, result: { shell: 'electron', stateDir: join(work, 'home') } });
    expect(report['bogus']).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'method' } });
    expect(report['badParams']).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'name' } });
  });

  it('refuses calls from an iframe or a webContents it did not create', () => {
    expect(report['fromIframe']).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(report['fromStranger']).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('serves the renderer folder and nothing else', () => {
    expect(report['served']).toEqual({ asset: 200, traversal: 404, otherHost: 404, missing: 404 });
  });

  it('denies permissions, the network, new windows, navigation and webviews', () => {
    expect(report['permission']).toBe(false);
    expect(report['permissionCheck']).toBe(false);
    expect(report['blockedUrls']).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'file://*/*']));
    expect(report['windowOpen']).toEqual({ action: 'deny' });
    expect(report['windowOpenJs']).toEqual({ action: 'deny' });
    expect(report['navigationPrevented']).toEqual({ https: true, file: true, redirect: true, webview: true });
    // Only the http(s) links went to the OS browser.
    expect(report['opened']).toEqual(['https://platform.openai.com/docs', 'https://example.com/']);
  });

  it('exposes only window.ferry, checks method names, and forwards events on one channel', () => {
    expect(report['preload'].keys).toEqual(['ferry']);
    expect(report['preload'].ferryKeys).toEqual(['call', 'onEvent', 'desktop']);
    expect(report['preload'].bogus).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'method' } });
    expect(report['preload'].valid).toEqual({ ok: true, result: null });
    expect(report['preload'].invoked).toEqual([
      ['ferry:grant-file', '/home/admin/notes.md'],
      ['ferry:save-file', { connectionId: 'c', fileId: 'f', downloadId: 'd' }],
      ['ferry:call', 'connections.list', {}],
    ]);
    expect(report['preload'].events).toEqual([{ type: 'connections.changed' }]);
    expect(report['preload'].listenersLeft).toEqual([]);
  });

  it('only lets the preload grant files that have a place on disk: one built in JavaScript has none', () => {
    // The fake ipcRenderer answers every invoke with { ok: true, result: null }; what matters is what was sent.
    expect(report['preload'].grantPicked).toEqual({ ok: true, result: null });
    expect(report['preload'].grantMadeInJs).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'file' } });
    expect(report['preload'].grantNotAFile).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'file' } });
  });

  it('uploads a granted file in place through the real core and leaves it where it was', () => {
    const desktop = report['desktop'];
    expect(desktop.granted).toEqual({
      ok: true,
      result: { grantId: expect.any(String), filename: 'picked.md', bytes: 26 },
    });
    expect(desktop.uploaded).toEqual({ filename: 'picked.md', bytes: 26 });
    expect(desktop.pickedStillThere).toBe(true);
    expect(desktop.grantFolder).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('is a folder') },
    });
    expect(desktop.grantNotAString).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(desktop.grantFromIframe).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('saves a download where the OS dialog says, parented to the window, and refuses before any dialog', () => {
    const desktop = report['desktop'];
    expect(desktop.saveCancelled).toEqual({ ok: true, result: { saved: false } });
    expect(desktop.saved).toEqual({ ok: true, result: { saved: true, path: join(work, 'saved.md'), bytes: 26 } });
    expect(desktop.savedContent).toBe('# Picked\nfrom the desktop\n');
    expect(desktop.saveDialog).toEqual([
      { parented: true, defaultPath: join(work, 'home', 'picked.md') },
      { parented: true, defaultPath: join(work, 'home', 'picked.md') },
    ]);
    expect(desktop.saveRefused).toMatchObject({
      ok: false,
      error: {
        code: 'bad_input',
        message: expect.stringContaining('Not allowed to download files of purpose: assistants'),
      },
    });
    expect(desktop.dialogAfterRefusal).toBe(0);
    expect(desktop.saveFromStranger).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers the folder picker with the chosen folder and a grant for it', () => {
    expect(report['desktop'].folder).toEqual({
      ok: true,
      result: { path: join(work, 'originals'), grantId: expect.any(String) },
    });
    expect(report['desktop'].folderDialog).toEqual([
      { parented: true, title: 'Folder of the original files', properties: ['openDirectory', 'createDirectory'] },
    ]);
  });

  it('takes back from the folder dialog one existing folder only, and shows no dialog to a stranger', () => {
    const picks = report['folderPicks'];
    expect(picks.cancelled).toEqual({ ok: true, result: { path: null } });
    expect(picks.aFile).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'folder' } });
    expect(picks.aFile.error.message).toContain('is not a folder');
    expect(picks.gone).toMatchObject({ ok: false, error: { code: 'not_found', field: 'folder' } });
    for (const refused of [picks.several, picks.relative])
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'folder' } });
    expect(picks.several.error.message).toContain('several folders');
    expect(picks.fromStranger).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(picks.dialogsShown).toBe(5);
  });

  it('plans with a folder only as the OS dialog granted it: a path from the page is refused', () => {
    const plans = report['folderPlans'];
    expect(plans.granted).toEqual([plans.knowledgePath]);
    expect(plans.grantedAgain).toEqual([plans.knowledgePath]);
    for (const refused of [plans.typed, plans.typedEtc]) {
      expect(refused).toMatchObject({
        ok: false,
        error: {
          code: 'bad_input',
          field: 'filesDir',
          message: expect.stringContaining('chosen with "Choose folder…"'),
        },
      });
    }
    expect(plans.forgedGrant).toMatchObject({ ok: false, error: { code: 'not_found', field: 'folderGrantId' } });
    expect(plans.both).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'filesDir' } });
  });

  it('saves the window state and disposes the core before quitting', () => {
    expect(report['quit']).toEqual({ prevented: true, calls: 1 });
  });

  it('carries the demo sandbox but none of its control plane (whose tenant list answers every key)', () => {
    const main = readFileSync(join(root, 'out', 'electron', 'main.cjs'), 'utf8');
    // The demo is in: its seed's organizations and the sandbox's routes.
    expect(main).toContain('Acme Production');
    expect(main).toContain('/v1/vector_stores');
    // The control plane is not: no /__sandbox prefix, no handler, no HTTP dispatch of control calls.
    expect(main).not.toContain('__sandbox');
    expect(main).not.toContain('controlHandler');
    expect(main).not.toContain('POST /faults/inject');
  });
});
