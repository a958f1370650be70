import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../../electron/core/dispatch.ts';
import { createDispatch } from '../../../electron/core/dispatch.ts';

/** Handlers for one method; the dispatch only ever looks up the method it is asked for. */
const only = (handlers: Partial<Handlers>) => handlers as Handlers;
const quiet = { log() {} };

describe('dispatch checks its own answers when asked (FERRY_CHECK_RESULTS under test)', () => {
  const wrong = only({ 'jobs.list': async () => [{ id: 42 }] as never });

  it('refuses a result its contract does not allow, as an internal error naming the method', async () => {
    const logged: string[] = [];
    const log = (_level: string, message: string, fields?: { error?: unknown }) =>
      logged.push(`${message}: ${String(fields?.error)}`);
    const dispatch = createDispatch(wrong, { log }, { checkResults: true });
    const outcome = await dispatch('jobs.list', {});
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('internal');
    expect(logged.join('\n')).toMatch(/jobs\.list with a result its contract does not allow/);
  });

  it('passes a valid result through unchanged, and checks nothing when not asked', async () => {
    const dispatch = createDispatch(only({ 'jobs.list': async () => [] }), quiet, { checkResults: true });
    expect(await dispatch('jobs.list', {})).toEqual({ ok: true, result: [] });
    expect(await createDispatch(wrong, quiet)('jobs.list', {})).toEqual({ ok: true, result: [{ id: 42 }] });
  });
});
