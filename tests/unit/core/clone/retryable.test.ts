import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { failurePatch, retryCanHelp } from '../../../../electron/core/clone/execution-context.ts';
import { FerryError } from '../../../../electron/core/errors.ts';
import { toFerryError } from '../../../../electron/core/openai/api-errors.ts';

const apiError = (status: number, message = 'Refused.') =>
  OpenAI.APIError.generate(status, { error: { message, type: 'invalid_request_error' } }, message, new Headers());

describe('retryCanHelp', () => {
  it('is false for a refusal the same request meets again: invalid input, or what it names is gone', () => {
    expect(retryCanHelp(toFerryError(apiError(400), 'Uploading', 'Staging'))).toBe(false);
    expect(retryCanHelp(toFerryError(apiError(422), 'Uploading', 'Staging'))).toBe(false);
    expect(retryCanHelp(toFerryError(apiError(404), 'Reading', 'Production'))).toBe(false);
    // Raw SDK errors are judged the same way.
    expect(retryCanHelp(apiError(400))).toBe(false);
  });

  it('is true for what can pass: server errors, rate limits, transport, a key fixed in Connections, Ferry’s own disk', () => {
    for (const status of [500, 502, 503, 429, 408, 409, 401, 403])
      expect(retryCanHelp(toFerryError(apiError(status), 'Uploading', 'Staging')), `HTTP ${status}`).toBe(true);
    expect(retryCanHelp(new OpenAI.APIConnectionError({ message: 'reset' }))).toBe(true);
    expect(retryCanHelp(new FerryError('storage', 'The disk is full.'))).toBe(true);
    expect(retryCanHelp(new Error('Something unexpected.'))).toBe(true);
  });
});

describe('failurePatch', () => {
  it('says in words why retrying cannot help, and marks the item so no Retry is offered', () => {
    const patch = failurePatch(
      new FerryError('not_found', 'Reading the parsed text of file f1: not found on "Acme Production".'),
    );
    expect(patch).toEqual({
      state: 'failed',
      retryable: false,
      error:
        'Reading the parsed text of file f1: not found on "Acme Production". Retrying cannot help: what this step needs is no longer there. Plan the clone again from what exists now.',
    });
    expect(failurePatch(new FerryError('unreachable', 'Could not reach Staging.'))).toEqual({
      state: 'failed',
      retryable: true,
      error: 'Could not reach Staging.',
    });
  });
});
