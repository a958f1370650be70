import type { Sandbox } from 'ferry-sandbox';

/**
 * A tenant's contents with ids taken out, so two clones (or a clone and its source) can be compared:
 * assistants by name with their cloned fields, stores by name with their files' names, attributes and
 * chunking, files by name and size. Markers are dropped too (they hold source ids).
 */
export function comparableTenant(sandbox: Sandbox, tenant: string) {
  const objects = sandbox.control.objects(tenant);
  const fileName = new Map(objects.files.map((f) => [f['id'] as string, f['filename'] as string]));
  const storeName = new Map(objects.vectorStores.map((s) => [s['id'] as string, s['name'] as string]));
  const strip = (metadata: unknown) =>
    Object.fromEntries(Object.entries((metadata ?? {}) as Record<string, string>).filter(([k]) => k !== 'cloned_from'));
  const byName = <T>(items: T[], name: (t: T) => string) => [...items].sort((a, b) => name(a).localeCompare(name(b)));
  return {
    assistants: byName(objects.assistants, (a) => String(a['name'])).map((a) => {
      const resources = (a['tool_resources'] ?? {}) as {
        code_interpreter?: { file_ids?: string[] };
        file_search?: { vector_store_ids?: string[] };
      };
      return {
        name: a['name'],
        model: a['model'],
        instructions: a['instructions'],
        tools: a['tools'],
        metadata: strip(a['metadata']),
        temperature: a['temperature'],
        top_p: a['top_p'],
        response_format: a['response_format'],
        codeInterpreterFiles: (resources.code_interpreter?.file_ids ?? []).map((id) => fileName.get(id)).sort(),
        fileSearchStores: (resources.file_search?.vector_store_ids ?? []).map((id) => storeName.get(id)).sort(),
      };
    }),
    vectorStores: byName(objects.vectorStores, (s) => String(s['name'])).map((s) => ({
      name: s['name'],
      metadata: strip(s['metadata']),
      files: byName(s.files, (f) => fileName.get(f['id'] as string) ?? '').map((f) => ({
        filename: fileName.get(f['id'] as string),
        status: f['status'],
        attributes: f['attributes'],
        chunking: f['chunking_strategy'],
      })),
    })),
    files: byName(objects.files, (f) => `${f['filename']}:${f['bytes']}`).map((f) => ({
      filename: f['filename'],
      bytes: f['bytes'],
      purpose: f['purpose'],
    })),
  };
}

/** Counts of objects per source id (by marker), to find duplicates. */
export function markerCounts(sandbox: Sandbox, tenant: string): Map<string, number> {
  const objects = sandbox.control.objects(tenant);
  const counts = new Map<string, number>();
  for (const item of [...objects.assistants, ...objects.vectorStores]) {
    const marker = ((item['metadata'] ?? {}) as Record<string, string>)['cloned_from'];
    if (marker) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  }
  return counts;
}
