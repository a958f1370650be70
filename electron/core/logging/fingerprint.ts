/**
 * What the UI shows instead of a key: its well-known prefix and last four characters, e.g. `sk-…abcd`.
 * Enough to tell keys apart, too little to use one. Keys of other shapes show only the tail.
 */
export function fingerprint(key: string): string {
  const tail = key.slice(-4);
  return key.startsWith('sk-') ? `sk-…${tail}` : `…${tail}`;
}
