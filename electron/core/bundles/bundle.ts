import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeAll, writeFileAtomic } from '../storage/durable-file.ts';
import {
  ASSISTANT_KEYS,
  assistantPath,
  BUNDLE_FORMAT,
  BUNDLE_VERSION,
  bundleJson,
  filePath,
  MANIFEST_FILE,
  STORE_FILE,
  STORE_FILE_KEYS,
  STORE_KEYS,
  storeDir,
  BUNDLE_ID,
  type Manifest,
  type ManifestFile,
} from './bundle-format.ts';
import { dropPartial, partialDir, sweepLeftovers } from './bundle-leftovers.ts';
import { readBundle } from './bundle-reader.ts';
import type { BundleAssistant, BundleState, BundleStore, ByteRange, StoreFileEntry } from './bundle-state.ts';

export type { BundleAssistant, BundleStore, ByteRange, StoreFileEntry } from './bundle-state.ts';

/** What a clone into the bundle tells it (the shape of FolderTarget's note, in openai/org-gateway.ts). */
export interface BundleExportNote {
  source: { name: string; organization?: string };
  lossy: string[];
}

export type MissingEntry = NonNullable<Manifest['missing']>[number];

/** A file the bundle holds no bytes of, as the routes serve it: its manifest entry and its id. */
export interface MissingFile extends MissingEntry {
  id: string;
}

/** A no-bytes file's id, derived from its source's (never stored): the same source file, the same id. */
export function missingId(sourceId: string): string {
  return `file-${createHash('sha256').update(`missing\0${sourceId}`).digest('hex').slice(0, 24)}`;
}

/**
 * One bundle folder, held in memory and written through: every change rewrites the object's own file and
 * then the manifest, each atomically, so a crash leaves the bundle as it was before or after one change.
 * Ids are stable across exports: a clone's id is its source's (the `cloned_from` marker), a file's comes
 * from its name, purpose and bytes, so exporting an unchanged org again writes the same files.
 */
export class Bundle {
  readonly root: string;
  readonly #state: BundleState;
  readonly #now: () => Date;

  private constructor(root: string, state: BundleState, now: () => Date) {
    this.root = root;
    this.#state = state;
    this.#now = now;
  }

  /** Opens (and checks) the bundle in `root`; an empty or missing folder is a new, empty bundle. */
  static async open(root: string, now: () => Date = () => new Date()): Promise<Bundle> {
    const state = await readBundle(root, now);
    return new Bundle(root, state, now);
  }

  get source(): Manifest['source'] {
    return this.#state.source;
  }
  get createdAt(): string {
    return this.#state.createdAt;
  }
  assistants(): BundleAssistant[] {
    return [...this.#state.assistants.values()];
  }
  assistant(id: string): BundleAssistant | undefined {
    return this.#state.assistants.get(id);
  }
  stores(): BundleStore[] {
    return [...this.#state.stores.values()];
  }
  store(id: string): BundleStore | undefined {
    return this.#state.stores.get(id);
  }
  files(): ManifestFile[] {
    return [...this.#state.files.values()];
  }
  file(id: string): ManifestFile | undefined {
    return this.#state.files.get(id);
  }
  /** The files recorded by name, size and purpose only: Ferry could not obtain their bytes. */
  missingFiles(): MissingFile[] {
    return (this.#state.missing ?? []).map((m) => ({ ...m, id: missingId(m.source_id) }));
  }
  missingFile(id: string): MissingFile | undefined {
    return this.missingFiles().find((m) => m.id === id);
  }
  bytesOf(file: ManifestFile): Buffer {
    return readFileSync(join(this.root, file.path));
  }
  pathOf(file: ManifestFile): string {
    return join(this.root, file.path);
  }

  /**
   * Records what a clone into the bundle knows and the API cannot say: the source org (name and id only),
   * which files hold reconstructed text rather than their bytes, and which could not be obtained at all.
   */
  noteExport(note: BundleExportNote, alive: (pid: number) => boolean): void {
    this.#state.source = note.source;
    // A run that was killed may have left half-written files behind: a finished job leaves none.
    sweepLeftovers(this.root, alive);
    for (const id of note.lossy) {
      const file = this.#state.files.get(id);
      if (file) file.lossy = true;
    }
    // A store entry says "lossy" from the manifest's record: the stores that hold a lossy file say so too.
    for (const store of this.#state.stores.values())
      if (note.lossy.some((id) => store.files.has(id))) this.#saveStore(store);
    this.#saveManifest();
  }

  /** Records a source file with no obtainable bytes (see FolderTarget.recordMissing); answers its id. */
  recordMissing(file: MissingEntry): string {
    const entry: MissingEntry = {
      source_id: file.source_id,
      filename: file.filename,
      bytes: file.bytes,
      purpose: file.purpose,
    };
    const others = (this.#state.missing ?? []).filter((m) => m.source_id !== file.source_id);
    this.#state.missing = [...others, entry].sort((a, b) => a.source_id.localeCompare(b.source_id));
    this.#saveManifest();
    return missingId(file.source_id);
  }

  deleteMissing(id: string): boolean {
    const kept = (this.#state.missing ?? []).filter((m) => missingId(m.source_id) !== id);
    if (kept.length === (this.#state.missing ?? []).length) return false;
    this.#state.missing = kept;
    this.#saveManifest();
    return true;
  }

  /** Creates or replaces an assistant; `id` absent means a new one, named after its marker when it has one. */
  putAssistant(body: Record<string, unknown>, id?: string): BundleAssistant {
    const assistantId = id ?? this.#newId('asst_', this.#state.assistants, body);
    const previous = this.#state.assistants.get(assistantId);
    const record = { id: assistantId, body: { ...body, id: assistantId }, path: assistantPath(assistantId, body.name) };
    this.#write(record.path, bundleJson(record.body, ASSISTANT_KEYS));
    if (previous && previous.path !== record.path) rmSync(join(this.root, previous.path), { force: true });
    this.#state.assistants.set(assistantId, record);
    this.#saveManifest();
    return record;
  }

  deleteAssistant(id: string): boolean {
    const previous = this.#state.assistants.get(id);
    if (!previous) return false;
    rmSync(join(this.root, previous.path), { force: true });
    this.#state.assistants.delete(id);
    this.#saveManifest();
    return true;
  }

  /** Creates or replaces a store's own fields (its files are kept). */
  putStore(
    fields: { name: string | null; metadata: Record<string, string>; expires_after?: unknown },
    id?: string,
  ): BundleStore {
    const storeId = id ?? this.#newId('vs_', this.#state.stores, fields);
    const previous = this.#state.stores.get(storeId);
    const record: BundleStore = {
      id: storeId,
      name: fields.name,
      metadata: fields.metadata,
      ...(fields.expires_after !== undefined ? { expires_after: fields.expires_after } : {}),
      files: previous?.files ?? new Map(),
      dir: storeDir(storeId, fields.name),
    };
    if (previous && previous.dir !== record.dir && existsSync(join(this.root, previous.dir))) {
      mkdirSync(dirname(join(this.root, record.dir)), { recursive: true });
      renameSync(join(this.root, previous.dir), join(this.root, record.dir));
    }
    this.#state.stores.set(storeId, record);
    this.#saveStore(record);
    this.#saveManifest();
    return record;
  }

  deleteStore(id: string): boolean {
    const previous = this.#state.stores.get(id);
    if (!previous) return false;
    rmSync(join(this.root, previous.dir), { recursive: true, force: true });
    this.#state.stores.delete(id);
    this.#saveManifest();
    return true;
  }

  /** Adds or replaces one file's entry in a store (attributes, chunking). */
  putStoreFile(store: BundleStore, entry: StoreFileEntry): void {
    store.files.set(entry.file_id, entry);
    this.#saveStore(store);
  }

  deleteStoreFile(store: BundleStore, fileId: string): boolean {
    if (!store.files.delete(fileId)) return false;
    this.#saveStore(store);
    return true;
  }

  /** Stores a file's bytes under an id made from its name, purpose and content. */
  addFile(filename: string, purpose: string, bytes: Uint8Array): ManifestFile {
    return this.addFileParts(filename, purpose, [bytes]);
  }

  /** The same, from parts (in memory, or a byte range of a file on disk), a megabyte at a time. */
  addFileParts(filename: string, purpose: string, parts: Array<Uint8Array | ByteRange>): ManifestFile {
    const temp = join(partialDir(this.root), `${randomUUID()}.file`);
    mkdirSync(dirname(temp), { recursive: true });
    const hash = createHash('sha256');
    let size = 0;
    const out = openSync(temp, 'w', 0o600);
    const buffer = Buffer.alloc(1024 * 1024);
    try {
      for (const part of parts) {
        if (part instanceof Uint8Array) {
          hash.update(part);
          writeAll(out, part, temp);
          size += part.length;
          continue;
        }
        const input = openSync(part.path, 'r');
        try {
          for (let at = part.start; at < part.end;) {
            const read = readSync(input, buffer, 0, Math.min(buffer.length, part.end - at), at);
            if (read === 0) break;
            const chunk = buffer.subarray(0, read);
            hash.update(chunk);
            writeAll(out, chunk, temp);
            at += read;
            size += read;
          }
        } finally {
          closeSync(input);
        }
      }
    } finally {
      closeSync(out);
    }
    const sha256 = hash.digest('hex');
    const stem = `file-${createHash('sha256').update(`${purpose}\0${filename}\0${sha256}`).digest('hex').slice(0, 24)}`;
    let id = stem;
    for (let n = 2; this.#state.files.has(id); n += 1) id = `${stem}-${n}`;
    const entry: ManifestFile = { id, path: filePath(id, filename), filename, purpose, bytes: size, sha256 };
    const full = join(this.root, entry.path);
    mkdirSync(dirname(full), { recursive: true });
    renameSync(temp, full);
    dropPartial(this.root);
    this.#state.files.set(id, entry);
    this.#saveManifest();
    return entry;
  }

  deleteFile(id: string): boolean {
    const previous = this.#state.files.get(id);
    if (!previous) return false;
    rmSync(join(this.root, previous.path), { force: true });
    this.#state.files.delete(id);
    this.#saveManifest();
    return true;
  }

  /** A new object's id: its marker (the source id) when that is free and file-safe, else one from its fields. */
  #newId(prefix: string, taken: Map<string, unknown>, fields: Record<string, unknown>): string {
    const marker = (fields.metadata as Record<string, unknown> | undefined)?.['cloned_from'];
    if (typeof marker === 'string' && BUNDLE_ID.test(marker) && !taken.has(marker)) return marker;
    const stem = `${prefix}${createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 24)}`;
    let id = stem;
    for (let n = 2; taken.has(id); n += 1) id = `${stem}-${n}`;
    return id;
  }

  #saveStore(store: BundleStore): void {
    const files = [...store.files.values()]
      .sort((a, b) => a.file_id.localeCompare(b.file_id))
      .map((entry) => {
        // Derived, never stored apart: the manifest is the one home of "this file is reconstructed text".
        const lossy = this.#state.files.get(entry.file_id)?.lossy === true;
        return JSON.parse(bundleJson({ ...entry, ...(lossy ? { lossy } : {}) }, STORE_FILE_KEYS)) as unknown;
      });
    const body: Record<string, unknown> = { id: store.id, name: store.name, metadata: store.metadata, files };
    if (store.expires_after !== undefined) body.expires_after = store.expires_after;
    this.#write(`${store.dir}/${STORE_FILE}`, bundleJson(body, STORE_KEYS));
  }

  #saveManifest(): void {
    const manifest: Manifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      ...(this.#state.source ? { source: this.#state.source } : {}),
      created_at: this.#state.createdAt,
      exported_at: this.#now().toISOString(),
      contents: {
        assistants: this.#state.assistants.size,
        vector_stores: this.#state.stores.size,
        files: this.#state.files.size,
      },
      files: [...this.#state.files.values()].sort((a, b) => a.id.localeCompare(b.id)),
      ...(this.#state.missing?.length ? { missing: this.#state.missing } : {}),
    };
    this.#write(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  #write(relativePath: string, text: string): void {
    const full = join(this.root, relativePath);
    mkdirSync(dirname(full), { recursive: true });
    writeFileAtomic(full, text);
  }
}
