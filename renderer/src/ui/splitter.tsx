import { useCallback, useState, type KeyboardEvent, type PointerEvent } from 'react';

/** A remembered number (a fraction or a size) in localStorage, clamped to its range. */
export function useRemembered(
  key: string,
  initial: number,
  min: number,
  max: number,
): [number, (value: number) => void] {
  const clamp = useCallback((v: number) => Math.min(max, Math.max(min, v)), [min, max]);
  const [value, setValue] = useState(() => {
    const stored = Number(globalThis.localStorage?.getItem(key));
    return Number.isFinite(stored) && stored > 0 ? clamp(stored) : initial;
  });
  const set = useCallback(
    (next: number) => {
      const v = clamp(next);
      setValue(v);
      globalThis.localStorage?.setItem(key, String(v));
    },
    [key, clamp],
  );
  return [value, set];
}

export interface SplitterProps {
  label: string;
  orientation: 'vertical' | 'horizontal';
  /** The current value in percent (0..100), as aria-valuenow. */
  percent: number;
  /** Called with the pointer's position as a percentage of the container, or a keyboard step. */
  onChange: (percent: number) => void;
  /** The element whose box the pointer's position is measured against. */
  container: () => HTMLElement | null;
  /** True when dragging down (or right) makes the value smaller (the Jobs panel grows upwards). */
  inverted?: boolean;
}

/**
 * A separator that resizes what is on either side: by pointer, or by arrow keys (5% a step) for the
 * keyboard, per the WAI-ARIA window splitter pattern. The caller remembers the value (useRemembered).
 */
export function Splitter({ label, orientation, percent, onChange, container, inverted = false }: SplitterProps) {
  const fromPointer = (event: PointerEvent) => {
    const box = container()?.getBoundingClientRect();
    if (!box) return;
    const raw =
      orientation === 'vertical'
        ? ((event.clientX - box.left) / box.width) * 100
        : ((event.clientY - box.top) / box.height) * 100;
    onChange(inverted ? 100 - raw : raw);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const grow = orientation === 'vertical' ? 'ArrowRight' : inverted ? 'ArrowUp' : 'ArrowDown';
    const shrink = orientation === 'vertical' ? 'ArrowLeft' : inverted ? 'ArrowDown' : 'ArrowUp';
    if (event.key === grow) onChange(percent + 5);
    else if (event.key === shrink) onChange(percent - 5);
    else return;
    event.preventDefault();
  };
  return (
    <div
      className={`splitter splitter--${orientation}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
      onKeyDown={onKeyDown}
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) fromPointer(event);
      }}
      onPointerUp={(event) => event.currentTarget.releasePointerCapture(event.pointerId)}
    />
  );
}
