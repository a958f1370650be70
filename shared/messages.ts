/**
 * One message layer for errors, two audiences. The core writes each error in words both can read (no CLI
 * flag, no method name) and names the offending field; each surface then points at the field its own way:
 * the window puts the sentence next to the control, the terminal names the flag. This is the one home of
 * that mapping, so a new field gets its words in both places at once.
 */
export const FIELD_WORDS: Record<string, { gui: string; cli: string }> = {
  filesDir: { gui: 'Folder of original files', cli: '--files-dir' },
  modelMap: { gui: 'the model picker on the assistant’s row', cli: '--model-map SOURCE_MODEL=DESTINATION_MODEL' },
  onConflict: { gui: 'When a clone already exists', cli: '--on-conflict' },
  from: { gui: 'the source pane', cli: '--from' },
  to: { gui: 'the destination pane', cli: '--to' },
};

export interface ErrorWords {
  message: string;
  field?: string | undefined;
}

/** The sentence for the terminal: the core's words, then the flag to fix, when the field has one. */
export function cliMessage(error: ErrorWords): string {
  const flag = error.field ? FIELD_WORDS[error.field]?.cli : undefined;
  if (!flag || error.message.includes(flag.split(' ')[0]!)) return error.message;
  return `${error.message} (${flag})`;
}

/**
 * The sentence for the window. Core messages carry no CLI words by rule; this is the guard that keeps a
 * stray flag or method name off the screen if one slips in (a test proves the core's messages need none).
 */
export function guiMessage(error: ErrorWords): string {
  return error.message
    .replace(/^Invalid [A-Za-z]+\.[A-Za-z.]+ request: /, 'Check the form: ')
    .replace(/\s*\(?(?:see |use |with )?`?--[a-z][a-z-]+(?:[ =][^\s)`]+)?`?\)?/g, '')
    .replace(/\s+\./g, '.');
}
