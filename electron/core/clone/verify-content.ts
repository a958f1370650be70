import { createHash } from 'node:crypto';
import type { PlanFile } from '../../../shared/clone.ts';
import type { VerifyMethod } from '../../../shared/jobs.ts';
import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import type { FileObject } from '../openai/files-api.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';
import type { ParsedDigests } from './parsed-digests.ts';

/** Where a file's parsed text can be read on both sides: a planned store holding it, indexed on both. */
export interface StorePair {
  sourceStoreId: string;
  copyStoreId: string;
}

export interface ContentCheck {
  file: PlanFile;
  copy: FileObject;
  /** The sha256 of the bytes Ferry sent for this file (journal intent or id map), if it recorded one. */
  sentHash?: string | undefined;
  /** The same, when this verify's job saw the upload answered: the copy holds exactly those bytes. */
  answeredHash?: string | undefined;
  store?: StorePair | undefined;
}

export interface ContentOutcome {
  method: VerifyMethod;
  match: boolean;
  /** What was compared, for the difference's source and destination columns. */
  source?: string;
  destination?: string;
}

/**
 * Checks one file's content by the strongest means the two sides allow: the bytes' sha256 where Ferry can
 * hold them on both sides, else the vector store's parsed text of the original and of the copy, else name
 * and size. A download or a read that is refused (some purposes are refused at run time) falls through to
 * the next means rather than failing the verify.
 */
export async function checkContent(
  check: ContentCheck,
  source: OrgGateway,
  destination: OrgGateway,
  digests: ParsedDigests,
  signal?: AbortSignal,
): Promise<ContentOutcome> {
  const { file, copy } = check;
  if (!UNDOWNLOADABLE_PURPOSES.has(copy.purpose)) {
    const original = await sourceHash(check, source, signal);
    const copied = original ? await downloadDigest(destination, copy.id, signal) : undefined;
    if (original && copied)
      return { method: 'sha256', match: original === copied, source: original, destination: copied };
  }
  if (check.store) {
    const { sourceStoreId, copyStoreId } = check.store;
    // Both are completed in their store's listing (see storePairs): their digests may be kept for later runs.
    const original = await digests.get(source, sourceStoreId, file.sourceId, signal, true);
    // A text file's parsed text is its bytes: when the original's is exactly what Ferry sent (and the copy
    // is the file that upload made), the copy's own text need not be read. Otherwise it is, and compared.
    if (original !== '' && original === check.answeredHash) {
      // The copy's text is then the original's: remembered for later verifies, which know no answered hash.
      digests.remember(destination, copyStoreId, copy.id, original);
      return { method: 'parsed-text', match: true, source: original, destination: original };
    }
    const copied = original === '' ? '' : await digests.get(destination, copyStoreId, copy.id, signal, true);
    if (original !== '' && copied !== '')
      return { method: 'parsed-text', match: original === copied, source: original, destination: copied };
  }
  return { method: 'name-size', match: copy.filename === file.filename && copy.bytes === file.bytes };
}

/** The source's bytes by hash: what Ferry recorded when it downloaded and sent them, else a download now. */
async function sourceHash(check: ContentCheck, source: OrgGateway, signal?: AbortSignal): Promise<string | undefined> {
  if (check.file.byteSource === 'download' && check.sentHash) return check.sentHash;
  if (!UNDOWNLOADABLE_PURPOSES.has(check.file.purpose)) {
    const downloaded = await downloadDigest(source, check.file.sourceId, signal);
    if (downloaded) return downloaded;
  }
  // The bytes came from elsewhere (a local original, the cache): the copy must hold what Ferry sent.
  return check.sentHash;
}

/** The sha256 of a file's bytes as `gateway` serves them; undefined when the download is refused or fails. */
export async function downloadDigest(
  gateway: OrgGateway,
  fileId: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of await gateway.files.download(fileId, signal)) hash.update(chunk);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
