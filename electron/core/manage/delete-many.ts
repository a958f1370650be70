import type { ResultOf } from '../../../shared/api.ts';
import { describeFailure } from '../errors.ts';
import { inPool } from '../pool.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';

/**
 * Deletes of one bulk delete handed to the org's scheduler at once. The scheduler paces them by the
 * rate-limit headers and retries transient failures; this cap, well under its 96 slots, keeps a delete of
 * thousands from queueing every request ahead of the panes' reads on the same connection.
 */
const PARALLEL_DELETES = 32;

export interface DeleteEachReport {
  /** Deleted or already gone, in the order asked. */
  deleted: string[];
  /** What could not be deleted, in the order asked, each with the reason in words. */
  failed: { id: string; message: string }[];
}

/**
 * Deletes objects of one kind one request each, a few at a time, and reports every failure with its reason
 * instead of stopping at the first: a bulk delete that half succeeds has to say exactly what is left. A
 * read-only connection is refused before any request. `remove` is a gateway delete, for which an object
 * already gone (404) is done, so it counts as deleted. Repeated ids are deleted once.
 */
export async function deleteEach(
  org: OrgGateway,
  kind: { one: string; many: string },
  ids: readonly string[],
  remove: (id: string) => Promise<unknown>,
): Promise<DeleteEachReport> {
  const unique = [...new Set(ids)];
  const { done, failed } = await actOnEach(
    org,
    `Deleting ${unique.length} ${unique.length === 1 ? kind.one : kind.many}`,
    unique,
    remove,
  );
  return { deleted: done, failed };
}

/**
 * Does one write per id, a few at a time, and reports every failure with its reason instead of stopping at
 * the first (a bulk delete or edit that half succeeds has to say exactly what is left). A read-only
 * connection is refused before any request. Repeated ids are acted on once.
 */
export async function actOnEach(
  org: OrgGateway,
  doing: string,
  ids: readonly string[],
  act: (id: string) => Promise<unknown>,
): Promise<{ done: string[]; failed: { id: string; message: string }[] }> {
  const unique = [...new Set(ids)];
  org.assertWritable(doing);
  const failures = new Map<string, string>();
  await inPool(unique, PARALLEL_DELETES, async (id) => {
    try {
      await act(id);
    } catch (error) {
      failures.set(id, describeFailure(error));
    }
  });
  return {
    done: unique.filter((id) => !failures.has(id)),
    failed: unique.flatMap((id) => {
      const message = failures.get(id);
      return message === undefined ? [] : [{ id, message }];
    }),
  };
}

/** Deletes org files (they leave every store that holds them); see {@link deleteEach}. */
export async function deleteFiles(org: OrgGateway, fileIds: readonly string[]): Promise<ResultOf<'files.deleteMany'>> {
  const report = await deleteEach(org, { one: 'file', many: 'files' }, fileIds, (id) => org.files.delete(id));
  return { deleted: report.deleted, failed: report.failed.map(({ id, message }) => ({ fileId: id, message })) };
}

/** Deletes vector stores (their files stay in the org); see {@link deleteEach}. */
export async function deleteVectorStores(
  org: OrgGateway,
  vectorStoreIds: readonly string[],
): Promise<ResultOf<'vectorStores.deleteMany'>> {
  const report = await deleteEach(org, { one: 'vector store', many: 'vector stores' }, vectorStoreIds, (id) =>
    org.vectorStores.delete(id),
  );
  return { deleted: report.deleted, failed: report.failed.map(({ id, message }) => ({ vectorStoreId: id, message })) };
}
