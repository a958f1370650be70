import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../../electron/core/logging/logger.ts';
import { Redactor } from '../../../../electron/core/logging/redactor.ts';

describe('Redactor', () => {
  it('replaces a remembered key of any shape with its fingerprint', () => {
    const redactor = new Redactor();
    redactor.remember('proxy-token-XYZ987654');
    expect(redactor.redact('auth with proxy-token-XYZ987654 failed')).toBe('auth with …7654 failed');
  });

  it('replaces anything shaped like an OpenAI key, remembered or not', () => {
    const redactor = new Redactor();
    expect(redactor.redact('Incorrect API key provided: sk-proj-abcdefgh12345678.')).toBe(
      'Incorrect API key provided: sk-…5678.',
    );
  });

  it('leaves ordinary text alone', () => {
    expect(new Redactor().redact('sk- is a prefix; ask-me-anything')).toBe('sk- is a prefix; ask-me-anything');
  });
});

describe('file logger', () => {
  it('never writes a key, even one passed inside fields or errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ferry-log-'));
    try {
      const redactor = new Redactor();
      const key = 'sk-live-0123456789abcdefghij';
      redactor.remember(key);
      const logger = createFileLogger(join(dir, 'logs', 'ferry.log'), redactor);
      logger.log('error', `call with ${key}`, { header: `Bearer ${key}`, error: new Error(`bad key ${key}`) });
      await logger.flush?.();
      const text = readFileSync(join(dir, 'logs', 'ferry.log'), 'utf8');
      expect(text).not.toContain(key);
      expect(text).toContain('sk-…ghij');
      expect(JSON.parse(text.trim())).toMatchObject({ level: 'error', message: 'call with sk-…ghij' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
