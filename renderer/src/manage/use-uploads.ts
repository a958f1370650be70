import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { ParamsOf } from '../../../shared/api.ts';
import type { Attributes, Chunking, UploadResult } from '../../../shared/contract/manage.ts';
import { useBridge, type RendererBridge } from '../bridge/index.ts';
import type { DesktopBridge } from '../bridge/types.ts';
import { invalidatePanes } from '../query/use-ferry-events.ts';

/**
 * One file on its way. In browser mode there are two legs: browser to Ferry (XHR progress, `sending`), then
 * Ferry to the API (upload.progress events). The desktop window has only the second: the core reads the
 * admin's file in place.
 */
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
 * Uploads from the page. Browser mode sends each file as one streamed multipart request to /api/upload
 * (fields first, then the file), so neither the page nor Ferry holds it in memory; the desktop window has
 * the core read the file where it is, through a grant (shared/desktop.ts). Progress is kept per file.
 */
export function useUploads(scope: string) {
  const bridge = useBridge();
  const queryClient = useQueryClient();
  const items = useSyncExternalStore(subscribeUploads, () => uploadsByScope.get(scope) ?? EMPTY);
  const patch = useCallback(
    (uploadId: string, change: Partial<UploadItem>) =>
      update(scope, (list) => list.map((i) => (i.uploadId === uploadId ? { ...i, ...change } : i))),
    [scope],
  );

  useEffect(
    () =>
      bridge.subscribe((event) => {
        if (event.type !== 'upload.progress') return;
        update(scope, (list) =>
          list.some((i) => i.uploadId === event.uploadId)
            ? list.map((i) =>
                i.uploadId !== event.uploadId || i.phase === 'done' || i.phase === 'failed'
                  ? i
                  : {
                      ...i,
                      phase: event.state === 'done' || event.state === 'failed' ? i.phase : event.state,
                      bytesSent: event.bytesSent,
                      ...(event.message ? { message: event.message } : {}),
                    },
              )
            : list,
        );
      }),
    [bridge, scope],
  );

  const start = useCallback(
    (files: readonly File[], target: UploadTarget) => {
      const finished = (uploadId: string, bytes: number, result: UploadResult) => {
        patch(uploadId, { phase: 'done', bytesSent: bytes, fileId: result.file.id });
        invalidatePanes(queryClient, [target.connectionId]);
      };
      for (const file of files) {
        counter += 1;
        const uploadId = `up-${Date.now().toString(36)}-${counter}`;
        if (file.size > MAX_UPLOAD_BYTES) {
          update(scope, (list) => [
            ...list,
            {
              uploadId,
              filename: file.name,
              bytesTotal: file.size,
              bytesSent: 0,
              phase: 'failed',
              message: `${file.name} is larger than 512 MB, the most a file may be.`,
            },
          ]);
          continue;
        }
        const { desktop } = bridge;
        update(scope, (list) => [
          ...list,
          {
            uploadId,
            filename: file.name,
            bytesTotal: file.size,
            bytesSent: 0,
            phase: desktop ? 'uploading' : 'sending',
          },
        ]);
        if (desktop) {
          void sendFromDisk(desktop, bridge, file, uploadId, target).then(
            (result) => finished(uploadId, file.size, result),
            (error: unknown) =>
              patch(uploadId, { phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
          );
        } else {
          sendOverHttp(file, uploadId, target, {
            sent: (change) =>
              update(scope, (list) =>
                list.map((i) => (i.uploadId === uploadId && i.phase === 'sending' ? { ...i, ...change } : i)),
              ),
            failed: (message) => patch(uploadId, { phase: 'failed', message }),
            done: (result) => finished(uploadId, file.size, result),
          });
        }
      }
    },
    [bridge, patch, queryClient, scope],
  );

  const clearFinished = useCallback(
    () => update(scope, (list) => list.filter((i) => i.phase !== 'done' && i.phase !== 'failed')),
    [scope],
  );
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

/** The desktop window: grant the core this one file, then upload it by the grant. */
async function sendFromDisk(
  desktop: DesktopBridge,
  bridge: RendererBridge,
  file: File,
  uploadId: string,
  target: UploadTarget,
): Promise<UploadResult> {
  const grant = await desktop.grantFile(file);
  return bridge.call('files.upload', {
    connectionId: target.connectionId,
    grantId: grant.grantId,
    uploadId,
    filename: grant.filename,
    // The purpose select offers what the org's files carry; the core checks it against the contract's list.
    purpose: target.purpose as ParamsOf<'files.upload'>['purpose'],
    ...(target.vectorStoreId ? { vectorStoreId: target.vectorStoreId } : {}),
    ...(target.attributes && Object.keys(target.attributes).length > 0 ? { attributes: target.attributes } : {}),
    ...(target.chunking ? { chunking: target.chunking } : {}),
  });
}

/** Browser mode: one streamed multipart POST to /api/upload, with the browser-to-Ferry leg's progress. */
function sendOverHttp(
  file: File,
  uploadId: string,
  target: UploadTarget,
  on: {
    sent: (change: Partial<UploadItem>) => void;
    failed: (message: string) => void;
    done: (result: UploadResult) => void;
  },
): void {
  const form = new FormData();
  form.append('connectionId', target.connectionId);
  form.append('uploadId', uploadId);
  form.append('purpose', target.purpose);
  if (target.vectorStoreId) form.append('vectorStoreId', target.vectorStoreId);
  if (target.attributes && Object.keys(target.attributes).length > 0)
    form.append('attributes', JSON.stringify(target.attributes));
  if (target.chunking) form.append('chunking', JSON.stringify(target.chunking));
  form.append('file', file, file.name);
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/upload');
  // The core's events for the next leg may overtake the last XHR progress; `sent` never steps back to 'sending'.
  xhr.upload.onprogress = (e) => on.sent({ bytesSent: e.loaded });
  xhr.upload.onload = () => on.sent({ phase: 'uploading', bytesSent: 0 });
  xhr.onerror = () => on.failed('Ferry is not answering; check that `ferry web` is still running.');
  xhr.onload = () => {
    const outcome = parseOutcome(xhr.responseText);
    if (xhr.status === 401) on.failed('This tab is not signed in to Ferry; open the URL `ferry web` printed.');
    else if (!outcome) on.failed(`Ferry refused the upload (HTTP ${xhr.status}).`);
    else if (!outcome.ok) on.failed(outcome.error.message);
    else on.done(outcome.result);
  };
  xhr.send(form);
}
