import type { ReactNode } from 'react';
import type { VectorStoreView } from '../../../shared/resources.ts';
import type { Row } from './list-model.ts';
import { spokenFigures, storeFigures } from './store-figures.ts';

/** Four lines: name and status; file counts; size and last activity; expiry. Fixed, so the list stays virtual. */
export const STORE_ROW_HEIGHT = 92;

/**
 * A vector store's row content inside ResourceList's option. What is on screen is compact and hidden from
 * assistive technology; the option's description (`descriptionId`) says the same figures in full words,
 * so a screen reader hears "4 completed, 0 in progress, 1 failed", never "d" or a separator.
 */
export function StoreRow({
  name,
  store,
  descriptionId,
}: {
  name: string;
  store: VectorStoreView;
  descriptionId: string;
}) {
  const f = storeFigures(store, Date.now());
  return (
    <>
      <div className="store-row__line store-row__head">
        <span className="resource-row__name store-row__name">{name}</span>
        <span
          className={`store-row__status store-row__status--${f.status.tone}`}
          data-figure="status"
          aria-hidden="true"
        >
          {f.status.shown}
        </span>
      </div>
      <div className="store-row__line store-row__counts" aria-hidden="true" data-figure="counts">
        {f.counts.map((c) => (
          <span
            key={c.kind}
            className={`store-count store-count--${c.kind}${c.value === 0 ? ' store-count--zero' : ''}`}
            data-figure={c.kind}
          >
            {c.shown}
          </span>
        ))}
      </div>
      <div className="store-row__line" aria-hidden="true">
        <span data-figure="size">{f.size.shown}</span>
        <span className="store-row__sep">·</span>
        <span data-figure="last-active" title={f.lastActive.title}>
          {f.lastActive.shown}
        </span>
      </div>
      <div className="store-row__line" aria-hidden="true">
        <span
          className={`store-row__expiry store-row__expiry--${f.expiry.tone}`}
          data-figure="expiry"
          title={f.expiry.spoken}
        >
          {f.expiry.shown}
          {f.expiry.detail && <span className="store-row__quiet"> · {f.expiry.detail}</span>}
        </span>
      </div>
      {/* Hidden from the name (the option is named from its content); aria-describedby still reads it. */}
      <span id={descriptionId} className="visually-hidden" aria-hidden="true">
        {spokenFigures(f)}
      </span>
    </>
  );
}

/** ResourceList's `rowContent` for the Vector stores tab. */
export const storeRowContent = (row: Row, descriptionId: string): ReactNode =>
  row.store ? <StoreRow name={row.name} store={row.store} descriptionId={descriptionId} /> : null;
