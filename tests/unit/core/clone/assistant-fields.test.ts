import { describe, expect, it } from 'vitest';
import { assistantBody, diffAssistant, diffLinks } from '../../../../electron/core/clone/assistant-fields.ts';
import type { Assistant } from '../../../../electron/core/openai/assistants-api.ts';

const source = {
  id: 'asst_src',
  object: 'assistant',
  created_at: 1,
  name: 'Triage',
  description: null,
  model: 'gpt-4o',
  instructions: 'Help.',
  tools: [
    {
      type: 'function',
      function: { name: 'open_ticket', parameters: { type: 'object', properties: {} }, strict: null },
    },
  ],
  tool_resources: {},
  metadata: { team: 'support' },
  response_format: 'auto',
  temperature: null,
  top_p: null,
} as unknown as Assistant;

describe('diffAssistant', () => {
  it('finds an unchanged clone equal whatever the server fills in: defaults, key order, null members', () => {
    const { body } = assistantBody(source, 'gpt-4o');
    const clone = {
      id: 'asst_copy',
      object: 'assistant',
      created_at: 2,
      model: 'gpt-4o',
      name: 'Triage',
      instructions: 'Help.',
      // Key order differs, `strict` is absent instead of null, defaults are spelled out.
      tools: [{ function: { parameters: { properties: {}, type: 'object' }, name: 'open_ticket' }, type: 'function' }],
      metadata: { cloned_from: 'asst_src', team: 'support' },
      response_format: { type: 'text' },
      temperature: 1,
      top_p: 1,
      tool_resources: {},
    } as unknown as Assistant;
    expect(diffAssistant(body, clone)).toEqual([]);
  });

  it('still reports a real difference', () => {
    const { body } = assistantBody(source, 'gpt-4o');
    const clone = {
      ...source,
      id: 'asst_copy',
      instructions: 'Help more.',
      metadata: { cloned_from: 'asst_src', team: 'support' },
    } as unknown as Assistant;
    expect(diffAssistant(body, clone)).toEqual([{ field: 'instructions', source: 'Help.', destination: 'Help more.' }]);
  });
});

describe('diffLinks', () => {
  it('is empty when the clone points at the reused copies, and names the field otherwise', () => {
    const clone = {
      tool_resources: {
        code_interpreter: { file_ids: ['file_b', 'file_a'] },
        file_search: { vector_store_ids: ['vs_1'] },
      },
    } as unknown as Assistant;
    expect(diffLinks(clone, { codeInterpreter: ['file_a', 'file_b'], fileSearch: ['vs_1'] })).toEqual([]);
    expect(
      diffLinks(clone, { codeInterpreter: ['file_a', undefined], fileSearch: ['vs_1'] }).map((d) => d.field),
    ).toEqual(['tool_resources.code_interpreter.file_ids']);
  });
});
