import { appendFileSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { mkdirPrivate, PRIVATE_FILE_MODE } from '../settings/private-state.ts';
import type { Redactor } from './redactor.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

const ROTATE_AT_BYTES = 5 * 1024 * 1024;

/**
 * Writes JSON lines to `file`, every line passed through the redactor first, so a key that slipped into a
 * message or a field still never reaches disk. Writes are synchronous: a log line that would be lost in a
 * crash is exactly the line you need.
 */
export function createFileLogger(file: string, redactor: Redactor, minLevel: LogLevel = 'info'): Logger {
  mkdirPrivate(dirname(file));
  rotateIfLarge(file);
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return {
    log(level, message, fields = {}) {
      if (order.indexOf(level) < order.indexOf(minLevel)) return;
      const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }, errorReplacer);
      appendFileSync(file, `${redactor.redact(line)}\n`, { mode: PRIVATE_FILE_MODE });
    },
  };
}

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
