import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentTypeFor } from '../content-types.ts';

/**
 * Serves the built renderer. Paths are resolved inside `root` only; anything that is not a file falls back
 * to index.html so the single-page app owns its routes.
 */
export async function serveStatic(rootDir: string, urlPath: string, response: ServerResponse): Promise<void> {
  // A trailing separator would make every containment check below fail (and serve index.html for all).
  const root = rootDir.replace(/[\\/]+$/, '');
  const decoded = safeDecode(urlPath);
  const candidate = decoded === null ? null : normalize(join(root, decoded));
  const inside = candidate !== null && (candidate === root || candidate.startsWith(root + sep));
  const file = inside && (await isFile(candidate)) ? candidate : join(root, 'index.html');
  const type = contentTypeFor(file);
  // Hashed assets can be cached; index.html must not be, so a rebuilt renderer is picked up on reload.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-store';
  response.writeHead(200, { 'content-type': type, 'cache-control': cache });
  createReadStream(file).pipe(response);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
