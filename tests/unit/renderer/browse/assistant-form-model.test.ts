import { describe, expect, it } from 'vitest';
import { API_LIMITS as L } from '../../../../shared/api-limits.ts';
import type { AssistantView } from '../../../../shared/resources.ts';
import {
  changesBetween,
  fieldOfParam,
  toBody,
  valuesOf,
  type AssistantValues,
} from '../../../../renderer/src/browse/assistant-form-model.ts';

const assistant: AssistantView = {
  id: 'asst_1',
  object: 'assistant',
  created_at: 1,
  name: 'Helper',
  description: null,
  model: 'gpt-4o',
  instructions: 'Be brief.',
  tools: [
    { type: 'file_search', file_search: { max_num_results: 8 } },
    { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } },
  ],
  tool_resources: { file_search: { vector_store_ids: ['vs_1'] } },
  metadata: { team: 'support' },
  temperature: 1,
  top_p: 1,
  response_format: 'auto',
};

const errorsOf = (values: AssistantValues) => {
  const result = toBody(values);
  return 'errors' in result ? result.errors : {};
};

describe('the assistant form model', () => {
  it('reads an assistant into fields and back into the same body, so an untouched form changes nothing', () => {
    const values = valuesOf(assistant);
    expect(values.fileSearch).toBe(true);
    expect(values.maxNumResults).toBe('8');
    expect(values.functions).toHaveLength(1);
    const result = toBody(values);
    expect('body' in result && changesBetween(result.body, result.body)).toEqual([]);
    const edited = toBody({ ...values, name: 'Helper 2', temperature: '0.4' });
    expect('body' in result && 'body' in edited && changesBetween(result.body, edited.body)).toEqual([
      { field: 'name', label: 'Name', before: 'Helper', after: 'Helper 2' },
      { field: 'temperature', label: 'Temperature', before: '1', after: '0.4' },
    ]);
  });

  it.each<[string, (v: AssistantValues) => AssistantValues, string, RegExp]>([
    [
      `${L.metadataPairs + 1} metadata pairs`,
      (v) => ({
        ...v,
        metadata: Array.from({ length: L.metadataPairs + 1 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      }),
      'metadata',
      /at most 16 pairs; this has 17/,
    ],
    [
      'a 65-character key',
      (v) => ({ ...v, metadata: [{ key: 'k'.repeat(L.metadataKey + 1), value: 'v' }] }),
      'metadata',
      /65 characters; keys are at most 64/,
    ],
    [
      'a 513-character value',
      (v) => ({ ...v, metadata: [{ key: 'k', value: 'v'.repeat(L.metadataValue + 1) }] }),
      'metadata',
      /513 characters; values are at most 512/,
    ],
    [
      '129 tools',
      (v) => ({
        ...v,
        functions: Array.from({ length: 128 }, (_, i) => ({
          name: `f${i}`,
          description: '',
          strict: false,
          parameters: '{}',
        })),
      }),
      'tools',
      /at most 128 tools; this has 129/,
    ],
    [
      '21 files',
      (v) => ({ ...v, codeFileIds: Array.from({ length: 21 }, (_, i) => `file-${i}`) }),
      'codeFiles',
      /at most 20/,
    ],
    ['2 stores', (v) => ({ ...v, vectorStoreIds: ['vs_1', 'vs_2'] }), 'vectorStores', /at most 1 vector store/],
    ['temperature 2.5', (v) => ({ ...v, temperature: '2.5' }), 'temperature', /between 0 and 2/],
    [
      'an invalid schema',
      (v) => ({ ...v, functions: [{ ...v.functions[0]!, parameters: '{"type": "object", "required": "x"}' }] }),
      'function.0.parameters',
      /not a valid JSON Schema: at required/,
    ],
    [
      'a bad function name',
      (v) => ({ ...v, functions: [{ ...v.functions[0]!, name: 'no spaces' }] }),
      'function.0.name',
      /1 to 64/,
    ],
  ])('refuses %s at its field', (_name, change, field, message) => {
    expect(errorsOf(change(valuesOf(assistant)))[field]).toMatch(message);
  });

  it("puts the server's refusal at the field its param names", () => {
    const values = valuesOf(assistant);
    expect(fieldOfParam('tools[1].function.parameters', values)).toBe('function.0.parameters');
    expect(fieldOfParam('tool_resources.code_interpreter.file_ids[3]', values)).toBe('codeFiles');
    expect(fieldOfParam('metadata.k', values)).toBe('metadata');
    expect(fieldOfParam('temperature', values)).toBe('temperature');
    expect(fieldOfParam(undefined, values)).toBe('form');
  });
});
