import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { app, BrowserWindow, dialog, protocol, screen, session, shell, type WebContents } from 'electron';
import ElectronStore from 'electron-store';
import { createCore, type ShellCore } from '../core/core.ts';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../core/settings/private-state.ts';
import { SETTINGS_NAME, type SettingsStore } from '../core/settings/settings-store.ts';
import { resolveStateDir } from '../core/settings/state-dir.ts';
import { registerDesktopIpc } from './desktop-ipc.ts';
import { contentTypeFor } from '../content-types.ts';
import { registerIpc } from './ipc.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  bundlePathFor,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isExternalWebUrl,
} from './security.ts';
import {
  loadWindowState,
  MIN_WINDOW_SIZE,
  saveWindowState,
  windowStateFrom,
  type WindowStateStore,
} from './window-state.ts';
import { startDemoServer } from '../demo-server.ts';

/*
 * The Electron shell: one window on the core, locked down. Everything Ferry does lives in the core; this
 * file only creates the window, serves the renderer bundle on app://ferry, denies whatever the renderer
 * should never do (new windows, navigation, webviews, permissions, network) and disposes the core on quit.
 * It is bundled to out/electron/main.cjs, next to preload.cjs; the renderer build is out/renderer.
 */

const OUT_DIR = resolve(__dirname, '..');
const RENDERER_DIR = join(OUT_DIR, 'renderer');
const PRELOAD_PATH = join(OUT_DIR, 'electron', 'preload.cjs');

// Must happen before `ready`: app:// behaves like https (standard URL parsing, a secure context, an origin).
// corsEnabled lets Chromium fetch the bundle's module scripts (always CORS-mode, even same-origin) from
// this scheme; responses carry no Access-Control-Allow-Origin, so no other origin can read them.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);

// The same folder the CLI and browser mode use (FERRY_HOME, or the platform's app-data folder). Chromium's
// own profile goes inside it too, so the single-instance lock is per state folder: two tests with two
// FERRY_HOMEs run side by side, while a second launch on the same state focuses the first.
const stateDir = resolveStateDir();
// Made private before Chromium creates its profile inside it (createCore tightens whatever is there).
mkdirPrivate(stateDir);
app.setName('Ferry');
app.setPath('userData', join(stateDir, 'electron'));

let core: ShellCore | undefined;
let mainWindow: BrowserWindow | undefined;
let unregisterIpc: (() => void) | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
  app.on('will-quit', (event) => {
    if (!core) return;
    const closing = core;
    core = undefined;
    event.preventDefault();
    unregisterIpc?.();
    const deadline = new Promise<void>((done) => setTimeout(done, 3000));
    void Promise.race([closing.dispose(), deadline])
      .catch(() => undefined)
      .finally(() => app.quit());
  });
  app.whenReady().then(start, (error: unknown) => fail(error));
}

async function start(): Promise<void> {
  try {
    lockDownSession();
    protocol.handle(APP_SCHEME, serveBundle);
    core = await createCore({
      stateDir,
      shell: 'electron',
      settings: openElectronSettings(stateDir),
      watchSettings: true,
      demoServer: startDemoServer,
    });
    const windows = () => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow] : []);
    const unregisterCalls = registerIpc(core, windows);
    const unregisterDesktop = registerDesktopIpc(core, windows);
    unregisterIpc = () => {
      unregisterCalls();
      unregisterDesktop();
    };
    createMainWindow();
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox('Ferry could not start', `${detail}\n\nSettings folder: ${stateDir}`);
  app.exit(1);
}

/** settings.json through electron-store: the same file, name and format conf writes in plain Node. */
function openElectronSettings(cwd: string): SettingsStore {
  const store = new ElectronStore<Record<string, unknown>>({
    cwd,
    name: SETTINGS_NAME,
    watch: true,
    accessPropertiesByDotNotation: false,
    configFileMode: PRIVATE_FILE_MODE,
  });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    onDidAnyChange: (callback) => store.onDidAnyChange(() => callback()),
    close: () => store._closeWatcher(),
  };
}

/** No permission is ever granted, and the renderer may load nothing from the network or the disk. */
function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Calls go over IPC and the core does the networking in the main process, so the renderer needs no
  // network at all: cancel any http(s)/ws(s)/file request a compromised page might try (CSP also forbids it).
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}

/** Serves out/renderer on app://ferry, with the CSP as a header, and nothing outside that folder. */
async function serveBundle(request: Request): Promise<Response> {
  const headers = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
  const relative = request.method === 'GET' || request.method === 'HEAD' ? bundlePathFor(request.url) : null;
  const file = relative === null ? null : resolve(RENDERER_DIR, relative);
  if (file === null || !file.startsWith(RENDERER_DIR + sep)) {
    return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
  }
  try {
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentTypeFor(file) } });
  } catch {
    const message = relative === 'index.html' ? 'The renderer is not built: run `npm run build`.' : 'Not found';
    return new Response(message, { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
  }
}

/** Applied to every webContents, including any the renderer might coax into existence. */
function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url) && url === contents.getURL()) return;
    event.preventDefault();
    // A plain link to documentation opens in the admin's browser, never inside the app.
    if (isExternalWebUrl(url)) void shell.openExternal(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createMainWindow(): BrowserWindow {
  const store: WindowStateStore = new ElectronStore<Record<string, unknown>>({
    cwd: stateDir,
    name: 'window-state',
    accessPropertiesByDotNotation: false,
    configFileMode: PRIVATE_FILE_MODE,
  });
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = loadWindowState(store, workAreas);

  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Ferry',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: PRELOAD_PATH,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });
  mainWindow = window;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const save = () => {
    if (window.isDestroyed()) return;
    saveWindowState(store, windowStateFrom(window.getNormalBounds(), window.isMaximized()));
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    clearTimeout(saveTimer);
    save();
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });

  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  const window = mainWindow;
  if (!window || window.isDestroyed()) {
    if (core) createMainWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
