import type { ClonePlan } from '../../../shared/clone.ts';
import type { JournalRecord } from '../storage/journal.ts';
import type { IdMap } from './id-map.ts';

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

/**
 * What verify compares a downloadable copy with, by plan key: the hash in this job's intent records, else
 * the one the id map keeps for a file an earlier job sent (a reused file).
 */
export function sentHashes(
  plan: ClonePlan,
  records: JournalRecord[],
  idMap: IdMap,
  resolved: Map<string, string>,
): Map<string, string> {
  const hashes = intentHashes(records);
  for (const file of plan.files) {
    if (hashes.has(file.key)) continue;
    const entry = idMap.get(file.sourceId);
    if (entry?.sha256 && entry.destinationId === resolved.get(file.key)) hashes.set(file.key, entry.sha256);
  }
  return hashes;
}
