import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { DownloadPolicy, DownloadRefusedError } from '../../../../electron/core/openai/download-policy.ts';
import { uploadPurposeOf } from '../../../../shared/file-purposes.ts';

const DOING = 'Downloading "tuning.jsonl" from Acme Production';

/** The API's refusal as the SDK raises it: a 400 whose body names the purpose. */
function refusal(purpose: string, status = 400): Error {
  const body = {
    error: { message: `Not allowed to download files of purpose: ${purpose}`, type: 'invalid_request_error' },
  };
  return OpenAI.APIError.generate(status, body, undefined, new Headers());
}

describe('DownloadPolicy: which purposes a connection will not hand back', () => {
  it('refuses the two documented purposes up front, and nothing else until told', () => {
    const policy = new DownloadPolicy();
    expect(policy.refuses('assistants')).toBe(true);
    expect(policy.refuses('user_data')).toBe(true);
    expect(policy.refuses('batch')).toBe(false);
    expect(policy.refuses('fine-tune')).toBe(false);
    expect(policy.learned()).toEqual([]);
  });

  it('a source that hands back every purpose (a bundle folder) refuses none', () => {
    expect(new DownloadPolicy({ documented: false }).refuses('assistants')).toBe(false);
  });

  it('learns a purpose from a refusal, so the next plan takes the bytes from elsewhere at once', () => {
    const policy = new DownloadPolicy();
    const refused = policy.recognize(refusal('fine-tune'), DOING);
    expect(refused).toBeInstanceOf(DownloadRefusedError);
    expect(refused?.purpose).toBe('fine-tune');
    expect(refused?.code).toBe('bad_input');
    expect(refused?.field).toBe('purpose');
    expect(refused?.message).toBe(`${DOING}: the API answered "Not allowed to download files of purpose: fine-tune".`);
    expect(policy.refuses('fine-tune')).toBe(true);
    expect(policy.learned()).toEqual(['fine-tune']);
    // Learned for this connection only.
    expect(new DownloadPolicy().refuses('fine-tune')).toBe(false);
  });

  it('finds the refusal in a cause chain (the gateway wraps SDK errors) and trims the purpose', () => {
    const policy = new DownloadPolicy();
    const wrapped = new Error('Downloading failed', { cause: refusal(' evals ') });
    expect(policy.recognize(wrapped, DOING)?.purpose).toBe('evals');
    // A plain error saying so (a compatible server without the SDK's body) counts too.
    expect(policy.recognize(new Error('Not allowed to download files of purpose: vision'), DOING)?.purpose).toBe(
      'vision',
    );
  });

  it('ignores other failures: other messages, and the same words with another status', () => {
    const policy = new DownloadPolicy();
    expect(policy.recognize(new Error('socket hang up'), DOING)).toBeUndefined();
    expect(policy.recognize(refusal('batch', 500), DOING)).toBeUndefined();
    expect(policy.recognize('Not allowed to download files of purpose: batch', DOING)).toBeUndefined();
    expect(policy.learned()).toEqual([]);
    expect(policy.refuses('batch')).toBe(false);
  });
});

describe('uploadPurposeOf: the purpose a copy is uploaded with', () => {
  it('uploads output purposes as assistants and keeps the rest', () => {
    expect(['assistants_output', 'batch_output', 'fine-tune-results'].map(uploadPurposeOf)).toEqual([
      'assistants',
      'assistants',
      'assistants',
    ]);
    expect(['assistants', 'batch', 'fine-tune', 'user_data', 'vision'].map(uploadPurposeOf)).toEqual([
      'assistants',
      'batch',
      'fine-tune',
      'user_data',
      'vision',
    ]);
  });
});
