import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * Validates sandbox answers against OpenAI's own OpenAPI document (../shared/openai-openapi, never
 * copied into the repo). Tests route the SDK's fetch through `validatingFetch`, so every JSON answer a
 * test receives is checked against its operation's schema: 2xx against the response schema, errors
 * against ErrorResponse.
 */

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');

/**
 * The spec lives beside the repository, in `shared/openai-openapi/` of the folder that holds it. A
 * checkout may sit deeper (a worktree in wt/NAME), so every folder above the repository is tried.
 */
function findSpec(): string {
  const relative = join('shared', 'openai-openapi', 'openapi.yaml');
  for (let dir = dirname(repoRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return resolve(repoRoot, '..', relative);
  }
}

export const specPath = process.env.FERRY_OPENAPI_SPEC ?? findSpec();
export const specAvailable = existsSync(specPath);

/** In CI a missing spec is a broken setup, never a reason to validate nothing. */
export function requireSpecInCi(
  env: NodeJS.ProcessEnv = process.env,
  available = specAvailable,
  path = specPath,
): void {
  if (!available && env.CI === 'true') {
    throw new Error(
      `CI=true but the OpenAPI spec is missing at ${path}: every sandbox answer would go unchecked. Check out openai-openapi beside the repository (shared/openai-openapi/openapi.yaml) or set FERRY_OPENAPI_SPEC.`,
    );
  }
}

type Json = Record<string, unknown>;

/**
 * The spec, parsed. Parsing its 3 MB of YAML takes seconds of CPU, and every test file that validates
 * would pay them again (each runs in a fresh module graph), so the parse is kept as JSON under
 * node_modules/.cache, named by the YAML's hash: an edited spec is parsed afresh. Written to a temporary
 * name and renamed, so parallel workers never read half a file.
 */
export function readSpec(path: string, cacheDir = join(repoRoot, 'node_modules', '.cache', 'ferry-openapi')): Json {
  const text = readFileSync(path, 'utf8');
  const cached = join(cacheDir, `${createHash('sha256').update(text).digest('hex')}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as Json;
  const spec = parse(text) as Json;
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${cached}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(spec));
  renameSync(partial, cached);
  return spec;
}

interface Operation {
  method: string;
  regex: RegExp;
  template: string;
  responseRef: unknown;
  /** The JSON request body's schema, when the operation takes one. */
  requestRef: unknown;
}

/** The spec is 3.1 but still carries 3.0's `nullable: true` in places (Upload.file, UpdateVectorStoreRequest); read it as 3.0 meant it. */
function normalizeNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeNullable);
  if (typeof node !== 'object' || node === null) return node;
  const object = node as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(object)) out[key] = normalizeNullable(value);
  if (Array.isArray(out.allOf) && (out.allOf as Json[]).some((entry) => entry.nullable === true)) {
    const rest = (out.allOf as Json[]).filter((entry) => entry.nullable !== true);
    delete out.allOf;
    return { ...out, anyOf: [{ allOf: rest }, { type: 'null' }] };
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export class SpecValidator {
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  private constructor(spec: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, discriminator: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    for (const format of ['unixtime', 'binary', 'int64', 'int32', 'float', 'double']) this.ajv.addFormat(format, true);
    this.ajv.addSchema({ $id: 'openapi', components: normalizeNullable(spec.components) }, 'openapi');
    const rewrite = (node: unknown): unknown =>
      JSON.parse(JSON.stringify(node).replaceAll('"#/components/', '"openapi#/components/'));
    for (const [template, item] of Object.entries(spec.paths as Record<string, Json>)) {
      for (const [method, op] of Object.entries(item)) {
        const responses = (op as Json).responses as Record<string, Json> | undefined;
        if (!responses) continue;
        const ok = responses['200'] ?? responses['201'];
        const content = ok?.content as Record<string, { schema?: unknown }> | undefined;
        const schema = content?.['application/json']?.schema;
        const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        const requestContent = ((op as Json).requestBody as Json | undefined)?.content as
          Record<string, { schema?: unknown }> | undefined;
        const requestSchema = requestContent?.['application/json']?.schema;
        this.operations.push({
          method: method.toUpperCase(),
          regex,
          template,
          responseRef: schema === undefined ? undefined : rewrite(schema),
          requestRef: requestSchema === undefined ? undefined : rewrite(requestSchema),
        });
      }
    }
  }

  static load(): SpecValidator | null {
    if (!specAvailable) return null;
    return new SpecValidator(readSpec(specPath));
  }

  /** Problems with one JSON request body, empty when it conforms; `path` is relative to /v1. */
  validateRequest(method: string, path: string, body: unknown): string[] {
    if (predatesAgents(path)) return [];
    const operation = this.operations.find((candidate) => candidate.method === method && candidate.regex.test(path));
    if (!operation) return [`no operation in the spec for ${method} ${path}`];
    if (operation.requestRef === undefined) return [];
    const key = `request ${operation.method} ${operation.template}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(operation.requestRef as Json);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (error) =>
          `request ${method} ${path} ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
      );
  }

  /** Problems with one answer, empty when it conforms; `path` is relative to /v1. */
  validate(method: string, path: string, status: number, body: unknown): string[] {
    if (predatesAgents(path)) return [];
    const operation = this.operations.find((candidate) => candidate.method === method && candidate.regex.test(path));
    if (!operation) return [`no operation in the spec for ${method} ${path}`];
    const isError = status >= 400;
    if (!isError && operation.responseRef === undefined) return [];
    const key = isError ? 'error' : `${operation.method} ${operation.template}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(
        isError ? { $ref: 'openapi#/components/schemas/ErrorResponse' } : (operation.responseRef as Json),
      );
      this.compiled.set(key, validate);
    }
    if (validate(withKnownDeviations(body))) return [];
    return (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (error) =>
          `${method} ${path} (${status}) ${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
      );
  }
}

/**
 * The spec copy predates the Agents API (beta): /agents has no operation in it, so there is nothing to
 * check those calls against here; the SDK's types are their reference (sandbox/tests/agents.test.ts).
 */
function predatesAgents(path: string): boolean {
  return path === '/agents' || path.startsWith('/agents/') || path.startsWith('/agents?');
}

/**
 * Empty lists carry first_id/last_id null, as the real API answers, where the spec types them as plain
 * strings. Only that one known difference is bridged here; everything else must match the spec.
 */
function withKnownDeviations(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body;
  const object = body as Json;
  if (Array.isArray(object.data) && object.data.length === 0 && object.first_id === null && object.last_id === null) {
    return { ...object, first_id: '', last_id: '' };
  }
  return body;
}

let shared: SpecValidator | null | undefined;
export function sharedValidator(): SpecValidator | null {
  if (shared === undefined) {
    requireSpecInCi();
    shared = SpecValidator.load();
    if (!shared) console.log(`OpenAPI spec not found at ${specPath}: skipping response validation.`);
  }
  return shared;
}

/**
 * A fetch that validates every JSON answer from `baseUrl` and records the problems in `violations`. With
 * `requests`, JSON request bodies are checked too (for a client's own requests: the sandbox's tests send
 * invalid ones on purpose). `inner` is the fetch that really sends.
 */
export function validatingFetch(
  baseUrl: string,
  violations: string[],
  options: { requests?: boolean; inner?: typeof fetch } = {},
): typeof fetch {
  const validator = sharedValidator();
  const send = options.inner ?? fetch;
  return async (input, init) => {
    if (validator && options.requests && typeof init?.body === 'string') {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      const base = new URL(baseUrl);
      if (url.pathname.startsWith(base.pathname)) {
        const method = (init.method ?? 'GET').toUpperCase();
        violations.push(
          ...validator.validateRequest(
            method,
            url.pathname.slice(base.pathname.length),
            JSON.parse(init.body) as unknown,
          ),
        );
      }
    }
    const response = await send(input, init);
    if (!validator) return response;
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const base = new URL(baseUrl);
    if (!url.pathname.startsWith(base.pathname)) return response;
    if (!(response.headers.get('content-type') ?? '').includes('application/json')) return response;
    const body = (await response.clone().json()) as unknown;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    violations.push(...validator.validate(method, url.pathname.slice(base.pathname.length), response.status, body));
    return response;
  };
}
