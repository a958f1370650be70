import { fingerprint } from './fingerprint.ts';

/** Anything shaped like an OpenAI key, known to Ferry or not (upstream errors can echo one). */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_*-]{8,}/g;

/**
 * Scrubs keys out of text bound for a log or an error message. Keys the core has handled are replaced
 * wherever they appear, whatever their shape; anything else that looks like a key is replaced too.
 */
export class Redactor {
  readonly #known = new Set<string>();

  remember(secret: string): void {
    if (secret.length >= 8) this.#known.add(secret);
  }

  forget(secret: string): void {
    this.#known.delete(secret);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.#known) {
      if (out.includes(secret)) out = out.split(secret).join(fingerprint(secret));
    }
    return out.replace(KEY_PATTERN, (match) => fingerprint(match));
  }
}
