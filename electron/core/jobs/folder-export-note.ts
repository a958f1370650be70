import type { ClonePlan } from '../../../shared/clone.ts';
import type { IdMap } from '../clone/id-map.ts';
import type { FolderTarget, OrgGateway } from '../openai/org-gateway.ts';
import { systemProbe } from './process-probe.ts';

/**
 * After a clone into a folder: tells the bundle what only the plan and the id map know (the source org,
 * the reconstructed files), so its manifest labels every byte honestly.
 */
export function noteFolderExport(folder: FolderTarget, plan: ClonePlan, source: OrgGateway, idMap: IdMap): void {
  const lossy: string[] = [];
  for (const file of plan.files) {
    const entry = idMap.get(file.sourceId);
    if (entry?.lossy) lossy.push(entry.destinationId);
  }
  // Files with no bytes are recorded as the job copies them (FolderTarget.recordMissing), not here.
  folder.noteExport(
    {
      source: { name: source.name, ...(source.organization ? { organization: source.organization } : {}) },
      lossy,
    },
    (pid) => systemProbe.alive(pid),
  );
}
