import type { VerifyReport } from '../../../shared/jobs.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { VectorStoreFile } from '../openai/vector-stores-api.ts';
import { Journal, type JournalRecord } from '../storage/journal.ts';
import type { ExecutionContext } from './execution-context.ts';
import { sentHashes } from './intent-hashes.ts';
import { ParsedDigests, type KnownDigests } from './parsed-digests.ts';
import { newRecheck } from './recheck-state.ts';
import { Claims } from './claims.ts';
import { verifyClone } from './verify.ts';

/**
 * The parts of a run's context that only the clone engine reads: the run's claims, what the re-check of
 * the plan finds, and what the closing verify reuses. One call, so the job manager need not know them.
 */
export function newRunState(options: {
  destination: OrgGateway;
  signal: AbortSignal;
  jobId: string;
  jobsDir: string;
  /** Parsed-text digests earlier runs read (kept in the state folder). */
  known?: KnownDigests | undefined;
}) {
  return {
    claims: new Claims(),
    digests: new ParsedDigests(options.known),
    answered: new Map<string, string>(),
    storeListings: new Map<string, VectorStoreFile[]>(),
    sourceStoreListings: new Map<string, Promise<VectorStoreFile[] | undefined>>(),
    recheck: newRecheck(options),
    jobId: options.jobId,
    jobsDir: options.jobsDir,
  };
}

/** The verify at the end of a run: every promised object, with what the run learned while it ran. */
export function verifyRun(ctx: ExecutionContext): Promise<VerifyReport> {
  const resolved = ctx.board.entries();
  const records = Journal.read(ctx.journal.path);
  const hashes = sentHashes(ctx.plan, records, ctx.idMap, resolved);
  return verifyClone(ctx.plan, resolved, ctx.source, ctx.destination, {
    signal: ctx.signal,
    sentHashes: hashes,
    digests: ctx.digests,
    answered: ctx.answered,
    storeListings: ctx.storeListings,
    sourceStoreListings: ctx.sourceStoreListings,
    // What the plan listed stands for the verify if this run wrote nothing that changes it. A plan with
    // nothing to write lets its run at most attach files to reused stores, whose files the verify takes
    // from the listings made after (storeListings); the journal is asked all the same.
    listed: ctx.planListings && !wroteInLastRun(records) ? ctx.planListings : undefined,
  });
}

/** Whether the journal's last run asked for a create, an update or a batch (every write is journalled first). */
function wroteInLastRun(records: JournalRecord[]): boolean {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const { t } = records[i]!;
    if (t === 'begin') return false;
    if (t === 'intent' || t === 'created' || t === 'updated' || t === 'batch') return true;
  }
  return false;
}

/**
 * Lists each planned source store's files for the closing verify, while the destination ingests: at
 * 10,000 files in one store that is 50 rounds of pages, which after the job were the verify's critical
 * path. Not when the run has the plan's listing of them (a no-op re-run).
 */
export function prefetchSourceStoreFiles(ctx: ExecutionContext): void {
  if (ctx.planListings) return;
  for (const store of ctx.plan.vectorStores) {
    if ((store.action !== 'create' && store.action !== 'reuse') || ctx.sourceStoreListings.has(store.sourceId))
      continue;
    ctx.sourceStoreListings.set(
      store.sourceId,
      ctx.source.vectorStores.listFiles(store.sourceId, ctx.signal).catch(() => undefined),
    );
  }
}
