import { describe, expect, it } from 'vitest';
import { ingestFailureInWords, ingestRetryHelps } from '../../../shared/ingest-errors.ts';

describe('ingestRetryHelps', () => {
  it('offers Retry for the server’s failures and a cancelled ingestion, not for the file’s own', () => {
    expect(ingestRetryHelps('failed', { code: 'server_error', message: 'Boom.' })).toBe(true);
    expect(ingestRetryHelps('failed', { code: 'rate_limit_exceeded', message: 'Busy.' })).toBe(true);
    expect(ingestRetryHelps('cancelled', null)).toBe(true);
    expect(ingestRetryHelps('failed', null)).toBe(true);
    expect(ingestRetryHelps('failed', { code: 'some_new_code', message: '?' })).toBe(true);
    expect(
      ingestRetryHelps('failed', {
        code: 'unsupported_file',
        message: 'The file type .csv is not supported for retrieval.',
      }),
    ).toBe(false);
    expect(ingestRetryHelps('failed', { code: 'invalid_file', message: 'The file is empty.' })).toBe(false);
    expect(ingestRetryHelps('completed', null)).toBe(false);
    expect(ingestRetryHelps('in_progress', null)).toBe(false);
  });
});

describe('ingestFailureInWords', () => {
  it('says what happened, the server’s words, and what to do when retrying cannot help', () => {
    expect(
      ingestFailureInWords('failed', {
        code: 'unsupported_file',
        message: 'The file type .csv is not supported for retrieval.',
      }),
    ).toBe(
      'This file type cannot be searched: The file type .csv is not supported for retrieval. Retrying cannot help: file search reads text formats (such as .md, .txt, .pdf, .docx or .json). Upload the content in one of those instead.',
    );
    expect(ingestFailureInWords('failed', { code: 'server_error', message: 'Boom.' })).toBe(
      'The server failed while indexing it: Boom.',
    );
    expect(ingestFailureInWords('failed', { code: 'odd', message: 'Odd.' })).toBe('Odd.');
    expect(ingestFailureInWords('cancelled', null)).toBe('Ingestion was cancelled before it finished.');
    expect(ingestFailureInWords('failed', null)).toBe('Ingestion failed; the server gave no reason.');
    expect(ingestFailureInWords('completed', null)).toBeNull();
  });
});
