import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { StalledError } from '../../../../electron/core/connections/idle-clock.ts';
import { FerryError } from '../../../../electron/core/errors.ts';
import { goneIsFine, isNotFound, toFerryError } from '../../../../electron/core/openai/api-errors.ts';

const DOING = 'Creating the assistant "Helper"';
const WHERE = 'Acme Staging';

/** An SDK error as the SDK makes it from an HTTP answer: the status, the API's `{ error }` body, headers. */
function apiError(status: number, message: string, param?: string): ReturnType<typeof OpenAI.APIError.generate> {
  const body = { error: { message, type: 'invalid_request_error', param: param ?? null } };
  return OpenAI.APIError.generate(status, body, undefined, new Headers());
}

describe('toFerryError: an SDK failure as an error an admin can act on', () => {
  it.each([
    [400, 'bad_input', 'was refused: Invalid model'],
    [422, 'bad_input', 'was refused: Invalid model'],
    [401, 'unauthorized', 'rejected the key'],
    [403, 'unauthorized', 'refused (403)'],
    [404, 'not_found', 'not found on Acme Staging'],
    [409, 'conflict', 'conflicted with another change'],
    [429, 'rate_limited', 'kept rate limiting Ferry'],
    [500, 'upstream', 'answered 500'],
    [503, 'upstream', 'answered 503'],
  ] as const)('a %d becomes %s, saying what Ferry was doing and where', (status, code, says) => {
    const error = toFerryError(apiError(status, 'Invalid model'), DOING, WHERE);
    expect(error).toBeInstanceOf(FerryError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(DOING);
    expect(error.message).toContain(says);
    // The upstream message is kept, without the status the SDK puts in front of it.
    expect(error.message).toContain('Invalid model');
    expect(error.message).not.toContain(`${status} Invalid`);
    expect(error.cause).toBeInstanceOf(OpenAI.APIError);
  });

  it('names the parameter a 400 names, so a form can mark the field', () => {
    expect(toFerryError(apiError(400, "Unknown parameter: 'tools[0].x'.", 'tools[0].x'), DOING, WHERE).field).toBe(
      'tools[0].x',
    );
    expect(toFerryError(apiError(400, 'Bad request.'), DOING, WHERE).field).toBeUndefined();
    // Only a refusal of the input names a field: a 404's param is not the admin's to fix.
    expect(toFerryError(apiError(404, 'No such file.', 'file_id'), DOING, WHERE).field).toBeUndefined();
  });

  it('says a cancel was a cancel, and a timeout a timeout, not a failure of the server', () => {
    const cancelled = toFerryError(new OpenAI.APIUserAbortError(), DOING, WHERE);
    expect([cancelled.code, cancelled.message]).toEqual(['upstream', `${DOING} was cancelled.`]);
    const timedOut = toFerryError(new OpenAI.APIConnectionTimeoutError(), DOING, WHERE);
    expect(timedOut.code).toBe('unreachable');
    expect(timedOut.message).toBe(`${DOING} on ${WHERE} timed out. The server may be overloaded; try again.`);
  });

  it('explains a stalled transfer from the StalledError in the cause chain, not as a bare connection error', () => {
    const stalled = new StalledError(30_000, 'sending');
    const wrapped = new OpenAI.APIConnectionError({ message: 'Connection error.', cause: stalled });
    const error = toFerryError(wrapped, DOING, WHERE);
    expect(error.code).toBe('unreachable');
    expect(error.message).toContain(`${DOING} on ${WHERE} stalled: ${stalled.message}`);
    expect(error.message).toContain('proxy or firewall');
  });

  it('sends a connection failure to the Base URL and the network', () => {
    const error = toFerryError(
      new OpenAI.APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNREFUSED') }),
      DOING,
      WHERE,
    );
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(`${DOING}: could not reach ${WHERE}. Check the connection's Base URL and your network.`);
  });

  it('keeps a FerryError as it is, and makes anything else an internal error with its message', () => {
    const own = new FerryError('bad_input', 'Name is required.', { field: 'name' });
    expect(toFerryError(own, DOING, WHERE)).toBe(own);
    const internal = toFerryError(new TypeError('x is undefined'), DOING, WHERE);
    expect([internal.code, internal.message]).toEqual(['internal', `${DOING} failed: x is undefined`]);
    expect(toFerryError('a string', DOING, WHERE).message).toBe(`${DOING} failed: a string`);
  });
});

describe('goneIsFine: a delete that finds nothing has reached its goal', () => {
  it('answers true for a delete that deleted, false for a 404, and throws anything else', async () => {
    expect(await goneIsFine(Promise.resolve({ deleted: true }))).toBe(true);
    expect(await goneIsFine(Promise.reject(apiError(404, 'No such vector store.')))).toBe(false);
    const refused = apiError(403, 'Forbidden.');
    await expect(goneIsFine(Promise.reject(refused))).rejects.toBe(refused);
    await expect(goneIsFine(Promise.reject(new Error('reset')))).rejects.toThrow('reset');
  });

  it('isNotFound holds for an SDK 404 only', () => {
    expect(isNotFound(apiError(404, 'gone'))).toBe(true);
    expect(isNotFound(apiError(400, 'bad'))).toBe(false);
    expect(isNotFound(new FerryError('not_found', 'gone'))).toBe(false);
  });
});
