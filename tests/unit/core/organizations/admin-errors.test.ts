import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../electron/core/errors.ts';
import {
  adminFailure,
  explainAdmin,
  NOT_ADMIN_KEY_MESSAGE,
} from '../../../../electron/core/organizations/admin-errors.ts';

const BASE = 'https://api.example.test/v1';
const KEY = 'sk-admin-abcdefghijklmnop1234';

/** An Admin API answer as the SDK throws it (OpenAI.APIError.generate picks the subclass by status). */
const apiError = (status: number, message: string, code: string | null = null) =>
  OpenAI.APIError.generate(
    status,
    { error: { message, type: 'invalid_request_error', code } },
    undefined,
    new Headers(),
  );

describe('explainAdmin', () => {
  it('tells a project key given as an admin key from a bad admin key', () => {
    const scope = apiError(401, `Missing scopes: api.management.read. Key ${KEY}`);
    expect(explainAdmin(scope, BASE)).toEqual({
      status: 401,
      problem: 'not_admin_key',
      message: NOT_ADMIN_KEY_MESSAGE,
    });
    expect(explainAdmin(apiError(401, 'You have insufficient permissions: missing scope'), BASE).problem).toBe(
      'not_admin_key',
    );
  });

  it("never echoes upstream's 401 text, which quotes the key", () => {
    const rejected = explainAdmin(apiError(401, `Incorrect API key provided: ${KEY}`), BASE);
    expect(rejected.problem).toBe('invalid_key');
    expect(rejected.status).toBe(401);
    expect(rejected.message).not.toContain(KEY);
    expect(rejected.message).toMatch(/admin key was rejected \(401\)/);
  });

  it('says a 404 means no Admin API at that Base URL, naming the path it asked', () => {
    const missing = explainAdmin(apiError(404, 'Not found'), BASE);
    expect(missing).toMatchObject({ status: 404, problem: 'unexpected_response' });
    expect(missing.message).toContain(`${BASE}/organization/projects does not exist there (404)`);
  });

  it("passes a 400's own message on (the request was wrong, not the key)", () => {
    const refused = explainAdmin(apiError(400, 'Project is archived and cannot be modified.'), BASE);
    expect(refused).toEqual({
      status: 400,
      problem: 'unexpected_response',
      message: 'The server refused the request: Project is archived and cannot be modified.',
    });
  });

  it("falls back to the connection test's words for other failures", () => {
    expect(explainAdmin(apiError(429, 'Slow down'), BASE).problem).toBe('rate_limited');
    expect(explainAdmin(apiError(503, 'Busy'), BASE).problem).toBe('server_error');
    expect(explainAdmin(new Error('not an API answer'), BASE).problem).toBe('unexpected_response');
    const unreachable = explainAdmin(new OpenAI.APIConnectionError({ message: 'Connection error.' }), BASE);
    expect(unreachable.problem).toBe('unreachable');
    expect(unreachable.message).toContain(BASE);
  });
});

describe('adminFailure', () => {
  it('throws a FerryError whose code follows the problem, saying what it could not do', () => {
    const cases: [unknown, string][] = [
      [apiError(401, 'missing scope api.management.read'), 'unauthorized'],
      [apiError(401, 'Incorrect API key provided'), 'unauthorized'],
      [apiError(429, 'Slow down'), 'rate_limited'],
      [apiError(500, 'Oops'), 'upstream'],
      [apiError(404, 'Not found'), 'upstream'],
      [new OpenAI.APIConnectionError({ message: 'Connection error.' }), 'unreachable'],
    ];
    for (const [error, code] of cases) {
      const failure = adminFailure(error, BASE, 'create the service account');
      expect(failure, String(error)).toBeInstanceOf(FerryError);
      expect(failure.code, String(error)).toBe(code);
      expect(failure.message).toMatch(/^Could not create the service account: /);
      expect(failure.cause).toBe(error);
    }
  });

  it('passes a FerryError through unchanged', () => {
    const original = new FerryError('bad_input', 'The project name is empty.', { field: 'project' });
    expect(adminFailure(original, BASE, 'open the project')).toBe(original);
  });
});
