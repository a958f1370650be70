import { readFileSync } from 'node:fs';

/** Ferry's version, from package.json (read at runtime: the core runs from source, not a bundle). */
export const FERRY_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
