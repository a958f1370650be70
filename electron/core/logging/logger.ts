import { appendFileSync, renameSync, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';
import type { Redactor } from './redactor.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  /** Resolves once every line logged so far is written (or dropped). */
  flush?(): Promise<void>;
}

const ROTATE_AT_BYTES = 5 * 1024 * 1024;
/** Past this many lines waiting for the disk, new ones are dropped (and counted) rather than held. */
const MAX_PENDING_LINES = 10_000;

export interface FileLoggerOptions {
  minLevel?: LogLevel;
  /** Where the one notice about dropped lines goes (stderr by default). */
  notice?: (message: string) => void;
  /** The append, injectable so a test can hand it a full disk. */
  append?: (file: string, text: string) => Promise<void>;
}

/**
 * Writes JSON lines to `file`, every line passed through the redactor first, so a key that slipped into a
 * message or a field still never reaches disk. Lines are batched and appended off the event loop (a
 * clone logs per item; a synchronous write per line would stall uploads), and what is still waiting when
 * the process exits is written synchronously then. Logging never throws: a full disk drops lines, says so
 * once, and counts them in the log when it can write again. A logger must not crash the process it
 * watches (an ENOSPC thrown from a log call inside a `.catch` took the CLI down with a stack trace).
 */
export function createFileLogger(file: string, redactor: Redactor, options: FileLoggerOptions | LogLevel = {}): Logger {
  const {
    minLevel = 'info',
    notice = (message: string) => process.stderr.write(`${message}\n`),
    append = (f: string, text: string) => appendFile(f, text, { mode: PRIVATE_FILE_MODE }),
  } = typeof options === 'string' ? { minLevel: options } : options;
  try {
    mkdirPrivate(dirname(file));
  } catch {
    // Reported by the first write that fails.
  }
  rotateIfLarge(file);
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  let pending: string[] = [];
  let writing: Promise<void> | null = null;
  let dropped = 0;
  let told = false;

  const drop = (count: number, error: unknown) => {
    dropped += count;
    if (told) return;
    told = true;
    const code = (error as NodeJS.ErrnoException | undefined)?.code ?? String(error);
    notice(
      `Ferry cannot write its log ${file} (${code}${code === 'ENOSPC' || code === 'EDQUOT' ? ': the disk is full' : ''}); log lines are dropped until it can.`,
    );
  };

  const drain = async (): Promise<void> => {
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        const lost = dropped;
        const text =
          (lost > 0
            ? `${line('warn', `${lost} log line(s) were dropped while the log could not be written`, {})}\n`
            : '') + batch.join('');
        try {
          await append(file, text);
          dropped -= lost;
          told = false;
        } catch (error) {
          drop(batch.length, error);
        }
      }
    } finally {
      writing = null;
    }
  };

  const line = (level: LogLevel, message: string, fields: Record<string, unknown>) =>
    redactor.redact(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, errorReplacer));

  atExit.add(() => {
    if (pending.length === 0) return;
    try {
      appendFileSync(file, pending.join(''), { mode: PRIVATE_FILE_MODE });
    } catch {
      // Exiting: nowhere left to say so.
    }
    pending = [];
  });

  return {
    log(level, message, fields = {}) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      try {
        if (pending.length >= MAX_PENDING_LINES)
          return drop(1, Object.assign(new Error('too many lines waiting'), { code: 'backlog' }));
        pending.push(`${line(level, message, fields)}\n`);
        writing ??= drain();
      } catch (error) {
        drop(1, error);
      }
    },
    async flush() {
      while (writing) await writing;
    },
  };
}

/** One exit hook for every logger (a listener each would trip Node's leak warning in long test runs). */
const atExit = new Set<() => void>();
process.once('exit', () => {
  for (const write of atExit) write();
});

/** A logger that drops everything, for callers that have nowhere to log. */
export const silentLogger: Logger = { log() {} };

function rotateIfLarge(file: string): void {
  try {
    if (statSync(file).size > ROTATE_AT_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // No log yet: nothing to rotate.
  }
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
