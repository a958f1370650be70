import { blobPrefix } from './blobs.ts';
import { extname } from 'node:path';
import type { FileRecord, IngestionOutcome, TenantState, VectorStoreFileRecord, VectorStoreRecord } from './types.ts';

/** The extensions file_search accepts (OpenAI's list, text-like subset we can actually parse). */
const supported = new Set([
  '.c',
  '.cpp',
  '.cs',
  '.css',
  '.doc',
  '.docx',
  '.go',
  '.html',
  '.java',
  '.js',
  '.json',
  '.md',
  '.pdf',
  '.php',
  '.pptx',
  '.py',
  '.rb',
  '.sh',
  '.tex',
  '.ts',
  '.txt',
]);

/** Parsing reads at most this much: enough for search, and a huge file never lands in memory whole. */
const maxParsedBytes = 4 * 1024 * 1024;

/**
 * Works out how ingestion will end for a file. The outcome is fixed at attach time; when it becomes
 * visible is a matter of the clock (readyAt), which is why statuses and counts can never disagree.
 */
export async function ingestOutcome(file: FileRecord): Promise<IngestionOutcome> {
  const extension = extname(file.filename).toLowerCase();
  if (!supported.has(extension)) {
    return {
      status: 'failed',
      error: {
        code: 'unsupported_file',
        message: `The file type ${extension || '(none)'} is not supported for retrieval.`,
      },
      text: '',
    };
  }
  if (file.bytes === 0) {
    return { status: 'failed', error: { code: 'invalid_file', message: 'The file is empty.' }, text: '' };
  }
  const raw = await blobPrefix(file.blob, maxParsedBytes);
  // Binary office/PDF formats are not really parsed; keep their printable runs, which is what a
  // lexical index over generated test documents needs.
  const text = ['.pdf', '.doc', '.docx', '.pptx'].includes(extension)
    ? (raw.toString('latin1').match(/[\x20-\x7e\n]{4,}/g) ?? []).join(' ')
    : raw.toString('utf8');
  if (text.trim() === '') {
    return {
      status: 'failed',
      error: { code: 'invalid_file', message: 'The file contains no text that could be parsed.' },
      text: '',
    };
  }
  return { status: 'completed', text };
}

export type VsFileStatus = 'in_progress' | 'completed' | 'failed' | 'cancelled';

export function isStuck(tenant: TenantState, fileId: string): boolean {
  if (tenant.stuckFileIds.has(fileId)) return true;
  const file = tenant.files.get(fileId);
  return file !== undefined && tenant.stuckFilenames.has(file.filename);
}

export function vsFileStatus(tenant: TenantState, record: VectorStoreFileRecord, now = Date.now()): VsFileStatus {
  if (record.cancelled) return 'cancelled';
  if (isStuck(tenant, record.id) || now < record.readyAt) return 'in_progress';
  return record.outcome.status;
}

export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

export function countStatuses(statuses: Iterable<VsFileStatus>): FileCounts {
  const counts: FileCounts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 };
  for (const status of statuses) {
    counts[status] += 1;
    counts.total += 1;
  }
  return counts;
}

export function vectorStoreCounts(tenant: TenantState, store: VectorStoreRecord, now = Date.now()): FileCounts {
  return countStatuses([...store.files.values()].map((record) => vsFileStatus(tenant, record, now)));
}

/** usage_bytes counts what is indexed: the parsed text of completed files. */
export function vsFileUsageBytes(tenant: TenantState, record: VectorStoreFileRecord, now = Date.now()): number {
  return vsFileStatus(tenant, record, now) === 'completed' ? Buffer.byteLength(record.outcome.text) : 0;
}
