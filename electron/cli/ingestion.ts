import type { VectorStoreFileView } from '../../shared/resources.ts';
import type { ShellCore } from '../core/core.ts';
import type { CliContext } from './command.ts';
import { Progress } from './progress.ts';

const FIRST_POLL_MS = 100;
const LONGEST_POLL_MS = 2000;

export interface IngestionOutcome {
  files: VectorStoreFileView[];
  /** Ids still in progress when the wait was stopped (Ctrl+C). */
  pending: string[];
}

/**
 * Follows a store's ingestion of `fileIds` to the end: each file's outcome printed as it lands (failed ones
 * with the reason the server gave), a bar of files done at a terminal. The store's file list is read through
 * the contract, at first every 100 ms, then less often, so a large batch does not flood the server. Ctrl+C
 * stops the wait (not the ingestion) and reports what was still in progress.
 */
export async function followIngestion(
  core: ShellCore,
  context: CliContext,
  request: { conn: string; vectorStoreId: string; fileIds: string[]; json: boolean; names?: Map<string, string> },
): Promise<IngestionOutcome> {
  const progress = new Progress(context.stderr, { quiet: request.json });
  const wanted = new Set(request.fileIds);
  const finished = new Map<string, VectorStoreFileView>();
  const name = (id: string) => request.names?.get(id) ?? id;
  let stopped = false;
  void context.stopped.then(() => (stopped = true));
  let delay = FIRST_POLL_MS;
  progress.start(`Waiting for the store to ingest ${wanted.size} ${wanted.size === 1 ? 'file' : 'files'}`);
  while (!stopped) {
    const files = await core.call('vectorStores.files', {
      connectionId: request.conn,
      vectorStoreId: request.vectorStoreId,
    });
    for (const file of files) {
      if (!wanted.has(file.id) || finished.has(file.id) || file.status === 'in_progress') continue;
      finished.set(file.id, file);
      progress.end(
        file.status === 'completed'
          ? `Ingested ${name(file.id)}`
          : `${file.status === 'failed' ? 'Failed' : 'Stopped'} ${name(file.id)}: ${file.last_error?.message ?? file.status}`,
      );
    }
    // A file detached meanwhile (by someone else) will never finish here: count it as gone.
    for (const id of wanted)
      if (!finished.has(id) && !files.some((f) => f.id === id))
        finished.set(id, {
          id,
          status: 'missing',
          last_error: { code: 'missing', message: 'no longer in the store' },
        } as VectorStoreFileView);
    if (finished.size >= wanted.size) break;
    progress.bar(finished.size / wanted.size, `${finished.size} of ${wanted.size} files ingested`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      void context.stopped.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    delay = Math.min(LONGEST_POLL_MS, Math.round(delay * 1.5));
  }
  const pending = [...wanted].filter((id) => !finished.has(id));
  if (pending.length) progress.end(`Stopped waiting; still in progress: ${pending.map(name).join(', ')}`);
  return { files: [...finished.values()], pending };
}

/** Whether every file followed ended completed. */
export function allIngested(outcome: IngestionOutcome): boolean {
  return outcome.pending.length === 0 && outcome.files.every((f) => f.status === 'completed');
}
