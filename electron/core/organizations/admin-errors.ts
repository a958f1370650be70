import OpenAI from 'openai';
import type { OrganizationTestResult } from '../../../shared/organization.ts';
import { FerryError } from '../errors.ts';
import { explain } from '../connections/connection-tester.ts';

type Failure = Extract<OrganizationTestResult, { ok: false }>;
export type AdminProblem = Omit<Failure, 'latencyMs' | 'ok'>;

export const NOT_ADMIN_KEY_MESSAGE =
  'This is a project key, not an admin key: it cannot list projects or create service accounts. Create an admin key (it starts with sk-admin-) in the OpenAI dashboard under Organization settings → Admin keys, and add the project key as an ordinary connection instead.';

/** An Admin API failure in words an admin can act on; upstream 401 texts are never echoed (they quote the key). */
export function explainAdmin(error: unknown, baseUrl: string): AdminProblem {
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const upstream = `${error.message ?? ''}`.toLowerCase();
    if (error.status === 401 && (upstream.includes('api.management') || upstream.includes('missing scope')))
      return { status: 401, problem: 'not_admin_key', message: NOT_ADMIN_KEY_MESSAGE };
    if (error.status === 401)
      return {
        status: 401,
        problem: 'invalid_key',
        message: 'The admin key was rejected (401). It may be mistyped, revoked or for another server: paste it again.',
      };
    if (error.status === 404)
      return {
        status: 404,
        problem: 'unexpected_response',
        message: `${baseUrl}/organization/projects does not exist there (404): the server does not serve the Admin API, or the Base URL does not end in /v1.`,
      };
    if (error.status === 400)
      return {
        status: 400,
        problem: 'unexpected_response',
        message: `The server refused the request: ${error.error && typeof error.error === 'object' && 'message' in error.error ? String((error.error as { message: unknown }).message) : error.message}`,
      };
  }
  const base = explain(error, baseUrl);
  const problem =
    base.problem === 'missing_scopes' || base.problem === 'not_found' ? 'unexpected_response' : base.problem;
  return { ...base, problem };
}

/** The same, thrown: for the steps of opening or removing a project, where the caller sees an error. */
export function adminFailure(error: unknown, baseUrl: string, doing: string): FerryError {
  if (error instanceof FerryError) return error;
  const { problem, message } = explainAdmin(error, baseUrl);
  const code =
    problem === 'unreachable'
      ? 'unreachable'
      : problem === 'invalid_key' || problem === 'not_admin_key' || problem === 'key_missing'
        ? 'unauthorized'
        : problem === 'rate_limited'
          ? 'rate_limited'
          : 'upstream';
  return new FerryError(code, `Could not ${doing}: ${message}`, { cause: error });
}
