import type { ClonePlan } from '../../../shared/clone.ts';
import type { IdMap } from '../clone/id-map.ts';
import type { FolderTarget, OrgGateway } from '../openai/org-gateway.ts';

/**
 * After a clone into a folder: tells the bundle what only the plan and the id map know (the source org,
 * the reconstructed files, the files with no bytes), so its manifest labels every byte honestly.
 */
export function noteFolderExport(folder: FolderTarget, plan: ClonePlan, source: OrgGateway, idMap: IdMap): void {
  const lossy: string[] = [];
  const missing: Parameters<FolderTarget['noteExport']>[0]['missing'] = [];
  for (const file of plan.files) {
    const entry = idMap.get(file.sourceId);
    if (entry?.lossy) lossy.push(entry.destinationId);
    else if (file.action === 'skip' && file.byteSource === 'none') {
      missing.push({ source_id: file.sourceId, filename: file.filename, bytes: file.bytes, purpose: file.purpose });
    }
  }
  folder.noteExport({
    source: { name: source.name, ...(source.organization ? { organization: source.organization } : {}) },
    lossy,
    missing,
  });
}
