import { randomBytes } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random bytes drawn in blocks: one system call per block rather than per id (a clone asks for thousands). */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let taken = 0;

function randomByte(): number {
  if (taken === POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    taken = 0;
  }
  return pool[taken++]!;
}

/** Random base62 text; ids look like OpenAI's (asst_ + 24 chars, file- + 22) so length checks behave alike. */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    // Reject the biased tail so every character is equally likely.
    if (byte < 248) out += alphabet[byte % 62];
  }
  return out;
}

export const newId = {
  assistant: () => `asst_${randomBase62(24)}`,
  agent: () => `agent_${randomBase62(24)}`,
  file: () => `file-${randomBase62(22)}`,
  vectorStore: () => `vs_${randomBase62(24)}`,
  batch: () => `vsfb_${randomBase62(24)}`,
  upload: () => `upload_${randomBase62(24)}`,
  part: () => `part_${randomBase62(24)}`,
  request: () => `req_${randomBase62(32).toLowerCase()}`,
  organization: () => `org-${randomBase62(24)}`,
  project: () => `proj_${randomBase62(24)}`,
  /** Deliberately prefixed so nobody mistakes it for a real key; random on every start. */
  key: () => `sk-sandbox-${randomBase62(40)}`,
  /** Admin keys start with sk-admin- as upstream's do, so clients can tell the two kinds apart by shape. */
  adminKey: () => `sk-admin-sandbox-${randomBase62(40)}`,
  serviceAccount: () => `svc_acct_${randomBase62(24)}`,
  serviceAccountKey: () => `sk-sandbox-svcacct-${randomBase62(40)}`,
  apiKeyId: () => `key_${randomBase62(16)}`,
};

/** Unix seconds, as every created_at in the API. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Monotonic sequence that orders objects created within the same second. */
let sequence = 0;
export function nextSeq(): number {
  sequence += 1;
  return sequence;
}
