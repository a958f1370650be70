/**
 * What the API does with a file by its purpose: the one home for these facts (the core, the sandbox's
 * checks of Ferry and the screens all read them here).
 */

/** Purposes whose bytes the API never hands back (400 "Not allowed to download files of purpose: …"). */
export const UNDOWNLOADABLE_PURPOSES: ReadonlySet<string> = new Set(['assistants', 'user_data']);

/**
 * Purposes the API gives files it makes itself (code-interpreter output, batch results, fine-tuning
 * results). They download fine, but no upload may claim them.
 */
export const OUTPUT_PURPOSES: ReadonlySet<string> = new Set(['assistants_output', 'batch_output', 'fine-tune-results']);

/**
 * The purpose a copy of a file is uploaded with. A file of an output purpose is uploaded as `assistants`,
 * the purpose code_interpreter and file_search take (its only use in a clone); others keep theirs.
 */
export function uploadPurposeOf(purpose: string): string {
  return OUTPUT_PURPOSES.has(purpose) ? 'assistants' : purpose;
}
