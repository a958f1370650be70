/**
 * Remembers the main window's size, position and maximized state between launches, and puts it back
 * only where a display can show it (a monitor unplugged since last time must not strand the window
 * off-screen). Pure apart from the store it is given, so it is unit-tested without Electron.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent on first launch: let the OS centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The little the module needs from electron-store (or any key-value store). */
export interface WindowStateStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export const WINDOW_STATE_KEY = 'mainWindow';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;

/** How much of the window's title bar must overlap a display's work area for a saved position to be kept. */
const MIN_VISIBLE = 64;

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Reads what was saved, tolerating a missing, partial or hand-edited entry. */
export function parseWindowState(raw: unknown): WindowState {
  if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_WINDOW_STATE };
  const value = raw as Record<string, unknown>;
  const width = isFiniteNumber(value['width']) ? Math.round(value['width']) : DEFAULT_WINDOW_STATE.width;
  const height = isFiniteNumber(value['height']) ? Math.round(value['height']) : DEFAULT_WINDOW_STATE.height;
  const state: WindowState = { width, height, maximized: value['maximized'] === true };
  if (isFiniteNumber(value['x']) && isFiniteNumber(value['y'])) {
    state.x = Math.round(value['x']);
    state.y = Math.round(value['y']);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits a saved state to the displays there are now (their work areas). The size shrinks to the largest
 * work area and never below the minimum; a position is kept when the window's top strip (where the
 * title bar is) is visible enough on some display to be dragged, and otherwise dropped so the OS centres it.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    undefined,
  );
  const maxWidth = largest ? largest.width : Number.POSITIVE_INFINITY;
  const maxHeight = largest ? largest.height : Number.POSITIVE_INFINITY;
  const width = Math.max(Math.min(state.width, maxWidth), Math.min(MIN_WINDOW_SIZE.width, maxWidth));
  const height = Math.max(Math.min(state.height, maxHeight), Math.min(MIN_WINDOW_SIZE.height, maxHeight));
  const result: WindowState = { width, height, maximized: state.maximized };
  if (state.x === undefined || state.y === undefined) return result;

  const titleStrip: Rect = { x: state.x, y: state.y, width, height: Math.min(MIN_VISIBLE, height) };
  const home = workAreas.find((area) => {
    const visible = overlap(titleStrip, area);
    // The top edge must be inside the area vertically (else the title bar is above the screen).
    return visible.width >= Math.min(MIN_VISIBLE, width) && visible.height > 0 && state.y! >= area.y;
  });
  if (!home) return result;
  // Pull it fully inside the display it mostly sits on, where it fits.
  result.x = Math.min(Math.max(state.x, home.x), home.x + home.width - Math.min(width, home.width));
  result.y = Math.min(Math.max(state.y, home.y), home.y + home.height - Math.min(height, home.height));
  return result;
}

/** Loads the saved state and fits it to the current displays. */
export function loadWindowState(store: WindowStateStore, workAreas: readonly Rect[]): WindowState {
  return clampToDisplays(parseWindowState(store.get(WINDOW_STATE_KEY)), workAreas);
}

/**
 * What to save for a window: its normal (restored) bounds, so un-maximizing next time goes back to the
 * size the admin chose, plus whether it was maximized.
 */
export function windowStateFrom(normalBounds: Rect, maximized: boolean): WindowState {
  return { ...normalBounds, maximized };
}

export function saveWindowState(store: WindowStateStore, state: WindowState): void {
  store.set(WINDOW_STATE_KEY, state);
}
