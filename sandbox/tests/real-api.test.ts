import { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import type { SeedObject } from 'ferry-sandbox';
import { useSandbox } from './harness.ts';

/** What api.openai.com answers that a naive sandbox would not, each produced from a seed field or a control. */
const seed: SeedObject = {
  tenants: [
    {
      name: 'Real Org',
      organizationName: 'real-org-inc',
      refuseDownloadPurposes: ['vision'],
      models: ['gpt-4o'],
      files: [
        { ref: 'old', filename: 'indexed-2023.md', purpose: 'assistants', content: '# Old\nindexed long ago' },
        { ref: 'chart', filename: 'chart.csv', purpose: 'assistants_output', content: 'x,y\n1,2\n' },
        { ref: 'image', filename: 'diagram.png', purpose: 'vision', content: 'not really a png' },
        { ref: 'tune', filename: 'tune.jsonl', purpose: 'fine-tune', content: '{"messages":[]}\n' },
      ],
      vectorStores: [{ ref: 'legacy', name: 'Legacy', files: [{ file: 'old', chunking_strategy: { type: 'other' } }] }],
    },
    { name: 'Quiet Org', link: { rateLimitHeaders: false } },
  ],
};

describe('the sandbox answers as the real API does', () => {
  const h = useSandbox({ seed });

  it('holds files indexed before chunking strategies (type other), which batches refuse on input', async () => {
    const client = h.client('Real Org');
    const [store] = (await client.vectorStores.list()).data;
    const [file] = (await client.vectorStores.files.list(store!.id)).data;
    expect(file!.chunking_strategy).toEqual({ type: 'other' });
    const refused = await h.raw('Real Org', `/vector_stores/${store!.id}/file_batches`, {
      method: 'POST',
      json: { files: [{ file_id: file!.id, chunking_strategy: { type: 'other' } }] },
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.param).toBe('files[0].chunking_strategy.type');
  });

  it('accepts a batch with files[] and top-level attributes/chunking_strategy, ignoring the top-level ones', async () => {
    const client = h.client('Real Org');
    const store = await client.vectorStores.create({ name: 'Batch target' });
    const upload = await client.files.create({
      file: await toFile(Buffer.from('batch me'), 'b.md'),
      purpose: 'assistants',
    });
    const response = await h.raw('Real Org', `/vector_stores/${store.id}/file_batches`, {
      method: 'POST',
      json: {
        files: [{ file_id: upload.id, attributes: { kept: true } }],
        attributes: { ignored: true },
        chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
      },
    });
    expect(response.status).toBe(200);
    const attached = await client.vectorStores.files.retrieve(upload.id, { vector_store_id: store.id });
    expect(attached.attributes).toEqual({ kept: true });
    expect(attached.chunking_strategy).toEqual({
      type: 'static',
      static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 },
    });
  });

  it('downloads output-purpose files, but refuses uploads claiming those purposes', async () => {
    const client = h.client('Real Org');
    const chart = (await client.files.list()).data.find((f) => f.filename === 'chart.csv')!;
    expect(await (await client.files.content(chart.id)).text()).toBe('x,y\n1,2\n');
    for (const purpose of ['assistants_output', 'batch_output', 'fine-tune-results']) {
      const refused = await client.files
        .create({ file: await toFile(Buffer.from('x'), 'x.csv'), purpose: purpose as 'assistants' })
        .catch((e: unknown) => e);
      expect(refused, purpose).toMatchObject({ status: 400, param: 'purpose' });
    }
  });

  it('refuses downloads for extra purposes with param null, and /uploads for purposes outside the spec', async () => {
    const files = (await h.client('Real Org').files.list()).data;
    const image = files.find((f) => f.purpose === 'vision')!;
    const refused = await h.raw('Real Org', `/files/${image.id}/content`);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toEqual({
      message: 'Not allowed to download files of purpose: vision',
      type: 'invalid_request_error',
      param: null,
      code: null,
    });
    // fine-tune is not refused here; the control adds it at run time.
    const tune = files.find((f) => f.purpose === 'fine-tune')!;
    expect((await h.raw('Real Org', `/files/${tune.id}/content`)).status).toBe(200);
    h.sandbox.control.setRefusedDownloads('Real Org', ['fine-tune']);
    expect((await h.raw('Real Org', `/files/${tune.id}/content`)).status).toBe(400);
    h.sandbox.control.setRefusedDownloads('Real Org', ['vision']);
    for (const purpose of ['user_data', 'evals']) {
      const upload = await h.raw('Real Org', '/uploads', {
        method: 'POST',
        json: { filename: 'a.txt', purpose, bytes: 10, mime_type: 'text/plain' },
      });
      expect(upload.status, purpose).toBe(400);
      expect((await upload.json()).error.param).toBe('purpose');
    }
  });

  it('refuses an unknown ranker, in vector-store search and on an assistant', async () => {
    const client = h.client('Real Org');
    const [store] = (await client.vectorStores.list()).data.filter((s) => s.name === 'Legacy');
    const search = await h.raw('Real Org', `/vector_stores/${store!.id}/search`, {
      method: 'POST',
      json: { query: 'old', ranking_options: { ranker: 'bogus' } },
    });
    expect(search.status).toBe(400);
    expect((await search.json()).error.param).toBe('ranking_options.ranker');
    const ok = await h.raw('Real Org', `/vector_stores/${store!.id}/search`, {
      method: 'POST',
      json: { query: 'old', ranking_options: { ranker: 'default-2024-11-15', score_threshold: 0 } },
    });
    expect(ok.status).toBe(200);
    const assistant = await h.raw('Real Org', '/assistants', {
      method: 'POST',
      json: {
        model: 'gpt-4o',
        tools: [{ type: 'file_search', file_search: { ranking_options: { ranker: 'bogus', score_threshold: 0.5 } } }],
      },
    });
    expect(assistant.status).toBe(400);
    expect((await assistant.json()).error.param).toBe('tools[0].file_search.ranking_options.ranker');
  });

  it("answers the org's name in openai-organization", async () => {
    const response = await h.raw('Real Org', '/models');
    expect(response.headers.get('openai-organization')).toBe('real-org-inc');
  });

  it('sends no x-ratelimit headers where the link says so (per tenant, per route), and counts requests in flight', async () => {
    const quiet = await h.raw('Quiet Org', '/files');
    expect([...quiet.headers.keys()].filter((k) => k.startsWith('x-ratelimit-'))).toEqual([]);
    const loud = await h.raw('Real Org', '/files');
    expect(loud.headers.get('x-ratelimit-limit-requests')).toBe('10000');
    h.sandbox.control.setLink({ routesWithoutRateLimitHeaders: ['GET /v1/files'] }, 'Real Org');
    try {
      expect((await h.raw('Real Org', '/files')).headers.get('x-ratelimit-limit-requests')).toBeNull();
      expect((await h.raw('Real Org', '/models')).headers.get('x-ratelimit-limit-requests')).toBe('10000');
    } finally {
      h.sandbox.control.clearLink('Real Org');
    }

    h.sandbox.control.clearRequestCounts();
    // Held until the fifth arrives, the five are in flight together however busy the CPU (a latency only
    // made their overlap likely).
    h.sandbox.control.holdRequests('Quiet Org', 5);
    try {
      await Promise.all(Array.from({ length: 5 }, () => h.raw('Quiet Org', '/models')));
    } finally {
      h.sandbox.control.clearFaults('Quiet Org');
    }
    expect(h.sandbox.control.inFlight('Quiet Org')).toEqual({
      now: 0,
      max: 5,
      maxBeforeFirstSuccess: 5,
      succeeded: true,
    });
  });
});
