import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { ApiError, badRequest } from './errors.ts';

/** JSON bodies are small (a 2000-file batch is ~100 KB); anything past this is a client bug. */
const maxJsonBytes = 8 * 1024 * 1024;

/** A handler's answer; the server turns it into bytes, or drops it when a lost-response fault fires. */
export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; stream: Readable; contentType: string; length?: number; headers?: Record<string, string> };

export function ok(json: unknown): Reply {
  return { status: 200, json };
}

/** Reads a JSON object body. An empty body is an empty object, as the API treats it. */
export async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxJsonBytes) throw new ApiError(413, `Request body too large: more than ${maxJsonBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('body', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

/** Drains a body the route does not read, so keep-alive connections stay usable. */
export async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request) {
    // discard
  }
}

/** Rejects body fields the operation does not accept, as OpenAI does ("Unrecognized request argument"). */
export function rejectUnknown(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key))
      throw badRequest(key, `Unrecognized request argument supplied: ${key}`, 'unknown_parameter');
  }
}

export function optionalString(
  body: Record<string, unknown>,
  name: string,
  maxLength?: number,
): string | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') {
    throw badRequest(
      name,
      `Invalid type for '${name}': expected a string, but got ${describeType(value)} instead.`,
      'invalid_type',
    );
  }
  if (maxLength !== undefined && value.length > maxLength) {
    throw badRequest(
      name,
      `Invalid '${name}': string too long. Expected a string with maximum length ${maxLength}, but got a string with length ${value.length} instead.`,
      'string_above_max_length',
    );
  }
  return value;
}

export function optionalNumber(
  body: Record<string, unknown>,
  name: string,
  min: number,
  max: number,
): number | null | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badRequest(
      name,
      `Invalid type for '${name}': expected a number, but got ${describeType(value)} instead.`,
      'invalid_type',
    );
  }
  if (value < min)
    throw badRequest(
      name,
      `Invalid '${name}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      'decimal_below_min_value',
    );
  if (value > max)
    throw badRequest(
      name,
      `Invalid '${name}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      'decimal_above_max_value',
    );
  return value;
}

export function integerParam(raw: unknown, name: string, min: number, max: number): number {
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw badRequest(
      name,
      `Invalid type for '${name}': expected an integer, but got ${describeType(raw)} instead.`,
      'invalid_type',
    );
  }
  if (value < min)
    throw badRequest(
      name,
      `Invalid '${name}': integer below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
      'integer_below_min_value',
    );
  if (value > max)
    throw badRequest(
      name,
      `Invalid '${name}': integer above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
      'integer_above_max_value',
    );
  return value;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a decimal';
  if (typeof value === 'boolean') return 'a boolean';
  return 'an object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
