import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef } from 'react';
import type { JobItem } from '../../../shared/jobs.ts';
import { formatBytes } from '../../../shared/format.ts';

const KIND_LABEL: Record<JobItem['kind'], string> = {
  file: 'File',
  vector_store: 'Vector store',
  assistant: 'Assistant',
  agent: 'Agent',
};
/** Up to this many items every row is drawn (find in page sees them all); past it only the rows in view are. */
const DRAW_ALL_UP_TO = 200;
const ROW_HEIGHT = 34;

export interface ItemActions {
  retry(item: JobItem): void;
  open(item: JobItem): void;
}

/**
 * A job's items, one row each. A job of an org's size has tens of thousands: those are drawn as they
 * scroll into view (TanStack Virtual, rows measured as drawn), and a row redraws only when its item
 * changed (job events replace changed items and keep the others, see shared/job-updates.ts).
 */
export function JobItemsTable({
  title,
  items,
  active,
  retrying,
  actions,
}: {
  title: string;
  items: JobItem[];
  active: boolean;
  retrying: boolean;
  actions: ItemActions;
}) {
  const latest = useRef(actions);
  latest.current = actions;
  const stable = useRef<ItemActions>({
    retry: (item) => latest.current.retry(item),
    open: (item) => latest.current.open(item),
  }).current;
  const head = (
    <thead>
      <tr>
        <th scope="col">Object</th>
        <th scope="col">State</th>
        <th scope="col">Bytes</th>
        <th scope="col">Ingestion</th>
        <th scope="col">Notes</th>
        <th scope="col">
          <span className="visually-hidden">Actions</span>
        </th>
      </tr>
    </thead>
  );
  if (items.length <= DRAW_ALL_UP_TO) {
    return (
      <table className="job-items" aria-label={`Items of ${title}`}>
        {head}
        <tbody>
          {items.map((item) => (
            <ItemRow key={item.key} item={item} active={active} retrying={retrying} actions={stable} />
          ))}
        </tbody>
      </table>
    );
  }
  return <VirtualItems title={title} head={head} items={items} active={active} retrying={retrying} actions={stable} />;
}

function VirtualItems({
  title,
  head,
  items,
  active,
  retrying,
  actions,
}: {
  title: string;
  head: React.ReactNode;
  items: JobItem[];
  active: boolean;
  retrying: boolean;
  actions: ItemActions;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // A job's items never come or go, only change, so a row's key at an index holds for the job's life. A key
  // function that stays the same lets the virtualizer keep its measurements across events: a new one each
  // render would have it rebuild one per item, thousands, on every event.
  const latestItems = useRef(items);
  latestItems.current = items;
  const getItemKey = useCallback((index: number) => latestItems.current[index]?.key ?? index, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey,
  });
  const rows = virtualizer.getVirtualItems();
  const top = rows[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (rows.at(-1)?.end ?? 0);
  return (
    <div className="job-items__scroll" ref={scrollRef}>
      <table className="job-items" aria-label={`Items of ${title}`} aria-rowcount={items.length + 1}>
        {head}
        <tbody>
          {top > 0 && <tr aria-hidden="true" style={{ height: top }} />}
          {rows.map((row) => {
            const item = items[row.index]!;
            return (
              <ItemRow
                key={item.key}
                item={item}
                active={active}
                retrying={retrying}
                actions={actions}
                index={row.index}
                measure={virtualizer.measureElement}
              />
            );
          })}
          {bottom > 0 && <tr aria-hidden="true" style={{ height: bottom }} />}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  item: JobItem;
  active: boolean;
  retrying: boolean;
  actions: ItemActions;
  index?: number;
  measure?: (element: Element | null) => void;
}

const ItemRow = memo(function ItemRow({ item, active, retrying, actions, index, measure }: RowProps) {
  return (
    <tr
      aria-label={item.label}
      data-index={index}
      ref={measure}
      aria-rowindex={index === undefined ? undefined : index + 2}
    >
      <th scope="row">
        <span className="job-items__kind">{KIND_LABEL[item.kind]}</span> {item.label}
        {item.lossy && <span className="badge badge--warn">lossy</span>}
      </th>
      <td>
        {item.cleanedUp ? (
          <span className="item-state item-state--cleaned">deleted by Clean up</span>
        ) : (
          <span className={`item-state item-state--${item.state}`}>{item.state}</span>
        )}
        <span className="muted"> · {item.action}</span>
      </td>
      <td>
        {item.bytesTotal !== undefined ? `${formatBytes(item.bytesDone ?? 0)} / ${formatBytes(item.bytesTotal)}` : '—'}
      </td>
      <td>
        {item.ingest
          ? `${item.ingest.completed}/${item.ingest.total} done${item.ingest.inProgress ? `, ${item.ingest.inProgress} in progress` : ''}${item.ingest.failed ? `, ${item.ingest.failed} failed` : ''}`
          : '—'}
      </td>
      <td>
        {item.error && <p className={item.state === 'failed' ? 'job__error' : 'muted'}>{item.error}</p>}
        {item.fileErrors?.map((f) => (
          <p key={f.fileKey} className="job__error">
            {f.message}
          </p>
        ))}
      </td>
      <td className="job-items__actions">
        {item.state === 'failed' && item.retryable !== false && !active && (
          <button
            type="button"
            className="button button--small"
            disabled={retrying}
            onClick={() => actions.retry(item)}
          >
            Retry
          </button>
        )}
        {item.destinationId && !item.cleanedUp && (item.state === 'done' || item.state === 'skipped') && (
          <button
            type="button"
            className="button button--small"
            aria-label={`Open ${item.label}`}
            onClick={() => actions.open(item)}
          >
            Open
          </button>
        )}
      </td>
    </tr>
  );
});
