import { UNDOWNLOADABLE_PURPOSES } from '../../../shared/file-purposes.ts';
import { FerryError } from '../errors.ts';

const REFUSAL = /^Not allowed to download files of purpose: (.+)$/;

/** A download the API refused for the file's purpose; the caller may have the bytes elsewhere. */
export class DownloadRefusedError extends FerryError {
  readonly purpose: string;

  constructor(purpose: string, doing: string, cause?: unknown) {
    super('bad_input', `${doing}: the API answered "Not allowed to download files of purpose: ${purpose}".`, {
      field: 'purpose',
      cause,
    });
    this.name = 'DownloadRefusedError';
    this.purpose = purpose;
  }
}

/**
 * Which purposes one connection will not hand back. Besides the documented two, the API refuses others at
 * run time (reports list `fine-tune` and `evals`); a refusal seen once is remembered for the connection,
 * so the next plan goes to the other byte sources straight away instead of failing again.
 */
export class DownloadPolicy {
  readonly #learned = new Set<string>();
  readonly #documented: boolean;
  readonly #refusesFile: ((fileId: string) => boolean) | undefined;

  /**
   * `documented: false` for a source that hands back every purpose (a bundle folder); `refusesFile` for one
   * that refuses single files instead (a bundle's files recorded without bytes), whose refusals teach nothing
   * about a purpose.
   */
  constructor(options: { documented?: boolean; refusesFile?: (fileId: string) => boolean } = {}) {
    this.#documented = options.documented ?? true;
    this.#refusesFile = options.refusesFile;
  }

  /** Whether a download of a file of this purpose (this file, when its id is given) will be refused. */
  refuses(purpose: string, fileId?: string): boolean {
    if (fileId !== undefined && this.#refusesFile?.(fileId)) return true;
    return (this.#documented && UNDOWNLOADABLE_PURPOSES.has(purpose)) || this.#learned.has(purpose);
  }

  /** Purposes learned from refusals, beyond the documented ones. */
  learned(): string[] {
    return [...this.#learned];
  }

  /** If `error` is the API's download refusal, remembers its purpose and returns it as a DownloadRefusedError. */
  recognize(error: unknown, doing: string): DownloadRefusedError | undefined {
    const purpose = refusedPurpose(error);
    if (purpose === undefined) return undefined;
    if (!this.#refusesFile) this.#learned.add(purpose);
    return new DownloadRefusedError(purpose, doing, error);
  }
}

function refusedPurpose(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const status = (e as { status?: unknown }).status;
    const message = (e as { error?: { message?: unknown } }).error?.message ?? e.message;
    const match = typeof message === 'string' ? REFUSAL.exec(message.trim()) : null;
    if (match && (status === undefined || status === 400)) return match[1]?.trim();
  }
  return undefined;
}
