import { FerryError } from '../errors.ts';
import type { OrgGateway } from '../openai/org-gateway.ts';

/** Why a file's bytes cannot be had, in one sentence for the admin; undefined when they can. */
export function whyNotDownloadable(org: OrgGateway, purpose: string): string | undefined {
  if (!org.files.downloads.refuses(purpose)) return undefined;
  return `OpenAI does not allow downloading files of purpose "${purpose}": the API answers "Not allowed to download files of purpose: ${purpose}". Keep your own copy of such files.`;
}

/** A file's name and size, or a clear refusal for purposes the API will not hand back. */
export async function describeDownload(
  org: OrgGateway,
  fileId: string,
  signal?: AbortSignal,
): Promise<{ filename: string; bytes: number }> {
  const file = await org.files.retrieve(fileId, signal);
  const why = whyNotDownloadable(org, file.purpose);
  if (why) throw new FerryError('bad_input', why, { field: 'fileId' });
  return { filename: file.filename, bytes: file.bytes };
}

/** A file's name, size and bytes, or a clear refusal for purposes the API will not hand back. */
export async function openDownload(
  org: OrgGateway,
  fileId: string,
  signal?: AbortSignal,
): Promise<{ filename: string; bytes: number; stream: ReadableStream<Uint8Array> }> {
  const described = await describeDownload(org, fileId, signal);
  return { ...described, stream: await org.files.download(fileId, signal) };
}
