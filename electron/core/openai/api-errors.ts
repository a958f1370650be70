import OpenAI from 'openai';
import { stalledCause } from '../connections/idle-clock.ts';
import { FerryError } from '../errors.ts';

/**
 * An SDK failure as a FerryError an admin can act on. Upstream messages are kept (they name the parameter
 * on a 400) but prefixed with what Ferry was doing and where; keys never appear (the logger and the
 * redactor scrub anything key-shaped, and OpenAI masks keys in its own messages).
 */
export function toFerryError(error: unknown, doing: string, where: string): FerryError {
  if (error instanceof FerryError) return error;
  if (error instanceof OpenAI.APIUserAbortError)
    return new FerryError('upstream', `${doing} was cancelled.`, { cause: error });
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new FerryError('unreachable', `${doing} on ${where} timed out. The server may be overloaded; try again.`, {
      cause: error,
    });
  }
  const stalled = stalledCause(error);
  if (stalled) {
    return new FerryError(
      'unreachable',
      `${doing} on ${where} stalled: ${stalled.message}. Check the network (a proxy or firewall may be holding the upload), or try again later.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new FerryError(
      'unreachable',
      `${doing}: could not reach ${where}. Check the connection's Base URL and your network.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const upstream = error.message.replace(/^\d{3}\s*/, '');
    const param = error.param ? { field: error.param } : {};
    switch (error.status) {
      case 400:
      case 422:
        return new FerryError('bad_input', `${doing} on ${where} was refused: ${upstream}`, { ...param, cause: error });
      case 401:
        return new FerryError(
          'unauthorized',
          `${doing}: ${where} rejected the key (${upstream}). Test the connection and re-enter its key.`,
          { cause: error },
        );
      case 403:
        return new FerryError('unauthorized', `${doing}: ${where} refused (403): ${upstream}`, { cause: error });
      case 404:
        return new FerryError('not_found', `${doing}: not found on ${where} (${upstream}).`, { cause: error });
      case 409:
        return new FerryError('conflict', `${doing} on ${where} conflicted with another change: ${upstream}`, {
          cause: error,
        });
      case 429:
        return new FerryError(
          'rate_limited',
          `${doing}: ${where} kept rate limiting Ferry (${upstream}). Try again later.`,
          { cause: error },
        );
      default:
        return new FerryError('upstream', `${doing}: ${where} answered ${error.status} (${upstream}).`, {
          cause: error,
        });
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return new FerryError('internal', `${doing} failed: ${message}`, { cause: error });
}

export function isNotFound(error: unknown): boolean {
  return error instanceof OpenAI.APIError && error.status === 404;
}

/** A delete that finds nothing to delete has reached its goal; answers whether it deleted anything. */
export async function goneIsFine(deletion: Promise<unknown>): Promise<boolean> {
  try {
    await deletion;
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
