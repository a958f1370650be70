import { formatBytes } from '../../../shared/format.ts';
import type { AssistantView, FileView, VectorStoreView } from '../../../shared/resources.ts';
import type { TabId } from './browse-state.ts';

/** One list row: what the list shows, sorts and searches on, whatever the object's kind. */
export interface Row {
  id: string;
  /** The accessible name of the row: the object's name (or a stand-in for an unnamed one). */
  name: string;
  detail: string;
  created: number;
  size: number;
  /** Lower-cased name, id and detail, built once per data set so a keystroke only scans strings. */
  haystack: string;
}

export type SortId = 'name' | 'newest' | 'oldest' | 'size';
export const SORTS: Record<TabId, readonly { id: SortId; label: string }[]> = {
  assistants: [
    { id: 'name', label: 'Name' },
    { id: 'newest', label: 'Newest first' },
    { id: 'oldest', label: 'Oldest first' },
  ],
  vectorStores: [
    { id: 'name', label: 'Name' },
    { id: 'newest', label: 'Newest first' },
    { id: 'oldest', label: 'Oldest first' },
    { id: 'size', label: 'Largest first' },
  ],
  files: [
    { id: 'name', label: 'Name' },
    { id: 'newest', label: 'Newest first' },
    { id: 'oldest', label: 'Oldest first' },
    { id: 'size', label: 'Largest first' },
  ],
};

export const unnamed = (id: string) => `Unnamed (${id})`;

const row = (id: string, name: string, detail: string, created: number, size: number): Row => ({
  id,
  name,
  detail,
  created,
  size,
  haystack: `${name}\u0000${id}\u0000${detail}`.toLowerCase(),
});

export const assistantRows = (list: readonly AssistantView[]): Row[] => list.map((a) => row(a.id, a.name || unnamed(a.id), a.model, a.created_at, 0));

/** A store's row: status, file counts (completed / in progress / failed), size, expiry and last activity. */
export const vectorStoreRows = (list: readonly VectorStoreView[]): Row[] =>
  list.map((s) => {
    const c = s.file_counts;
    const expiry = s.expires_after ? `expires ${s.expires_after.days} d after last use` : 'never expires';
    const active = s.last_active_at ? `active ${new Date(s.last_active_at * 1000).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}` : 'never active';
    const detail = `${s.status.replace('_', ' ')} · ${c.total} ${c.total === 1 ? 'file' : 'files'}: ${c.completed} ✓ ${c.in_progress} in progress ${c.failed} failed · ${formatBytes(s.usage_bytes)} · ${expiry} · ${active}`;
    return row(s.id, s.name || unnamed(s.id), detail, s.created_at, s.usage_bytes);
  });

export const fileRows = (list: readonly FileView[]): Row[] =>
  list.map((f) => row(f.id, f.filename || unnamed(f.id), `${f.purpose} · ${formatBytes(f.bytes)} · ${new Date(f.created_at * 1000).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`, f.created_at, f.bytes));

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Sorts a copy; called when the data or the sort changes, not per keystroke. */
export function sortRows(rows: readonly Row[], sort: SortId): Row[] {
  const out = rows.slice();
  switch (sort) {
    case 'name':
      return out.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
    case 'newest':
      return out.sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
    case 'oldest':
      return out.sort((a, b) => a.created - b.created || a.id.localeCompare(b.id));
    case 'size':
      return out.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  }
}

/** Every word of the query must appear in the row's name, id or detail (case-insensitive). */
export function filterRows(rows: readonly Row[], query: string): readonly Row[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => words.every((w) => r.haystack.includes(w)));
}

export function formatDate(seconds: number | null | undefined): string {
  if (!seconds) return '—';
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
