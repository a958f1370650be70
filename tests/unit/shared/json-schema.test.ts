import { describe, expect, it } from 'vitest';
import { parseSchemaText, schemaProblem } from '../../../shared/json-schema.ts';

describe('schemaProblem', () => {
  it('accepts a function parameters object schema, and a non-object schema for a response format', () => {
    const parameters = {
      type: 'object',
      properties: { city: { type: 'string', enum: ['Paris', 'Oslo'] }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
      additionalProperties: false,
    };
    expect(schemaProblem(parameters, 'parameters')).toBeNull();
    expect(schemaProblem({}, 'parameters')).toBeNull();
    expect(schemaProblem({ type: 'array', items: { type: 'number' } }, 'schema')).toBeNull();
  });

  it('refuses what is not a JSON object, saying a JSON Schema is expected', () => {
    for (const value of [null, 'string', 42, [], [{ type: 'object' }]])
      expect(schemaProblem(value, 'schema')).toBe('The schema must be a JSON object (a JSON Schema).');
    expect(schemaProblem(undefined, 'parameters')).toBe('The parameters must be a JSON object (a JSON Schema).');
  });

  it('names the deepest place that is wrong, not the wrappers around it', () => {
    const problem = schemaProblem(
      { type: 'object', properties: { when: { anyOf: [{ type: 'strnig' }] } } },
      'parameters',
    );
    expect(problem).toMatch(/^The parameters are not a valid JSON Schema: at properties\/when\/anyOf\/0\/type, /);
    expect(problem).toMatch(/\.$/);
    expect(problem).not.toMatch(/\.\.$/);
  });

  it('names a wrong keyword of the schema itself by its name', () => {
    expect(schemaProblem({ type: 7 }, 'schema')).toMatch(/^The schema is not a valid JSON Schema: at type, /);
    expect(schemaProblem({ required: 'city' }, 'schema')).toMatch(/at required, /);
    expect(schemaProblem({ minimum: 'x' }, 'schema')).toMatch(/^The schema is not a valid JSON Schema: at /);
  });

  it('wants an object type for function parameters only', () => {
    expect(schemaProblem({ type: 'string' }, 'parameters')).toBe(
      'The parameters must be a schema of type "object" (got "string").',
    );
    expect(schemaProblem({ type: ['object', 'null'] }, 'parameters')).toBe(
      'The parameters must be a schema of type "object" (got ["object","null"]).',
    );
    expect(schemaProblem({ type: 'string' }, 'schema')).toBeNull();
  });

  it('gives the same answer when asked again (answers are remembered by the schema and its use)', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(schemaProblem({ type: 'object', properties: { a: { type: 'nope' } } }, 'parameters')).toMatch(
        /at properties\/a/,
      );
      expect(schemaProblem({ type: 'string' }, 'parameters')).toMatch(/type "object"/);
      expect(schemaProblem({ type: 'string' }, 'schema')).toBeNull();
    }
  });
});

describe('parseSchemaText', () => {
  it('answers the schema for valid schema text', () => {
    expect(parseSchemaText('{"type":"object","properties":{}}', 'parameters')).toEqual({
      schema: { type: 'object', properties: {} },
    });
  });

  it('says the text is not JSON, with the parser’s reason', () => {
    const result = parseSchemaText('{"type": "object",', 'parameters');
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toMatch(/^Not valid JSON: ./);
  });

  it('passes the schema’s problem on as its error', () => {
    expect(parseSchemaText('[1, 2]', 'schema')).toEqual({ error: 'The schema must be a JSON object (a JSON Schema).' });
    expect(parseSchemaText('{"type":"string"}', 'parameters')).toEqual({
      error: 'The parameters must be a schema of type "object" (got "string").',
    });
  });
});
