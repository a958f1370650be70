import type { ParamsOf, ResultOf } from '../../../shared/api.ts';
import { API_LIMITS as L } from '../../../shared/api-limits.ts';
import { FerryError } from '../errors.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import { actOnEach, deleteEach } from './delete-many.ts';

/** Deletes assistants (their files and vector stores stay); see {@link deleteEach}. */
export async function deleteAssistants(
  org: OrgGateway,
  assistantIds: readonly string[],
): Promise<ResultOf<'assistants.deleteMany'>> {
  const report = await deleteEach(org, { one: 'assistant', many: 'assistants' }, assistantIds, (id) =>
    org.assistants.delete(id),
  );
  return { deleted: report.deleted, failed: report.failed.map(({ id, message }) => ({ assistantId: id, message })) };
}

type Change = ParamsOf<'assistants.updateMany'>['change'];

/**
 * One change across several assistants: set or remove a metadata key, or move them to another model.
 * The API replaces metadata whole, so each assistant's own pairs are read and sent back with the one
 * changed; a key that would make a 17th pair is refused for that assistant, named, before its write. A
 * model the org does not list is refused before any write: every assistant would fail on it at run time.
 */
export async function updateAssistants(
  org: OrgGateway,
  assistantIds: readonly string[],
  change: Change,
): Promise<ResultOf<'assistants.updateMany'>> {
  const n = new Set(assistantIds).size;
  org.assertWritable(`Changing ${n} ${n === 1 ? 'assistant' : 'assistants'}`);
  if (change.kind === 'model') {
    const models = (await org.models()).map((m) => m.id);
    if (!models.includes(change.model))
      throw new FerryError('bad_input', `This organization has no model “${change.model}”; pick one it lists.`, {
        field: 'model',
      });
  }
  const report = await actOnEach(org, 'Changing assistants', assistantIds, async (id) => {
    if (change.kind === 'model') return org.assistants.update(id, { model: change.model });
    const metadata = { ...((await org.assistants.retrieve(id)).metadata ?? {}) } as Record<string, string>;
    if (change.kind === 'removeMetadata') {
      if (!(change.key in metadata)) return undefined;
      delete metadata[change.key];
    } else {
      if (!(change.key in metadata) && Object.keys(metadata).length >= L.metadataPairs)
        throw new FerryError(
          'bad_input',
          `it already has ${L.metadataPairs} metadata pairs, the most the API allows; remove one first.`,
          { field: 'metadata' },
        );
      metadata[change.key] = change.value;
    }
    return org.assistants.update(id, { metadata });
  });
  return { updated: report.done, failed: report.failed.map(({ id, message }) => ({ assistantId: id, message })) };
}
