import { randomUUID } from 'node:crypto';
import type {
  ClonePlan,
  CloneRequestParsed,
  FieldDiff,
  PlanAssistant,
  PlanFile,
  PlanVectorStore,
} from '../../../shared/clone.ts';
import { FerryError } from '../errors.ts';
import type { Assistant } from '../openai/assistants-api.ts';
import { assistantBody, diffAssistant, diffLinks } from './assistant-fields.ts';
import { failedIngestion, plannedChunking } from './chunking.ts';
import { uploadPurposeNote } from './upload-purpose.ts';
import { readDestination, type DestinationSnapshot } from './destination-snapshot.ts';
import { fileKey, storeKey, assistantKey, type PlanContext } from './plan-context.ts';
import { planAgents } from './plan-agents.ts';
import { findClone, indexClones } from './plan-clones.ts';
import { MARKER_DROPPED_WARNING, withMarker } from './marker.ts';
import { readSource, type SourceSnapshot } from './source-snapshot.ts';
import { CloneStoreFiles, keepListings } from './planner-listings.ts';
import { planHasWork } from '../../../shared/plan-outcome.ts';

export { assistantKey, fileKey, storeKey, type PlanContext } from './plan-context.ts';

/**
 * Works out what a clone would do, reading both sides and writing nothing: which objects are created,
 * updated, reused or skipped, where every file's bytes come from, which models are missing, and how each
 * existing clone differs.
 */
export async function planClone(
  request: CloneRequestParsed,
  given: Omit<PlanContext, 'folder'> & {
    /** The folder of originals, or its scan under way: it goes on while both sides are listed. */
    folder: PlanContext['folder'] | Promise<NonNullable<PlanContext['folder']>>;
  },
): Promise<ClonePlan> {
  const { source, destination } = given;
  // Awaited with the listings below; a refusal before them must not leave the scan's failure unhandled.
  void Promise.resolve(given.folder).catch(() => {});
  if (source.connectionId === destination.connectionId) {
    throw new FerryError(
      'bad_input',
      'The source and the destination are the same connection. Pick another destination.',
      { field: 'to' },
    );
  }
  destination.assertWritable('Cloning');
  const wantsAssistants = request.all || request.assistants.length > 0;
  const wantsAgents = request.all || request.agents.length > 0;
  // What each side serves is asked once per plan (fresh: a server can stop serving an API), alongside the
  // listings rather than after them, and handed to the agents' plan: one round trip, not three.
  const listedAt = Date.now();
  const cloneStoreFiles = new CloneStoreFiles(given);
  const [src, dst, served, folder] = await Promise.all([
    readSource(source, request, given.signal, cloneStoreFiles.sourceListed),
    readDestination(
      destination,
      { needAssistants: wantsAssistants, needFiles: true, onStores: cloneStoreFiles.destinationListed },
      given.signal,
    ),
    Promise.all([
      wantsAgents ? source.capabilities.get({ fresh: true, signal: given.signal }) : undefined,
      destination.capabilities.get({ fresh: true, signal: given.signal }),
    ]).then(([sourceServes, destinationServes]) => ({ source: sourceServes, destination: destinationServes })),
    given.folder,
  ]);
  const ctx: PlanContext = { ...given, folder };
  const warnings: string[] = [];
  const blockers: string[] = [];
  if (!src.assistantsServed && request.all)
    warnings.push(`"${source.name}" no longer serves the Assistants API: only its vector stores and files are cloned.`);
  // An org that no longer serves assistants takes each one as an agent (where it serves agents) and a
  // Responses request, with its stores and files recreated as for any clone: see plan-agents.ts.
  const carrying = src.assistants.length > 0 && !dst.assistantsServed;
  if (carrying && !served.destination.agents) {
    warnings.push(
      `"${destination.name}" serves neither assistants nor agents: each assistant's vector stores and files are recreated, and a Responses request reproduces it; no assistant or agent is made.`,
    );
  }

  for (const [from, to] of Object.entries(request.modelMap)) {
    if (!dst.anyModel && !dst.models.includes(to)) {
      throw new FerryError(
        'bad_input',
        `"${destination.name}" has no model "${to}" (from the model map ${from}=${to}). Pick one it has: ${[...dst.models].sort().join(', ')}.`,
        { field: 'modelMap' },
      );
    }
  }
  const files = planFiles(src, dst, ctx, warnings);
  const vectorStores = planStores(src, dst, ctx, files, warnings);
  const assistants = carrying ? [] : planAssistants(src, dst, request, ctx, files, vectorStores, warnings, blockers);
  linkUsage(files, vectorStores, assistants);
  const agents = await planAgents({
    request,
    ctx,
    carried: carrying ? src.assistants : [],
    served,
    dst,
    files,
    stores: vectorStores,
    warnings,
    blockers,
  });

  const count = <T extends { action: string }>(items: T[], action: string) =>
    items.filter((item) => item.action === action).length;
  const plan: ClonePlan = {
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    source: { id: source.connectionId, name: source.name },
    destination: { id: destination.connectionId, name: destination.name },
    request: {
      onConflict: request.onConflict,
      modelMap: request.modelMap,
      ...(request.filesDir ? { filesDir: request.filesDir } : {}),
    },
    assistants,
    vectorStores,
    files,
    agents,
    destinationModels: [...dst.models].sort(),
    totals: {
      assistants: {
        create: count(assistants, 'create'),
        update: count(assistants, 'update'),
        skip: count(assistants, 'skip'),
        blocked: count(assistants, 'blocked'),
      },
      vectorStores: {
        create: count(vectorStores, 'create'),
        reuse: count(vectorStores, 'reuse'),
        skip: count(vectorStores, 'skip'),
      },
      files: {
        create: count(files, 'create'),
        reuse: count(files, 'reuse'),
        skip: count(files, 'skip'),
        lossy: files.filter((f) => f.action === 'create' && f.lossy).length,
        recorded: files.filter((f) => f.action === 'create' && f.byteSource === 'none').length,
      },
      bytes: files.filter((f) => f.action === 'create' && f.byteSource !== 'none').reduce((sum, f) => sum + f.bytes, 0),
      agents: {
        create: count(agents, 'create'),
        update: count(agents, 'update'),
        skip: count(agents, 'skip'),
        blocked: count(agents, 'blocked'),
      },
    },
    warnings,
    blockers,
  };
  // A plan with nothing to write keeps what it listed for its apply's verify (planner-listings.ts).
  if (planHasWork(plan)) return plan;
  const reused = vectorStores.flatMap((store) =>
    store.action === 'reuse' && store.destinationId ? [store.destinationId] : [],
  );
  keepListings(plan, {
    listedAt,
    source: { assistants: src.assistants, vectorStores: src.vectorStores, storeFiles: src.storeFiles },
    destination: {
      assistants: dst.assistants,
      vectorStores: dst.vectorStores,
      files: dst.files,
      storeFiles: await cloneStoreFiles.of(reused),
    },
  });
  return plan;
}

function planFiles(src: SourceSnapshot, dst: DestinationSnapshot, ctx: PlanContext, warnings: string[]): PlanFile[] {
  const planned: PlanFile[] = [];
  const wanted = new Set<string>();
  // A file that failed ingestion is left out of its store, so it is copied only if something else uses it.
  for (const list of src.storeFiles.values()) for (const f of list) if (!failedIngestion(f)) wanted.add(f.id);
  for (const a of src.assistants) for (const id of a.tool_resources?.code_interpreter?.file_ids ?? []) wanted.add(id);
  for (const id of wanted) {
    const file = src.files.get(id);
    const base = { key: fileKey(id), sourceId: id, usedBy: [] as string[] };
    if (!file) {
      planned.push({
        ...base,
        filename: id,
        bytes: 0,
        purpose: 'unknown',
        action: 'skip',
        byteSource: 'none',
        lossy: false,
        reason: 'The source file no longer exists (it was deleted while still referenced).',
      });
      continue;
    }
    const info = { ...base, filename: file.filename, bytes: file.bytes, purpose: file.purpose };
    const mapped = ctx.idMap.get(id);
    if (mapped && dst.files.has(mapped.destinationId)) {
      planned.push({
        ...info,
        action: 'reuse',
        byteSource: 'none',
        destinationId: mapped.destinationId,
        lossy: mapped.lossy === true,
        reason: 'Cloned earlier; the copy is reused.',
      });
      continue;
    }
    if (!ctx.source.files.downloads.refuses(file.purpose, id)) {
      planned.push({
        ...info,
        action: 'create',
        byteSource: 'download',
        lossy: false,
        ...uploadPurposeNote(file.purpose),
      });
      continue;
    }
    const local = ctx.folder?.find(file.filename, file.bytes);
    if (local) {
      planned.push({
        ...info,
        action: 'create',
        byteSource: 'local',
        localPath: local,
        lossy: false,
        // A bundle's file without bytes has no sha256 either: say what the original was matched by.
        ...(ctx.source.folder
          ? {
              reason: `The bundle holds no bytes (nor a sha256) for it: the original in ${ctx.folder?.root} is matched by name and size.`,
            }
          : {}),
      });
      continue;
    }
    const cached = ctx.cache.lookup(id, file.bytes);
    if (cached) {
      planned.push({ ...info, action: 'create', byteSource: 'cache', lossy: cached.entry.lossy === true });
      continue;
    }
    const store = src.parsedTextIn.get(id);
    if (store) {
      planned.push({
        ...info,
        action: 'create',
        byteSource: 'reconstruct',
        reconstructFrom: store,
        lossy: true,
        reason: `Files of purpose "${file.purpose}" cannot be downloaded; rebuilt from the parsed text in vector store ${store} (lossy: formatting and non-text content are lost).`,
      });
      continue;
    }
    const noCopy = `no copy was found${ctx.folder ? ` in ${ctx.folder.root}` : ''}`;
    if (ctx.destination.folder) {
      // A folder keeps what it is told: the file by name, size and purpose, so its users keep the reference.
      planned.push({
        ...info,
        action: 'create',
        byteSource: 'none',
        lossy: false,
        reason: `Files of purpose "${file.purpose}" cannot be downloaded, and ${noCopy}: the bundle records it by name, size and purpose, so an import can take the original from a folder of originals.`,
      });
      continue;
    }
    planned.push({
      ...info,
      action: 'skip',
      byteSource: 'none',
      lossy: false,
      reason: `${ctx.source.folder ? 'The bundle holds no bytes for it (Ferry could not obtain them when it exported)' : `Files of purpose "${file.purpose}" cannot be downloaded`}, and ${noCopy}. Point Ferry at a folder holding "${file.filename}" (${file.bytes} bytes) to include it.`,
    });
  }
  const lossy = planned.filter((f) => f.action === 'create' && f.lossy).length;
  if (lossy > 0)
    warnings.push(
      `${files(lossy)} will be reconstructed from parsed text: their clones hold the text only, not the original bytes.`,
    );
  const recorded = planned.filter((f) => f.action === 'create' && f.byteSource === 'none').length;
  if (recorded > 0)
    warnings.push(
      `${files(recorded)} ${recorded === 1 ? 'has' : 'have'} no bytes Ferry can obtain: the bundle records ${recorded === 1 ? 'it' : 'each'} by name, size and purpose, for a folder of originals later.`,
    );
  const skipped = planned.filter((f) => f.action === 'skip').length;
  if (skipped > 0)
    warnings.push(`${files(skipped)} ${skipped === 1 ? 'has' : 'have'} no source of bytes and will be left out.`);
  return planned;
}

function planStores(
  src: SourceSnapshot,
  dst: DestinationSnapshot,
  ctx: PlanContext,
  files: PlanFile[],
  warnings: string[],
): PlanVectorStore[] {
  const fileByKey = new Map(files.map((f) => [f.key, f]));
  const clones = indexClones(dst.vectorStores);
  return src.vectorStores.map((store) => {
    const { metadata, markerAdded } = withMarker(store.metadata as Record<string, string> | null, store.id);
    if (!markerAdded) warnings.push(MARKER_DROPPED_WARNING(`Vector store "${store.name}"`));
    const notes: string[] = [];
    const storeFiles = (src.storeFiles.get(store.id) ?? []).filter((f) => {
      if (failedIngestion(f)) {
        warnings.push(
          `"${src.files.get(f.id)?.filename ?? f.id}" failed ingestion in "${store.name}" (${f.last_error?.message ?? f.status}); it is left out of the clone.`,
        );
        notes.push(`"${src.files.get(f.id)?.filename ?? f.id}" will be left out: it failed ingestion in the source.`);
        return false;
      }
      const planned = fileByKey.get(fileKey(f.id));
      if (planned?.action === 'skip') notes.push(`"${planned.filename}" will be left out: it has no source of bytes.`);
      return planned?.action !== 'skip';
    });
    const existing = findClone(store.id, clones, ctx);
    return {
      key: storeKey(store.id),
      sourceId: store.id,
      name: store.name,
      action: existing ? ('reuse' as const) : ('create' as const),
      ...(existing ? { destinationId: existing.id, reason: 'Cloned earlier; the clone is reused.' } : {}),
      metadata,
      markerAdded,
      expiresAfter: store.expires_after ?? null,
      files: storeFiles.map((f) => ({
        fileKey: fileKey(f.id),
        attributes: f.attributes ?? null,
        ...plannedChunking(f.chunking_strategy),
      })),
      usedBy: [],
      ...(notes.length > 0 ? { notes } : {}),
    };
  });
}

function planAssistants(
  src: SourceSnapshot,
  dst: DestinationSnapshot,
  request: CloneRequestParsed,
  ctx: PlanContext,
  files: PlanFile[],
  stores: PlanVectorStore[],
  warnings: string[],
  blockers: string[],
): PlanAssistant[] {
  const fileByKey = new Map(files.map((f) => [f.key, f]));
  const storeByKey = new Map(stores.map((s) => [s.key, s]));
  const clones = indexClones(dst.assistants);
  return src.assistants.map((assistant) => {
    const sourceModel = assistant.model;
    const targetModel = request.modelMap[sourceModel] ?? sourceModel;
    const available = dst.anyModel || dst.models.includes(targetModel);
    const { body, markerAdded } = assistantBody(assistant, targetModel);
    if (!markerAdded) warnings.push(MARKER_DROPPED_WARNING(`Assistant "${assistant.name ?? assistant.id}"`));
    const codeInterpreterFileKeys = (assistant.tool_resources?.code_interpreter?.file_ids ?? [])
      .map(fileKey)
      .filter((key) => fileByKey.get(key)?.action !== 'skip');
    const fileSearchVectorStoreKeys = (assistant.tool_resources?.file_search?.vector_store_ids ?? [])
      .map(storeKey)
      .filter((key) => storeByKey.has(key));
    const existing = findClone(assistant.id, clones, ctx);
    const notes = leftOut(assistant, fileByKey, codeInterpreterFileKeys, fileSearchVectorStoreKeys);
    const base = {
      key: assistantKey(assistant.id),
      sourceId: assistant.id,
      name: assistant.name ?? '(unnamed)',
      model: { source: sourceModel, destination: targetModel, available },
      markerAdded,
      body,
      codeInterpreterFileKeys,
      fileSearchVectorStoreKeys,
      ...(notes.length > 0 ? { notes } : {}),
    };
    if (!dst.assistantsServed)
      return {
        ...base,
        action: 'blocked' as const,
        diff: [],
        reason: 'The destination does not serve the Assistants API.',
      };
    if (!available) {
      const reason = `"${destination(ctx)}" has no model "${targetModel}". Map it to a model it has.`;
      blockers.push(`Assistant "${base.name}": ${reason}`);
      return {
        ...base,
        action: 'blocked' as const,
        diff: [],
        reason,
        ...(existing ? { destinationId: existing.id } : {}),
      };
    }
    if (!existing || request.onConflict === 'new') return { ...base, action: 'create' as const, diff: [] };
    const reused = (item: { action: string; destinationId?: string | undefined } | undefined) =>
      item?.action === 'reuse' ? item.destinationId : undefined;
    const links = diffLinks(existing, {
      codeInterpreter: codeInterpreterFileKeys.map((k) => reused(fileByKey.get(k))),
      fileSearch: fileSearchVectorStoreKeys.map((k) => reused(storeByKey.get(k))),
    });
    const diff: FieldDiff[] = [...diffAssistant(body, existing), ...links];
    // Field for field and link for link the same: up to date, and nothing is written to it.
    if (diff.length === 0)
      return {
        ...base,
        action: 'skip' as const,
        destinationId: existing.id,
        diff,
        upToDate: true,
        reason: 'Up to date: the clone matches its source.',
      };
    if (request.onConflict === 'skip')
      return {
        ...base,
        action: 'skip' as const,
        destinationId: existing.id,
        diff,
        reason: 'A clone exists already and is left as it is (you chose not to update clones).',
      };
    return {
      ...base,
      action: 'update' as const,
      destinationId: existing.id,
      diff,
      reason:
        diff.length === links.length
          ? 'A clone exists already and matches; only its resources are re-linked.'
          : 'A clone exists already; it is updated in place.',
    };
  });
}

/** What an assistant's clone will lack: code-interpreter files without bytes, file-search stores not cloned. */
function leftOut(
  assistant: Assistant,
  fileByKey: Map<string, PlanFile>,
  keptFiles: string[],
  keptStores: string[],
): string[] {
  const notes: string[] = [];
  for (const id of assistant.tool_resources?.code_interpreter?.file_ids ?? []) {
    if (keptFiles.includes(fileKey(id))) continue;
    const file = fileByKey.get(fileKey(id));
    notes.push(
      `Code-interpreter file "${file?.filename ?? id}" will be left out: ${file?.reason ?? 'it is not in the plan.'}`,
    );
  }
  for (const id of assistant.tool_resources?.file_search?.vector_store_ids ?? []) {
    if (!keptStores.includes(storeKey(id)))
      notes.push(`File-search vector store ${id} will be left out: it is not in the plan.`);
  }
  return notes;
}

const files = (n: number) => `${n} ${n === 1 ? 'file' : 'files'}`;

function destination(ctx: PlanContext): string {
  return ctx.destination.name;
}

function linkUsage(files: PlanFile[], stores: PlanVectorStore[], assistants: PlanAssistant[]): void {
  const fileByKey = new Map(files.map((f) => [f.key, f]));
  const storeByKey = new Map(stores.map((s) => [s.key, s]));
  for (const store of stores) for (const f of store.files) fileByKey.get(f.fileKey)?.usedBy.push(store.key);
  for (const a of assistants) {
    for (const key of a.codeInterpreterFileKeys) fileByKey.get(key)?.usedBy.push(a.key);
    for (const key of a.fileSearchVectorStoreKeys) storeByKey.get(key)?.usedBy.push(a.key);
  }
}
