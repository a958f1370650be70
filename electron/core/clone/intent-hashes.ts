import type { JournalRecord } from '../jobs/journal.ts';

/**
 * A file upload's intent record, with the sha256 of the bytes Ferry is about to send. The journal keeps
 * records as written, so the hash is there for whoever reads the journal; the fold of the journal does not
 * need it, and {@link intentHashes} reads it back.
 */
export type IntentRecord = Extract<JournalRecord, { t: 'intent' }> & { sha256?: string };

/** The sha256 of the bytes sent for each key, from a journal's intent records (the last one wins). */
export function intentHashes(records: JournalRecord[]): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const record of records as Array<JournalRecord & { sha256?: unknown }>) {
    if (record.t === 'intent' && typeof record.sha256 === 'string') hashes.set(record.key, record.sha256);
  }
  return hashes;
}
