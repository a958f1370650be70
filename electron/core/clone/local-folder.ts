import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FerryError } from '../errors.ts';

/**
 * A folder of original files the admin points to, indexed by filename and byte size: the API keeps no
 * checksum of a file, so name and size together are the best evidence that a local file is the original.
 */
export class LocalFolder {
  readonly root: string;
  readonly #byNameAndSize = new Map<string, string>();

  constructor(root: string) {
    this.root = root;
    let stats;
    try {
      stats = statSync(root);
    } catch {
      throw new FerryError('bad_input', `The files folder "${root}" does not exist. Check the path given to --files-dir (or "Choose folder…").`, { field: 'filesDir' });
    }
    if (!stats.isDirectory()) {
      throw new FerryError('bad_input', `"${root}" is a file, not a folder. Point --files-dir at the folder that holds the original files.`, { field: 'filesDir' });
    }
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      const path = join(root, name);
      let size: number;
      try {
        const entry = statSync(path);
        if (!entry.isFile()) continue;
        size = entry.size;
      } catch {
        continue;
      }
      const base = name.split(/[\\/]/).at(-1) ?? name;
      const key = `${base}\u0000${size}`;
      // The first match wins; the same file twice in a tree is the same bytes as far as we can tell.
      if (!this.#byNameAndSize.has(key)) this.#byNameAndSize.set(key, path);
    }
  }

  find(filename: string, bytes: number): string | undefined {
    return this.#byNameAndSize.get(`${filename}\u0000${bytes}`);
  }
}
