import { describeDownload, openDownload } from './manage/download.ts';
import { MAX_UPLOAD_BYTES, newStagedId, stagedPath } from './manage/staging.ts';
import type { CoreServices } from './services.ts';

/**
 * Moving bytes between a shell's transport and the core, for browser mode's upload and download routes:
 * what does not fit a JSON contract call (a 512 MB body, a streamed download). The desktop window has its
 * own, path-granting counterpart (desktop-access.ts). With these, a shell needs nothing of the core but
 * dispatch, subscribe and this; it never learns the staging layout or holds a gateway.
 */
export interface Transfers {
  /** The most bytes one upload may carry: the API's limit, refused before any byte is staged. */
  readonly maxUploadBytes: number;
  /** A fresh place to stream an upload's bytes to, and the id `files.upload` takes for them. */
  stageUpload(): { stagedId: string; path: string };
  /** The file's name and size, or why it cannot be downloaded (asked before a browser saves anything). */
  describeDownload(
    connectionId: string,
    fileId: string,
    signal?: AbortSignal,
  ): Promise<{ filename: string; bytes: number }>;
  /** The file's bytes as a stream, with its name and size; refused like `describeDownload`. */
  openDownload(
    connectionId: string,
    fileId: string,
    signal?: AbortSignal,
  ): Promise<{ filename: string; bytes: number; stream: ReadableStream<Uint8Array> }>;
}

export function transfers({ gateways, stateDir }: Pick<CoreServices, 'gateways' | 'stateDir'>): Transfers {
  return {
    maxUploadBytes: MAX_UPLOAD_BYTES,
    stageUpload() {
      const stagedId = newStagedId();
      return { stagedId, path: stagedPath(stateDir, stagedId) };
    },
    describeDownload: async (connectionId, fileId, signal) =>
      describeDownload(await gateways.get(connectionId), fileId, signal),
    openDownload: async (connectionId, fileId, signal) =>
      openDownload(await gateways.get(connectionId), fileId, signal),
  };
}
