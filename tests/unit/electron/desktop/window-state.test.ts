import { describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  MIN_WINDOW_SIZE,
  parseWindowState,
  saveWindowState,
  WINDOW_STATE_KEY,
  windowStateFrom,
  type Rect,
} from '../../../../electron/desktop/window-state.ts';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 };
const external: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };

function memoryStore(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  return { get: (key: string) => data.get(key), set: (key: string, value: unknown) => void data.set(key, value), data };
}

describe('parseWindowState', () => {
  it('falls back to defaults for missing or hand-broken entries', () => {
    expect(parseWindowState(undefined)).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState('big')).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 'wide', height: null, x: 5 })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 900.4, height: 600, x: 10, y: 20, maximized: true })).toEqual({
      width: 900,
      height: 600,
      x: 10,
      y: 20,
      maximized: true,
    });
  });
});

describe('clampToDisplays', () => {
  it('keeps a window that is on a display', () => {
    const state = { x: 100, y: 50, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(state, [laptop])).toEqual(state);
  });

  it('keeps a window on a second display while it is plugged in', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(clampToDisplays(state, [laptop, external])).toEqual(state);
  });

  it('drops the position of a window left on a display that is gone, so the OS centres it', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(state, [laptop])).toEqual({ width: 1440, height: 875, maximized: true });
  });

  it('drops a position whose title bar is above the top of the screen', () => {
    const result = clampToDisplays({ x: 100, y: -500, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(result.x).toBeUndefined();
    expect(result.y).toBeUndefined();
  });

  it('pulls a window hanging off the right or bottom edge back inside', () => {
    const result = clampToDisplays({ x: 1200, y: 500, width: 1000, height: 700, maximized: false }, [laptop]);
    expect(result).toEqual({ x: 440, y: 175, width: 1000, height: 700, maximized: false });
  });

  it('shrinks an oversized window to the largest display and never below the minimum', () => {
    expect(clampToDisplays({ width: 5000, height: 4000, maximized: false }, [laptop, external])).toEqual({
      width: 2560,
      height: 1415,
      maximized: false,
    });
    expect(clampToDisplays({ width: 100, height: 100, maximized: false }, [laptop])).toEqual({
      width: MIN_WINDOW_SIZE.width,
      height: MIN_WINDOW_SIZE.height,
      maximized: false,
    });
  });

  it('copes with no displays at all', () => {
    expect(clampToDisplays({ x: 1, y: 2, width: 900, height: 600, maximized: false }, [])).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
  });
});

describe('load and save', () => {
  it('round-trips through the store and clamps on load', () => {
    const store = memoryStore();
    saveWindowState(store, windowStateFrom({ x: 2500, y: 10, width: 1200, height: 800 }, false));
    expect(store.data.get(WINDOW_STATE_KEY)).toEqual({ x: 2500, y: 10, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(store, [laptop, external])).toEqual({
      x: 2500,
      y: 10,
      width: 1200,
      height: 800,
      maximized: false,
    });
    expect(loadWindowState(store, [laptop])).toEqual({ width: 1200, height: 800, maximized: false });
  });
});
