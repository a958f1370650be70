import { describe, expect, it } from 'vitest';
import {
  batchChunking,
  CHUNKING_OTHER_NOTE,
  plannedChunking,
  sameChunking,
} from '../../../../electron/core/clone/chunking.ts';
import { OUTPUT_PURPOSES, uploadPurposeOf } from '../../../../shared/file-purposes.ts';

describe('chunking a clone may carry', () => {
  const fixed = { type: 'static', static: { max_chunk_size_tokens: 400, chunk_overlap_tokens: 100 } };

  it('plans the response-only "other" as auto, with the note; keeps what a batch accepts', () => {
    expect(plannedChunking({ type: 'other' })).toEqual({
      chunkingStrategy: { type: 'auto' },
      note: CHUNKING_OTHER_NOTE,
    });
    expect(plannedChunking(fixed)).toEqual({ chunkingStrategy: fixed });
    expect(plannedChunking(undefined)).toEqual({ chunkingStrategy: null });
    // A plan saved before the rule still holds "other": the batch never sends it.
    expect(batchChunking({ type: 'other' })).toEqual({ type: 'auto' });
  });

  it('verify takes what auto became for "other", and compares the rest exactly', () => {
    expect(
      sameChunking(
        { type: 'other' },
        { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
      ),
    ).toBe(true);
    expect(sameChunking({ type: 'other' }, { type: 'other' })).toBe(false);
    expect(sameChunking(fixed, structuredClone(fixed))).toBe(true);
    expect(
      sameChunking(fixed, { type: 'static', static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } }),
    ).toBe(false);
  });
});

describe('the purpose a copy is uploaded with', () => {
  it("is assistants for every output purpose, and the file's own otherwise", () => {
    for (const purpose of OUTPUT_PURPOSES) expect(uploadPurposeOf(purpose)).toBe('assistants');
    for (const purpose of ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'])
      expect(uploadPurposeOf(purpose)).toBe(purpose);
  });
});
