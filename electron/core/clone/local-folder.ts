import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../errors.ts';

/**
 * How far a scan of a folder of originals goes: the admin may point at a huge tree (`/usr`, a home
 * folder) by mistake, and planning must answer in seconds, not hang. These limits have this one home.
 */
export const FOLDER_SCAN_LIMITS = {
  /** Files and folders looked at, in all. */
  maxEntries: 50_000,
  /** Wall time for the whole scan. */
  maxMs: 10_000,
  /** Unreadable entries named in the plan's warning; the rest are counted. */
  namedSkips: 3,
} as const;

/** Sizes read at once while scanning. */
const STAT_BATCH = 64;

export type FolderScanLimits = Partial<Record<keyof typeof FOLDER_SCAN_LIMITS, number>>;

export interface FolderScanOptions {
  limits?: FolderScanLimits;
  signal?: AbortSignal | undefined;
  /** The clock the time limit is measured on (tests pass their own). */
  now?: () => number;
}

interface Skipped {
  path: string;
  reason: string;
}

/**
 * A folder of original files the admin points to, indexed by filename and byte size: the API keeps no
 * checksum of a file, so name and size together are the best evidence that a local file is the original.
 * The scan only lists folders and reads sizes; it never opens a file. A file is opened only later, for an
 * upload, and only when the plan matched it to a source file that needs bytes (the plan shows its path).
 */
export class LocalFolder {
  readonly root: string;
  readonly #byNameAndSize = new Map<string, string>();
  readonly #skipped: Skipped[] = [];
  #stoppedBy: 'entries' | 'time' | null = null;
  #entries = 0;

  private constructor(root: string) {
    this.root = root;
  }

  /** Scans `root` breadth first within the limits, skipping (and noting) whatever cannot be read. */
  static async scan(root: string, options: FolderScanOptions = {}): Promise<LocalFolder> {
    const limits = { ...FOLDER_SCAN_LIMITS, ...options.limits };
    const now = options.now ?? Date.now;
    let info;
    try {
      info = await stat(root);
    } catch {
      throw new FerryError('bad_input', `The files folder "${root}" does not exist. Check the folder's path.`, {
        field: 'filesDir',
      });
    }
    if (!info.isDirectory()) {
      throw new FerryError(
        'bad_input',
        `"${root}" is a file, not a folder. Give the folder that holds the original files.`,
        { field: 'filesDir' },
      );
    }
    const folder = new LocalFolder(root);
    const started = now();
    const queue = [root];
    scanning: while (queue.length > 0) {
      const dir = queue.shift() as string;
      let handle;
      try {
        handle = await opendir(dir, { bufferSize: 256 });
      } catch (error) {
        folder.#skipped.push({ path: dir, reason: reasonOf(error) });
        continue;
      }
      // Sizes are read a batch at a time: one stat after another is what made a large tree slow.
      const files: Array<{ name: string; path: string }> = [];
      try {
        for await (const entry of handle) {
          options.signal?.throwIfAborted();
          if (folder.#entries >= limits.maxEntries) {
            folder.#stoppedBy = 'entries';
            break scanning;
          }
          if (now() - started > limits.maxMs) {
            folder.#stoppedBy = 'time';
            break scanning;
          }
          folder.#entries += 1;
          const path = join(dir, entry.name);
          // Links are not followed: a link can lead out of the folder the admin chose, or round in a loop.
          if (entry.isDirectory()) queue.push(path);
          else if (entry.isFile()) {
            files.push({ name: entry.name, path });
            if (files.length >= STAT_BATCH) await folder.#index(files.splice(0));
          }
        }
      } catch (error) {
        if (options.signal?.aborted) throw error;
        folder.#skipped.push({ path: dir, reason: reasonOf(error) });
      } finally {
        // for-await closes the handle when it ends; a break or a throw may leave it open.
        await handle.close().catch(() => undefined);
        await folder.#index(files);
      }
    }
    return folder;
  }

  /** Reads the sizes of a batch of files at once and indexes them in listing order. */
  async #index(files: Array<{ name: string; path: string }>): Promise<void> {
    const sizes = await Promise.all(
      files.map(({ path }) =>
        stat(path).then(
          (info) => info.size,
          (error: unknown) => error,
        ),
      ),
    );
    files.forEach(({ name, path }, i) => {
      const size = sizes[i];
      if (typeof size !== 'number') return void this.#skipped.push({ path, reason: reasonOf(size) });
      const key = `${name}\u0000${size}`;
      // The first match wins; the same file twice in a tree is the same bytes as far as we can tell.
      if (!this.#byNameAndSize.has(key)) this.#byNameAndSize.set(key, path);
    });
  }

  find(filename: string, bytes: number): string | undefined {
    return this.#byNameAndSize.get(`${filename}\u0000${bytes}`);
  }

  get skipped(): readonly Skipped[] {
    return this.#skipped;
  }

  get stoppedBy(): 'entries' | 'time' | null {
    return this.#stoppedBy;
  }

  /** What the plan should say about the scan: where it stopped early, and what it could not read. */
  warnings(limits: FolderScanLimits = {}): string[] {
    const { maxEntries, maxMs, namedSkips } = { ...FOLDER_SCAN_LIMITS, ...limits };
    const out: string[] = [];
    if (this.#stoppedBy === 'entries') {
      out.push(
        `The search of ${this.root} for original files stopped after ${maxEntries.toLocaleString('en-US')} entries: files further in were not looked at. Point at the folder that holds the originals.`,
      );
    } else if (this.#stoppedBy === 'time') {
      out.push(
        `The search of ${this.root} for original files stopped after ${Math.round(maxMs / 1000)} seconds (${this.#entries.toLocaleString('en-US')} entries looked at): files further in were not looked at. Point at the folder that holds the originals.`,
      );
    }
    if (this.#skipped.length > 0) {
      const named = this.#skipped
        .slice(0, namedSkips)
        .map((s) => `${s.path} (${s.reason})`)
        .join(', ');
      const more = this.#skipped.length > namedSkips ? ` and ${this.#skipped.length - namedSkips} more` : '';
      out.push(
        `${this.#skipped.length === 1 ? 'One entry' : `${this.#skipped.length} entries`} in ${this.root} could not be read and ${this.#skipped.length === 1 ? 'was' : 'were'} skipped: ${named}${more}.`,
      );
    }
    return out;
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'gone while being read';
    case 'ELOOP':
      return 'a loop of links';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
