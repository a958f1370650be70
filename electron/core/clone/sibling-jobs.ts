import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { foldJournal, Journal, type JournalState } from '../storage/journal.ts';
import { intentHashes } from './intent-hashes.ts';

/** Another job between the same two connections, as its journal tells it. */
export interface SiblingJob {
  jobId: string;
  state: JournalState;
  /** When its journal last changed (ms since the epoch). */
  changedAt: number;
  /** The sha256 of the bytes its file uploads sent, by plan key. */
  hashes: Map<string, string>;
}

/**
 * The other jobs that cloned from the same source into the same destination. A new clone after an
 * interrupted or failed one (instead of a resume) finds their objects here: what they recorded as created,
 * and the creates they asked for but never saw answered. A job whose files cannot be read is passed over:
 * its objects are then found by markers and the id map only.
 */
export function siblingJobs(jobsDir: string, self: string, sourceId: string, destinationId: string): SiblingJob[] {
  if (!existsSync(jobsDir)) return [];
  const siblings: SiblingJob[] = [];
  for (const jobId of readdirSync(jobsDir)) {
    if (jobId === self || !jobId.startsWith('job-')) continue;
    const dir = join(jobsDir, jobId);
    try {
      const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as {
        source?: { id?: string };
        destination?: { id?: string };
      };
      if (plan.source?.id !== sourceId || plan.destination?.id !== destinationId) continue;
      const path = join(dir, 'journal.jsonl');
      if (!existsSync(path)) continue;
      const records = Journal.read(path);
      siblings.push({
        jobId,
        state: foldJournal(records),
        changedAt: statSync(path).mtimeMs,
        hashes: intentHashes(records),
      });
    } catch {
      continue;
    }
  }
  return siblings;
}
