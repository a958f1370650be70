/**
 * The Electron shell's security decisions as pure functions of URLs, so they are unit-tested without
 * Electron. main.ts and ipc.ts wire them to Electron's events; nothing here imports 'electron'.
 */

/**
 * The renderer is served from this privileged custom scheme rather than file://. A real origin
 * (`app://ferry`) makes three things exact: CSP `'self'` means the app bundle and nothing else on disk
 * (under file:// it would be every local file), the IPC sender check compares origins instead of path
 * prefixes, and the protocol handler can attach the CSP header itself and refuse paths outside the bundle.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ferry';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The one IPC channel for calls (invoke) and the one for events (main → renderer). */
export const CALL_CHANNEL = 'ferry:call';
export const EVENT_CHANNEL = 'ferry:event';

/** The desktop-only disk abilities (shared/desktop.ts), each on its own invoke channel. */
export const GRANT_FILE_CHANNEL = 'ferry:grant-file';
export const SAVE_FILE_CHANNEL = 'ferry:save-file';
export const CHOOSE_FOLDER_CHANNEL = 'ferry:choose-folder';

/**
 * Sent as a response header on every app:// response, on top of the renderer's meta tag. Everything
 * comes from the bundle; calls to the core go over IPC, so no network origin is needed at all.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of the app's own origin (`app://ferry/...`), the only thing the window may show. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** Links the shell may hand to the OS browser: http and https only, never file:, javascript: or custom schemes. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
}

/** What a frame sending IPC looks like to the check; mirrors the parts of WebFrameMain it uses. */
export interface SenderFrame {
  url: string;
  /** `null` for a top-level frame. */
  parent: unknown;
}

/**
 * An IPC message is trusted only when it comes from the top frame of a window the shell created, showing
 * the app's own origin. An iframe, a foreign page the window was somehow navigated to, or another
 * webContents is refused. (GitHub Desktop's trusted-ipc-sender checks the window; this also checks the frame.)
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, isOwnTopFrame: boolean): boolean {
  if (!frame || !isOwnTopFrame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/**
 * Maps an app:// URL to a relative path inside the renderer bundle, or null when it must not be served:
 * another host, an encoded or literal `..`, a backslash, or a NUL. `/` maps to index.html.
 */
export function bundlePathFor(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) return null;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}
