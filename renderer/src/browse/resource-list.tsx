import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useId,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import type { Row } from './list-model.ts';

export interface ResourceListProps {
  label: string;
  rows: readonly Row[];
  /** True while the rows are about to change (a search typed, its filter not yet drawn): aria-busy. */
  busy?: boolean | undefined;
  selected: readonly string[];
  onSelect: (ids: string[]) => void;
  /** Bumped by the parent to scroll the first selected row into view. */
  reveal: number;
  /** When set, rows can be dragged; called with the ids being dragged (the selection, or the row). */
  onDragStart?: ((ids: string[], event: DragEvent) => void) | undefined;
  onDragEnd?: (() => void) | undefined;
  /** Every row's height in px: fixed per list, which keeps the virtualizer exact without measuring. */
  rowHeight?: number | undefined;
  /**
   * Draws a row's content instead of name over detail. The option keeps the row's name as its accessible
   * name; the element with id `descriptionId` (which the content must render) becomes its description.
   */
  rowContent?: ((row: Row, descriptionId: string) => ReactNode) | undefined;
}

/** Name over one line of detail: assistants and files. */
const DEFAULT_ROW_HEIGHT = 48;

/**
 * A virtualized listbox: only the rows in view (plus a few) are in the DOM, so 10,000 objects scroll as
 * smoothly as ten. Focus stays on the listbox and `aria-activedescendant` names the active row, which is
 * how a virtualized list stays usable with a screen reader and the keyboard. Click selects; Ctrl/Cmd
 * toggles; Shift extends; arrows, Home/End and Page keys move; Shift+arrows extend; Ctrl/Cmd+A selects all.
 */
export function ResourceList({
  label,
  rows,
  busy = false,
  selected,
  onSelect,
  reveal,
  onDragStart,
  onDragEnd,
  rowHeight = DEFAULT_ROW_HEIGHT,
  rowContent,
}: ResourceListProps) {
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const anchor = useRef<string | null>(null);
  const selectedSet = new Set(selected);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    // Keyed by index (the default): every row has the same height, so nothing is measured per row, and a key
    // function made anew each render would make the virtualizer lay out every row again on every render
    // (100,000 measurements a keystroke). React keys the rows by id below.
  });

  // The virtualizer keeps the sizes it laid out; when this list's row height changes (the pane switched
  // to a tab with taller rows), lay out again rather than trust that the options change invalidates them.
  const laidOutHeight = useRef(rowHeight);
  useEffect(() => {
    if (laidOutHeight.current === rowHeight) return;
    laidOutHeight.current = rowHeight;
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const indexOf = (id: string | null) => (id === null ? -1 : rows.findIndex((r) => r.id === id));

  // Something outside selected an object (a link, the jobs panel): bring it into view.
  useEffect(() => {
    if (reveal === 0) return;
    const index = indexOf(selected[0] ?? null);
    if (index >= 0) {
      setActiveId(rows[index]?.id ?? null);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    }
    // Only when the parent asks (reveal) or the rows it asked about arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal, rows]);

  const rangeIds = (from: number, to: number) =>
    rows.slice(Math.min(from, to), Math.max(from, to) + 1).map((r) => r.id);

  const click = (event: MouseEvent, row: Row, index: number) => {
    setActiveId(row.id);
    if (event.shiftKey && anchor.current !== null && indexOf(anchor.current) >= 0) {
      onSelect(rangeIds(indexOf(anchor.current), index));
      return;
    }
    anchor.current = row.id;
    if (event.ctrlKey || event.metaKey) {
      onSelect(selectedSet.has(row.id) ? selected.filter((id) => id !== row.id) : [...selected, row.id]);
    } else {
      onSelect([row.id]);
    }
  };

  const moveTo = (index: number, extend: boolean) => {
    if (rows.length === 0) return;
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const target = rows[clamped];
    if (!target) return;
    setActiveId(target.id);
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
    if (extend) {
      if (anchor.current === null) anchor.current = activeId ?? target.id;
      onSelect(rangeIds(Math.max(0, indexOf(anchor.current)), clamped));
    } else {
      anchor.current = target.id;
      onSelect([target.id]);
    }
  };

  const keyDown = (event: KeyboardEvent) => {
    const current = indexOf(activeId);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
    const handled = () => event.preventDefault();
    switch (event.key) {
      case 'ArrowDown':
        handled();
        return moveTo(current < 0 ? 0 : current + 1, event.shiftKey);
      case 'ArrowUp':
        handled();
        return moveTo(current < 0 ? 0 : current - 1, event.shiftKey);
      case 'Home':
        handled();
        return moveTo(0, event.shiftKey);
      case 'End':
        handled();
        return moveTo(rows.length - 1, event.shiftKey);
      case 'PageDown':
        handled();
        return moveTo(current + page, event.shiftKey);
      case 'PageUp':
        handled();
        return moveTo(current - page, event.shiftKey);
      case ' ':
        if (activeId && (event.ctrlKey || event.metaKey)) {
          handled();
          onSelect(selectedSet.has(activeId) ? selected.filter((id) => id !== activeId) : [...selected, activeId]);
        }
        return;
      case 'a':
      case 'A':
        if (event.ctrlKey || event.metaKey) {
          handled();
          onSelect(rows.map((r) => r.id));
        }
        return;
    }
  };

  const active = indexOf(activeId) >= 0 ? activeId : null;
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="resource-list"
      role="listbox"
      aria-label={label}
      aria-multiselectable="true"
      aria-busy={busy || undefined}
      tabIndex={0}
      aria-activedescendant={active ? `${baseId}-${active}` : undefined}
      onKeyDown={keyDown}
      onFocus={() => {
        // With a selection, arrows continue from it; without, the first arrow lands on the first row.
        if (!active && selected[0]) setActiveId(selected[0]);
      }}
    >
      <div className="resource-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const isSelected = selectedSet.has(row.id);
          const descriptionId = `${baseId}-${row.id}-figures`;
          return (
            <div
              key={row.id}
              id={`${baseId}-${row.id}`}
              role="option"
              // Named from its content (the visible name; the rest is aria-hidden or the description), so the
              // accessible name is the label a sighted user reads (WCAG 2.5.3, label in name).
              aria-describedby={rowContent ? descriptionId : undefined}
              aria-selected={isSelected}
              aria-setsize={rows.length}
              aria-posinset={item.index + 1}
              className={[
                'resource-row',
                isSelected ? 'resource-row--selected' : '',
                row.id === active ? 'resource-row--active' : '',
              ]
                .filter(Boolean)
                .join(' ')}
              style={{ transform: `translateY(${item.start}px)`, height: rowHeight }}
              draggable={onDragStart ? true : undefined}
              onDragStart={
                onDragStart
                  ? (event) => {
                      const ids = isSelected ? [...selected] : [row.id];
                      if (!isSelected) onSelect([row.id]);
                      onDragStart(ids, event);
                    }
                  : undefined
              }
              onDragEnd={onDragEnd}
              onClick={(event) => click(event, row, item.index)}
            >
              {rowContent ? (
                rowContent(row, descriptionId)
              ) : (
                <>
                  <span className="resource-row__name">{row.name}</span>
                  <span className="resource-row__detail" aria-hidden="true">
                    {row.detail}
                  </span>
                </>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
