import { useId, useState } from 'react';
import type { SearchFilter, SearchHit } from '../../../shared/contract/manage.ts';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { VectorStoreView } from '../../../shared/resources.ts';
import { useFerryMutation, useFerryQuery } from '../query/ferry-query.ts';
import { typedValue } from './form-parts.tsx';

interface FilterDraft {
  key: string;
  op: SearchFilter['op'];
  value: string;
}

const OPS: { id: SearchFilter['op']; label: string }[] = [
  { id: 'eq', label: 'equals' },
  { id: 'ne', label: 'is not' },
  { id: 'gt', label: '>' },
  { id: 'gte', label: '≥' },
  { id: 'lt', label: '<' },
  { id: 'lte', label: '≤' },
];

/** The other pane's counterpart of a store: its clone (metadata.cloned_from = this id) or its source. */
export function useCloneCounterpart(store: VectorStoreView, otherConnection: ConnectionView | null) {
  const other = useFerryQuery(
    'vectorStores.list',
    { connectionId: otherConnection?.id ?? '' },
    { enabled: otherConnection !== null },
  );
  const sourceId = store.metadata?.['cloned_from'];
  const counterpart =
    other.data?.find((s) => s.metadata?.['cloned_from'] === store.id) ??
    (sourceId ? other.data?.find((s) => s.id === sourceId) : undefined);
  return counterpart
    ? { store: counterpart, relation: counterpart.id === sourceId ? ('source' as const) : ('clone' as const) }
    : null;
}

/**
 * Vector store search: ranked chunks with score and file name, filtered on attributes. "Compare with
 * clone" runs the same query on the store's clone (or source) in the other pane, side by side, to see
 * whether a clone (above all one with reconstructed files) retrieves like its source.
 */
export function StoreSearch({
  connection,
  store,
  otherConnection,
}: {
  connection: ConnectionView;
  store: VectorStoreView;
  otherConnection: ConnectionView | null;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<FilterDraft[]>([]);
  const [max, setMax] = useState('10');
  const [comparing, setComparing] = useState(false);
  const here = useFerryMutation('vectorStores.search');
  const there = useFerryMutation('vectorStores.search');
  const counterpart = useCloneCounterpart(store, otherConnection);

  const run = (compare: boolean) => {
    const params = {
      query,
      filters: filters
        .filter((f) => f.key.trim() !== '')
        .map((f) => ({ key: f.key.trim(), op: f.op, value: typedValue(f.value) })),
      maxResults: Math.max(1, Math.min(50, Number(max) || 10)),
    };
    setComparing(compare);
    here.mutate({ connectionId: connection.id, vectorStoreId: store.id, ...params });
    if (compare && counterpart && otherConnection)
      there.mutate({ connectionId: otherConnection.id, vectorStoreId: counterpart.store.id, ...params });
  };

  return (
    <section className="inspector__section store-search" aria-label="Search this store">
      <h3 className="inspector__heading">Search</h3>
      <form
        className="store-search__form"
        onSubmit={(e) => {
          e.preventDefault();
          run(false);
        }}
      >
        <input
          type="search"
          className="field__input"
          aria-label="Search query"
          placeholder="What should the store retrieve?"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <label htmlFor={`${id}-max`}>Max results</label>
        <input
          id={`${id}-max`}
          className="field__input store-search__max"
          type="number"
          min={1}
          max={50}
          value={max}
          onChange={(e) => setMax(e.target.value)}
        />
        <button type="submit" className="button button--small button--primary" disabled={query.trim() === ''}>
          Search
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={query.trim() === '' || !counterpart}
          title={
            counterpart
              ? `Run the same query on “${counterpart.store.name}” in ${otherConnection?.name ?? ''}`
              : 'No clone (or source) of this store in the other pane.'
          }
          onClick={() => run(true)}
        >
          Compare with clone
        </button>
      </form>
      {!counterpart && (
        <p className="muted store-search__note">
          Compare with clone needs this store's clone (or its source) open in the other pane.
        </p>
      )}
      <div className="store-search__filters">
        {filters.map((f, i) => (
          <div key={i} className="store-search__filter" role="group" aria-label={`Filter ${i + 1}`}>
            <input
              className="field__input"
              aria-label="Attribute"
              placeholder="attribute"
              value={f.key}
              onChange={(e) => setFilters((all) => all.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
            />
            <select
              className="field__input"
              aria-label="Comparison"
              value={f.op}
              onChange={(e) =>
                setFilters((all) =>
                  all.map((x, j) => (j === i ? { ...x, op: e.target.value as SearchFilter['op'] } : x)),
                )
              }
            >
              {OPS.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
            <input
              className="field__input"
              aria-label="Value"
              placeholder="value"
              value={f.value}
              onChange={(e) => setFilters((all) => all.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
            />
            <button
              type="button"
              className="button button--small"
              aria-label={`Remove filter ${i + 1}`}
              onClick={() => setFilters((all) => all.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button button--small"
          onClick={() => setFilters((all) => [...all, { key: '', op: 'eq', value: '' }])}
        >
          Add attribute filter
        </button>
      </div>
      <div className={comparing ? 'store-search__columns store-search__columns--two' : 'store-search__columns'}>
        <Results label={comparing ? `Results in ${store.name} (${connection.name})` : 'Results'} state={here} />
        {comparing && counterpart && (
          <Results
            label={`Results in ${counterpart.store.name} (${otherConnection?.name ?? ''}, its ${counterpart.relation})`}
            state={there}
          />
        )}
      </div>
    </section>
  );
}

function Results({
  label,
  state,
}: {
  label: string;
  state: { isPending: boolean; isError: boolean; error: Error | null; data: SearchHit[] | undefined };
}) {
  if (state.isPending) return <p role="status">Searching…</p>;
  if (state.isError)
    return (
      <p className="pane-message--error" role="alert">
        {state.error?.message}
      </p>
    );
  if (!state.data) return null;
  return (
    <section className="store-search__results" aria-label={label}>
      <h4 className="inspector__subheading">{label}</h4>
      {state.data.length === 0 ? (
        <p className="muted">No chunk matched.</p>
      ) : (
        <ol className="search-hits">
          {state.data.map((hit, i) => (
            <li
              key={`${hit.fileId}-${i}`}
              className="search-hit"
              aria-label={`${i + 1}. ${hit.filename}, score ${hit.score.toFixed(3)}`}
            >
              <div className="search-hit__head">
                <span className="search-hit__file">{hit.filename || hit.fileId}</span>
                <span className="search-hit__score">score {hit.score.toFixed(3)}</span>
              </div>
              <p className="search-hit__text">{hit.text.length > 280 ? `${hit.text.slice(0, 280)}…` : hit.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
