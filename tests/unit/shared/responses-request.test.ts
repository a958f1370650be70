import { describe, expect, it } from 'vitest';
import {
  carriedRequests,
  resolveResponsesRequest,
  responsesSnippet,
  responsesTemplate,
} from '../../../shared/responses-request.ts';

const assistant = {
  model: 'gpt-4o',
  instructions: 'Help.',
  tools: [
    { type: 'file_search', file_search: { max_num_results: 5 } },
    { type: 'code_interpreter' },
    { type: 'function', function: { name: 'f', parameters: {}, strict: true } },
  ],
  temperature: 0.3,
  top_p: 0.9,
  response_format: { type: 'json_schema', json_schema: { name: 'out', strict: true, schema: { type: 'object' } } },
};

describe('the Responses request that reproduces an assistant', () => {
  it('holds plan keys until the objects exist, then their ids; a missing one is named, never invented', () => {
    const template = responsesTemplate(assistant, 'gpt-4.1', ['vs:a'], ['file:b']);
    expect(template).toEqual({
      model: 'gpt-4.1',
      instructions: 'Help.',
      tools: [
        { type: 'file_search', vector_store_ids: ['vs:a'], max_num_results: 5 },
        { type: 'code_interpreter', container: { type: 'auto', file_ids: ['file:b'] } },
        { type: 'function', name: 'f', parameters: {}, strict: true },
      ],
      temperature: 0.3,
      top_p: 0.9,
      text: { format: { type: 'json_schema', name: 'out', strict: true, schema: { type: 'object' } } },
    });
    const resolved = resolveResponsesRequest(
      template,
      new Map([['vs:a', 'vs_new']]),
      new Map([['file:b', 'data.csv']]),
    );
    expect((resolved['tools'] as unknown[]).slice(0, 2)).toEqual([
      { type: 'file_search', vector_store_ids: ['vs_new'], max_num_results: 5 },
      { type: 'code_interpreter', container: { type: 'auto', file_ids: ['<id of the new copy of “data.csv”>'] } },
    ]);
    expect(responsesSnippet(resolved)).toMatch(
      /client\.responses\.create\(\{\n {2}"model": "gpt-4\.1",[\s\S]*\n {2}input: userMessage,\n\}\);/,
    );
  });

  it("takes the ids from a job's items, and none from items cleaned up", () => {
    const job = {
      items: [
        { key: 'vs:a', destinationId: 'vs_new' },
        { key: 'agent:asst_1', destinationId: 'agent_9', cleanedUp: true },
      ],
      carried: [
        {
          key: 'agent:asst_1',
          name: 'A',
          sourceId: 'asst_1',
          template: { model: 'm', tools: [{ type: 'file_search', vector_store_ids: ['vs:a'] }] },
          names: {},
        },
      ],
    } as never;
    expect(carriedRequests(job)).toEqual([
      {
        name: 'A',
        source: 'asst_1',
        request: { model: 'm', tools: [{ type: 'file_search', vector_store_ids: ['vs_new'] }] },
        typescript: expect.any(String),
      },
    ]);
  });
});
