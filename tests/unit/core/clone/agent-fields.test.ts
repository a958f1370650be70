import { describe, expect, it } from 'vitest';
import { agentBodyFromAssistant, CARRIED_FIELDS, diffAgent } from '../../../../electron/core/clone/agent-fields.ts';

const assistant = {
  id: 'asst_1',
  object: 'assistant',
  created_at: 1,
  name: 'Refunds',
  description: 'Decides refunds.',
  model: 'gpt-4o',
  instructions: '  Keep this verbatim.\n',
  tools: [
    { type: 'file_search' },
    {
      type: 'function',
      function: {
        name: 'refund',
        description: 'Refund.',
        strict: true,
        parameters: { type: 'object', properties: { n: { type: 'string' } } },
      },
    },
  ],
  tool_resources: {},
  metadata: { team: 'support' },
  temperature: 0.2,
  top_p: 1,
  reasoning_effort: 'high',
  response_format: { type: 'json_schema', json_schema: { name: 'decision', strict: true, schema: { type: 'object' } } },
} as never;

describe('an assistant as an agent', () => {
  it('keeps every field that has a home and lists the rest with where it went', () => {
    const { body, markerAdded, notCarried } = agentBodyFromAssistant(assistant, 'gpt-4.1', ['KB'], []);
    expect(markerAdded).toBe(true);
    expect(body).toEqual({
      model: 'gpt-4.1',
      name: 'Refunds',
      instructions: '  Keep this verbatim.\n',
      metadata: { team: 'support', cloned_from: 'asst_1' },
      tools: [
        {
          type: 'function',
          name: 'refund',
          description: 'Refund.',
          parameters: { type: 'object', properties: { n: { type: 'string' } } },
        },
      ],
      reasoning: { effort: 'high' },
      text: { format: { type: 'json_schema', schema: { type: 'object' } } },
    });
    expect(notCarried.map((n) => n.field)).toEqual([
      'tools.file_search',
      'tools.refund.strict',
      'response_format.json_schema',
      'temperature',
      'description',
    ]);
    expect(notCarried[0]?.where).toBe('the Responses request, on the recreated vector store “KB”');
    // top_p 1 is the default everywhere: nothing is lost, so nothing is listed.
    expect(notCarried.some((n) => n.field === 'top_p')).toBe(false);
  });

  it('compares an existing agent as the API fills it in: defaults and nulls are no difference', () => {
    const { body } = agentBodyFromAssistant(assistant, 'gpt-4.1', [], []);
    const existing = {
      ...body,
      id: 'agent_1',
      tools: [{ ...(body['tools'] as object[])[0], defer_loading: false }],
      reasoning: { effort: 'high', summary: null },
      text: { format: { type: 'json_schema', schema: { type: 'object' } }, verbosity: 'medium' },
    } as never;
    expect(diffAgent(body, existing, CARRIED_FIELDS)).toEqual([]);
    expect(
      diffAgent(body, { ...(existing as object), instructions: 'Keep this verbatim.' } as never, CARRIED_FIELDS),
    ).toEqual([{ field: 'instructions', source: '  Keep this verbatim.\n', destination: 'Keep this verbatim.' }]);
  });
});
