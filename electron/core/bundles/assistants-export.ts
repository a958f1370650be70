import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { ASSISTANT_KEYS, BUNDLE_ID } from './bundle-format.ts';
import type { BundleState } from './bundle-state.ts';
import { FerryError } from '../errors.ts';

const ExportedAssistant = z.looseObject({
  id: z.string().regex(BUNDLE_ID, { error: 'id must be an assistant id such as "asst_…".' }),
  model: z.string().min(1),
});
const ExportList = z.union([z.object({ object: z.literal('list'), data: z.array(z.unknown()) }), z.array(z.unknown())]);

/**
 * Assistants someone saved as the API returned them (a list response `{"object":"list","data":[…]}` or a
 * plain array, as the seed guide's script or a dashboard export writes), as a read-only bundle that holds
 * assistants only: what was saved before the sunset can be carried into an org that serves them.
 */
export function readAssistantsExport(path: string, now: () => Date): BundleState {
  const name = basename(path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw exportError(name, `is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const list = ExportList.safeParse(raw);
  if (!list.success) {
    throw exportError(name, 'is neither a list response ({"object":"list","data":[…]}) nor an array of assistants.');
  }
  const items = Array.isArray(list.data) ? list.data : list.data.data;
  const state: BundleState = {
    createdAt: now().toISOString(),
    assistants: new Map(),
    stores: new Map(),
    files: new Map(),
  };
  items.forEach((item, index) => {
    const parsed = ExportedAssistant.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw exportError(
        name,
        `has an entry ${index} that is not an assistant: ${issue?.path.join('.') || 'it'}: ${issue?.message}.`,
      );
    }
    if (state.assistants.has(parsed.data.id)) throw exportError(name, `repeats the assistant ${parsed.data.id}.`);
    const body = Object.fromEntries(
      Object.entries(parsed.data).filter(([key]) => (ASSISTANT_KEYS as readonly string[]).includes(key)),
    );
    // Its files and stores are not in the export: an import cannot point at what it does not have.
    body.tool_resources = {};
    state.assistants.set(parsed.data.id, { id: parsed.data.id, body, path: `${name}#${index}` });
  });
  return state;
}

function exportError(name: string, problem: string): FerryError {
  return new FerryError('bad_input', `The assistants export ${name} ${problem}`, { field: 'folder' });
}
