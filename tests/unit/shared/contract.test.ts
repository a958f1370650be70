import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, methodNames } from '../../../shared/api.ts';
import { createCore, type Core } from '../../../electron/core/core.ts';

let home: string;
let core: Core;
beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'ferry-contract-'));
  core = await createCore({ stateDir: home, shell: 'cli', keychain: null });
});
afterAll(async () => {
  await core.dispose();
  rmSync(home, { recursive: true, force: true });
});

const validKey = { kind: 'keychain', key: 'sk-test-0123456789abcdef' } as const;

describe('the contract rejects bad params with a message naming the field', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['connections.add', { keySource: validKey }, 'name', /name: Name is required/],
    ['connections.add', { name: '   ', keySource: validKey }, 'name', /Name is required/],
    [
      'connections.add',
      { name: 'A', baseUrl: 'ftp://example.com', keySource: validKey },
      'baseUrl',
      /Base URL must be an http\(s\) URL/,
    ],
    ['connections.add', { name: 'A', organization: 'acme', keySource: validKey }, 'organization', /org-…/],
    ['connections.add', { name: 'A', project: 'p1', keySource: validKey }, 'project', /proj_…/],
    ['connections.add', { name: 'A', keySource: { kind: 'keychain', key: 'sk-1' } }, 'keySource.key', /too short/],
    [
      'connections.add',
      { name: 'A', keySource: { kind: 'keychain', key: 'sk-has space inside' } },
      'keySource.key',
      /spaces/,
    ],
    [
      'connections.add',
      { name: 'A', keySource: { kind: 'env', variable: '1BAD-NAME' } },
      'keySource.variable',
      /letters, digits and underscores/,
    ],
    ['connections.add', { name: 'A', keySource: { kind: 'vault' } }, 'keySource.kind', /keySource must be/],
    ['connections.add', { name: 'A', readOnly: 'yes', keySource: validKey }, 'readOnly', /readOnly/],
    ['connections.update', { patch: {} }, 'id', /id/],
    ['connections.update', { id: 'x', patch: { baseUrl: 'not a url' } }, 'patch.baseUrl', /Base URL/],
    ['connections.test', {}, 'id', /id/],
    ['connections.list', { unexpected: true }, '', /unexpected|Unrecognized/i],
  ];

  it.each(cases)('%s %j → field %s', async (method, params, field, message) => {
    const outcome = await core.dispatch(method, params);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('bad_input');
    expect(outcome.error.message).toMatch(message);
    if (field) {
      expect(outcome.error.field).toBe(field);
      expect(outcome.error.message).toContain(`${field}:`);
    }
  });

  it('rejects an unknown method by name', async () => {
    const outcome = await core.dispatch('connections.drop', {});
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'Unknown method "connections.drop".', field: 'method' },
    });
  });

  it('rejects a method name that is an Object prototype key', async () => {
    const outcome = await core.dispatch('toString', {});
    expect(outcome.ok).toBe(false);
  });

  it('nothing is written when params are rejected', async () => {
    await core.dispatch('connections.add', { name: 'Never', organization: 'bad', keySource: validKey });
    const list = await core.call('connections.list', {});
    expect(list.map((c) => c.name)).not.toContain('Never');
  });

  it('accepts valid params, applying defaults', async () => {
    const added = await core.call('connections.add', { name: 'Defaults', keySource: validKey });
    expect(added).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      readOnly: false,
      keyStatus: 'session',
      fingerprint: 'sk-…cdef',
    });
    expect(api['connections.list'].result.parse(await core.call('connections.list', {}))).toHaveLength(1);
  });

  it('documents every method with a params and a result schema', () => {
    for (const name of methodNames) {
      expect(api[name].params, name).toBeDefined();
      expect(api[name].result, name).toBeDefined();
    }
  });
});
