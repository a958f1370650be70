/**
 * Characters that make text print as something else: C0/C1 control characters (ESC starts the ANSI
 * sequences that recolour or rewrite a terminal line), and the bidirectional marks, overrides, embeddings
 * and isolates that reorder what follows them (after U+202E, "invoice_exe.pdf" can show as
 * "invoice_fdp.exe"). Names Ferry prints in CLI tables, confirmations, logs and file names must read as
 * what they are.
 */
// Control characters are exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/** The same characters, every occurrence: for replacing rather than refusing. */
export const UNSAFE_TEXT_CHARACTERS_ALL = new RegExp(UNSAFE_TEXT_CHARACTERS.source, 'gu');
