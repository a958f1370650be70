import { describe, expect, it } from 'vitest';
import { ConnectionInput, ConnectionPatch } from '../../../shared/connection.ts';

const keySource = { kind: 'env', variable: 'K' } as const;

describe('connection names that could spoof what Ferry prints', () => {
  it.each([
    ['an ANSI escape', 'Acme\u001b[2K\u001b[1GProduction'],
    ['a control character', 'Acme\u0007Staging'],
    ['a C1 control', 'Acme\u009bStaging'],
    ['a right-to-left override', 'Acme \u202Egnigats'],
    ['a bidi isolate', 'Acme \u2067Staging\u2069'],
    ['a line break inside', 'Acme\nProduction'],
  ])('refuses %s, naming the field and the fix', (_label, name) => {
    for (const schema of [ConnectionInput, ConnectionPatch]) {
      const parsed = schema.safeParse({ name, keySource });
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      expect(parsed.error.issues[0]!.path).toEqual(['name']);
      expect(parsed.error.issues[0]!.message).toMatch(
        /must not contain control characters, terminal escape codes or text-direction overrides/,
      );
    }
  });

  it('accepts ordinary names in any script', () => {
    for (const name of ['Acme Production', 'Ünïcode Labs', 'شركة', '東京 (staging)', "O'Brien & Co."]) {
      expect(ConnectionInput.safeParse({ name, keySource }).success).toBe(true);
    }
  });
});
