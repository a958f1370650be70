import { OUTPUT_PURPOSES, uploadPurposeOf } from '../../../shared/file-purposes.ts';
import type { FilePurpose } from '../openai/files-api.ts';

/** The plan's note on a file whose own purpose no upload may claim (an output purpose). */
export function uploadPurposeNote(purpose: string): { reason?: string } {
  if (!OUTPUT_PURPOSES.has(purpose)) return {};
  return {
    reason: `Files of purpose "${purpose}" are made by the API and cannot be uploaded; the copy is uploaded as "${uploadPurposeOf(purpose)}", the purpose code interpreter and file search use.`,
  };
}

/** The purpose a planned file's copy is uploaded with. */
export function uploadPurposeFor(file: { purpose: string }): FilePurpose {
  return uploadPurposeOf(file.purpose) as FilePurpose;
}
