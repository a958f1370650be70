/**
 * Why a vector-store file failed to ingest, in words, and whether attaching it again can help. One home for
 * the window's store file list, the CLI and the clone's per-file reports: the server's `last_error.code`
 * says whether the failure was the server's (worth another try) or the file's (it will fail again, the same
 * way, however often it is retried).
 */
interface IngestErrorWords {
  /** What happened, as the start of a sentence. */
  words: string;
  /** False when the same bytes will fail the same way: no Retry is offered. */
  retryable: boolean;
  /** For a failure retrying cannot fix: what to do instead. */
  instead?: string;
}

const INGEST_ERRORS: Record<string, IngestErrorWords> = {
  unsupported_file: {
    words: 'This file type cannot be searched',
    retryable: false,
    instead:
      'Retrying cannot help: file search reads text formats (such as .md, .txt, .pdf, .docx or .json). Upload the content in one of those instead.',
  },
  invalid_file: {
    words: 'The file could not be read',
    retryable: false,
    instead: 'Retrying cannot help: the file is empty or unreadable. Upload a readable copy instead.',
  },
  server_error: { words: 'The server failed while indexing it', retryable: true },
  rate_limit_exceeded: { words: 'The server was too busy to index it', retryable: true },
};

export interface IngestError {
  code: string;
  message: string;
}

/**
 * Whether attaching the file again can help: a cancelled ingestion, a failure of the server's, or one the
 * server gave no reason for (nothing says it would fail again) — not a refusal of the file itself.
 */
export function ingestRetryHelps(status: string, error: IngestError | null | undefined): boolean {
  if (status === 'cancelled') return true;
  if (status !== 'failed') return false;
  return error ? (INGEST_ERRORS[error.code]?.retryable ?? true) : true;
}

/**
 * Why a store file did not ingest, as a sentence: what happened in words, the server's own message, and
 * what to do when retrying cannot help. Null for a file that did not fail (nor was cancelled).
 */
export function ingestFailureInWords(status: string, error: IngestError | null | undefined): string | null {
  if (!error) {
    if (status === 'cancelled') return 'Ingestion was cancelled before it finished.';
    return status === 'failed' ? 'Ingestion failed; the server gave no reason.' : null;
  }
  const known = INGEST_ERRORS[error.code];
  if (!known) return error.message;
  return `${known.words}: ${error.message}${known.instead ? ` ${known.instead}` : ''}`;
}
