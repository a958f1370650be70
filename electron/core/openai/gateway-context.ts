import type OpenAI from 'openai';
import { FerryError } from '../errors.ts';
import { toFerryError } from './api-errors.ts';
import { DirectCalls } from './direct-call.ts';
import type { RequestScheduler } from './scheduler.ts';

export interface CallOptions<T> {
  signal?: AbortSignal | undefined;
  /** For creates: finds what an attempt whose answer was lost may have made. */
  reconcile?: (() => Promise<T | undefined>) | undefined;
  /** See RunOptions.priority: below zero for work nothing else waits on. */
  priority?: number | undefined;
  /** See RunOptions.kind: creates of one kind start narrow until one succeeds (default: all creates alike). */
  kind?: string | undefined;
}

/**
 * What every resource API of one organization shares: its SDK client, its scheduler, and the read-only
 * guard, which lives here in the core so no shell (UI, CLI, clone job) can write to a read-only connection.
 */
export class GatewayContext {
  readonly client: OpenAI;
  /** The hot JSON calls, through the client's transport without the SDK's per-call work (direct-call.ts). */
  readonly direct: DirectCalls;
  readonly scheduler: RequestScheduler;
  /** The connection's display name, for messages. */
  readonly name: string;
  readonly readOnly: boolean;

  constructor(options: { client: OpenAI; scheduler: RequestScheduler; name: string; readOnly: boolean }) {
    this.client = options.client;
    this.direct = new DirectCalls(options.client);
    this.scheduler = options.scheduler;
    this.name = options.name;
    this.readOnly = options.readOnly;
  }

  assertWritable(doing: string): void {
    if (this.readOnly) throw readOnlyRefusal(doing, this.name);
  }

  /** A read, or an idempotent write (update, delete): retried freely on transient failures. */
  async read<T>(
    doing: string,
    operation: (signal: AbortSignal | undefined) => Promise<T>,
    options: CallOptions<T> = {},
  ): Promise<T> {
    try {
      return await this.scheduler.run(operation, {
        signal: options.signal,
        idempotent: true,
        priority: options.priority,
      });
    } catch (error) {
      throw this.#wrap(error, doing, options.signal);
    }
  }

  /** An idempotent write: guarded, then retried like a read. */
  async write<T>(
    doing: string,
    operation: (signal: AbortSignal | undefined) => Promise<T>,
    options: CallOptions<T> = {},
  ): Promise<T> {
    this.assertWritable(doing);
    return this.read(doing, operation, options);
  }

  /** A create: guarded, and retried only after `reconcile` has looked for what a lost attempt made. */
  async create<T>(
    doing: string,
    operation: (signal: AbortSignal | undefined) => Promise<T>,
    options: CallOptions<T> = {},
  ): Promise<T> {
    this.assertWritable(doing);
    try {
      return await this.scheduler.run(operation, {
        signal: options.signal,
        idempotent: false,
        reconcile: options.reconcile,
        priority: options.priority,
        kind: options.kind ?? 'create',
      });
    } catch (error) {
      throw this.#wrap(error, doing, options.signal);
    }
  }

  #wrap(error: unknown, doing: string, signal: AbortSignal | undefined): unknown {
    // A cancel propagates as the signal's own reason, so callers can tell it from a failure.
    if (signal?.aborted && error === signal.reason) return error;
    return toFerryError(error, doing, `"${this.name}"`);
  }
}

/** The refusal of a write to a read-only connection; shells that check before asking use the same words. */
export function readOnlyRefusal(doing: string, connectionName: string): FerryError {
  return new FerryError(
    'read_only',
    `${doing}: "${connectionName}" is a read-only connection, so Ferry will not change anything in it. ` +
      'Clear "Read-only" on the connection to allow changes.',
  );
}
