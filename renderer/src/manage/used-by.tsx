import type { ReactNode } from 'react';
import type { ConnectionView } from '../../../shared/connection.ts';
import type { FilesUsage, StoresUsage } from '../../../shared/contract/manage.ts';
import type { BridgeError } from '../../../shared/bridge.ts';
import { useFerryQuery } from '../query/ferry-query.ts';

/**
 * "Used by": what deleting a file or a store takes away, read fresh from the core, for the inspector and
 * every delete confirmation. A confirmation waits for the answer (`checking`) before it lets anything go.
 */
interface UsageQuery<T> {
  data: T | undefined;
  /** True until the answer for what is asked now is in (a cached answer is shown meanwhile). */
  checking: boolean;
  error: BridgeError | null;
}

/**
 * `fresh` (a confirmation) reads again on opening whatever is cached; the inspector takes a recent answer,
 * since the check lists every store's files and a click through a list should not repeat it each time.
 */
export function useFilesUsage(connectionId: string, fileIds: readonly string[], fresh = true): UsageQuery<FilesUsage> {
  const query = useFerryQuery(
    'files.usedBy',
    { connectionId, fileIds: [...fileIds] },
    { enabled: fileIds.length > 0, refetchOnMount: fresh ? 'always' : true },
  );
  return { data: query.data, checking: fileIds.length > 0 && query.isFetching, error: query.error };
}

export function useStoresUsage(connectionId: string, vectorStoreIds: readonly string[]): UsageQuery<StoresUsage> {
  const query = useFerryQuery(
    'vectorStores.usedBy',
    { connectionId, vectorStoreIds: [...vectorStoreIds] },
    { enabled: vectorStoreIds.length > 0, refetchOnMount: 'always' },
  );
  return { data: query.data, checking: vectorStoreIds.length > 0 && query.isFetching, error: query.error };
}

/**
 * What the check found, or that it is still running, or why it could not run; `children` renders the
 * answer. Where the Assistants API is retired the answer says assistants could not be checked.
 */
export function UsageStatus<T extends { assistantsChecked: boolean; message?: string | undefined }>({
  connection,
  usage,
  children,
}: {
  connection: ConnectionView;
  usage: UsageQuery<T>;
  children: (data: T) => ReactNode;
}) {
  if (usage.data === undefined) {
    if (usage.error) {
      return (
        <p className="pane-message--error" role="alert">
          Ferry could not check what uses this in {connection.name}: {usage.error.message}
        </p>
      );
    }
    return <p role="status">Checking what uses it in {connection.name}…</p>;
  }
  return (
    <>
      {children(usage.data)}
      {!usage.data.assistantsChecked && usage.data.message && <p className="muted">{usage.data.message}</p>}
      {usage.checking && (
        <p className="muted" role="status">
          Checking again…
        </p>
      )}
    </>
  );
}

/** One object's users as a labelled list, or the sentence that nothing uses it. */
export function UsersList({
  users,
  nobody,
  label = 'Used by',
}: {
  users: readonly string[];
  nobody: string;
  label?: string;
}) {
  if (users.length === 0) return <p className="muted">{nobody}</p>;
  return (
    <ul className="resource-links" aria-label={label}>
      {users.map((u) => (
        <li key={u}>{u}</li>
      ))}
    </ul>
  );
}
