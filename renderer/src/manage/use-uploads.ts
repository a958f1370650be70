import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { Attributes, Chunking, UploadResult } from '../../../shared/contract/manage.ts';
import { useBridge } from '../bridge/index.ts';
import { invalidatePanes } from '../query/use-ferry-events.ts';

/** One file on its way: the browser-to-Ferry leg (XHR progress), then Ferry-to-API (upload.progress events). */
export interface UploadItem {
  uploadId: string;
  filename: string;
  bytesTotal: number;
  /** Bytes of the current leg. */
  bytesSent: number;
  phase: 'sending' | 'uploading' | 'attaching' | 'done' | 'failed';
  message?: string;
  fileId?: string;
}

export interface UploadTarget {
  connectionId: string;
  purpose: string;
  vectorStoreId?: string;
  attributes?: Attributes;
  chunking?: Chunking;
}

/** Why uploading is not offered here, or null: browser mode streams through POST /api/upload. */
export function useUploadUnavailable(): string | null {
  const bridge = useBridge();
  return bridge.transport === 'http' ? null : 'Uploading from the desktop window is not available yet; use browser mode (`ferry web`) to upload.';
}

let counter = 0;

/** The API's limit per file; checked here too, so a too-large file is refused before any byte is sent. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/**
 * Uploads live outside any component, per scope (a store, or a connection's Files tab), so switching to
 * another store and back keeps a running upload's progress; the request itself never depended on the view.
 */
const uploadsByScope = new Map<string, UploadItem[]>();
const listeners = new Set<() => void>();
const EMPTY: UploadItem[] = [];
function update(scope: string, change: (list: UploadItem[]) => UploadItem[]): void {
  uploadsByScope.set(scope, change(uploadsByScope.get(scope) ?? EMPTY));
  for (const listener of listeners) listener();
}
function subscribeUploads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Uploads in browser mode: each file goes as one streamed multipart request to /api/upload (fields first,
 * then the file), so neither the page nor Ferry holds it in memory. Progress of both legs is kept per file.
 */
export function useUploads(scope: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const items = useSyncExternalStore(subscribeUploads, () => uploadsByScope.get(scope) ?? EMPTY);
  const patch = useCallback((uploadId: string, change: Partial<UploadItem>) => update(scope, (list) => list.map((i) => (i.uploadId === uploadId ? { ...i, ...change } : i))), [scope]);

  useEffect(
    () =>
      bridge.subscribe((event) => {
        if (event.type !== 'upload.progress') return;
        update(scope, (list) =>
          list.some((i) => i.uploadId === event.uploadId)
            ? list.map((i) =>
                i.uploadId !== event.uploadId || i.phase === 'done' || i.phase === 'failed'
                  ? i
                  : { ...i, phase: event.state === 'done' || event.state === 'failed' ? i.phase : event.state, bytesSent: event.bytesSent, ...(event.message ? { message: event.message } : {}) },
              )
            : list,
        );
      }),
    [bridge, scope],
  );

  const start = useCallback(
    (files: readonly File[], target: UploadTarget) => {
      for (const file of files) {
        counter += 1;
        const uploadId = `up-${Date.now().toString(36)}-${counter}`;
        if (file.size > MAX_UPLOAD_BYTES) {
          update(scope, (list) => [...list, { uploadId, filename: file.name, bytesTotal: file.size, bytesSent: 0, phase: 'failed', message: `${file.name} is larger than 512 MB, the most a file may be.` }]);
          continue;
        }
        update(scope, (list) => [...list, { uploadId, filename: file.name, bytesTotal: file.size, bytesSent: 0, phase: 'sending' }]);
        const form = new FormData();
        form.append('connectionId', target.connectionId);
        form.append('uploadId', uploadId);
        form.append('purpose', target.purpose);
        if (target.vectorStoreId) form.append('vectorStoreId', target.vectorStoreId);
        if (target.attributes && Object.keys(target.attributes).length > 0) form.append('attributes', JSON.stringify(target.attributes));
        if (target.chunking) form.append('chunking', JSON.stringify(target.chunking));
        form.append('file', file, file.name);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/api/upload');
        // The core's events for the next leg may overtake the last XHR progress; never step back to 'sending'.
        const whileSending = (change: Partial<UploadItem>) => update(scope, (list) => list.map((i) => (i.uploadId === uploadId && i.phase === 'sending' ? { ...i, ...change } : i)));
        xhr.upload.onprogress = (e) => whileSending({ bytesSent: e.loaded });
        xhr.upload.onload = () => whileSending({ phase: 'uploading', bytesSent: 0 });
        xhr.onerror = () => patch(uploadId, { phase: 'failed', message: 'Ferry is not answering; check that `ferry web` is still running.' });
        xhr.onload = () => {
          const outcome = parseOutcome(xhr.responseText);
          if (xhr.status === 401) patch(uploadId, { phase: 'failed', message: 'This tab is not signed in to Ferry; open the URL `ferry web` printed.' });
          else if (!outcome) patch(uploadId, { phase: 'failed', message: `Ferry refused the upload (HTTP ${xhr.status}).` });
          else if (!outcome.ok) patch(uploadId, { phase: 'failed', message: outcome.error.message });
          else {
            patch(uploadId, { phase: 'done', bytesSent: file.size, fileId: outcome.result.file.id });
            invalidatePanes(queryClient, [target.connectionId]);
          }
        };
        xhr.send(form);
      }
    },
    [patch, queryClient, scope],
  );

  const clearFinished = useCallback(() => update(scope, (list) => list.filter((i) => i.phase !== 'done' && i.phase !== 'failed')), [scope]);
  return { items, start, clearFinished };
}

type Outcome = { ok: true; result: UploadResult } | { ok: false; error: { message: string } };

function parseOutcome(text: string): Outcome | null {
  try {
    return JSON.parse(text) as Outcome;
  } catch {
    return null;
  }
}
