import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConnectionTestResult } from '../../../shared/connection.ts';
import { Bundle } from './bundle.ts';

/**
 * Checks a folder connection's path before it is saved: absolute, and either a bundle, an empty or new
 * folder, or an assistants JSON file (which can only be read). Opening it runs every bundle check.
 */
export async function checkFolderSource(
  path: string,
): Promise<{ folder: string; baseUrl: string; readOnly: boolean; bundle: Bundle }> {
  const folder = isAbsolute(path) ? resolve(path) : resolve(process.cwd(), path);
  const bundle = await Bundle.open(folder);
  const readOnly = existsSync(folder) && statSync(folder).isFile();
  return { folder, baseUrl: pathToFileURL(folder).href, readOnly, bundle };
}

/** A folder's "test": it opens and passes every check; its model count is the models its assistants use. */
export async function testFolder(folder: string): Promise<ConnectionTestResult> {
  const started = performance.now();
  try {
    const bundle = await Bundle.open(folder);
    const models = new Set(bundle.assistants().map((a) => String(a.body.model)));
    return { ok: true, modelCount: models.size, latencyMs: performance.now() - started };
  } catch (error) {
    return {
      ok: false,
      problem: 'unexpected_response',
      message: error instanceof Error ? error.message : String(error),
      latencyMs: performance.now() - started,
    };
  }
}
